"""The zharchive command as a user runs it."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from flows.cli import app

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
runner = CliRunner()


def test_ingest_prints_a_summary_and_history_lists_the_run(prefect_server: None, tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    result = runner.invoke(app, ["ingest", str(SEEDS), "--archive", str(archive)])
    assert result.exit_code == 0, result.output
    for line in ("files", "documents written", "quarantined", "unchanged", "archive version"):
        assert line in result.output
    assert "documents v0" in result.output and "utf-8 5" in result.output

    again = runner.invoke(app, ["ingest", str(SEEDS), "--archive", str(archive)])
    assert again.exit_code == 0 and "(no change)" in again.output

    history = runner.invoke(app, ["history", "--archive", str(archive)])
    assert history.exit_code == 0, history.output
    assert history.output.count("2026") >= 2 or history.output.count("20") >= 2


def test_ingest_of_a_missing_source_is_a_clear_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["ingest", str(tmp_path / "nope"), "--archive", str(tmp_path / "a")])
    assert result.exit_code == 2
    assert "no such file or directory" in result.output
    assert "Traceback" not in result.output


def test_history_of_an_empty_folder_says_so(tmp_path: Path) -> None:
    result = runner.invoke(app, ["history", "--archive", str(tmp_path)])
    assert result.exit_code == 1 and "no runs recorded" in result.output


def test_an_archive_written_by_something_else_is_refused_clearly(
    prefect_server: None, tmp_path: Path
) -> None:
    import pyarrow as pa
    from deltalake import write_deltalake

    archive = tmp_path / "archive"
    write_deltalake(str(archive / "documents"), pa.table({"source_uri": ["file:///x.txt"], "text": ["x"]}))
    result = runner.invoke(app, ["ingest", str(SEEDS), "--archive", str(archive)])
    assert result.exit_code == 2
    assert "lacks columns" in result.output and "raw_sha256" in result.output
    assert "Traceback" not in result.output


def test_progress_is_a_bar_on_a_terminal_and_plain_lines_otherwise(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from rich.console import Console

    import flows.cli as cli

    for terminal in (True, False):
        out = io.StringIO()
        monkeypatch.setattr(cli, "console", Console(file=out, force_terminal=terminal, width=100))
        listener = cli._progress_listener()
        listener(1, 2, 1000)
        listener(2, 2, 1000)
        cli._close_progress()
        if terminal:
            assert "ingesting batches" in out.getvalue() and "batches 2/2 done" not in out.getvalue()
        else:
            assert out.getvalue().splitlines() == ["batches 1/2 done", "batches 2/2 done"]
