"""Stage 6: everything about a document checked against the schema; what fails becomes quarantine."""

from __future__ import annotations

import traceback
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from pydantic import ValidationError

from flows.errors import ReadError, StageError
from schemas import ArchivedDocument, ErrorDetail, QuarantineRecord, SourceFile, Stage

# Pydantic's message is kept in `errors`; `reason` says the same for a person reading quarantine.
_FRIENDLY: dict[tuple[str, str], str] = {
    ("body", "string_too_short"): "no article text is left after cleaning (only page chrome, or white space)",
    ("title", "string_too_short"): "the title is empty",
}


def _reason(exc: ValidationError) -> str:
    parts = []
    for error in exc.errors():
        field = ".".join(str(x) for x in error["loc"]) or "document"
        parts.append(_FRIENDLY.get((field, error["type"]), f"{field}: {error['msg']}"))
    return "; ".join(parts)


def validate_document(values: Mapping[str, Any]) -> ArchivedDocument:
    """The document as the archive stores it; raises ``pydantic.ValidationError``."""
    return ArchivedDocument.model_validate(dict(values))


def quarantine_for_validation(
    source: SourceFile, exc: ValidationError, *, run_id: str, pipeline_version: str, now: datetime
) -> QuarantineRecord:
    details = [
        ErrorDetail(loc=[str(x) for x in error["loc"]], msg=error["msg"], type=error["type"])
        for error in exc.errors(include_url=False)
    ]
    return _record(source, "validate", _reason(exc), details, run_id, pipeline_version, now)


def quarantine_for_stage_error(
    source: SourceFile, exc: StageError, *, run_id: str, pipeline_version: str, now: datetime
) -> QuarantineRecord:
    return _record(source, exc.stage, exc.reason, exc.details, run_id, pipeline_version, now)


def quarantine_for_read_error(
    source_uri: str, exc: ReadError, *, run_id: str, pipeline_version: str, now: datetime
) -> QuarantineRecord:
    return QuarantineRecord(
        source_uri=source_uri,
        raw_sha256=exc.raw_sha256,
        raw=None,
        size=exc.size,
        stage="read",
        reason=exc.reason,
        errors=exc.details,
        run_id=run_id,
        pipeline_version=pipeline_version,
        quarantined_at=now,
    )


def quarantine_for_bug(
    source: SourceFile, exc: BaseException, stage: Stage, *, run_id: str, pipeline_version: str, now: datetime
) -> QuarantineRecord:
    """A stage raised something it should not have: keep the file and the last frames of the traceback."""
    summary = "".join(traceback.format_exception(exc, limit=-3)).strip()
    reason = f"internal error in the {stage} stage: {type(exc).__name__}: {exc}"
    details = [ErrorDetail(loc=[stage], msg=summary, type=f"bug.{type(exc).__name__}")]
    return _record(source, stage, reason, details, run_id, pipeline_version, now)


def _record(
    source: SourceFile,
    stage: Stage,
    reason: str,
    details: list[ErrorDetail],
    run_id: str,
    pipeline_version: str,
    now: datetime,
) -> QuarantineRecord:
    return QuarantineRecord(
        source_uri=source.source_uri,
        raw_sha256=source.raw_sha256,
        raw=source.raw,
        size=source.size,
        stage=stage,
        reason=reason,
        errors=details,
        run_id=run_id,
        pipeline_version=pipeline_version,
        quarantined_at=now,
    )
