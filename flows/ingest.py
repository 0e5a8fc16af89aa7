"""The Prefect flow: the pipeline's table of contents. All the work is in ``zharchive``, which it wraps.

Tasks work on batches of ~1,000 files (never one task per document: the server drops task runs
beyond a few thousand per flow). Retries only where there is IO to retry: planning (the source walk
and the archive index), the commit and the run's row. A batch task stages its rows as Parquet and
returns counts only, so the flow holds no documents in memory and a worker ships back a few numbers.
"""

# No `from __future__ import annotations` here: Prefect builds a Pydantic model of each flow's
# parameters from their annotations, and a deployment loads this file by path, where string
# annotations cannot be resolved ("Ingest_DeploymentModel is not fully defined").
import logging
import os
import uuid
from contextlib import ExitStack
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Annotated, Any

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NONE
from prefect.futures import PrefectFuture, as_completed
from prefect.logging.handlers import PrefectConsoleHandler
from prefect.runtime import flow_run
from prefect.states import Cancelled, Failed
from pydantic import Field

from flows.artifacts import BatchProgress, publish_run
from flows.server import one_prefect_api
from flows.task_runner import Runner, release_worker_processes, run_batch, task_runner, use_worker_processes
from schemas import SCHEMA_VERSION, RunRecord
from zharchive import pipeline_version
from zharchive import progress as progress_events
from zharchive.archive.commit import CommitResult, Provenance, Settled, commit_run
from zharchive.archive.location import ArchivePath, parse_archive
from zharchive.archive.lock import ArchiveBusyError, archive_lock, still_held
from zharchive.archive.resume import StagedBatch, staged_batches
from zharchive.archive.runs import append_run
from zharchive.batch import BatchSummary, ingest_batch, reprocess_batch
from zharchive.budgets import WORKER_MEMORY_LIMIT
from zharchive.errors import ArchiveError, ArchiveWriteError, RunInterrupted, ZharchiveError
from zharchive.objects import StorePath
from zharchive.pipeline import RunContext
from zharchive.plan import DEFAULT_BATCH_SIZE, IngestPlan, ReprocessPlan, plan_ingest, plan_reprocess
from zharchive.report import RunTotals, run_record
from zharchive.rules import load_rules
from zharchive.sites import DEFAULT_SITE_KEY, SiteKey
from zharchive.sources import ArchivedReadFailure, source_uri
from zharchive.stages.discover import DEFAULT_SUFFIXES
from zharchive.stages.read import DEFAULT_MAX_BYTES

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")


def _without_empty_traceback(record: logging.LogRecord) -> bool:
    """Prefect logs a task that returned a Failed state with ``exc_info=True`` though no exception
    is being handled, which prints ``NoneType: None`` under the line: the one-line refusals of a
    full disk (``_refused``) are said without it."""
    if record.exc_info is not None and record.exc_info[0] is None:
        record.exc_info = None
    return True


logging.getLogger("prefect.task_runs").addFilter(_without_empty_traceback)

MAX_QUARANTINE_WARNINGS = 20
INTERRUPTED = (
    "interrupted (Ctrl-C): the tables stay at their last committed version; the batches this run "
    "finished stay staged, and the next ingest of the same sources adopts them"
)
# Bounds of the flows' parameters: Prefect checks them before a run starts (a deployment's
# parameters come from a form or a schedule, not through the CLI's own checks).
BatchSize = Annotated[int, Field(ge=1)]
MaxBytes = Annotated[int, Field(ge=1)]
Workers = Annotated[int | None, Field(ge=1)]


@dataclass(frozen=True)
class ThisRun:
    """Who this run is: its id, where it writes, and what it stamps on every row and commit."""

    run_id: str
    flow_run_id: str | None
    started_at: datetime
    archive: ArchivePath  # a local folder, or a prefix on an object store
    context: RunContext
    provenance: Provenance


