"""The ``zharchive`` command: ingest files into the archive, and look at what is there.

``ingest`` and ``serve`` start the Prefect flow (``flows/``, imported only by those two commands); the
reading commands never import Prefect.
"""

from __future__ import annotations

import contextlib
import json
import os
import shlex
import sys
from collections import Counter
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
import typer.core
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TaskProgressColumn,
    TextColumn,
    TimeRemainingColumn,
)
from rich.status import Status
from rich.table import Table
from rich.text import Text
from rich.theme import Theme

from zharchive import progress
from zharchive.budgets import WORKER_MEMORY_LIMIT
from zharchive.errors import RunInterrupted, ZharchiveError
from zharchive.nopandas import keep_pandas_out
from zharchive.sources import OBJECT_SCHEMES

if TYPE_CHECKING:
    from flows.server import ServerLost

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")


def _plain_help_params(command: typer.core.TyperCommand | typer.core.TyperGroup, ctx: Any) -> None:
    """Help without Python type names: typer shows a flag (``--json``, ``--help``) as ``<bool>`` and
    an argument by its annotation (``<list[Path]>``) even when it has a metavar. A flag shows no
    type; an argument shows its metavar in the name column only. Options name their values with a
    metavar (``--archive DIR``) where they are declared."""
    for param in command.get_params(ctx):
        if isinstance(param, typer.core.TyperOption) and param.is_flag and param.metavar is None:
            param.metavar = ""
        elif isinstance(param, typer.core.TyperArgument):
            setattr(param, "display_type_rich", lambda ctx: None)  # noqa: B010 - no such hook in typer


class _Command(typer.core.TyperCommand):
    def format_help(self, ctx: Any, formatter: Any) -> None:
        _plain_help_params(self, ctx)
        super().format_help(ctx, formatter)


class _Group(typer.core.TyperGroup):
    def format_help(self, ctx: Any, formatter: Any) -> None:
        _plain_help_params(self, ctx)
        super().format_help(ctx, formatter)


app = typer.Typer(
    name="zharchive",
    cls=_Group,
    help="Turn raw scraped Chinese web pages into a validated, versioned Delta Lake archive.\n\n"
    "Example: zharchive ingest seeds --archive archive",
    no_args_is_help=True,
    # `zharchive --install-completion` / `--show-completion bash|zsh|fish|powershell`.
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class RunnerChoice(StrEnum):
    """Where the batch tasks run (a fixed choice list, as the help shows it)."""

    auto = "auto"
    threads = "threads"
    processes = "processes"
    dask = "dask"


class SiteKeyChoice(StrEnum):
    """``zharchive.sites.SiteKey``, as the command line offers it."""

    host = "host"
    folder = "folder"


def _show_version(value: bool) -> None:
    if value:
        from zharchive import PACKAGE_VERSION, pipeline_version

        console.print(f"zharchive {PACKAGE_VERSION} (pipeline {pipeline_version()})")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_show_version,
            is_eager=True,
            help="print the version and exit, e.g. zharchive --version",
        ),
    ] = False,
) -> None:
    """Turn raw scraped Chinese web pages into a validated, versioned Delta Lake archive.

    Example: zharchive ingest seeds --archive archive
    """


# Logs and CI capture are not terminals: give tables room instead of Rich's 80-column default.
# No markup: paths and page lines are printed as they are ("[/]" in a folder name, "[打印]" in a
# removed line); styles are given as Text spans (_styled).
console = Console(width=None if os.isatty(1) else 120, markup=False)
err_console = Console(stderr=True, markup=False, soft_wrap=True)  # a long path stays one line to copy


def _archive_argument(text: str) -> Path:
    """``--archive``: a folder as given, or ``s3://bucket/prefix`` as a ``StorePath``. Typed ``Path``
    for typer, which takes no union of types: commands hand it to the archive modules, which take
    either (``zharchive.archive.location.ArchivePath``)."""
    from zharchive.objects import StorePath, is_object_uri

    return StorePath.parse(text) if is_object_uri(text) else Path(text)  # type: ignore[return-value,unused-ignore]


ArchiveOption = Annotated[
    Path,
    typer.Option(
        "--archive",
        "-a",
        metavar="DIR",
        parser=_archive_argument,
        help="archive directory (holds the Delta tables), or an s3://bucket/prefix, e.g. -a ~/zh-archive",
    ),
]
StorageOption = Annotated[
    list[str] | None,
    typer.Option(
        "--storage-option",
        metavar="KEY=VALUE",
        help="object-store setting for an s3:// archive, over the AWS_* variables (the same keys "
        "deltalake and obstore take), e.g. --storage-option aws_endpoint_url=http://127.0.0.1:9000; "
        "never written anywhere",
    ),
]


def _located(archive: Path, pairs: list[str] | None) -> Path:
    """``archive`` with the ``--storage-option`` pairs, which this process keeps for the run (never
    a flow parameter: Prefect stores those). Bad pairs are one line and exit 2."""
    from zharchive.objects import StorePath

    options: dict[str, str] = {}
    for pair in pairs or []:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            # Not echoed: a value given without its key may be a secret.
            raise _fail("--storage-option takes KEY=VALUE, e.g. aws_region=us-east-1 (one has no KEY=)")
        options[key.strip().lower()] = value
    if options and not isinstance(archive, StorePath):
        raise _fail("--storage-option is for an s3:// archive; --archive names a local folder")
    if not isinstance(archive, StorePath):
        return archive
    from zharchive.archive.location import set_storage_options

    set_storage_options(options)
    return StorePath.parse(str(archive), options)


def _local_only(archive: Path, command: str) -> None:
    """One line and exit 2 for a command not yet built for an archive on an object store."""
    from zharchive.objects import StorePath

    if isinstance(archive, StorePath):
        raise _fail(
            f"zharchive {command} works on a local archive only; {archive} is on an object store "
            "(ingest, verify, history, show, export and package work there)"
        )


