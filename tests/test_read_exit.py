"""A script that reads the archive as the README says exits 0, every time (issue 17).

deltalake's default reader hands Arrow buffers owned by Python objects; an Arrow I/O thread that
frees one after the interpreter began to finalize aborts the process at exit ("terminate called
without an active exception", exit 134), in some runs only. So each README loading example
(Spark aside: `make test-spark`) and each common read in the form the README recommends runs
alone in 20 fresh processes, as a user's script, on an archive the real flow made with rows in
both `documents` and `quarantine`, and every run must exit 0. The same reads through deltalake's
default filesystem abort in a few runs of 12 (`benchmarks/read_exit.md`).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from read_exit import CLEAN_READS, READS, measure, readme_examples  # noqa: E402

pytestmark = pytest.mark.slow

RUNS = 20
# The common reads, in the form the README recommends; the README's examples as written.
CHECKED = {name: READS[name] for name in CLEAN_READS} | readme_examples()


@pytest.fixture(scope="module")
def archive_with_quarantine(prefect_server: None, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds ingested with --max-bytes 6000: three documents, the two larger files quarantined."""
    from flows.ingest import ingest

    sources = tmp_path_factory.mktemp("read-exit-sources")
    for seed in sorted((ROOT / "seeds").iterdir()):
        shutil.copy(seed, sources / seed.name)
    archive = tmp_path_factory.mktemp("read-exit-archive")
    record = ingest(sources=[str(sources)], archive=str(archive), max_bytes=6000)
    assert (record.documents_written, record.quarantined) == (3, 2)
    return archive


def test_every_readme_loading_example_is_checked() -> None:
    assert {"README pandas", "README pyarrow", "README polars", "README duckdb", "README quarantine"} <= set(
        CHECKED
    )


@pytest.mark.parametrize("read", sorted(CHECKED))
def test_the_read_exits_0_in_every_fresh_process(read: str, archive_with_quarantine: Path) -> None:
    outcome = measure({read: CHECKED[read]}, archive_with_quarantine, RUNS, python=sys.executable)[read]
    assert outcome.runs == RUNS
    assert outcome.failed == 0, (
        f"{read}: {outcome.failed} of {RUNS} processes did not exit 0 "
        f"(exit codes {sorted(set(outcome.exit_codes))}): {outcome.stderr_tail}"
    )
    # It read the rows: the quarantine query on the two quarantined files, the rest on documents.
    if read == "README quarantine":
        assert outcome.stdout.count("above the 6,000-byte cap") == 2, outcome.stdout  # one row each
    else:
        assert outcome.stdout.strip() and "0 rows" not in outcome.stdout, outcome.stdout
