"""The Prefect flow: the pipeline's table of contents. All the work is in the plain modules it wraps.

Tasks work on batches of ~1,000 files (never one task per document: the server drops task runs
beyond a few thousand per flow). Retries only where there is IO to retry: discovery, the archive
look-up and the commits. A batch task stages its rows as Parquet and returns counts only, so the
flow holds no documents in memory and a worker process ships back a few numbers.

On the process engine a batch task runs on a thread of the flow process and hands its CPU work to
a worker process that imports no Prefect (``flows.pool``); on Dask the task itself goes to a worker.
"""

# No `from __future__ import annotations` here: Prefect builds a Pydantic model of each flow's
# parameters from their annotations, and a deployment loads this file by path, where string
# annotations cannot be resolved ("Ingest_DeploymentModel is not fully defined").
import json
import os
import random
import socket
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

import httpx
import prefect
from prefect import flow, get_run_logger, task
from prefect.artifacts import (
    create_markdown_artifact,
    create_progress_artifact,
    create_table_artifact,
    update_progress_artifact,
)
from prefect.cache_policies import NONE
from prefect.context import FlowRunContext
from prefect.futures import PrefectFuture, as_completed
from prefect.logging import get_logger
from prefect.logging.handlers import APILogHandler
from prefect.runtime import flow_run
from prefect.settings import PREFECT_API_URL, get_current_settings, temporary_settings
from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner
from pydantic import Field

from flows import pipeline_version
from flows import progress as progress_events
from flows.archive import (
    ArchiveIndex,
    CommitResult,
    Provenance,
    append_run,
    archive_index,
    archive_lock,
    archived_files,
    check_schema,
    commit_run,
    iter_counts,
)
from flows.discover import DEFAULT_SUFFIXES, Discovery, discover, has_more_files_than
from flows.pipeline import RunContext
from flows.pool import BatchSummary, LeanPool, ingest_batch, reprocess_batch
from flows.read import DEFAULT_MAX_BYTES, ArchivedReadFailure, source_uri
from flows.rules import load_rules
from schemas import SCHEMA_VERSION, RunRecord

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")

DEFAULT_BATCH_SIZE = 1000
# A worker holds a batch's pages (bytes, text, lines) while it finds each site's repeated lines,
# and the page it cleans peaks at ~20x its bytes: 32 MiB keeps several large files out of one
# batch, and a batch of 1,000 ordinary pages (~10 MiB) is not split. One file alone is bounded
# only by --max-bytes (README: a 62 MB file, 1,269 MiB in its worker).
BATCH_MAX_BYTES = 32 << 20
MAX_QUARANTINE_WARNINGS = 20
MAX_QUARANTINE_TABLE_ROWS = 1000
Runner = Literal["auto", "threads", "processes", "dask"]
# Bounds of the flows' parameters: Prefect checks them before a run starts (a deployment's
# parameters come from a form or a schedule, not through the CLI's own checks).
BatchSize = Annotated[int, Field(ge=1)]
MaxBytes = Annotated[int, Field(ge=1)]
Workers = Annotated[int | None, Field(ge=1)]
T = TypeVar("T")


@task(name="discover-files", retries=2, retry_delay_seconds=2, cache_policy=NONE)
def discover_files(sources: list[str], suffixes: tuple[str, ...], archive: Path) -> Discovery:
    return discover(sources, suffixes=suffixes, exclude=[archive])


@task(name="load-archive-index", retries=2, retry_delay_seconds=2, cache_policy=NONE)
def load_archive_index(archive: Path) -> ArchiveIndex:
    check_schema(archive)
    return archive_index(archive)


@task(name="process-batch", cache_policy=NONE)
def process_batch_task(
    index: int,
    paths: list[str],
    known: tuple[dict[str, str], dict[str, ArchivedReadFailure]],
    context: RunContext,
    archive: Path,
) -> BatchSummary:
    held, read_failures = known
    summary = _run_batch(ingest_batch, index, paths, held, context, archive, read_failures)
    return _log_batch(summary, "batch")


@task(name="reprocess-batch", cache_policy=NONE)
def reprocess_batch_task(
    index: int, uris: list[str], versions: tuple[int | None, int | None], context: RunContext, archive: Path
) -> BatchSummary:
    """Re-clean archived files from their stored bytes with the current rules."""
    summary = _run_batch(reprocess_batch, index, uris, versions, context, archive)
    return _log_batch(summary, "reprocessed batch")


def _lean_runner() -> "LeanProcessTaskRunner | None":
    """The current flow run's task runner when it is a lean process pool."""
    context = FlowRunContext.get()
    runner = context.task_runner if context is not None else None
    return runner if isinstance(runner, LeanProcessTaskRunner) else None