def run_id_for(scheduled: datetime, flow_run_id: str | None, attempt: int | None) -> str:
    """A run's id: when it was scheduled, its flow run, and which attempt of that flow run it is.

    Each attempt is a run of its own: a retried flow run's earlier attempt, if it died in its
    commits, is settled by the lock like any dead run (zharchive.archive.commit.settle_dead_run);
    an attempt sharing its id would take the other's commit of one table for its own.
    """
    run_id = f"{scheduled:%Y%m%dT%H%M%SZ}-{(flow_run_id or uuid.uuid4().hex).replace('-', '')[:8]}"
    return run_id if not attempt or attempt == 1 else f"{run_id}-{attempt}"


def this_run(archive: str, max_bytes: int, site_key: SiteKey = DEFAULT_SITE_KEY) -> ThisRun:
    started_at = datetime.now(UTC)
    rules_version = load_rules().version
    flow_run_id = str(flow_run.id) if flow_run.id else None
    run_id = run_id_for(flow_run.scheduled_start_time or started_at, flow_run_id, flow_run.run_count)
    return ThisRun(
        run_id=run_id,
        flow_run_id=flow_run_id,
        started_at=started_at,
        archive=parse_archive(archive),
        context=RunContext(
            run_id=run_id,
            pipeline_version=pipeline_version(),
            rules_version=rules_version,
            max_bytes=max_bytes,
            site_key=site_key,
        ),
        provenance=Provenance(run_id, flow_run_id, pipeline_version(), rules_version, SCHEMA_VERSION),
    )


@task(name="plan-ingest", retries=2, retry_delay_seconds=2, cache_policy=NONE)
def plan_ingest_task(
    sources: list[str], archive: ArchivePath, suffixes: tuple[str, ...], batch_size: int
) -> IngestPlan:
    return plan_ingest(sources, archive=archive, suffixes=suffixes, batch_size=batch_size)


@task(name="plan-reprocess", retries=2, retry_delay_seconds=2, cache_policy=NONE)
def plan_reprocess_task(archive: ArchivePath, batch_size: int) -> ReprocessPlan:
    return plan_reprocess(archive, batch_size=batch_size)


@task(name="process-batch", cache_policy=NONE)
def process_batch_task(
    index: int,
    paths: list[str],
    known: tuple[dict[str, str], dict[str, ArchivedReadFailure]],
    context: RunContext,
    archive: ArchivePath,
    staged: StagedBatch | None = None,
) -> BatchSummary:
    """Clean and stage a batch of files, or adopt ``staged``: the same files' batch a stopped run
    finished, when they and the archive's knowledge of them are unchanged."""
    held, read_failures = known
    try:
        summary = run_batch(ingest_batch, index, paths, held, context, archive, read_failures, staged)
    except ArchiveWriteError as exc:
        return _refused(exc)  # type: ignore[no-any-return]
    return _log_batch(summary, "batch" if summary.adopted_from is None else "adopted batch")


@task(name="reprocess-batch", cache_policy=NONE)
def reprocess_batch_task(
    index: int,
    uris: list[str],
    versions: tuple[int | None, int | None],
    context: RunContext,
    archive: ArchivePath,
) -> BatchSummary:
    """Re-clean archived files from their stored bytes with the current rules."""
    try:
        summary = run_batch(reprocess_batch, index, uris, versions, context, archive)
    except ArchiveWriteError as exc:
        return _refused(exc)  # type: ignore[no-any-return]
    return _log_batch(summary, "reprocessed batch")


def _refused(exc: ZharchiveError) -> Any:
    """A Failed state that says why in one line, for a task or flow that cannot go on (a full
    disk, the archive locked): Prefect logs a returned state's message, with no traceback, and
    raises ``exc`` to whoever waits on the run."""
    return Failed(message=str(exc), data=exc)


def _log_batch(summary: BatchSummary, what: str) -> BatchSummary:
    get_run_logger().info(
        "%s %d: %d files, %d documents, %d quarantined, %d unchanged in %.2fs (process %d)",
        what,
        summary.index,
        summary.files,
        summary.documents,
        summary.quarantined,
        summary.unchanged,
        summary.seconds,
        summary.pid,
    )
    return summary