def _where(archive: Path) -> str:
    """The archive as a person reads it: a local folder resolved, an s3:// URI as it is."""
    from zharchive.objects import StorePath

    return str(archive) if isinstance(archive, StorePath) else str(Path(archive).resolve())


JsonOption = Annotated[
    bool, typer.Option("--json", help="JSON lines on stdout, for scripts, e.g. --json | jq .")
]

INTERRUPTED = 130  # a shell's code for a command ended by Ctrl-C (128 + SIGINT)


def _print_json(record: Any) -> None:
    """One JSON line: dates as ISO 8601, bytes left out (a document's raw bytes stay in the archive)."""

    def plain(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items() if not isinstance(v, bytes)}
        if isinstance(value, list | tuple):
            return [plain(v) for v in value]
        if hasattr(value, "isoformat"):
            return value.isoformat()
        return value

    sys.stdout.write(json.dumps(plain(record), ensure_ascii=False, sort_keys=True) + "\n")


def _styled(label: str, style: str, rest: str) -> Text:
    return Text.assemble((label, style), rest)


def _fail(message: str, code: int = 2) -> typer.Exit:
    err_console.print(_styled("error:", "bold red", f" {message}"))
    return typer.Exit(code)


def _interrupted() -> NoReturn:
    _close_progress()
    err_console.print(
        _styled(
            "interrupted",
            "yellow",
            ": every table of the archive is at its last committed version; the batches this run "
            "finished stay staged: run the same command again to adopt them and finish the work",
        )
    )
    raise typer.Exit(INTERRUPTED) from None


def _counts_line(counts: list[dict[str, Any]]) -> str:
    return ", ".join(f"{c['key']} {c['count']}" for c in counts) or "—"


@app.command(cls=_Command)
def ingest(
    sources: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="SOURCE",
            help="files or directories to ingest (recursively), or an s3://bucket/prefix, e.g. seeds",
        ),
    ] = None,
    archive: ArchiveOption = Path("archive"),
    storage_option: StorageOption = None,
    batch_size: Annotated[
        int, typer.Option(min=1, metavar="FILES", help="files per Prefect task, e.g. --batch-size 500")
    ] = 1000,
    max_bytes: Annotated[
        int,
        typer.Option(
            min=1, metavar="BYTES", help="files larger than this go to quarantine, e.g. --max-bytes 1048576"
        ),
    ] = 64 << 20,
    runner: Annotated[
        RunnerChoice,
        typer.Option(
            help="where batches run (auto: a process per core when there is more than one batch), "
            "e.g. --runner threads"
        ),
    ] = RunnerChoice.auto,
    workers: Annotated[
        int | None,
        typer.Option(
            min=1, metavar="N", help="workers (processes, or a local Dask cluster's), e.g. --workers 4"
        ),
    ] = None,
    dask_address: Annotated[
        str | None,
        typer.Option(
            metavar="URL",
            help="run the batch tasks on this Dask cluster, e.g. --dask-address tcp://host:8786",
        ),
    ] = None,
    worker_memory: Annotated[
        int,
        typer.Option(
            min=64,
            metavar="MIB",
            help="MiB of memory a worker process may hold before it is killed (its batch is retried "
            "file by file, the file that kills a worker alone quarantined as worker_died), "
            "e.g. --worker-memory 4096",
        ),
    ] = WORKER_MEMORY_LIMIT >> 20,
    reprocess: Annotated[
        bool,
        typer.Option(
            "--reprocess",
            help="re-clean every archived file from its stored bytes, e.g. after a rules change: "
            "zharchive ingest --reprocess",
        ),
    ] = False,
    site_key: Annotated[
        SiteKeyChoice,
        typer.Option(
            "--site-key",
            help="what a site is, for the lines repeated across its pages: host (an HTML page's "
            "canonical or og:url host, else its folder) or folder, e.g. --site-key folder",
        ),
    ] = SiteKeyChoice.host,
    as_json: Annotated[
        bool,
        typer.Option(
            "--json", help="print the run's row of the runs table as one JSON line, e.g. --json | jq .run_id"
        ),
    ] = False,
) -> None:
    """Ingest SOURCE files into the archive as one Prefect flow run; print what the run did.

    Example: zharchive ingest seeds --archive archive
    """
    keep_pandas_out()  # this process runs zharchive's code only (zharchive/nopandas.py: ~30 MiB)
    archive = _located(archive, storage_option)
    sources = sources or []
    if reprocess and sources:
        raise _fail("--reprocess re-cleans what the archive holds; give no SOURCE with it")
    if not reprocess and not sources:
        raise _fail("give at least one SOURCE to ingest (or --reprocess)")
    # An s3:// source is listed by the run (its endpoint and credentials are the AWS_* variables).
    missing = [s for s in sources if not str(s).startswith(OBJECT_SCHEMES) and not os.path.lexists(s)]
    if sources and len(missing) == len(sources):
        raise _fail(f"no such file or directory: {', '.join(map(str, missing))}")
    for source in missing:
        err_console.print(_styled("warning:", "yellow", f" {source} does not exist; skipped"))

    from zharchive.archive.handoff import refuse_damaged_log
    from zharchive.archive.lock import ArchiveBusyError, busy_message, current_holder
    from zharchive.archive.tables import (
        check_archive_path,
        check_data_files,
        check_schema,
        naming_missing_files,
    )

    listener = _progress_listener(quiet=as_json)  # stdout is the JSON line's alone
    progress.subscribe(listener)
    try:
        listener.loading_prefect()
        from flows.ingest import run_ingest  # Prefect's import is slow; keep --help fast
        from flows.server import when_server_lost

        listener.use_prefect_console()
        # --archive is checked as an argument here, before a Prefect server starts; the flow checks
        # the tables' schema and takes the write lock (a second ingest is refused there).
        check_archive_path(archive)
        # An early answer when another run writes the archive now, before Prefect starts (the
        # flow's lock is the guard: two ingests started together are told apart there). First:
        # a log read while that run commits can look rolled back, and "busy" is the true answer.
        holder = current_holder(archive)
        if holder is not None:
            raise ArchiveBusyError(busy_message(archive, holder))
        # A damaged or rolled-back log is named before Prefect starts (a damaged one again under
        # the lock): a run written on top of a rollback would bury which version is gone.
        refuse_damaged_log(archive)
        check_data_files(archive)  # a data file gone is named here, not in a task's traceback
        check_schema(archive)  # an earlier zharchive's archive: "run zharchive upgrade", before Prefect
        if listener.terminal and runner is RunnerChoice.dask and not dask_address:
            # The local cluster's workers run the batch tasks and print their log lines straight
            # to this terminal, across the bar: there they print warnings only (every line still
            # reaches the Prefect server, whose UI shows it). Read by the workers, which start later.
            os.environ["PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL"] = "WARNING"
        global _RAN_A_FLOW
        _RAN_A_FLOW = True  # from here Prefect works, and its teardown sends what it queued
        with (
            naming_missing_files(archive),  # a data file the log lists, gone: read to plan the run
            when_server_lost(_leave_for_lost_server(archive)),
        ):
            run = run_ingest(
                [str(s) for s in sources],
                str(archive),
                batch_size=batch_size,
                max_bytes=max_bytes,
                runner=runner.value,
                workers=workers,
                dask_address=dask_address,
                worker_memory=worker_memory << 20,
                reprocess=reprocess,
                site_key=site_key.value,
            )
    except ZharchiveError as exc:
        if not isinstance(exc, RunInterrupted):
            raise _fail(str(exc)) from exc
        _interrupted()
    except KeyboardInterrupt:  # before the flow run started, or after it ended
        _interrupted()
    except Exception as exc:
        lost = _lost_connection(exc)
        if lost is None:
            raise
        server, reason = lost
        # Past the watch (a call Prefect retries fewer times than it waits, or one made before the
        # run began): one line too, and away at once.
        _leave_naming_lost_server(
            f"the Prefect server at {server} stopped answering ({reason}): every table of the archive "
            "is at its last committed version; start the server again, then run the same command "
            "again to finish the work"
        )
    finally:
        progress.unsubscribe(listener)
        _close_progress()

    if as_json:
        _print_json(run.model_dump())
        return
    table = Table(title=f"zharchive run {run.run_id}", show_header=False, title_justify="left")
    table.add_column(style="bold")
    table.add_column()
    table.add_row("archive", run.archive)
    table.add_row("files", str(run.input_files))
    table.add_row("documents written", str(run.documents_written))
    table.add_row("quarantined", str(run.quarantined))
    table.add_row("unchanged", str(run.unchanged))
    table.add_row("encodings", _counts_line([c.model_dump() for c in run.encodings]))
    table.add_row("decode methods", _counts_line([c.model_dump() for c in run.decode_methods]))
    top_rules = sorted(run.rules_fired, key=lambda c: -c.count)[:8]
    table.add_row("rules fired (top)", _counts_line([c.model_dump() for c in top_rules]))
    if run.skipped:
        reasons = Counter(s.reason.split(";")[0].split(" (")[0] for s in run.skipped)
        table.add_row("skipped", ", ".join(f"{r} {n}" for r, n in reasons.most_common()))
    table.add_row(
        "archive version",
        f"documents v{_version(archive, 'documents')}, quarantine v{_version(archive, 'quarantine')}"
        + ("" if run.documents_version is not None or run.quarantine_version is not None else " (no change)"),
    )
    console.print(table)


