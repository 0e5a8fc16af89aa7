"""The Prefect flow: the pipeline's table of contents. All the work is in the plain modules it wraps.

Tasks work on batches of ~1,000 files (never one task per document: the server drops task runs
beyond a few thousand per flow). Retries only where there is IO to retry: discovery, the archive
look-up and the commits. A batch task stages its rows as Parquet and returns counts only, so the
flow holds no documents in memory and a Dask worker ships back a few numbers.
"""

# No `from __future__ import annotations` here: Prefect builds a Pydantic model of each flow's
# parameters from their annotations, and a deployment loads this file by path, where string
# annotations cannot be resolved ("Ingest_DeploymentModel is not fully defined").
import json
import os
import uuid
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, TypeVar

from prefect import flow, get_run_logger, task
from prefect.artifacts import (
    create_markdown_artifact,
    create_progress_artifact,
    create_table_artifact,
    update_progress_artifact,
)
from prefect.cache_policies import NONE
from prefect.futures import PrefectFuture, as_completed
from prefect.logging.handlers import APILogHandler
from prefect.runtime import flow_run
from prefect.settings import PREFECT_API_URL, temporary_settings
from prefect.task_runners import ProcessPoolTaskRunner, TaskRunner, ThreadPoolTaskRunner

from flows import PIPELINE_VERSION
from flows import progress as progress_events
from flows.archive import (
    CommitResult,
    Provenance,
    append_run,
    archive_lock,
    archived_sources,
    archived_uris,
    check_schema,
    commit_run,
    iter_counts,
    known_sources,
    stage_batch,
)
from flows.discover import DEFAULT_SUFFIXES, Discovery, discover, has_more_files_than
from flows.pipeline import BatchOutput, RunContext, process_batch, process_sources
from flows.read import DEFAULT_MAX_BYTES, source_uri
from flows.rules import load_rules
from schemas import SCHEMA_VERSION, RunRecord

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")

DEFAULT_BATCH_SIZE = 1000
MAX_QUARANTINE_WARNINGS = 20
MAX_QUARANTINE_TABLE_ROWS = 1000
Runner = Literal["auto", "threads", "processes", "dask"]
T = TypeVar("T")


@dataclass
class BatchSummary:
    """What a batch task returns: counts, never documents."""

    index: int
    files: int
    documents: int
    quarantined: int
    unchanged: int
    seconds: float
    stats: Counter[str] = field(default_factory=Counter)
    quarantine_reasons: list[tuple[str, str, str]] = field(default_factory=list)  # (uri, stage, reason)


@task(name="discover-files", retries=2, retry_delay_seconds=2, cache_policy=NONE)
def discover_files(sources: list[str], suffixes: tuple[str, ...]) -> Discovery:
    return discover(sources, suffixes=suffixes)


@task(name="load-archive-index", retries=2, retry_delay_seconds=2, cache_policy=NONE)
def load_archive_index(archive: Path) -> dict[str, str]:
    check_schema(archive)
    return known_sources(archive)


@task(name="process-batch", cache_policy=NONE)
def process_batch_task(
    index: int, paths: list[Path], known: dict[str, str], context: RunContext, archive: Path
) -> BatchSummary:
    started = datetime.now(UTC)
    out = process_batch(paths, known=known, context=context)
    return _stage_and_summarise(index, len(paths), out, archive, context.run_id, started, "batch")


@task(name="reprocess-batch", cache_policy=NONE)
def reprocess_batch_task(
    index: int, uris: list[str], versions: tuple[int | None, int | None], context: RunContext, archive: Path
) -> BatchSummary:
    """Re-clean archived files from their stored bytes with the current rules."""
    started = datetime.now(UTC)
    sources = archived_sources(archive, uris, documents_version=versions[0], quarantine_version=versions[1])
    out = process_sources(sources, context=context)
    return _stage_and_summarise(
        index, len(sources), out, archive, context.run_id, started, "reprocessed batch"
    )


