"""A full disk while a run stages or commits (issue 18, item 8): one line, nothing half-done visible,
and the run after space is freed completes.

The archive lives on a real tmpfs of a few MB mounted by the test (root only: where ``mount`` is
refused the test is skipped, saying so), and a real ``zharchive ingest`` fills it.
"""

from __future__ import annotations

import random
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import cli_env
from test_crash_and_concurrency import ZHARCHIVE, assert_complete

from zharchive.sources import source_uri


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(disk)], capture_output=True, text=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here (needs root): {mounted.stderr.strip()}")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def _pages(root: Path, count: int) -> dict[str, bytes]:
    """Pages of random Han text: zstd cannot shrink them, so a few hundred fill 2 MB."""
    rng = random.Random(7)
    made = {}
    for i in range(count):
        path = root / f"site{i % 4}" / f"page{i:04d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        lines = ["".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(60)) + "。" for _ in range(40)]
        data = "\n".join(lines).encode()
        path.write_bytes(data)
        made[source_uri(path)] = data
    return made


def _ingest(crawl: Path, archive: Path, home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(ZHARCHIVE), "ingest", str(crawl), "--archive", str(archive), "--batch-size", "150"],
        env=cli_env(home),
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.mark.slow  # two real CLI runs: ~20 s
def test_a_full_disk_is_one_line_and_the_run_after_freeing_space_completes(
    prefect_server: None, small_disk: Path, tmp_path: Path
) -> None:
    crawl, archive, home = tmp_path / "crawl", small_disk / "archive", tmp_path / "home"
    expected = _pages(crawl, 600)  # ~7 MB of text

    full = _ingest(crawl, archive, home)

    output = full.stdout + full.stderr
    assert full.returncode == 2, output[-3000:]
    errors = [line for line in full.stderr.splitlines() if line.startswith("error:")]
    said = " ".join(" ".join(full.stderr.split("error:", 1)[-1:]).split())
    assert len(errors) == 1 and "No space left on device" in said and "free space" in said, output[-3000:]
    assert "Traceback" not in output and "NoneType: None" not in output, output[-5000:]
    assert "killed its worker" not in output, "a full disk was taken for a worker's death"
    assert not (archive / "documents" / "_delta_log").exists(), "a table was committed on a full disk"
    assert not list(archive.glob("_staging/*/*/*.partial")), "a partial file was left on the full disk"

    subprocess.run(["mount", "-o", "remount,size=64m", str(small_disk)], check=True)
    again = _ingest(crawl, archive, home)

    assert again.returncode == 0, (again.stdout + again.stderr)[-3000:]
    tables = assert_complete(archive, expected)
    assert len(tables["documents"]) == 600 and len(tables["runs"]) == 1
