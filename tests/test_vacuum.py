"""`zharchive vacuum`: the folder read as plain Parquet holds only live rows after it, and nothing
else the archive promises (verify, package, a clear answer for a vacuumed version) breaks."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow.dataset as ds
import pytest
from deltalake import DeltaTable
from typer.testing import CliRunner

from zharchive.cli import app

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
runner = CliRunner()


@pytest.fixture
def changed_archive(prefect_server: None, tmp_path: Path) -> Path:
    """Two real flow runs over the seeds, one file changed in between: documents v0 and v1."""
    from flows.ingest import ingest

    crawl = tmp_path / "crawl"
    shutil.copytree(SEEDS, crawl)
    archive = tmp_path / "archive"
    ingest(sources=[str(crawl)], archive=str(archive))
    changed = next(crawl.glob("002_*.txt"))
    changed.write_bytes(changed.read_bytes() + "\n本文有更新。\n".encode())
    ingest(sources=[str(crawl)], archive=str(archive))
    assert DeltaTable(str(archive / "documents")).version() == 1
    return archive


def _folder_rows(archive: Path) -> int:
    return ds.dataset(str(archive / "documents"), format="parquet").count_rows()


def _parquet_files(archive: Path) -> set[str]:
    return {p.name for p in (archive / "documents").glob("*.parquet")}


def test_dry_run_names_files_and_versions_and_deletes_nothing(changed_archive: Path) -> None:
    # The trap the README warns of: the folder holds the replaced file beside its replacement.
    live = DeltaTable(str(changed_archive / "documents")).to_pyarrow_table().num_rows
    assert (live, _folder_rows(changed_archive)) == (5, 10)
    before = _parquet_files(changed_archive)

    result = runner.invoke(app, ["vacuum", "--archive", str(changed_archive), "--keep-versions", "1"])
    assert result.exit_code == 0, result.output
    assert "documents (newest version 1): would delete 1 file" in result.output
    assert "time travel ends for versions: 0" in result.output
    stale = before - {Path(u).name for u in DeltaTable(str(changed_archive / "documents")).file_uris()}
    assert len(stale) == 1 and f"documents/{stale.pop()}" in result.output
    assert "dry run, nothing deleted" in result.output
    assert _parquet_files(changed_archive) == before
    assert DeltaTable(str(changed_archive / "documents")).version() == 1  # no vacuum commit

    # Keeping both versions deletes nothing, and ends no time travel.
    both = runner.invoke(app, ["vacuum", "--archive", str(changed_archive), "--keep-versions", "2"])
    assert both.exit_code == 0 and "would delete 0 files" in both.output, both.output


def test_apply_leaves_only_live_files_and_the_archive_keeps_working(
    changed_archive: Path, tmp_path: Path
) -> None:
    result = runner.invoke(app, ["vacuum", "--archive", str(changed_archive), "--older-than", "0", "--apply"])
    assert result.exit_code == 0, result.output
    assert "deleted 1 file" in result.output and "vacuumed" in result.output

    documents = DeltaTable(str(changed_archive / "documents"))
    assert _folder_rows(changed_archive) == documents.to_pyarrow_table().num_rows == 5
    assert _parquet_files(changed_archive) == {Path(u).name for u in documents.file_uris()}
    # Recorded in the log, as deltalake's VACUUM START/END commits with our metadata.
    vacuums = [c for c in documents.history() if c["operation"].startswith("VACUUM")]
    assert len(vacuums) == 2 and all(c.get("zharchive.operation") == "vacuum" for c in vacuums)

    verify = runner.invoke(app, ["verify", "--archive", str(changed_archive)])
    assert verify.exit_code == 0 and "intact:" in verify.output, verify.output
    package = runner.invoke(
        app, ["package", "--archive", str(changed_archive), "--out", str(tmp_path / "bag")]
    )
    assert package.exit_code == 0 and "validated" in package.output, package.output
    kept = runner.invoke(
        app,
        [
            "export",
            "--archive",
            str(changed_archive),
            "--version",
            "1",
            "--out",
            str(tmp_path / "v1.parquet"),
        ],
    )
    assert kept.exit_code == 0 and "wrote 5 documents (version 1)" in kept.output, kept.output

    # Time travel to the vacuumed version: a clear line, not a traceback nor "archive damaged".
    for command in (
        ["export", "--version", "0", "--out", str(tmp_path / "v0.parquet")],
        ["verify", "--version", "0"],
        ["package", "--version", "0", "--out", str(tmp_path / "bag0")],
    ):
        gone = runner.invoke(app, [*command, "--archive", str(changed_archive)])
        assert gone.exit_code == 2, (command, gone.output)
        assert (
            "documents version 0 is no longer readable: `zharchive vacuum` deleted its files" in gone.output
        )
        assert "Traceback" not in gone.output and "damaged" not in gone.output

    # A second vacuum finds nothing more and writes no empty commits.
    again = runner.invoke(
        app, ["vacuum", "--archive", str(changed_archive), "--keep-versions", "1", "--apply"]
    )
    assert again.exit_code == 0 and "vacuumed" in again.output and "deleted 0 files" in again.output
    assert DeltaTable(str(changed_archive / "documents")).version() == documents.version()


def test_vacuum_refuses_while_a_run_holds_the_lock(changed_archive: Path) -> None:
    from zharchive.archive.lock import archive_lock

    before = _parquet_files(changed_archive)
    with archive_lock(changed_archive, run_id="r-holding"):
        result = runner.invoke(
            app, ["vacuum", "--archive", str(changed_archive), "--keep-versions", "1", "--apply"]
        )
    assert result.exit_code == 2
    assert "is being written by run r-holding" in result.output
    assert len(result.output.strip().splitlines()) == 1 and "Traceback" not in result.output
    assert _parquet_files(changed_archive) == before


def test_vacuum_needs_exactly_one_rule(tmp_path: Path) -> None:
    for extra in ([], ["--keep-versions", "1", "--older-than", "3"]):
        result = runner.invoke(app, ["vacuum", "--archive", str(tmp_path), *extra])
        assert (
            result.exit_code == 2
            and "exactly one of --keep-versions N and --older-than DAYS" in result.output
        )