def _stage_and_summarise(
    index: int, files: int, out: BatchOutput, archive: Path, run_id: str, started: datetime, what: str
) -> BatchSummary:
    """Stage a batch's rows for the run's commit; log one line; return its counts."""
    stage_batch(archive, run_id, index, out.documents, out.quarantined)
    seconds = (datetime.now(UTC) - started).total_seconds()
    get_run_logger().info(
        "%s %d: %d files, %d documents, %d quarantined, %d unchanged in %.2fs",
        what,
        index,
        files,
        len(out.documents),
        len(out.quarantined),
        out.unchanged,
        seconds,
    )
    return BatchSummary(
        index=index,
        files=files,
        documents=len(out.documents),
        quarantined=len(out.quarantined),
        unchanged=out.unchanged,
        seconds=seconds,
        stats=out.stats,
        quarantine_reasons=[(q.source_uri, q.stage, q.reason) for q in out.quarantined],
    )


@task(name="commit-archive", retries=2, retry_delay_seconds=2, cache_policy=NONE)
def commit_archive(archive: Path, provenance: Provenance) -> CommitResult:
    return commit_run(archive, provenance)


@task(name="record-run", retries=2, retry_delay_seconds=2, cache_policy=NONE)
def record_run(archive: Path, run: RunRecord, provenance: Provenance) -> int:
    return append_run(archive, run, provenance)


def _batches(items: Sequence[T], size: int) -> list[list[T]]:
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def _counts(stats: Counter[str], prefix: str) -> list[dict[str, Any]]:
    return iter_counts((k.removeprefix(prefix), v) for k, v in stats.items() if k.startswith(prefix))


def _summary_markdown(run: RunRecord, stats: Counter[str]) -> str:
    def rows(counts: Sequence[Any], limit: int = 15) -> str:
        ordered = sorted(counts, key=lambda c: -c.count)[:limit]
        return "\n".join(f"| `{c.key}` | {c.count} |" for c in ordered) or "| — | 0 |"

    return f"""# zharchive run `{run.run_id}`

| | |
| --- | --- |
| archive | `{run.archive}` |
| files | {run.input_files} |
| documents written | {run.documents_written} |
| quarantined | {run.quarantined} |
| unchanged | {run.unchanged} |
| skipped paths | {len(run.skipped)} |
| documents version | {run.documents_version if run.documents_version is not None else "no change"} |
| quarantine version | {run.quarantine_version if run.quarantine_version is not None else "no change"} |
| rules version | `{run.rules_version}` |

## Encodings
| encoding | files |
| --- | --- |
{rows(run.encodings)}

## Decode methods
| method | files |
| --- | --- |
{rows(run.decode_methods)}

## Rules fired (top 15)
| rule | lines removed |
| --- | --- |
{rows(run.rules_fired)}

## Quarantine by stage
| stage | files |
| --- | --- |
{rows(run.quarantine_stages)}
"""