@task(name="commit-archive", retries=2, retry_delay_seconds=2, cache_policy=NONE)
def commit_archive(archive: ArchivePath, provenance: Provenance, superseded: list[str]) -> CommitResult:
    try:
        still_held(archive, provenance.run_id)  # a store lock taken over: commit nothing
        return commit_run(archive, provenance, superseded=superseded)
    except (ArchiveWriteError, ArchiveBusyError) as exc:
        return _refused(exc)  # type: ignore[no-any-return]


@task(name="record-run", retries=2, retry_delay_seconds=2, cache_policy=NONE)
def record_run(archive: ArchivePath, run: RunRecord, provenance: Provenance) -> int:
    try:
        still_held(archive, provenance.run_id)
        return append_run(archive, run, provenance)
    except (ArchiveWriteError, ArchiveBusyError) as exc:
        return _refused(exc)  # type: ignore[no-any-return]


def run_batches(
    plan: IngestPlan | ReprocessPlan, run: ThisRun, staged: dict[tuple[str, ...], StagedBatch]
) -> list[BatchSummary]:
    """Every batch of the plan as a task on the flow's task runner; their counts as they finish.
    ``staged``: batches stopped runs finished, by their files (an ingest batch of the same files
    is given its match to adopt)."""
    use_worker_processes(len(plan.batches) > 1)
    futures: list[PrefectFuture[BatchSummary]]
    if isinstance(plan, ReprocessPlan):
        futures = [
            reprocess_batch_task.submit(number, batch, plan.versions, run.context, run.archive)
            for number, batch in enumerate(plan.batches)
        ]
    else:
        futures = [
            process_batch_task.submit(
                number,
                batch,
                plan.known(batch),
                run.context,
                run.archive,
                staged.get(tuple(map(source_uri, batch))),
            )
            for number, batch in enumerate(plan.batches)
        ]
    progress_events.publish(progress_events.Planned(sum(map(len, plan.batches)), len(plan.batches)))
    progress = BatchProgress(run.run_id, len(plan.batches), run.archive)
    summaries: list[BatchSummary] = []
    for future in as_completed(futures):
        summaries.append(future.result())
        progress.batch_done(summaries[-1].files)
    release_worker_processes()
    _say_adopted(summaries)
    return summaries


def _say_adopted(summaries: list[BatchSummary]) -> None:
    adopted = [s for s in summaries if s.adopted_from is not None]
    if not adopted:
        return
    runs = tuple(sorted({s.adopted_from for s in adopted if s.adopted_from is not None}))
    files = sum(s.files for s in adopted)
    get_run_logger().info(
        "resumed: adopted %d of %d batches (%d files) finished by the stopped run%s %s",
        len(adopted),
        len(summaries),
        files,
        "s" if len(runs) > 1 else "",
        ", ".join(runs),
    )


def _say_settled(settled: list[Settled]) -> list[str]:
    """Warn of rows the lock set aside; the dead runs whose finished batches are there to adopt."""
    for dead in settled:
        if dead.unplaced is not None:
            get_run_logger().warning(
                "run %s died between its commits and its quarantine rows could not be committed "
                "now; they are kept, out of every table, in %s",
                dead.run_id,
                dead.unplaced,
            )
    return [dead.run_id for dead in settled if dead.resumable]


def _record(
    run: ThisRun,
    sources: list[str],
    parameters: dict[str, Any],
    plan: IngestPlan | ReprocessPlan,
    summaries: list[BatchSummary],
    totals: RunTotals,
    committed: CommitResult,
) -> RunRecord:
    return run_record(
        run_id=run.run_id,
        flow_run_id=run.flow_run_id,
        started_at=run.started_at,
        sources=sources,
        archive=run.archive,
        parameters=parameters,
        summaries=summaries,
        totals=totals,
        skipped=plan.skipped,
        committed=committed,
        pipeline_version=run.provenance.pipeline_version,
        rules_version=run.provenance.rules_version,
    )


