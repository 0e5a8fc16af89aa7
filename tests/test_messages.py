"""One line, not a traceback, when an archive's file is gone from disk (issue 18, item 8).

Real archives made by a real flow run, real ``zharchive`` processes; files removed with ``unlink``.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import SEEDS
from tests.support import cli_env

ZHARCHIVE = Path(__file__).resolve().parents[1] / ".venv" / "bin" / "zharchive"
# 000 (4,453 bytes) is archived; the four larger seeds go to quarantine as too large.
MAX_BYTES = 5000
DOCUMENT_SEED = next(SEEDS.glob("000_*.txt"))
QUARANTINED_SEED = next(SEEDS.glob("001_*.txt"))


@pytest.fixture(scope="module")
def both_tables_archive(prefect_server: None, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An archive whose documents, quarantine and runs tables each hold a data file."""
    from flows.ingest import ingest

    archive = tmp_path_factory.mktemp("messages-archive")
    ingest(sources=[str(SEEDS)], archive=str(archive), max_bytes=MAX_BYTES)
    for table in ("documents", "quarantine", "runs"):
        assert list((archive / table).glob("*.parquet")), table
    return archive


def _zharchive(*args: str, archive: Path, home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(ZHARCHIVE), *args, "--archive", str(archive)],
        capture_output=True,
        text=True,
        env=cli_env(home),
        timeout=300,
        check=False,
    )


def _commands(tmp_path: Path) -> dict[str, list[str]]:
    new = tmp_path / "new"
    new.mkdir()
    (new / "page.txt").write_text("新的页面。\n第二行内容。\n", encoding="utf-8")
    return {
        "ingest": ["ingest", str(new), "--max-bytes", str(MAX_BYTES)],
        "show": ["show", str(QUARANTINED_SEED)],
        "export": ["export", "--out", str(tmp_path / "out.parquet")],
        "package": ["package", "--out", str(tmp_path / "bag")],
        "history": ["history"],
    }


def _assert_one_line(done: subprocess.CompletedProcess[str], *names: str) -> None:
    output = done.stdout + done.stderr
    assert "Traceback" not in output and "╭" not in done.stderr, output[-2000:]
    assert done.returncode == 2, output[-2000:]
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), done.stderr[-2000:]
    for name in names:
        assert name in lines[0], lines[0]


@pytest.mark.slow  # a flow run for the fixture, then a real ingest per table: ~30 s
@pytest.mark.parametrize("table", ["documents", "quarantine"])
def test_a_deleted_data_file_is_one_line_naming_it(
    both_tables_archive: Path, tmp_path: Path, table: str
) -> None:
    archive = tmp_path / "archive"
    shutil.copytree(both_tables_archive, archive)
    (gone,) = (archive / table).glob("*.parquet")
    gone.unlink()
    # Which commands read the table: history reads only runs, export only documents (and runs).
    readers = {
        "documents": {"ingest", "show", "export", "package"},
        "quarantine": {"ingest", "show", "package"},
    }[table]
    for name, command in _commands(tmp_path).items():
        done = _zharchive(*command, archive=archive, home=tmp_path / "home")
        if name in readers:
            _assert_one_line(done, str(gone), "zharchive verify")
        else:
            assert done.returncode == 0, (name, done.stdout[-1000:], done.stderr[-2000:])
    # What the line sends a person to: verify names the same file.
    verify = _zharchive("verify", archive=archive, home=tmp_path / "home")
    assert verify.returncode == 1 and f"missing {table}/{gone.name}" in verify.stderr


def test_a_deleted_runs_file_is_one_line_naming_it(both_tables_archive: Path, tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    shutil.copytree(both_tables_archive, archive)
    (gone,) = (archive / "runs").glob("*.parquet")
    gone.unlink()
    commands = _commands(tmp_path)
    # show reads no runs; ingest appends its run's row without reading the others.
    for name in ("history", "export", "package"):
        done = _zharchive(*commands[name], archive=archive, home=tmp_path / "home")
        _assert_one_line(done, str(gone), "zharchive verify")
    assert _zharchive(*commands["show"], archive=archive, home=tmp_path / "home").returncode == 0


@pytest.mark.slow  # eight CLI processes, each importing Prefect: ~40 s
def test_a_refused_ingest_exits_with_its_code_every_time(both_tables_archive: Path, tmp_path: Path) -> None:
    """An ingest refused before its flow starts has read the archive through deltalake, like the
    read-only commands, and ended now and then in the exit-time abort (SIGABRT, -6: seen once in
    test_fixity); it leaves as they do, at once with its code."""
    archive = tmp_path / "archive"
    shutil.copytree(both_tables_archive, archive)
    newest = max((archive / "documents" / "_delta_log").glob("*.json"))
    newest.write_bytes(b"")  # an emptied newest commit: refused before Prefect runs a flow
    new = tmp_path / "new"
    new.mkdir()
    (new / "page.txt").write_text("新的页面。\n", encoding="utf-8")
    codes = [
        _zharchive("ingest", str(new), archive=archive, home=tmp_path / "home").returncode for _ in range(8)
    ]
    assert codes == [2] * 8, codes
