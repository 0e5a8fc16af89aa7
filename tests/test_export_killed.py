"""An export killed mid-write (kill -9) leaves the file it was replacing intact: real processes."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from zharchive import pipeline_version
from zharchive.archive.commit import Provenance, commit_run
from zharchive.archive.staging import BatchStager
from zharchive.pipeline import RunContext, process_batch
from zharchive.rules import load_rules

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
PAGES = 3000
KILLS = 5


def _archive(tmp_path: Path) -> Path:
    """An archive of PAGES distinct pages, made by the pipeline and the commit (no Prefect)."""
    crawl, archive = tmp_path / "crawl", tmp_path / "archive"
    crawl.mkdir()
    seeds = [p.read_bytes() for p in sorted(SEEDS.glob("*.txt"))]
    for i in range(PAGES):
        (crawl / f"{i:05d}.txt").write_bytes(seeds[i % 5] * 3 + f"\n第{i}篇测试文章。\n".encode())
    rules = load_rules()
    context = RunContext(run_id="r1", pipeline_version=pipeline_version(), rules_version=rules.version)
    paths = sorted(crawl.iterdir())
    for number, start in enumerate(range(0, PAGES, 1000)):
        stager = BatchStager(archive, "r1", number)
        out = process_batch(paths[start : start + 1000], known={}, context=context, rows=stager.add_rows)
        stager.finish(out.quarantined)
    commit_run(archive, Provenance("r1", None, pipeline_version(), rules.version, "1"))
    return archive


def _export(archive: Path, out: Path) -> subprocess.Popen[bytes]:
    command = [
        *(sys.executable, "-m", "zharchive.cli", "export", "--force"),
        *("--out", str(out), "--archive", str(archive)),
    ]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


@pytest.mark.slow
def test_an_export_killed_at_any_moment_leaves_the_previous_file_whole(tmp_path: Path) -> None:
    archive = _archive(tmp_path)
    out = tmp_path / "handoff" / "documents.parquet"
    started = time.monotonic()
    assert _export(archive, out).wait(timeout=300) == 0
    seconds = time.monotonic() - started
    good = out.read_bytes()
    assert pq.ParquetFile(out).metadata.num_rows == PAGES
    rng = random.Random(7)
    for _ in range(KILLS):
        process = _export(archive, out)
        time.sleep(rng.uniform(0.2, 1.0) * seconds)
        process.send_signal(signal.SIGKILL)
        # Killed while it worked (or done just before): never refused, or the kill tests nothing.
        assert process.wait(timeout=60) in (-signal.SIGKILL, 0)
        # Whatever moment it died at: the file there is a whole export, never a truncated one.
        assert pq.ParquetFile(out).metadata.num_rows == PAGES
        assert out.stat().st_size > 0
    # The next export finishes and clears what the killed ones left beside the file.
    assert _export(archive, out).wait(timeout=300) == 0
    assert [p.name for p in out.parent.iterdir()] == [out.name]
    assert len(out.read_bytes()) == len(good)