def _warn_quarantined(totals: RunTotals) -> None:
    logger = get_run_logger()
    for uri, stage, reason in totals.quarantine_reasons[:MAX_QUARANTINE_WARNINGS]:
        logger.warning("quarantined at %s: %s — %s", stage, uri, reason)
    if len(totals.quarantine_reasons) > MAX_QUARANTINE_WARNINGS:
        logger.warning(
            "... and %d more quarantined files", len(totals.quarantine_reasons) - MAX_QUARANTINE_WARNINGS
        )


@flow(name="zharchive-ingest", log_prints=False)
def ingest(
    sources: list[str],
    archive: str = "archive",
    batch_size: BatchSize = DEFAULT_BATCH_SIZE,
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
    suffixes: tuple[str, ...] = DEFAULT_SUFFIXES,
    reprocess: bool = False,
    site_key: SiteKey = DEFAULT_SITE_KEY,
) -> RunRecord:
    """Ingest every file under ``sources`` into the Delta archive at ``archive``; one commit per table.

    ``reprocess``: ignore ``sources`` and re-clean every archived file from its stored bytes with the
    current rules, as one upsert (the old text stays reachable by time travel). ``site_key``: what
    a site is, for the lines repeated across its pages (``zharchive.sites.site_of``).
    """
    run = this_run(archive, max_bytes, site_key)
    get_run_logger().info(
        "run %s: %s → %s (pipeline %s, rules %s)",
        run.run_id,
        ", ".join(sources) if sources else "the archive's stored bytes (--reprocess)",
        run.archive,
        run.provenance.pipeline_version,
        run.provenance.rules_version,
    )
    with ExitStack() as held:
        try:
            settled = held.enter_context(archive_lock(run.archive, run_id=run.run_id))
        except ArchiveError as exc:
            # Refused (another run writes, a table that is not ours): a Failed run that says why,
            # raised to the caller as it is, without a traceback in the log.
            return _refused(exc)  # type: ignore[no-any-return]
        stopped = _say_settled(settled)
        try:
            if reprocess:
                plan: IngestPlan | ReprocessPlan = plan_reprocess_task(run.archive, batch_size)
            else:
                plan = plan_ingest_task(sources, run.archive, suffixes, batch_size)
            # The site profiles as the plan found them: every batch reads its sites' from these files.
            # On a store, as objects that carry the archive's storage options to the workers.
            profiles: tuple[str | StorePath, ...] = (
                tuple(StorePath.parse(f, run.archive.storage_options) for f in plan.profile_files)
                if isinstance(run.archive, StorePath)
                else tuple(plan.profile_files)
            )
            run = replace(run, context=replace(run.context, profile_files=profiles))
            summaries = run_batches(plan, run, staged_batches(run.archive, stopped))
            committed = commit_archive(run.archive, run.provenance, stopped)
        except KeyboardInterrupt:
            # Ctrl-C is the user's choice, not a crash: the run is Cancelled, and says what it leaves.
            return Cancelled(message=INTERRUPTED, data=RunInterrupted(INTERRUPTED))  # type: ignore[return-value]
        except (ArchiveWriteError, ArchiveBusyError) as exc:  # a full disk, a lost lock: one line
            return _refused(exc)  # type: ignore[no-any-return]
        totals = RunTotals.of(summaries)
        parameters = {
            "batch_size": batch_size,
            "max_bytes": max_bytes,
            "suffixes": list(suffixes),
            "reprocess": reprocess,
            "site_key": site_key,
        }
        record = _record(run, sources, parameters, plan, summaries, totals, committed)
        try:
            record_run(run.archive, record, run.provenance)
        except (ArchiveWriteError, ArchiveBusyError) as exc:
            return _refused(exc)  # type: ignore[no-any-return]
    _warn_quarantined(totals)
    publish_run(record, totals)
    get_run_logger().info(
        "run %s done: %d files, %d documents, %d quarantined, %d unchanged; documents %s, quarantine %s",
        run.run_id,
        record.input_files,
        record.documents_written,
        record.quarantined,
        record.unchanged,
        "unchanged" if record.documents_version is None else f"v{record.documents_version}",
        "unchanged" if record.quarantine_version is None else f"v{record.quarantine_version}",
    )
    return record


