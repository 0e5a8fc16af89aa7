"""Stage 6: everything about a document checked against the schema; what fails becomes quarantine."""

from __future__ import annotations

import traceback
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from schemas import RECORD_COLUMNS, ArchivedDocument, ErrorDetail, QuarantineRecord, SourceFile, Stage
from schemas.rows import Checked, Row, RowValidator
from zharchive.errors import ReadError, StageError, one_line


@dataclass(frozen=True)
class Stamp:
    """Who quarantined a file, and when."""

    run_id: str
    pipeline_version: str
    now: datetime


# Pydantic's message is kept in `errors`; `reason` says the same for a person reading quarantine.
_FRIENDLY: dict[tuple[str, str], str] = {
    ("body", "string_too_short"): "no article text is left after cleaning (only page chrome, or white space)",
    ("title", "string_too_short"): "the title is empty",
}


def _reason(errors: Sequence[Mapping[str, Any]]) -> str:
    parts = []
    for error in errors:
        field = ".".join(str(x) for x in error["loc"]) or "document"
        parts.append(_FRIENDLY.get((field, error["type"]), f"{field}: {error['msg']}"))
    return "; ".join(parts)


# The documents table's own validation (ArchivedDocument's fields, constraints and validator) over
# plain dicts, which it returns as dicts: the columnar path (schemas/rows.py says why and what it
# saves).
_DOCUMENT_ROWS = RowValidator(ArchivedDocument, RECORD_COLUMNS)


def validate_documents(rows: Sequence[Row]) -> Checked:
    """A batch of documents' values validated at once: the valid rows as dicts (what the archive
    stores) and each failed row's Pydantic error details (``loc`` as
    ``ArchivedDocument.model_validate`` gives it)."""
    return _DOCUMENT_ROWS.validate(rows)


def quarantine_for_errors(
    source: SourceFile, errors: Sequence[Mapping[str, Any]], *, stamp: Stamp
) -> QuarantineRecord:
    """A document that failed validation, with Pydantic's error details (``exc.errors()``, or a
    row's errors from ``validate_documents``)."""
    details = [
        ErrorDetail(loc=[str(x) for x in error["loc"]], msg=error["msg"], type=error["type"])
        for error in errors
    ]
    return _record(source, "validate", _reason(errors), details, stamp)


def quarantine_for_stage_error(source: SourceFile, exc: StageError, *, stamp: Stamp) -> QuarantineRecord:
    return _record(source, exc.stage, exc.reason, exc.details, stamp)


def quarantine_for_read_error(source_uri: str, exc: ReadError, *, stamp: Stamp) -> QuarantineRecord:
    return QuarantineRecord(
        source_uri=source_uri,
        raw_sha256=exc.raw_sha256,
        raw=None,
        size=exc.size,
        stage="read",
        reason=exc.reason,  # one line already (StageError)
        errors=exc.details,
        run_id=stamp.run_id,
        pipeline_version=stamp.pipeline_version,
        quarantined_at=stamp.now,
    )


def quarantine_for_bug(
    source: SourceFile, exc: BaseException, stage: Stage, *, stamp: Stamp
) -> QuarantineRecord:
    """A stage raised something it should not have: keep the file and the last frames of the traceback."""
    summary = "".join(traceback.format_exception(exc, limit=-3)).strip()
    reason = f"internal error in the {stage} stage: {type(exc).__name__}: {exc}"
    details = [ErrorDetail(loc=[stage], msg=summary, type=f"bug.{type(exc).__name__}")]
    return _record(source, stage, reason, details, stamp)


def _record(
    source: SourceFile,
    stage: Stage,
    reason: str,
    details: list[ErrorDetail],
    stamp: Stamp,
) -> QuarantineRecord:
    return QuarantineRecord(
        source_uri=source.source_uri,
        raw_sha256=source.raw_sha256,
        raw=source.raw,
        size=source.size,
        stage=stage,
        reason=one_line(reason),
        errors=details,
        run_id=stamp.run_id,
        pipeline_version=stamp.pipeline_version,
        quarantined_at=stamp.now,
    )
