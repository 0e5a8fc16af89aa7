"""`zharchive verify --repair` (issue 18, item 8): a data file gone from disk is taken out of the
live version and recorded as lost in `runs`, and the ingest it names makes the lost rows again."""

from __future__ import annotations

import json
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from deltalake import DeltaTable

from tests.conftest import SEEDS
from tests.support import cli_env

ZHARCHIVE = Path(__file__).resolve().parents[1] / ".venv" / "bin" / "zharchive"


def _zharchive(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(ZHARCHIVE), *args], capture_output=True, text=True, env=cli_env(home), timeout=300, check=False
    )


def _rows(archive: Path) -> list[dict[str, str]]:
    table = DeltaTable(str(archive / "documents")).to_pyarrow_table(columns=["source_uri", "raw_sha256"])
    return table.to_pylist()


def _uris(archive: Path) -> set[str]:
    return {r["source_uri"] for r in _rows(archive)}


@pytest.mark.slow  # three real CLI runs: ~30 s
def test_a_lost_data_file_is_repaired_and_its_rows_made_again_from_the_sources(
    prefect_server: None, tmp_path: Path
) -> None:
    crawl, archive, home = tmp_path / "crawl", tmp_path / "archive", tmp_path / "home"
    for site in ("a", "b"):
        shutil.copytree(SEEDS, crawl / site)
    made = _zharchive("ingest", str(crawl), "--archive", str(archive), "--batch-size", "4", home=home)
    assert made.returncode == 0, made.stderr[-3000:]
    before = {r["source_uri"]: r["raw_sha256"] for r in _rows(archive)}
    files = sorted((archive / "documents").glob("*.parquet"))
    assert len(files) >= 2 and len(before) == 10
    lost = files[0]
    held = {
        u
        for u in DeltaTable(str(archive / "documents"))
        .to_pyarrow_table(columns=["source_uri"])
        .column(0)
        .to_pylist()
    }
    lost.unlink()

    damaged = _zharchive("verify", "--archive", str(archive), home=home)
    assert damaged.returncode == 1 and "missing" in damaged.stderr, damaged.stderr

    repaired = _zharchive("verify", "--archive", str(archive), "--repair", home=home)
    assert repaired.returncode == 0, repaired.stdout + repaired.stderr
    said = repaired.stdout
    assert f"lost documents/{lost.name}" in said and "intact:" in said, said
    (command,) = [line.split(": ", 1)[1] for line in said.splitlines() if "zharchive ingest" in line]
    # The live version reads again, without the lost rows; the loss is in runs, with its row count.
    remaining = DeltaTable(str(archive / "documents")).to_pyarrow_table(columns=["source_uri"])
    assert 0 < remaining.num_rows < len(held)
    runs = DeltaTable(str(archive / "runs")).to_pyarrow_table().to_pylist()
    (row,) = [r for r in runs if r["run_id"].startswith("repair-")]
    (gone,) = json.loads(row["parameters"])["lost"]
    assert gone["path"] == lost.name and gone["rows"] == len(held) - remaining.num_rows
    assert row["sources"] == [str(crawl.resolve())] and row["skipped"][0]["reason"].startswith("lost")

    again = subprocess.run(
        [str(ZHARCHIVE), *shlex.split(command)[1:]],
        capture_output=True,
        text=True,
        env=cli_env(home),
        timeout=300,
        check=False,
    )
    assert again.returncode == 0, again.stderr[-3000:]
    after = {
        r["source_uri"]: r["raw_sha256"]
        for r in DeltaTable(str(archive / "documents")).to_pyarrow_table().to_pylist()
    }
    assert after == before, "the lost rows were not made again from their sources"
    assert _zharchive("verify", "--archive", str(archive), "--deep", home=home).returncode == 0


def test_repair_on_an_intact_archive_changes_nothing(seeds_archive: Path, tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    shutil.copytree(seeds_archive, archive)
    versions = {t: DeltaTable(str(archive / t)).version() for t in ("documents", "quarantine", "runs")}
    done = _zharchive("verify", "--archive", str(archive), "--repair", home=tmp_path / "home")
    assert done.returncode == 0 and "nothing to repair" in done.stdout, done.stdout + done.stderr
    assert {t: DeltaTable(str(archive / t)).version() for t in versions} == versions