def release_worker_processes() -> None:
    """End the lean worker processes once every batch is staged: the commit then reads the staged
    files in the flow process without the workers' memory still held beside it."""
    runner = _lean_runner()
    if runner is not None and runner.pool is not None:
        pool, runner.pool = runner.pool, None
        pool.shutdown()


def _run_batch(fn: Callable[..., BatchSummary], *args: Any) -> BatchSummary:
    """``fn(*args)`` in the flow's lean worker pool if it runs on one, else right here (a thread of
    the flow process, or a Dask worker)."""
    runner = _lean_runner()
    if runner is not None and runner.pool is not None:
        return runner.pool.run(fn, *args)
    return fn(*args)


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
def commit_archive(archive: Path, provenance: Provenance) -> CommitResult:
    return commit_run(archive, provenance)


@task(name="record-run", retries=2, retry_delay_seconds=2, cache_policy=NONE)
def record_run(archive: Path, run: RunRecord, provenance: Provenance) -> int:
    return append_run(archive, run, provenance)


def plan_batches(items: Sequence[T], sizes: Sequence[int], *, count: int, max_bytes: int) -> list[list[T]]:
    """``items`` in order, in batches of at most ``count`` items and ``max_bytes`` bytes (a file
    larger than that alone): a worker holds a batch's pages at once, so a few huge files must not
    share one."""
    batches: list[list[T]] = []
    batch: list[T] = []
    held = 0
    for item, size in zip(items, sizes, strict=True):
        if batch and (len(batch) == count or held + size > max_bytes):
            batches.append(batch)
            batch, held = [], 0
        batch.append(item)
        held += size
    if batch:
        batches.append(batch)
    return batches


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
| pipeline version | `{run.pipeline_version}` |
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


def run_id_for(scheduled: datetime, flow_run_id: str | None, attempt: int | None) -> str:
    """A run's id: when it was scheduled, its flow run, and which attempt of that flow run it is.

    Each attempt is a run of its own: a retried flow run's earlier attempt, if it died in its
    commits, is settled by the lock like any dead run (flows.archive._remove_dead_run); an attempt
    sharing its id would take the other's commit of one table for its own.
    """
    run_id = f"{scheduled:%Y%m%dT%H%M%SZ}-{(flow_run_id or uuid.uuid4().hex).replace('-', '')[:8]}"
    return run_id if not attempt or attempt == 1 else f"{run_id}-{attempt}"


@flow(name="zharchive-ingest", log_prints=False)
def ingest(
    sources: list[str],
    archive: str = "archive",
    batch_size: BatchSize = DEFAULT_BATCH_SIZE,
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
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
    run_id = run_id_for(flow_run.scheduled_start_time or started_at, flow_run_id, flow_run.run_count)
    context = RunContext(
        run_id=run_id, pipeline_version=pipeline_version(), rules_version=rules.version, max_bytes=max_bytes
    )
    provenance = Provenance(run_id, flow_run_id, pipeline_version(), rules.version, SCHEMA_VERSION)
    logger.info(
        "run %s: %s → %s (pipeline %s, rules %s)",
        run_id,
        ", ".join(sources) if sources else "the archive's stored bytes (--reprocess)",
        archive_path,
        pipeline_version(),
        rules.version,
    )

    with archive_lock(archive_path, run_id=run_id):
        progress = create_progress_artifact(progress=0.0, description=f"zharchive run {run_id}: batches done")
        assert isinstance(progress, uuid.UUID)  # the sync API inside a sync flow
        futures: list[PrefectFuture[BatchSummary]]
        if reprocess:
            archived = archived_files(archive_path)
            found = Discovery(files=[], skipped=[])
            batches: list[list[Any]] = plan_batches(
                archived.uris, archived.sizes, count=batch_size, max_bytes=BATCH_MAX_BYTES
            )
            versions = (archived.documents_version, archived.quarantine_version)
            futures = [
                reprocess_batch_task.submit(index, batch, versions, context, archive_path)
                for index, batch in enumerate(batches)
            ]
        else:
            found = discover_files(sources, suffixes, archive_path)
            index = load_archive_index(archive_path)
            batches = plan_batches(found.files, found.sizes, count=batch_size, max_bytes=BATCH_MAX_BYTES)
            futures = [
                process_batch_task.submit(
                    number, batch, index.for_batch(map(source_uri, batch)), context, archive_path
                )
                for number, batch in enumerate(batches)
            ]
        summaries: list[BatchSummary] = []
        for future in as_completed(futures):
            summaries.append(future.result())
            update_progress_artifact(progress, progress=100.0 * len(summaries) / len(batches))
            progress_events.batch_done(len(summaries), len(batches), summaries[-1].files)
        if not batches:
            update_progress_artifact(progress, progress=100.0)
        release_worker_processes()
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
                "skipped": [
                    *found.skipped,
                    *(row for s in sorted(summaries, key=lambda s: s.index) for row in s.skipped),
                ],
                "documents_version": committed.documents_version,
                "quarantine_version": committed.quarantine_version,
                "added_files": committed.added_files,
                "encodings": _counts(stats, "encoding."),
                "decode_methods": _counts(stats, "method."),
                "rules_fired": _counts(stats, "removed."),
                "quarantine_stages": _counts(stats, "quarantine."),
                "pipeline_version": pipeline_version(),
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
        "run %s done: %d files, %d documents, %d quarantined, %d unchanged; documents %s, quarantine %s",
        run_id,
        run.input_files,
        run.documents_written,
        run.quarantined,
        run.unchanged,
        "unchanged" if run.documents_version is None else f"v{run.documents_version}",
        "unchanged" if run.quarantine_version is None else f"v{run.quarantine_version}",
    )
    return run