def _leave_for_lost_server(archive: Path) -> Callable[[ServerLost], NoReturn]:
    """What ingest does when its Prefect server stops answering mid-run (``when_server_lost``): one
    line saying what the run left in the archive, then exit 2 at once."""

    def leave(lost: ServerLost) -> NoReturn:
        _leave_naming_lost_server(_server_lost_message(lost, archive))

    return leave


def _leave_naming_lost_server(message: str) -> NoReturn:
    """``message`` as the run's error line, then exit 2 at once: Prefect's log and event workers
    would otherwise wait at exit on what they queued for the gone server, ~7 s an item."""
    _close_progress()
    # A line of its own: Prefect's log sender writes its failure to stderr without ending the line
    # ("--- Error logging to API ---", then "All connection attempts failed").
    err_console.print()
    err_console.print(_styled("error:", "bold red", f" {message}"))
    _leave(SystemExit(2))


def _server_lost_message(lost: ServerLost, archive: Path) -> str:
    """What the run left, read from the archive: the commits that carry its run id."""
    from zharchive.archive.staging import TABLES
    from zharchive.archive.tables import committed_version, open_table

    server = "temporary Prefect server" if lost.temporary else "Prefect server"
    what = f"the {server} at {lost.api_url} stopped answering ({lost.reason})"
    again = (
        "run the same command again"
        if lost.temporary
        else "start the server again, then run the same command again"
    )
    if lost.run_id is None:
        return f"{what} before the run began: nothing was written to the archive; {again}"
    run = f"run {lost.run_id}"
    made: dict[str, int] = {}
    try:
        for name in TABLES:
            table = open_table(archive, name)
            version = None if table is None else committed_version(table, lost.run_id)
            if version is not None:
                made[name] = version
    except ZharchiveError as exc:
        return f"{what} during {run}, and the archive cannot be read to say what it holds ({exc}); {again}"
    versions = ", ".join(f"{name} v{version}" for name, version in made.items())
    if not made:
        return (
            f"{what} during {run}: nothing of the run was committed, and the batches it finished "
            f"stay staged; {again} to adopt them and finish the work"
        )
    if "runs" in made:
        return (
            f"{what} after {run} was committed ({versions}): the archive holds the whole run (no "
            "need to run it again); only Prefect's record of its flow run is unfinished"
        )
    return (
        f"{what} in the commit of {run} ({versions} committed, its row in runs not): the next "
        f"ingest settles the rest; {again}"
    )


