"""The ``zharchive`` command: ingest files into the archive, and look at what is there."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from flows.errors import ZharchiveError

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")

app = typer.Typer(
    name="zharchive",
    help="Turn raw scraped Chinese web pages into a validated, versioned Delta Lake archive.",
    no_args_is_help=True,
    add_completion=False,
)
# Logs and CI capture are not terminals: give tables room instead of Rich's 80-column default.
console = Console(width=None if os.isatty(1) else 120)
err_console = Console(stderr=True)

ArchiveOption = Annotated[
    Path, typer.Option("--archive", "-a", help="archive directory (holds the Delta tables)")
]


def _fail(message: str, code: int = 2) -> typer.Exit:
    err_console.print(f"[bold red]error:[/] {message}")
    return typer.Exit(code)


def _counts_line(counts: list[dict[str, Any]]) -> str:
    return ", ".join(f"{c['key']} {c['count']}" for c in counts) or "—"


@app.command()
def ingest(
    sources: Annotated[list[Path], typer.Argument(help="files or directories to ingest (recursively)")],
    archive: ArchiveOption = Path("archive"),
    batch_size: Annotated[int, typer.Option(min=1, help="files per Prefect task")] = 1000,
    max_bytes: Annotated[int, typer.Option(min=1, help="files larger than this go to quarantine")] = 64 << 20,
    runner: Annotated[
        str, typer.Option(help="auto | threads | processes | dask (auto: a process per core when >1 batch)")
    ] = "auto",
    workers: Annotated[
        int | None, typer.Option(min=1, help="workers (processes, or a local Dask cluster's)")
    ] = None,
    dask_address: Annotated[
        str | None, typer.Option(help="run the batch tasks on this Dask cluster, e.g. tcp://host:8786")
    ] = None,
) -> None:
    """Ingest SOURCE files into the archive as one Prefect flow run; print what the run did."""
    missing = [s for s in sources if not os.path.lexists(s)]
    if len(missing) == len(sources):
        raise _fail(f"no such file or directory: {', '.join(map(str, missing))}")
    for source in missing:
        err_console.print(f"[yellow]warning:[/] {source} does not exist; skipped")
    if runner not in ("auto", "threads", "processes", "dask"):
        raise _fail(f"--runner must be auto, threads, processes or dask, not {runner!r}")

    from flows.ingest import batch_listeners, run_ingest  # Prefect's import is slow; keep --help fast

    listener = _progress_listener()
    batch_listeners.append(listener)
    try:
        run = run_ingest(
            [str(s) for s in sources],
            str(archive),
            batch_size=batch_size,
            max_bytes=max_bytes,
            runner=runner,  # type: ignore[arg-type]
            workers=workers,
            dask_address=dask_address,
        )
    except ZharchiveError as exc:
        raise _fail(str(exc)) from exc
    finally:
        batch_listeners.remove(listener)
        _close_progress()

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


_progress: dict[str, Any] = {}


def _progress_listener() -> Callable[[int, int, int], None]:
    """A rich progress bar on a terminal; plain lines otherwise (logs, CI)."""

    def on_batch(done: int, total: int, files: int) -> None:
        if not console.is_terminal:
            console.print(f"batches {done}/{total} done")
            return
        if "bar" not in _progress:
            bar = Progress(console=console, transient=True)
            bar.start()
            _progress["bar"], _progress["task"] = bar, bar.add_task("ingesting batches", total=total)
        _progress["bar"].update(_progress["task"], completed=done)

    return on_batch


def _close_progress() -> None:
    bar = _progress.pop("bar", None)
    if bar is not None:
        bar.stop()


def _version(archive: Path, name: str) -> str:
    from flows.archive import open_table

    table = open_table(archive, name)  # type: ignore[arg-type]
    return "—" if table is None else str(table.version())


@app.command()
def history(archive: ArchiveOption = Path("archive")) -> None:
    """List the archive's runs with the table versions each produced."""
    from flows.archive import read_runs

    runs = read_runs(archive)
    if not runs:
        raise _fail(f"no runs recorded in {archive} (is it a zharchive archive?)", code=1)
    table = Table(title=f"history of {Path(archive).resolve()}")
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
        table.add_column(column, justify="right" if column not in ("run", "started (UTC)") else "left")
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


def main() -> None:
    app()


if __name__ == "__main__":
    main()
