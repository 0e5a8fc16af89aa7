"""Archives written by earlier commits of this repository (tests/fixtures/archives/, each with a
README saying how it was made), read and reprocessed by this one."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pyarrow.compute as pc
import pytest

from zharchive.archive.index import archived_sources
from zharchive.archive.tables import open_table
from zharchive.plan import plan_reprocess

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "archives"


def old_archive(name: str, tmp_path: Path) -> Path:
    """A copy of the fixture archive ``name`` (never the fixture itself: tests write to it)."""
    archive = tmp_path / "archive"
    shutil.copytree(FIXTURES / name / "archive", archive)
    return archive


def rows_with_bytes(archive: Path) -> dict[str, str]:
    """source_uri → raw_sha256 of every row of documents and quarantine that holds bytes, read
    without any filter."""
    held: dict[str, str] = {}
    for name in ("documents", "quarantine"):
        table = open_table(archive, name)
        assert table is not None
        rows = table.to_pyarrow_table(columns=["source_uri", "raw_sha256", "raw"]).to_pylist()
        held.update((r["source_uri"], r["raw_sha256"]) for r in rows if r["raw"] is not None)
    return held


def test_the_fixture_has_the_partial_stats_that_made_deltalake_skip_its_files(tmp_path: Path) -> None:
    """What the fixture is for: deltalake's own filtered read of its quarantine finds nothing."""
    archive = old_archive("partial-stats-4d8db58", tmp_path)
    quarantine = open_table(archive, "quarantine")
    assert quarantine is not None
    assert quarantine.to_pyarrow_table(columns=["stage"]).num_rows == 2
    guarded = quarantine.to_pyarrow_dataset().to_table(
        columns=["source_uri"], filter=pc.field("stage") != "read"
    )
    assert guarded.num_rows == 0


def test_reprocess_plans_every_stored_file_of_an_archive_with_partial_stats(tmp_path: Path) -> None:
    """Issue 18 item 5: the quarantined files were left out of a --reprocess, silently."""
    archive = old_archive("partial-stats-4d8db58", tmp_path)
    held = rows_with_bytes(archive)
    assert len(held) == 7  # the five seeds and the two files quarantined after reading
    plan = plan_reprocess(archive, batch_size=3)
    planned = [uri for batch in plan.batches for uri in batch]
    assert sorted(planned) == sorted(held)
    sources = archived_sources(
        archive, planned, documents_version=plan.versions[0], quarantine_version=plan.versions[1]
    )
    assert {s.source_uri: hashlib.sha256(s.raw).hexdigest() for s in sources} == held


def test_reprocess_of_an_archive_with_partial_stats_reads_every_row(
    prefect_server: None, tmp_path: Path
) -> None:
    """The real flow: every stored file is read again, the quarantined ones included."""
    from flows.ingest import ingest

    archive = old_archive("partial-stats-4d8db58", tmp_path)
    run = ingest(sources=[], archive=str(archive), reprocess=True)
    assert (run.input_files, run.documents_written, run.quarantined) == (7, 5, 2)
    quarantine = open_table(archive, "quarantine")
    assert quarantine is not None
    rows = quarantine.to_pyarrow_table(columns=["source_uri", "stage", "run_id"]).to_pylist()
    assert sorted((Path(r["source_uri"]).name, r["stage"], r["run_id"]) for r in rows) == [
        ("blank.txt", "validate", run.run_id),
        ("broken.txt", "decode", run.run_id),
    ]


@pytest.mark.parametrize("column", ["stage", "reason", "run_id"])
def test_filtered_reads_of_the_index_see_rows_the_log_stats_would_hide(column: str, tmp_path: Path) -> None:
    from zharchive.archive.index import filtered_rows

    archive = old_archive("partial-stats-4d8db58", tmp_path)
    quarantine = open_table(archive, "quarantine")
    assert quarantine is not None
    rows = filtered_rows(quarantine, ["source_uri"], pc.is_valid(pc.field(column)))
    assert rows.num_rows == 2
