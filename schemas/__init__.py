"""Pydantic models for every record that crosses a stage boundary, and their JSON Schemas."""

from schemas.models import (
    SCHEMA_VERSION,
    AddedFile,
    ArchivedDocument,
    Count,
    DecodeMethod,
    DecodeResult,
    ErrorDetail,
    QuarantineRecord,
    RemovedLine,
    Repair,
    RunRecord,
    Skipped,
    SourceFile,
    Stage,
)

__all__ = [
    "SCHEMA_VERSION",
    "AddedFile",
    "ArchivedDocument",
    "Count",
    "DecodeMethod",
    "DecodeResult",
    "ErrorDetail",
    "QuarantineRecord",
    "RemovedLine",
    "Repair",
    "RunRecord",
    "Skipped",
    "SourceFile",
    "Stage",
]