class LeanProcessTaskRunner(ThreadPoolTaskRunner[Any]):
    """Batch tasks on threads of the flow process, their CPU work in a ``LeanPool`` of ``workers``
    processes that import no Prefect; the pool lives as long as the flow run, failed or not."""

    def __init__(self, max_workers: int | None = None) -> None:
        workers = max_workers or os.cpu_count() or 1
        super().__init__(max_workers=workers)  # a thread per worker process: no batch waits in a queue
        self.workers = workers
        self.pool: LeanPool | None = None

    def duplicate(self) -> "LeanProcessTaskRunner":
        return type(self)(max_workers=self.workers)

    def __enter__(self) -> "LeanProcessTaskRunner":
        pool = self.pool = LeanPool(self.workers)
        try:
            pool.start()
            super().__enter__()
        except BaseException:
            self.pool = None
            pool.shutdown()
            raise
        return self

    def __exit__(self, exc_type: Any, exc_value: Any, traceback: Any) -> None:
        try:
            super().__exit__(exc_type, exc_value, traceback)  # batches not started are cancelled
        finally:
            pool, self.pool = self.pool, None
            if pool is not None:
                pool.shutdown()

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, LeanProcessTaskRunner)
            and type(other) is type(self)
            and other.workers == self.workers
        )

    def __hash__(self) -> int:
        return hash((type(self), self.workers))

    def __getstate__(self) -> dict[str, Any]:
        state = super().__getstate__()
        state["pool"] = None  # processes do not travel
        return state