def prefect_console_handlers() -> list[PrefectConsoleHandler]:
    """Prefect's console log handlers (one, unless a logging configuration of the user's own has
    more or none): the CLI's terminal display shares their Rich console."""
    loggers = [logging.getLogger(), *logging.Logger.manager.loggerDict.values()]
    found = {
        id(h): h
        for logger in loggers
        for h in getattr(logger, "handlers", [])
        if isinstance(h, PrefectConsoleHandler)
    }
    return list(found.values())


def run_ingest(
    sources: list[str],
    archive: str,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    max_bytes: int = DEFAULT_MAX_BYTES,
    runner: Runner = "auto",
    workers: int | None = None,
    dask_address: str | None = None,
    worker_memory: int = WORKER_MEMORY_LIMIT,
    reprocess: bool = False,
    site_key: SiteKey = DEFAULT_SITE_KEY,
) -> RunRecord:
    """Run the flow on the chosen engine, against one Prefect API (what the CLI and deployments call).

    ``worker_memory``: bytes of resident memory a lean worker process may hold before it is killed
    (``zharchive.pool.LeanPool``)."""
    engine = task_runner(runner, workers=workers, dask_address=dask_address, worker_memory=worker_memory)
    with one_prefect_api():
        return ingest.with_options(task_runner=engine)(
            sources=sources,
            archive=archive,
            batch_size=batch_size,
            max_bytes=max_bytes,
            reprocess=reprocess,
            site_key=site_key,
        )


@flow(name="zharchive", log_prints=False)
def ingest_deployment(
    sources: list[str],
    archive: str = "archive",
    batch_size: BatchSize = DEFAULT_BATCH_SIZE,
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
    runner: Runner = "auto",
    workers: Workers = None,
    dask_address: str | None = None,
    reprocess: bool = False,
    site_key: SiteKey = DEFAULT_SITE_KEY,
) -> RunRecord:
    """The scheduled entry point (prefect.yaml, ``zharchive serve``): picks the engine, then runs
    ``zharchive-ingest`` as a subflow on it — a flow cannot choose its own task runner at run time.

    Args:
        sources: Files or folders to ingest, recursively.
        archive: The archive folder, which holds the Delta tables.
        batch_size: Files per batch task.
        max_bytes: Files larger than this go to quarantine unread.
        runner: auto (worker processes when there is more than one batch), threads, processes or dask.
        workers: Worker processes (default: one per core).
        dask_address: A Dask scheduler to run the batches on, e.g. tcp://host:8786.
        reprocess: Re-clean every archived file from its stored bytes; sources are ignored.
        site_key: What a site is, for its profile: host (the URL an HTML page declares, else its
            folder) or folder.
    """
    return run_ingest(
        sources,
        archive,
        batch_size=batch_size,
        max_bytes=max_bytes,
        runner=runner,
        workers=workers,
        dask_address=dask_address,
        reprocess=reprocess,
        site_key=site_key,
    )


SERVED_DEPLOYMENT = "ingest-served"  # prefect.yaml's is "ingest": stopping one never pauses the other


def serve(sources: list[str], archive: str, *, cron: str, timezone: str, name: str) -> None:
    """Serve ``ingest_deployment`` on a cron schedule from this process (no work pool).

    Refused without a Prefect server to serve to: on the temporary server a bare command starts,
    Prefect warns "Cannot schedule flows on an ephemeral server" and the schedule never fires."""
    from prefect.schedules import Cron
    from prefect.settings import PREFECT_API_URL

    if not PREFECT_API_URL.value():
        raise ZharchiveError(
            "zharchive serve needs a running Prefect server (a temporary one never fires a "
            "schedule): start one with `.venv/bin/prefect server start`, then "
            "`export PREFECT_API_URL=http://127.0.0.1:4200/api` and run serve again"
        )
    ingest_deployment.serve(
        name=name,
        schedules=[Cron(cron, timezone=timezone)],
        parameters={"sources": sources, "archive": archive},
        description=(
            f"zharchive: ingest {', '.join(sources)} into the Delta archive at {archive}, "
            f"on cron '{cron}' in the time zone {timezone}"
        ),
    )