@flow(name="zharchive-ingest", log_prints=False)
def ingest(
    sources: list[str],
    archive: str = "archive",
    batch_size: int = DEFAULT_BATCH_SIZE,
    max_bytes: int = DEFAULT_MAX_BYTES,
    suffixes: tuple[str, ...] = DEFAULT_SUFFIXES,
    reprocess: bool = False,
) -> RunRecord:
    """Ingest every file under ``sources`` into the Delta archive at ``archive``; one commit per table.

    ``reprocess``: ignore ``sources`` and re-clean every archived file from its stored bytes with the
    current rules, as one upsert (the old text stays reachable by time travel).
    """
    logger = get_run_logger()
    started_at = datetime.now(UTC)
    archive_path = Path(archive).resolve()
    rules = load_rules()
    flow_run_id = str(flow_run.id) if flow_run.id else None
    # A retry of the same flow run keeps its run id, so its commits are recognised and not repeated.
    scheduled = flow_run.scheduled_start_time or started_at
    run_id = f"{scheduled:%Y%m%dT%H%M%SZ}-{(flow_run_id or uuid.uuid4().hex).replace('-', '')[:8]}"
    context = RunContext(
        run_id=run_id, pipeline_version=PIPELINE_VERSION, rules_version=rules.version, max_bytes=max_bytes
    )
    provenance = Provenance(run_id, flow_run_id, PIPELINE_VERSION, rules.version, SCHEMA_VERSION)
    logger.info("run %s: %s → %s (rules %s)", run_id, ", ".join(sources), archive_path, rules.version)

    with archive_lock(archive_path, run_id=run_id):
        progress = create_progress_artifact(progress=0.0, description=f"zharchive run {run_id}: batches done")
        assert isinstance(progress, uuid.UUID)  # the sync API inside a sync flow
        futures: list[PrefectFuture[BatchSummary]]
        if reprocess:
            uris, documents_version, quarantine_version = archived_uris(archive_path)
            found = Discovery(files=[], skipped=[])
            batches: list[list[Any]] = _batches(uris, batch_size)
            futures = [
                reprocess_batch_task.submit(
                    index, batch, (documents_version, quarantine_version), context, archive_path
                )
                for index, batch in enumerate(batches)
            ]
        else:
            found = discover_files(sources, suffixes)
            known = load_archive_index(archive_path)
            batches = _batches(found.files, batch_size)
            futures = [
                process_batch_task.submit(
                    index,
                    batch,
                    {u: known[u] for u in map(source_uri, batch) if u in known},
                    context,
                    archive_path,
                )
                for index, batch in enumerate(batches)
            ]
        summaries: list[BatchSummary] = []
        for future in as_completed(futures):
            summaries.append(future.result())
            update_progress_artifact(progress, progress=100.0 * len(summaries) / len(batches))
            progress_events.batch_done(len(summaries), len(batches), summaries[-1].files)
        if not batches:
            update_progress_artifact(progress, progress=100.0)
        committed = commit_archive(archive_path, provenance)

        stats: Counter[str] = Counter()
        for summary in summaries:
            stats.update(summary.stats)
        reasons = sorted(r for s in summaries for r in s.quarantine_reasons)
        for uri, stage, reason in reasons[:MAX_QUARANTINE_WARNINGS]:
            logger.warning("quarantined at %s: %s — %s", stage, uri, reason)
        if len(reasons) > MAX_QUARANTINE_WARNINGS:
            logger.warning("... and %d more quarantined files", len(reasons) - MAX_QUARANTINE_WARNINGS)

        run = RunRecord.model_validate(
            {
                "run_id": run_id,
                "flow_run_id": flow_run_id,
                "started_at": started_at,
                "finished_at": datetime.now(UTC),
                "sources": [str(Path(s).resolve()) for s in sources],
                "archive": str(archive_path),
                "parameters": json.dumps(
                    {
                        "batch_size": batch_size,
                        "max_bytes": max_bytes,
                        "suffixes": list(suffixes),
                        "reprocess": reprocess,
                    },
                    sort_keys=True,
                ),
                "input_files": sum(summary.files for summary in summaries),
                "documents_written": sum(s.documents for s in summaries),
                "quarantined": sum(s.quarantined for s in summaries),
                "unchanged": sum(s.unchanged for s in summaries),
                "skipped": found.skipped,
                "documents_version": committed.documents_version,
                "quarantine_version": committed.quarantine_version,
                "added_files": committed.added_files,
                "encodings": _counts(stats, "encoding."),
                "decode_methods": _counts(stats, "method."),
                "rules_fired": _counts(stats, "removed."),
                "quarantine_stages": _counts(stats, "quarantine."),
                "pipeline_version": PIPELINE_VERSION,
                "rules_version": rules.version,
                "schema_version": SCHEMA_VERSION,
            }
        )
        record_run(archive_path, run, provenance)

    create_markdown_artifact(
        key="zharchive-run-summary", markdown=_summary_markdown(run, stats), description=f"run {run_id}"
    )
    if reasons:
        create_table_artifact(
            key="zharchive-quarantined",
            table=[
                {"source_uri": u, "stage": s, "reason": r} for u, s, r in reasons[:MAX_QUARANTINE_TABLE_ROWS]
            ],
            description=f"files quarantined by run {run_id} (first {MAX_QUARANTINE_TABLE_ROWS})",
        )
    logger.info(
        "run %s done: %d files, %d documents, %d quarantined, %d unchanged; documents v%s, quarantine v%s",
        run_id,
        run.input_files,
        run.documents_written,
        run.quarantined,
        run.unchanged,
        run.documents_version,
        run.quarantine_version,
    )
    return run


