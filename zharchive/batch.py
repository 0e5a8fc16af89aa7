"""What one batch task does, wherever it runs (a lean worker process, a thread, a Dask worker):
read, clean and stage its files, or re-clean archived bytes, and return counts, never documents.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from schemas import Skipped
from zharchive.archive.staging import BatchStager
from zharchive.pipeline import BatchOutput, RunContext, process_batch, process_sources
from zharchive.sources import ArchivedReadFailure


@dataclass
class BatchSummary:
    """What a batch returns: counts, never documents."""

    index: int
    files: int
    documents: int
    quarantined: int
    unchanged: int
    seconds: float
    stats: Counter[str] = field(default_factory=Counter)
    quarantine_reasons: list[tuple[str, str, str]] = field(default_factory=list)  # (uri, stage, reason)
    skipped: list[Skipped] = field(default_factory=list)
    pid: int = 0  # the process that did the work


def ingest_batch(
    index: int,
    paths: Sequence[str | Path],
    known: dict[str, str],
    context: RunContext,
    archive: Path,
    read_failures: dict[str, ArchivedReadFailure] | None = None,
) -> BatchSummary:
    """Read, clean and stage one batch of files; ``known``, ``read_failures``: see ``process_batch``."""
    started = time.perf_counter()
    stager = BatchStager(archive, context.run_id, index)
    out = process_batch(paths, known=known, context=context, sink=stager.add, read_failures=read_failures)
    return _stage_and_summarise(index, len(paths), out, stager, started)


def reprocess_batch(
    index: int,
    uris: list[str],
    versions: tuple[int | None, int | None],
    context: RunContext,
    archive: Path,
) -> BatchSummary:
    """Re-clean archived files from their stored bytes (read at ``versions``) and stage them."""
    from zharchive.archive.index import archived_sources  # deltalake: only in workers that reprocess

    started = time.perf_counter()
    sources = archived_sources(archive, uris, documents_version=versions[0], quarantine_version=versions[1])
    stager = BatchStager(archive, context.run_id, index)
    out = process_sources(sources, context=context, sink=stager.add)
    return _stage_and_summarise(index, len(sources), out, stager, started)


def _stage_and_summarise(
    index: int, files: int, out: BatchOutput, stager: BatchStager, started: float
) -> BatchSummary:
    stager.finish(out.quarantined)
    return BatchSummary(
        index=index,
        files=files,
        documents=out.document_count,
        quarantined=len(out.quarantined),
        unchanged=out.unchanged,
        seconds=time.perf_counter() - started,
        stats=out.stats,
        quarantine_reasons=[(q.source_uri, q.stage, q.reason) for q in out.quarantined],
        skipped=out.skipped,
        pid=os.getpid(),
    )