def task_runner(
    runner: Runner,
    *,
    workers: int | None = None,
    dask_address: str | None = None,
    more_than_one_batch: bool = False,
) -> TaskRunner[Any]:
    """The engine the batch tasks run on.

    ``auto``: threads for a single batch (no process start-up to pay), a lean process pool over
    every core otherwise (cleaning is CPU-bound Python; threads would share one core). ``processes``:
    the batch tasks on threads of the flow process, their work in ``workers`` processes that import
    no Prefect (``LeanProcessTaskRunner``). ``dask``: the cluster at ``dask_address``, or a local
    cluster of ``workers`` processes.
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
    return LeanProcessTaskRunner(max_workers=workers or os.cpu_count() or 1)


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
            stored = archived_files(Path(archive))
            many = len(stored.uris) > batch_size or sum(stored.sizes) > BATCH_MAX_BYTES
        else:
            many = has_more_files_than(
                sources, batch_size, max_bytes=BATCH_MAX_BYTES, exclude=[Path(archive).resolve()]
            )
    engine = task_runner(runner, workers=workers, dask_address=dask_address, more_than_one_batch=many)
    configured = ingest.with_options(task_runner=engine)
    with one_prefect_api():
        return configured(
            sources=sources, archive=archive, batch_size=batch_size, max_bytes=max_bytes, reprocess=reprocess
        )


@contextmanager
def one_prefect_api(startup_timeout: int = 120) -> Iterator[str]:
    """Make every process of the run that runs Prefect tasks (local Dask workers) report to one API.

    Such processes read PREFECT_API_URL from their environment; without it each would start a
    temporary server of its own (seconds of start-up and hundreds of MB each). With no server
    configured, start one temporary server for the whole run (``TemporaryServer``: without
    importing Prefect's server app into this process).
    """
    configured = PREFECT_API_URL.value()
    server: TemporaryServer | None = None
    if not configured:
        # Started on the thread that waits here for the whole run: the server's parent-death
        # signal follows the thread that started it, not the process (see _UVICORN_BOUND_TO_PARENT).
        server = TemporaryServer()
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


# --- the temporary API server ---------------------------------------------------------------------
# Prefect's SubprocessASGIServer does the same, but importing it loads the whole server application
# (FastAPI, SQLAlchemy models, every route) into the flow process: ~3 s and ~80 MiB that the flow
# never uses, since the server runs in a process of its own anyway. TemporaryServer starts the
# process Prefect 3.8 starts (uvicorn with the factory prefect.server.api.server:create_app, the UI
# off, the ephemeral flags and this process's Prefect settings) and waits for its health check.

_server_logger = get_logger()  # "prefect", as Prefect's own temporary-server messages are

# uvicorn's exit code when the app cannot start, e.g. the port was taken between check and bind.
STARTUP_FAILURE = 3
MAX_RELAUNCHES = 3


# ``python -m uvicorn`` that ends with its parent, however the parent ends (kill -9 included), so a
# server in a session of its own is never left behind: on Linux the kernel sends it SIGTERM when
# the thread that started it ends, with its process or not (PR_SET_PDEATHSIG, set after exec, not
# in a pre-exec hook, which is unsafe in a process with threads). argv[1] is the parent's pid.
_UVICORN_BOUND_TO_PARENT = """
import os, runpy, signal, sys
parent = int(sys.argv.pop(1))
if sys.platform.startswith("linux"):
    import ctypes
    ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # 1: PR_SET_PDEATHSIG
if os.getppid() != parent:
    sys.exit(1)  # the parent was gone before the signal was armed
runpy.run_module("uvicorn", run_name="__main__", alter_sys=True)
"""


class TemporaryServer:
    """A Prefect API server for the lifetime of one run (``start``, then ``stop``)."""

    port_range = range(8000, 9000)

    def __init__(self) -> None:
        self.port: int | None = None
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def start(self, timeout: float) -> None:
        """Start the server and wait until it answers its health check, ``timeout`` seconds at most."""
        deadline = time.monotonic() + timeout
        self._launch()
        _server_logger.info("Starting temporary server on %s", self.api_url.removesuffix("/api"))
        relaunches = 0
        try:
            with httpx.Client() as client:
                while True:
                    assert self.process is not None
                    code = self.process.poll()
                    if code == STARTUP_FAILURE and relaunches < MAX_RELAUNCHES:
                        relaunches += 1
                        self._launch()  # most likely a port someone else took: another one
                        continue
                    if code is not None:
                        raise RuntimeError(f"the temporary Prefect server exited with code {code} at start")
                    try:
                        if client.get(f"{self.api_url}/health", timeout=5).status_code == 200:
                            return
                    except httpx.TransportError:
                        pass
                    if time.monotonic() > deadline:
                        raise RuntimeError(
                            f"the temporary Prefect server did not answer on {self.api_url} within "
                            f"{timeout:.0f} s (set PREFECT_API_URL to use a running server instead)"
                        )
                    time.sleep(0.1)
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is None:
            return
        _server_logger.info("Stopping temporary server on %s", self.api_url.removesuffix("/api"))
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def _launch(self) -> None:
        self.port = _free_port(self.port_range)
        environment: dict[str, Any] = {
            **os.environ,
            "PREFECT_UI_ENABLED": "0",
            "PREFECT__SERVER_EPHEMERAL": "1",
            "PREFECT__SERVER_FINAL": "1",
            **get_current_settings().to_environment_variables(exclude_unset=True),
        }
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-c",
                _UVICORN_BOUND_TO_PARENT,
                str(os.getpid()),
                "--app-dir",
                str(prefect.__module_path__.parent),
                "--factory",
                "prefect.server.api.server:create_app",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--log-level",
                "error",
                "--lifespan",
                "on",
            ],
            env={key: str(value) for key, value in environment.items()},
            # Its own session: Ctrl-C on the terminal reaches the CLI, whose flow must still report
            # the interrupted run to this server before stopping it (in the CLI's process group the
            # server died first and Prefect retried it for minutes).
            start_new_session=True,
        )


def _free_port(ports: range, attempts: int = 10) -> int:
    for _ in range(attempts):
        port = random.choice(ports)
        with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                time.sleep(random.uniform(0.1, 0.5))
                continue
            return port
    raise RuntimeError(f"no free port for the temporary Prefect server in {ports.start}-{ports.stop - 1}")


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