def task_runner(
    runner: Runner,
    *,
    workers: int | None = None,
    dask_address: str | None = None,
    more_than_one_batch: bool = False,
) -> TaskRunner[Any]:
    """The engine the batch tasks run on.

    ``auto``: threads for a single batch (no process start-up to pay), a process pool over every core
    otherwise (cleaning is CPU-bound Python; threads would share one core). ``dask``: the cluster at
    ``dask_address``, or a local cluster of ``workers`` processes.
    """
    if runner == "dask" or dask_address:
        from prefect_dask.task_runners import DaskTaskRunner

        if dask_address:
            return DaskTaskRunner(address=dask_address)
        return DaskTaskRunner(
            cluster_kwargs={
                "n_workers": workers or os.cpu_count() or 1,
                "threads_per_worker": 1,
                "processes": True,
            }
        )
    if runner == "threads" or (runner == "auto" and not more_than_one_batch):
        return ThreadPoolTaskRunner(max_workers=workers or 4)
    return ProcessPoolTaskRunner(max_workers=workers or os.cpu_count() or 1)


def run_ingest(
    sources: list[str],
    archive: str,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    max_bytes: int = DEFAULT_MAX_BYTES,
    runner: Runner = "auto",
    workers: int | None = None,
    dask_address: str | None = None,
    reprocess: bool = False,
) -> RunRecord:
    """Run the flow on the chosen engine (what the CLI and deployments call)."""
    many = False
    if runner == "auto" and not dask_address:
        # Only "one batch or more?" matters here: the walk stops as soon as that is known.
        if reprocess:
            many = len(archived_uris(Path(archive))[0]) > batch_size
        else:
            many = has_more_files_than(sources, batch_size)
    engine = task_runner(runner, workers=workers, dask_address=dask_address, more_than_one_batch=many)
    configured = ingest.with_options(task_runner=engine)
    with one_prefect_api():
        return configured(
            sources=sources, archive=archive, batch_size=batch_size, max_bytes=max_bytes, reprocess=reprocess
        )


@contextmanager
def one_prefect_api(startup_timeout: int = 120) -> Iterator[str]:
    """Make every process of the run (pool or local Dask workers) report to one Prefect API.

    Worker processes read PREFECT_API_URL from their environment; without it each would start a
    temporary server of its own (seconds of start-up and hundreds of MB each). With no server
    configured, start one temporary server for the whole run.
    """
    # Here, not at the top: importing the server app costs seconds and ~80 MiB, and every process
    # that imports flows.ingest (each ProcessPoolTaskRunner worker) would pay it.
    from prefect.server.api.server import SubprocessASGIServer

    configured = PREFECT_API_URL.value()
    server: SubprocessASGIServer | None = None
    if not configured:
        server = SubprocessASGIServer()
        server.start(timeout=startup_timeout)
        configured = server.api_url
    previous = os.environ.get("PREFECT_API_URL")
    os.environ["PREFECT_API_URL"] = configured
    try:
        with temporary_settings({PREFECT_API_URL: configured}):
            yield configured
    finally:
        if previous is None:
            os.environ.pop("PREFECT_API_URL", None)
        else:
            os.environ["PREFECT_API_URL"] = previous
        if server is not None:
            # Send the run's last log lines while the server is still there to take them.
            APILogHandler().flush()
            server.stop()


@flow(name="zharchive", log_prints=False)
def ingest_deployment(
    sources: list[str],
    archive: str = "archive",
    batch_size: int = DEFAULT_BATCH_SIZE,
    max_bytes: int = DEFAULT_MAX_BYTES,
    runner: Runner = "auto",
    workers: int | None = None,
    dask_address: str | None = None,
    reprocess: bool = False,
) -> RunRecord:
    """The scheduled entry point (prefect.yaml, ``zharchive serve``): picks the engine, then runs
    ``zharchive-ingest`` as a subflow on it — a flow cannot choose its own task runner at run time."""
    return run_ingest(
        sources,
        archive,
        batch_size=batch_size,
        max_bytes=max_bytes,
        runner=runner,
        workers=workers,
        dask_address=dask_address,
        reprocess=reprocess,
    )
