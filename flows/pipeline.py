"""One batch of files through every stage: read → decode → clean → extract → validate.

Plain Python with no Prefect: ``flows.ingest`` wraps ``process_batch`` in a task. A file never
escapes a batch: it becomes an ``ArchivedDocument``, a ``QuarantineRecord`` (with the stage and a
reason), or is counted unchanged because the archive already holds its exact bytes.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from pydantic import ValidationError

from flows.clean import clean
from flows.decode import decode
from flows.errors import ReadError, StageError
from flows.extract import extract, restore_dates, script_of
from flows.page import to_page
from flows.read import DEFAULT_MAX_BYTES, read_source, source_uri
from flows.validate import (
    Stamp,
    quarantine_for_bug,
    quarantine_for_read_error,
    quarantine_for_stage_error,
    quarantine_for_validation,
    validate_document,
)
from schemas import SCHEMA_VERSION, ArchivedDocument, QuarantineRecord, SourceFile, Stage


@dataclass(frozen=True)
class RunContext:
    """What every record of a run is stamped with."""

    run_id: str
    pipeline_version: str
    rules_version: str
    schema_version: str = SCHEMA_VERSION
    max_bytes: int = DEFAULT_MAX_BYTES


@dataclass
class BatchOutput:
    documents: list[ArchivedDocument] = field(default_factory=list)
    quarantined: list[QuarantineRecord] = field(default_factory=list)
    unchanged: int = 0
    stats: Counter[str] = field(default_factory=Counter)


def doc_id(uri: str, raw_sha256: str) -> str:
    """Stable across runs and runners: the same file with the same bytes has the same id."""
    return hashlib.sha256(f"{uri}\n{raw_sha256}".encode()).hexdigest()[:20]


def build_document(
    source: SourceFile, context: RunContext, now: datetime, stats: Counter[str]
) -> ArchivedDocument:
    """Decode, clean, extract and validate one file. Raises StageError or ValidationError."""
    stage: Stage = "decode"
    try:
        decoded = decode(source.raw)
        stage = "clean"
        page = to_page(decoded.text, path=source.path)
        cleaned = clean(page.text)
        stage = "extract"
        metadata = extract(cleaned, hints=page.hints)
        restore_dates(cleaned, metadata)
        body = cleaned.body_text
        script, body_simplified = script_of(body)
    except StageError:
        raise
    except Exception as exc:
        raise _Bug(stage, exc) from exc
    stats[f"encoding.{decoded.encoding}"] += 1
    stats[f"method.{decoded.method}"] += 1
    stats.update(cleaned.stats)
    return validate_document(
        {
            "doc_id": doc_id(source.source_uri, source.raw_sha256),
            "source_uri": source.source_uri,
            "raw_sha256": source.raw_sha256,
            "raw": source.raw,
            "size": source.size,
            "encoding": decoded.encoding,
            "encoding_confidence": decoded.confidence,
            "encoding_method": decoded.method,
            "decode_flags": decoded.flags,
            "title": metadata.title,
            "published_at": metadata.published_at,
            "published_precision": metadata.published_precision,
            "publisher": metadata.publisher,
            "author": metadata.author,
            "editors": metadata.editors,
            "agency": metadata.agency,
            "doc_number": metadata.doc_number,
            "index_number": metadata.index_number,
            "script": script,
            "body": body,
            "body_simplified": body_simplified,
            "clean_flags": cleaned.flags,
            "removed": cleaned.removed,
            "repairs": cleaned.repairs,
            "run_id": context.run_id,
            "pipeline_version": context.pipeline_version,
            "rules_version": context.rules_version,
            "schema_version": context.schema_version,
            "ingested_at": now,
        }
    )


class _Bug(Exception):
    def __init__(self, stage: Stage, cause: BaseException) -> None:
        super().__init__(str(cause))
        self.stage = stage
        self.cause = cause


def process_batch(paths: Sequence[Path], *, known: Mapping[str, str], context: RunContext) -> BatchOutput:
    """Every file of the batch as a document, a quarantine record, or unchanged.

    ``known`` maps source_uri → raw_sha256 of what the archive already holds; a file whose bytes
    hash the same is skipped before decoding.
    """
    out = BatchOutput()
    now = datetime.now(UTC)
    stamp = Stamp(context.run_id, context.pipeline_version, now)
    for path in paths:
        try:
            source = read_source(path, max_bytes=context.max_bytes)
        except ReadError as exc:
            uri = source_uri(path)
            if exc.raw_sha256 is not None and known.get(uri) == exc.raw_sha256:
                out.unchanged += 1
                continue
            out.quarantined.append(quarantine_for_read_error(uri, exc, stamp=stamp))
            out.stats["quarantine.read"] += 1
            continue
        if known.get(source.source_uri) == source.raw_sha256:
            out.unchanged += 1
            continue
        try:
            out.documents.append(build_document(source, context, now, out.stats))
        except StageError as exc:
            out.quarantined.append(quarantine_for_stage_error(source, exc, stamp=stamp))
            out.stats[f"quarantine.{exc.stage}"] += 1
        except ValidationError as exc:
            out.quarantined.append(quarantine_for_validation(source, exc, stamp=stamp))
            out.stats["quarantine.validate"] += 1
        except _Bug as bug:
            out.quarantined.append(quarantine_for_bug(source, bug.cause, bug.stage, stamp=stamp))
            out.stats[f"quarantine.{bug.stage}"] += 1
    return out
