"""What one batch task does, wherever it runs (a lean worker process, a thread, a Dask worker):
read, clean and stage its files, or re-clean archived bytes, and return counts, never documents.
"""

from __future__ import annotations

import functools
import os
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from schemas import Skipped, SourceFile
from zharchive.archive.location import ArchivePath, write_parquet
from zharchive.archive.resume import StagedBatch, adopt, inputs_digest, manifest_path, write_manifest
from zharchive.archive.staging import TABLES, BatchStager, staged_counts_file, staging_dir
from zharchive.errors import CleanError, ReadError, cannot_write
from zharchive.pipeline import BatchOutput, RunContext, process_batch, process_sources, seen_as
from zharchive.sites import batch_counts
from zharchive.sources import ArchivedReadFailure, source_uri
from zharchive.stages.read import read_source
from zharchive.stages.validate import Stamp, quarantine_for_read_error, quarantine_for_stage_error


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
    adopted_from: str | None = None  # the run that made its rows, when a stopped run's were adopted

    def to_json(self) -> dict[str, Any]:
        """What a batch's manifest keeps of it (``zharchive.archive.resume``)."""
        return {
            "files": self.files,
            "documents": self.documents,
            "quarantined": self.quarantined,
            "unchanged": self.unchanged,
            "stats": dict(self.stats),
            "quarantine_reasons": [list(reason) for reason in self.quarantine_reasons],
            "skipped": [skipped.model_dump() for skipped in self.skipped],
        }

    @classmethod
    def adopted(cls, batch: StagedBatch, *, index: int, seconds: float) -> BatchSummary:
        """The summary of ``batch``, adopted as batch ``index`` of this run."""
        kept = batch.summary
        return cls(
            index=index,
            files=int(kept["files"]),
            documents=int(kept["documents"]),
            quarantined=int(kept["quarantined"]),
            unchanged=int(kept["unchanged"]),
            seconds=seconds,
            stats=Counter({str(k): int(v) for k, v in kept["stats"].items()}),
            quarantine_reasons=[(str(u), str(s), str(r)) for u, s, r in kept["quarantine_reasons"]],
            skipped=[Skipped.model_validate(item) for item in kept["skipped"]],
            pid=os.getpid(),
            adopted_from=batch.run_id,
        )


def ingest_batch(
    index: int,
    paths: Sequence[str | Path],
    known: dict[str, str],
    context: RunContext,
    archive: ArchivePath,
    read_failures: dict[str, ArchivedReadFailure] | None = None,
    staged: StagedBatch | None = None,
    *,
    died: Mapping[str, str] | None = None,
    probe: bool = False,
) -> BatchSummary:
    """Read, clean and stage one batch of files; ``known``, ``read_failures``: see ``process_batch``.

    ``staged``: the same files' batch staged by a run that stopped before its commit; adopted
    (its rows staged again as this run's) when the files and what the archive knows of them are
    unchanged, else the batch is cleaned as usual (``zharchive.archive.resume``).

    ``died`` (given on a retry, ``zharchive.isolate``): files of the batch (path → how their worker
    died) that killed a worker process when processed alone: quarantined as ``worker_died`` with
    their bytes, not processed. ``probe``: do the work and stage nothing (a file alone, to see
    whether it kills)."""
    started = time.perf_counter()
    if probe:
        out = process_batch(paths, known=known, context=context, rows=_discard, read_failures=read_failures)
        return _summarise(index, len(paths), out, started)
    failures = read_failures or {}
    if staged is not None and died is None:
        seen = _look(paths, context.max_bytes)
        if _inputs(seen, known, failures, context) == staged.inputs:
            adopt(archive, staged, run_id=context.run_id, index=index)
            summary = BatchSummary.adopted(staged, index=index, seconds=time.perf_counter() - started)
            _record_inputs(archive, context.run_id, index, paths, staged.inputs, summary)
            return summary
    stager = BatchStager(archive, context.run_id, index)
    if died is not None:
        _unstage(archive, context.run_id, index)
    out = process_batch(
        paths, known=known, context=context, rows=stager.add_rows, read_failures=read_failures
    )
    if died:
        loaders = {path: functools.partial(read_source, path, max_bytes=context.max_bytes) for path in died}
        _quarantine_died(out, loaders, died, context)
    summary = _stage_and_summarise(index, len(paths) + len(died or ()), out, stager, started)
    if died is None:  # a batch retried without its culprits is made again by a resumed run
        inputs = _inputs(out.seen, known, failures, context)
        _record_inputs(archive, context.run_id, index, paths, inputs, summary)
    return summary


def _look(paths: Sequence[str | Path], max_bytes: int) -> dict[str, str]:
    """What a batch would see of its files now (``pipeline.seen_as``): each read and hashed, no
    more."""
    seen: dict[str, str] = {}
    for path in paths:
        try:
            source = read_source(path, max_bytes=max_bytes)
        except ReadError as exc:
            seen[source_uri(path)] = seen_as(exc)
        else:
            seen[source.source_uri] = seen_as(source)
    return seen