def _lost_connection(exc: BaseException) -> tuple[str, str] | None:
    """The Prefect server and why, when ``exc`` comes of a call to its API that failed to connect."""
    server = sys.modules.get("flows.server")  # imported once the run's Prefect is loaded
    return None if server is None else server.lost_connection(exc)


class _FilesPerSecond(ProgressColumn):
    """The rate the bar's files go at, as Rich's own columns estimate it (its last 30 s)."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        if speed is None and task.completed and task.elapsed:  # one step so far: no estimate of Rich's
            speed = task.completed / task.elapsed
        return Text("— files/s" if speed is None else f"{speed:,.1f} files/s", style="progress.data.speed")


class _RunDisplay:
    """What ingest shows while its run goes, from the run's events (``zharchive.progress``).

    On a terminal (stdout and stderr both): one Rich console, Prefect's own console log handler's,
    holds a status line while Prefect loads and its temporary server starts, then a bar of files
    with their rate and the time left; Prefect's log lines go through that console, so they are
    printed above the bar instead of across it (their API handler, which sends them to the server,
    is another handler, left as it is). Otherwise: plain ``batches n/N done`` lines on stdout, as
    log files and CI capture want them; nothing at all when ``quiet`` (stdout is --json's alone).
    """

    def __init__(self, *, quiet: bool) -> None:
        self.quiet = quiet
        self.terminal = not quiet and console.is_terminal and err_console.is_terminal
        self.console = err_console  # Prefect's console once Prefect is imported (use_prefect_console)
        self.live: Status | Progress | None = None
        self.bar: TaskID | None = None
        self.routed: list[tuple[Any, Console]] = []
        self.themed: Console | None = None

    def loading_prefect(self) -> None:
        self._status("loading Prefect…")

    def use_prefect_console(self) -> None:
        """Share the console of Prefect's console log handlers (set up when Prefect was imported)."""
        if not self.terminal:
            return
        from flows.ingest import prefect_console_handlers

        handlers = prefect_console_handlers()
        if not handlers:
            return  # a logging configuration of the user's own: there is no Prefect console to share
        self._stop()  # the status was on stderr's console: one live display at a time
        shared = handlers[0].console
        # Prefect's theme holds its log styles alone (inherit=False); the bar needs Rich's own.
        shared.push_theme(Theme())
        self.themed = shared
        for handler in handlers:
            self.routed.append((handler, handler.console))
            handler.console = shared
        self.console = shared

    def __call__(self, event: progress.Event) -> None:
        if self.quiet:
            return
        try:
            self._show(event)
        except Exception as exc:  # what the run shows must never fail the run
            self._stop()
            self.terminal = False
            err_console.print(_styled("warning:", "yellow", f" the progress display stopped: {exc!r}"))

    def _show(self, event: progress.Event) -> None:
        if not self.terminal:
            if isinstance(event, progress.BatchDone):
                console.print(f"batches {event.done}/{event.total} done")
            return
        if isinstance(event, progress.ServerStarting):
            self._status(f"starting a temporary Prefect server on {event.url}…")
        elif isinstance(event, progress.ServerStarted):
            self._stop()
        elif isinstance(event, progress.Planned) and event.files:
            self._stop()
            bar = Progress(
                TextColumn("ingesting"),
                BarColumn(),
                TaskProgressColumn(),
                MofNCompleteColumn(),
                TextColumn("files"),
                _FilesPerSecond(),
                TimeRemainingColumn(),
                console=self.console,
            )
            self.bar = bar.add_task("ingesting", total=event.files)
            self.live = bar
            bar.start()
        elif (
            isinstance(event, progress.BatchDone) and isinstance(self.live, Progress) and self.bar is not None
        ):
            self.live.advance(self.bar, event.files)

    def close(self) -> None:
        """Stop the live display (a bar stays on the screen as it ended) and give Prefect's handlers
        their consoles back."""
        self._stop()
        for handler, own in self.routed:
            handler.console = own
        self.routed.clear()
        if self.themed is not None:
            self.themed.pop_theme()
            self.themed = None

    def _status(self, message: str) -> None:
        if not self.terminal:
            return
        self._stop()
        status = Status(Text(message), console=self.console)
        status.start()
        self.live = status

    def _stop(self) -> None:
        live, self.live, self.bar = self.live, None, None
        if live is not None:
            live.stop()


_displays: list[_RunDisplay] = []


def _progress_listener(*, quiet: bool = False) -> _RunDisplay:
    """The run's display: a status line and a bar of files on a terminal, plain lines otherwise (logs,
    CI), nothing when ``quiet``; closed by ``_close_progress``."""
    display = _RunDisplay(quiet=quiet)
    _displays.append(display)
    return display


def _close_progress() -> None:
    while _displays:
        _displays.pop().close()


def _version(archive: Path, name: str) -> str:
    from zharchive.archive.tables import open_table

    table = open_table(archive, name)  # type: ignore[arg-type]
    return "—" if table is None else str(table.version())


@app.command(cls=_Command)
def history(
    archive: ArchiveOption = Path("archive"),
    storage_option: StorageOption = None,
    as_json: JsonOption = False,
) -> None:
    """List the archive's runs with the table versions each produced.

    Example: zharchive history --archive archive --json | jq .run_id
    """
    archive = _located(archive, storage_option)
    from zharchive.archive.runs import read_runs
    from zharchive.archive.tables import check_logs, naming_missing_files

    try:
        check_logs(archive)  # the versions listed must be the tables' own: a damaged log is named
        with naming_missing_files(archive):
            runs = read_runs(archive)
    except ZharchiveError as exc:
        raise _fail(str(exc)) from exc
    if not runs:
        raise _fail(f"no runs recorded in {archive} (is it a zharchive archive?)", code=1)
    if as_json:
        for run in runs:
            _print_json(run)
        return
    table = Table(title=f"history of {_where(archive)}")
    for column in (
        "run",
        "started (UTC)",
        "seconds",
        "files",
        "docs",
        "quar.",
        "unch.",
        "documents v",
        "quarantine v",
    ):
        # A run id is never cut (it is what `show`, `export` and scripts take): it wraps instead.
        table.add_column(
            column,
            justify="right" if column not in ("run", "started (UTC)") else "left",
            overflow="fold" if column == "run" else "ellipsis",
            min_width=len("20261205T154233Z-a661ae8a") if column == "run" else None,
        )
    for run in runs:
        seconds = (run["finished_at"] - run["started_at"]).total_seconds()
        table.add_row(
            run["run_id"],
            f"{run['started_at']:%Y-%m-%d %H:%M:%S}",
            f"{seconds:.1f}",
            str(run["input_files"]),
            str(run["documents_written"]),
            str(run["quarantined"]),
            str(run["unchanged"]),
            "—" if run["documents_version"] is None else str(run["documents_version"]),
            "—" if run["quarantine_version"] is None else str(run["quarantine_version"]),
        )
    console.print(table)


@app.command(cls=_Command)
def verify(
    archive: ArchiveOption = Path("archive"),
    storage_option: StorageOption = None,
    version: Annotated[
        int | None,
        typer.Option(metavar="N", help="documents version to check (default: newest), e.g. --version 0"),
    ] = None,
    deep: Annotated[
        bool,
        typer.Option("--deep", help="also check every row's raw bytes against its raw_sha256, e.g. --deep"),
    ] = False,
    adopt: Annotated[
        bool,
        typer.Option(
            "--adopt",
            help="record the sha256 of live files that have none, as they are now (after a deep check), "
            "e.g. --adopt",
        ),
    ] = False,
    repair: Annotated[
        bool,
        typer.Option(
            "--repair",
            help="take data files that are gone from disk out of the live version, record them as "
            "lost in runs, and say which ingest makes their rows again, e.g. --repair",
        ),
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Check the Delta logs, then every live data file: it exists, has its size, and the sha256
    recorded in the commit that added it. Exit 1 on any problem, one line each.

    Example: zharchive verify --archive archive --json
    """
    archive = _located(archive, storage_option)
    if repair or adopt:
        _local_only(archive, "verify --repair" if repair else "verify --adopt")
    from zharchive.archive.handoff import adopt_unhashed
    from zharchive.archive.handoff import verify as verify_archive
    from zharchive.archive.vacuum import ensure_readable

    try:
        if repair:
            _repair(archive, quiet=as_json)
        if adopt:
            adopted = adopt_unhashed(archive)
            files = sum(len(paths) for paths in adopted.values())
            tables = ", ".join(f"{name} {len(paths)}" for name, paths in adopted.items()) or "none"
            console.print(
                f"recorded the sha256 of {files} file{'s' * (files != 1)} as they are now ({tables})"
            )
        if version is not None:
            ensure_readable(archive, version=version)  # else a vacuumed version reads as damage
        report = verify_archive(archive, version=version, deep=deep)
    except ZharchiveError as exc:
        raise _fail(str(exc)) from exc
    counts = Counter(check.status for check in report.checks)
    documents_version = None if report.snapshot is None else report.snapshot.documents_version
    if as_json:
        for check in report.checks:
            _print_json(
                {"table": check.table, "path": check.path, "status": check.status, "detail": check.detail}
            )
        _print_json(
            {
                "archive": _where(archive),
                "documents_version": documents_version,
                "intact": not report.problems,
                "deep": deep,
                "counts": dict(counts),
            }
        )
        if report.problems:
            raise typer.Exit(1)
        return
    for problem in report.problems:
        err_console.print(
            _styled(problem.status, "bold red", f" {problem.table}/{problem.path}: {problem.detail}")
        )
    summary = ", ".join(f"{status} {n}" for status, n in sorted(counts.items()))
    where = _where(archive)
    if documents_version is not None:
        where += f" at documents version {documents_version}"
    if report.problems:
        err_console.print(_styled("archive damaged", "bold red", f": {where}: {summary}"))
        raise typer.Exit(1)
    console.print(f"intact: {where}: {summary}{' (deep)' if deep else ''}")


def _repair(archive: Path, *, quiet: bool) -> None:
    from zharchive.archive.repair import repair_missing

    done = repair_missing(archive)
    if quiet:
        return
    if not done.lost:
        console.print("nothing to repair: every data file the log lists is on disk")
        return
    for lost in done.lost:
        rows = "its rows" if lost.rows is None else f"{lost.rows} rows"
        by = f", added by run {lost.added_by}" if lost.added_by else ""
        console.print(
            f"lost {lost.table}/{lost.path} ({rows}{by}): taken out of the live version", soft_wrap=True
        )
    versions = ", ".join(f"{name} v{version}" for name, version in done.versions.items())
    console.print(f"recorded as run {done.run_id} in runs ({versions})")
    sources = done.sources()
    if sources:
        again = " ".join(shlex.quote(s) for s in sources)
        console.print(  # never wrapped: a command to copy
            "to make the lost rows again from the sources still present: "
            f"zharchive ingest {again} --archive {shlex.quote(str(archive))}",
            soft_wrap=True,
        )


@app.command(cls=_Command)
def show(
    key: Annotated[
        str,
        typer.Argument(
            metavar="KEY",
            help="a doc_id, a source_uri, or the path of a source file, e.g. seeds/001_cd1572c6f20f1d7b.txt",
        ),
    ],
    archive: ArchiveOption = Path("archive"),
    storage_option: StorageOption = None,
    as_json: JsonOption = False,
) -> None:
    """One document's metadata, provenance, removed lines and repairs.

    Example: zharchive show seeds/001_cd1572c6f20f1d7b.txt --archive archive --json
    """
    archive = _located(archive, storage_option)
    from zharchive.archive.tables import check_logs, naming_missing_files

    try:
        check_logs(archive)  # as history: a damaged log is named, not read past
        with naming_missing_files(archive):
            found = _find_row(key, archive)
    except ZharchiveError as exc:
        raise _fail(str(exc)) from exc
    if found is None:
        from zharchive.sources import display_path

        raise _fail(f"no document or quarantined file '{display_path(key)}' in {_where(archive)}", code=1)
    if as_json:
        table_name, row = found
        _print_json({"table": table_name, **row})  # every column but the raw bytes
        return
    _print_row(*found)


def _find_row(key: str, archive: Path) -> tuple[str, dict[str, Any]] | None:
    """The table and row of the document or quarantined file that ``key`` names, if any."""
    import pyarrow.compute as pc

    from zharchive.archive.tables import open_table
    from zharchive.sources import display_path, real_path, source_uri

    # A key that is not UTF-8 (a file name's bytes) can only be a path: look it up by its URI.
    candidates = {key} if display_path(key) == key else set()
    if os.path.lexists(key):
        # Files are archived by their real paths; a path through a link finds them too.
        candidates |= {source_uri(key), source_uri(real_path(key))}
    for name in ("documents", "quarantine"):
        table = open_table(archive, name)
        if table is None:
            continue
        rows = table.to_pyarrow_table()
        match = pc.is_in(rows["source_uri"], value_set=pc.cast(list(candidates), "string"))
        if name == "documents":
            match = pc.or_(match, pc.is_in(rows["doc_id"], value_set=pc.cast(list(candidates), "string")))
        found = rows.filter(match).to_pylist()
        if found:
            return name, found[0]
    return None


def _print_row(table_name: str, row: dict[str, Any]) -> None:
    overview = Table(title=f"{table_name}: {row['source_uri']}", show_header=False, title_justify="left")
    overview.add_column(style="bold")
    overview.add_column()
    skip = {"raw", "body", "body_simplified", "removed", "repairs", "errors"}
    for column, value in row.items():
        if column not in skip:
            overview.add_row(column, "—" if value is None or value == [] else str(value))
    console.print(overview)
    if table_name == "quarantine":
        for error in row["errors"]:
            console.print(
                Text.assemble("  ", (".".join(error["loc"]), "red"), f" {error['type']}: {error['msg']}")
            )
        return
    console.print(_styled("body", "bold", f" ({len(row['body'])} characters):"))
    console.print(row["body"][:600] + ("…" if len(row["body"]) > 600 else ""))
    removed = Table("line", "rule", "removed text", title="removed lines", title_justify="left")
    for line in row["removed"]:
        if line["rule_id"] != "blank":
            removed.add_row(str(line["line_no"]), line["rule_id"], line["text"][:80])
    console.print(removed)
    repairs = Table("line", "rule", "before", "after", title="repairs", title_justify="left")
    for repair in row["repairs"][:50]:
        repairs.add_row(
            str(repair["line_no"]), repair["rule_id"], repair["before"][:40], repair["after"][:40]
        )
    console.print(repairs)


@app.command(cls=_Command)
def export(
    out: Annotated[
        Path, typer.Option("--out", metavar="FILE", help="the Parquet file to write, e.g. --out docs.parquet")
    ],
    archive: ArchiveOption = Path("archive"),
    storage_option: StorageOption = None,
    version: Annotated[
        int | None, typer.Option(metavar="N", help="documents version (default: newest), e.g. --version 0")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="replace --out if it exists, e.g. --out docs.parquet --force")
    ] = False,
) -> None:
    """Write the documents at a version as one plain Parquet file, provenance in its metadata.

    Example: zharchive export --archive archive --version 0 --out documents-v0.parquet
    """
    archive = _located(archive, storage_option)
    from zharchive.archive.handoff import export_documents

    if out.exists() and not force:
        raise _fail(f"{out} exists; add --force to replace it")

    from zharchive.archive.tables import naming_missing_files
    from zharchive.archive.vacuum import ensure_readable

    try:
        if version is not None:
            ensure_readable(archive, version=version)  # else deltalake's FileNotFoundError
        with naming_missing_files(archive):
            rows, snap = export_documents(archive, out, version=version)
    except ZharchiveError as exc:
        raise _fail(str(exc)) from exc
    console.print(f"wrote {rows} documents (version {snap.documents_version}) to {out}")


@app.command(cls=_Command)
def package(
    out: Annotated[
        Path, typer.Option("--out", metavar="DIR", help="a new folder for the BagIt bag, e.g. --out bag-v3")
    ],
    archive: ArchiveOption = Path("archive"),
    storage_option: StorageOption = None,
    version: Annotated[
        int | None, typer.Option(metavar="N", help="documents version (default: newest), e.g. --version 0")
    ] = None,
) -> None:
    """Make a BagIt bag of the archive at a version: Parquet files, run records, schemas, README.

    Example: zharchive package --archive archive --version 0 --out bag-v0
    """
    archive = _located(archive, storage_option)
    from zharchive.archive.handoff import package as make_package
    from zharchive.archive.tables import naming_missing_files
    from zharchive.archive.vacuum import ensure_readable

    try:
        if version is not None:
            ensure_readable(archive, version=version)  # else deltalake's FileNotFoundError
        with naming_missing_files(archive):
            bag, snap = make_package(archive, out, version=version)
    except ZharchiveError as exc:
        raise _fail(str(exc)) from exc
    console.print(f"bag written and validated: {bag} (documents version {snap.documents_version})")


@app.command(cls=_Command)
def duplicates(
    archive: ArchiveOption = Path("archive"),
    version: Annotated[
        int | None,
        typer.Option(metavar="N", help="documents version to look in (default: newest), e.g. --version 0"),
    ] = None,
    threshold: Annotated[
        float,
        typer.Option(
            min=0.05,
            max=1.0,
            metavar="SCORE",
            help="estimated share of shared 5-character shingles that makes two bodies one article, "
            "e.g. --threshold 0.6",
        ),
    ] = 0.4,
    as_json: JsonOption = False,
) -> None:
    """List the articles republished in the archive: each original (the earliest archived) with the
    documents that are near-duplicates of it and their scores. Nothing is changed.

    Example: zharchive duplicates --archive archive --json
    """
    _local_only(archive, "duplicates")
    from zharchive.near_duplicates import archive_duplicates, clusters

    try:
        found = archive_duplicates(archive, version=version, threshold=threshold)
    except ZharchiveError as exc:
        raise _fail(str(exc)) from exc
    grouped = clusters(found.matches)
    if as_json:
        for original, members in grouped.items():
            for match in members:
                _print_json(
                    {
                        "doc_id": match.key,
                        "source_uri": found.documents[match.key].source_uri,
                        "near_duplicate_of": original,
                        "of_source_uri": found.documents[original].source_uri,
                        "matched": match.of,
                        "score": round(match.score, 3),
                    }
                )
        return
    for original, members in grouped.items():
        head = found.documents[original]
        console.print(f"{head.source_uri}  {head.title or ''}", soft_wrap=True, markup=False, highlight=False)
        for match in members:
            member = found.documents[match.key]
            console.print(
                f"  {match.score:.2f}  {member.source_uri}  {member.title or ''}",
                soft_wrap=True,
                markup=False,
                highlight=False,
            )
    republished = sum(len(members) for members in grouped.values())
    console.print(
        f"{len(grouped)} article{'s' * (len(grouped) != 1)} republished, {republished} near-duplicate"
        f"{'s' * (republished != 1)}, among the {found.compared} documents long enough to compare "
        f"(documents version {found.documents_version})"
    )


@app.command(cls=_Command)
def report(
    out: Annotated[
        Path, typer.Option("--out", metavar="FILE", help="the HTML page to write, e.g. --out report.html")
    ],
    archive: ArchiveOption = Path("archive"),
    version: Annotated[
        int | None, typer.Option(metavar="N", help="documents version (default: newest), e.g. --version 0")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="replace --out if it exists, e.g. --out report.html --force")
    ] = False,
) -> None:
    """Write one self-contained HTML page on the archive at a version, with plots: documents per
    site and month, encodings, quarantine reasons, rules fired, lengths of bodies, the runs.

    Example: zharchive report --archive archive --out report.html
    """
    _local_only(archive, "report")
    if out.is_dir():
        raise _fail(f"{out} is a folder; --out names the HTML file to write")
    if out.exists() and not force:
        raise _fail(f"{out} exists; add --force to replace it")

    from zharchive.report_html import write_report

    try:
        data = write_report(archive, out, version=version)
    except ZharchiveError as exc:
        raise _fail(str(exc)) from exc
    console.print(
        f"wrote {out}: documents version {data.documents_version}, {data.documents} documents, "
        f"{data.quarantined} quarantined, {len(data.runs)} run{'s' * (len(data.runs) != 1)}",
        soft_wrap=True,  # one line: the path is there to copy
    )


@app.command(cls=_Command)
def serve(
    sources: Annotated[
        list[Path],
        typer.Argument(metavar="SOURCE", help="files or directories each run ingests, e.g. /data/crawl"),
    ],
    archive: ArchiveOption = Path("archive"),
    cron: Annotated[
        str, typer.Option(metavar="CRON", help="when to run, as a cron expression, e.g. --cron '30 1 * * *'")
    ] = "0 2 * * *",
    timezone: Annotated[
        str, typer.Option(metavar="ZONE", help="time zone of the cron expression, e.g. --timezone UTC")
    ] = "Asia/Shanghai",
    name: Annotated[
        str,
        typer.Option(
            metavar="NAME",
            help="deployment name (prefect.yaml's is ingest: they never pause each other), "
            "e.g. --name nightly",
        ),
    ] = "ingest-served",
) -> None:
    """Serve the ingest flow on a schedule from this process (no work pool); Ctrl-C stops it.

    Example: zharchive serve /data/crawl --archive /data/archive --cron '0 2 * * *'
    """
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise _fail(f"unknown time zone {timezone!r}") from exc
    from flows.ingest import serve as serve_flow

    try:
        serve_flow(
            [str(s.resolve()) for s in sources],
            str(archive.resolve()),
            cron=cron,
            timezone=timezone,
            name=name,
        )
    except ZharchiveError as exc:
        raise _fail(str(exc)) from exc


@app.command(cls=_Command)
def unlock(
    run: Annotated[
        str,
        typer.Option(
            "--run",
            metavar="RUN_ID",
            help="the run whose lock to remove, e.g. --run 20261205T231920Z-0f08b959",
        ),
    ],
    archive: ArchiveOption = Path("archive"),
    storage_option: StorageOption = None,
) -> None:
    """Remove the write lock a dead run left on an s3:// archive, before its heartbeat grows old.

    A lock is taken over without this once its holder's heartbeat is over 120 s old, or at once
    when its pid on the same host is gone; this is for a run you know is dead on another host.
    Refused when the lock names another run.

    Example: zharchive unlock --archive s3://bucket/archive --run 20261205T231920Z-0f08b959
    """
    archive = _located(archive, storage_option)
    from zharchive.archive.lock import unlock as remove_lock

    try:
        holder = remove_lock(archive, run_id=run)
    except ZharchiveError as exc:
        raise _fail(str(exc)) from exc
    except OSError as exc:
        raise _fail(f"cannot reach {archive}: {exc}") from exc
    console.print(f"removed the lock of {holder} from {archive}")


@app.command(cls=_Command)
def vacuum(
    archive: ArchiveOption = Path("archive"),
    keep_versions: Annotated[
        int | None,
        typer.Option(
            min=1,
            metavar="N",
            help="keep the N newest versions of each table readable, e.g. --keep-versions 2",
        ),
    ] = None,
    older_than: Annotated[
        int | None,
        typer.Option(
            min=0,
            metavar="DAYS",
            help="keep every version live within DAYS days, e.g. --older-than 30",
        ),
    ] = None,
    apply: Annotated[
        bool,
        typer.Option(
            "--apply",
            help="delete the files (without it: a dry run that lists them), e.g. --keep-versions 1 --apply",
        ),
    ] = False,
) -> None:
    """Delete data files only old versions use, so the folder read as plain Parquet holds live rows.

    A dry run unless --apply: it lists the files, their bytes, and the versions whose time travel
    would end. Give exactly one of --keep-versions and --older-than.

    Example: zharchive vacuum --archive archive --keep-versions 1 --apply
    """
    _local_only(archive, "vacuum")
    from zharchive.archive.vacuum import vacuum as vacuum_archive

    if (keep_versions is None) == (older_than is None):
        raise _fail("give exactly one of --keep-versions N and --older-than DAYS")
    try:
        report = vacuum_archive(archive, keep_versions=keep_versions, older_than_days=older_than, apply=apply)
    except ZharchiveError as exc:
        raise _fail(str(exc)) from exc
    verb = "deleted" if apply else "would delete"
    for plan in report.tables:
        ended = ", ".join(map(str, plan.ended_versions)) or "none"
        console.print(
            f"{plan.table} (newest version {plan.newest_version}): {verb} {_files(len(plan.files))}, "
            f"{plan.bytes:,} bytes; time travel ends for versions: {ended}"
        )
        for path in plan.files:
            console.print(f"  {plan.table}/{path}")
    total = f"{_files(report.files)}, {report.bytes:,} bytes ({report.rule})"
    if apply:
        console.print(f"vacuumed {report.archive}: {total}")
    else:
        console.print(f"dry run, nothing deleted: {total}; add --apply to delete them")


def _files(count: int) -> str:
    return f"{count} file" if count == 1 else f"{count} files"


@app.command(cls=_Command)
def upgrade(
    archive: ArchiveOption = Path("archive"),
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="say what would change and write nothing, e.g. --dry-run")
    ] = False,
) -> None:
    """Bring an archive an earlier zharchive wrote to the current schema: one new version per table
    that needs one, older versions still readable by time travel, the upgrade a row of runs. Added
    columns are filled as ingest fills them where the stored columns give them, else left null with
    the reason in the commit; every file is checked against its recorded sha256, and every row's
    raw bytes against raw_sha256, before anything is written.

    Example: zharchive upgrade --archive archive --dry-run
    """
    _local_only(archive, "upgrade")
    from schemas import SCHEMA_VERSION
    from zharchive.archive.upgrade import Fillers, plan_upgrade
    from zharchive.archive.upgrade import upgrade as upgrade_archive
    from zharchive.near_duplicates import stored_signature
    from zharchive.stages.script import script_of

    try:
        result = (
            None
            if dry_run
            else upgrade_archive(archive, fillers=Fillers(script_of=script_of, signature=stored_signature))
        )
        plan = plan_upgrade(archive) if result is None else result.plan
    except ZharchiveError as exc:
        raise _fail(str(exc)) from exc
    for table in plan.tables:
        for line in table.lines():
            console.print(line, soft_wrap=True)
    if not plan.needed:
        console.print(f"{plan.archive} is at schema {SCHEMA_VERSION}: nothing to upgrade", soft_wrap=True)
    elif result is None:
        console.print(
            f"dry run, nothing written: {plan.archive} is at schema {plan.schema_version}; run it "
            f"without --dry-run to upgrade it to {SCHEMA_VERSION}",
            soft_wrap=True,
        )
    else:
        console.print(
            f"upgraded {plan.archive} from schema {plan.schema_version} to {SCHEMA_VERSION} (run "
            f"{result.run_id}): every row kept, its raw bytes checked against raw_sha256; the "
            "versions before it stay readable by time travel",
            soft_wrap=True,  # a long path stays one line to copy
        )


# Commands that only read the archive and start no Prefect: they leave without the interpreter's
# teardown, in which an Arrow I/O thread still freeing a buffer of deltalake's default (Python)
# filesystem takes the GIL and is ended mid-destructor, aborting the process ("terminate called
# without an active exception", exit 134) in a few runs of 12 with every deltalake and pyarrow
# measured (benchmarks/read_exit.md). The README's filesystem=local reads do not abort, but
# zharchive/archive/ reads through deltalake's default filesystem, so the os._exit stays.
# vacuum and upgrade write too, but through deltalake calls that have returned when they exit.
_READ_ONLY_COMMANDS = frozenset(
    {"history", "show", "verify", "export", "package", "report", "vacuum", "duplicates", "upgrade"}
)


# Set by ingest once it starts its flow: an ingest refused before that (busy, a damaged log, a data
# file gone) has read the archive like the commands above, and leaves like them.
_RAN_A_FLOW = False


def main() -> None:
    if not _READ_ONLY_COMMANDS & set(sys.argv[1:2]):
        try:
            app()
        except SystemExit as exc:
            if _RAN_A_FLOW or sys.argv[1:2] != ["ingest"]:
                raise
            _leave(exc)
        return
    try:
        app()
    except SystemExit as exc:
        _leave(exc)
    _leave(SystemExit(0))


def _leave(exc: SystemExit) -> NoReturn:
    """Flush and end the process at once with ``exc``'s code (see _READ_ONLY_COMMANDS)."""
    if isinstance(exc.code, str):
        print(exc.code, file=sys.stderr)
    code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(BrokenPipeError):  # a reader that stopped early (| head) has gone
            stream.flush()
    os._exit(code)


if __name__ == "__main__":
    main()
