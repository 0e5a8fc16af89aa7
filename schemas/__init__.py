"""Pydantic models for every record that crosses a stage boundary, and their JSON Schemas."""

from schemas.models import (
    RECORD_COLUMNS,
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
    "RECORD_COLUMNS",
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