def _inputs(
    seen: Mapping[str, str],
    known: Mapping[str, str],
    failures: Mapping[str, ArchivedReadFailure],
    context: RunContext,
) -> str:
    return inputs_digest(
        seen=seen,
        known=known,
        read_failures=failures,
        # What a site is and the site profiles it read shape the bodies too (the profile's data
        # files are named anew by every run that changes it).
        versions=(
            context.pipeline_version,
            context.rules_version,
            context.schema_version,
            context.site_key,
            *sorted(str(f).rsplit("/", 1)[-1] for f in context.profile_files),
        ),
        max_bytes=context.max_bytes,
    )


def _record_inputs(
    archive: ArchivePath,
    run_id: str,
    index: int,
    paths: Sequence[str | Path],
    inputs: str,
    summary: BatchSummary,
) -> None:
    """The batch's manifest: after this, a run that stops before its commit leaves it adoptable."""
    uris = [source_uri(path) for path in paths]
    write_manifest(archive, run_id, index, uris=uris, inputs=inputs, summary=summary.to_json())


def reprocess_batch(
    index: int,
    uris: list[str],
    versions: tuple[int | None, int | None],
    context: RunContext,
    archive: ArchivePath,
    *,
    died: Mapping[str, str] | None = None,
    probe: bool = False,
) -> BatchSummary:
    """Re-clean archived files from their stored bytes (read at ``versions``) and stage them;
    ``died``, ``probe``: as for ``ingest_batch``, by source_uri."""
    from zharchive.archive.index import archived_sources  # deltalake: only in workers that reprocess

    started = time.perf_counter()
    sources = archived_sources(archive, uris, documents_version=versions[0], quarantine_version=versions[1])
    if probe:
        return _summarise(
            index,
            len(sources),
            process_sources(sources, context=context, rows=_discard, count_pages=False),
            started,
        )
    stager = BatchStager(archive, context.run_id, index)
    if died is not None:
        _unstage(archive, context.run_id, index)
    # The sites' profiles as they stand: these pages were counted when they were archived.
    out = process_sources(sources, context=context, rows=stager.add_rows, count_pages=False)
    files = len(sources)
    if died:
        held = archived_sources(
            archive, list(died), documents_version=versions[0], quarantine_version=versions[1]
        )
        _quarantine_died(out, {s.source_uri: functools.partial(_same, s) for s in held}, died, context)
        files += len(held)
    return _stage_and_summarise(index, files, out, stager, started)


def _unstage(archive: ArchivePath, run_id: str, index: int) -> None:
    """A retried batch (``died`` given): what its dead attempt may have staged goes, since the retry
    stages only the tables it has rows for."""
    manifest_path(archive, run_id, index).unlink(missing_ok=True)
    for table in TABLES:
        (staging_dir(archive, run_id) / table / f"batch-{index:06d}.parquet").unlink(missing_ok=True)
    staged_counts_file(archive, run_id, index).unlink(missing_ok=True)


def _same(source: SourceFile) -> SourceFile:
    return source


def _discard(rows: list[dict[str, Any]]) -> None:
    del rows


class WorkerDied(CleanError):
    """A file that killed its worker process when processed alone (``zharchive.isolate``)."""

    def __init__(self, how: str) -> None:
        super().__init__(
            f"its worker process died while this file was processed alone ({how}), after its batch "
            "had died the same way: not archived as a document; its bytes are kept here",
            error_type="worker_died",
        )


def _quarantine_died(
    out: BatchOutput,
    sources: Mapping[str, Callable[[], SourceFile]],
    died: Mapping[str, str],
    context: RunContext,
) -> None:
    """Quarantine rows for the files that killed a worker: their bytes, read again (cheap: no
    parsing), and how the worker died."""
    stamp = Stamp(context.run_id, context.pipeline_version, datetime.now(UTC))
    for key, load in sources.items():
        try:
            source = load()
        except ReadError as exc:
            out.quarantined.append(quarantine_for_read_error(source_uri(key), exc, stamp=stamp))
            out.stats["quarantine.read"] += 1
            continue
        out.quarantined.append(quarantine_for_stage_error(source, WorkerDied(died[key]), stamp=stamp))
        out.stats["quarantine.clean"] += 1


def _stage_and_summarise(
    index: int, files: int, out: BatchOutput, stager: BatchStager, started: float
) -> BatchSummary:
    stager.finish(out.quarantined)
    _stage_site_counts(stager.archive, stager.run_id, index, out)
    return _summarise(index, files, out, started)


def _stage_site_counts(archive: ArchivePath, run_id: str, index: int, out: BatchOutput) -> None:
    """The line counts of the pages the batch archived, by site, for the run's commit to add to
    ``ARCHIVE/sites`` (``zharchive.archive.sites``); none when it counted no page."""
    if not out.site_pages:
        return
    counts = batch_counts(out.site_pages)
    out.site_pages = []
    target = staged_counts_file(archive, run_id, index)
    with cannot_write(f"stage batch {index}'s site counts", target.parent):
        if isinstance(target, Path):
            partial = target.with_suffix(".parquet.partial")
            target.parent.mkdir(parents=True, exist_ok=True)
            pq.write_table(counts, partial, compression="zstd")
            partial.replace(target)
        else:  # one PUT on the store: whole or not there
            write_parquet(counts, target, compression="zstd")


def _summarise(index: int, files: int, out: BatchOutput, started: float) -> BatchSummary:
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
