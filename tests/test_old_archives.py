"""Archives written by earlier commits of this repository (tests/fixtures/archives/, each with a
README saying how it was made), read and reprocessed by this one."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path
from typing import Any

import pyarrow.compute as pc
import pytest
from typer.testing import CliRunner

from schemas.versions import added_since, version_of
from zharchive.archive.index import archived_sources
from zharchive.archive.staging import SCHEMAS, TABLES, TableName
from zharchive.archive.tables import open_table
from zharchive.plan import plan_reprocess

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "archives"
SEEDS = Path(__file__).resolve().parents[1] / "seeds"
runner = CliRunner()


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


# ---- zharchive upgrade (issue 19 part 1) ----

# fixture → (schema version by its columns, the tables an upgrade commits to)
UPGRADABLE = {
    "schema-1.0.0-13f3ed5": "1.0.0",
    "schema-1.1.0-b57990d": "1.1.0",
    "partial-stats-4d8db58": "1.2.0",
}


def table_rows(archive: Path, name: TableName, version: int | None = None) -> list[dict[str, Any]]:
    table = open_table(archive, name, version=version)
    assert table is not None
    return sorted(
        table.to_pyarrow_table().to_pylist(), key=lambda r: r["source_uri" if name != "runs" else "run_id"]
    )


def newest(archive: Path) -> dict[TableName, int]:
    versions = {}
    for name in TABLES:
        table = open_table(archive, name)
        assert table is not None
        versions[name] = table.version()
    return versions


@pytest.mark.parametrize(
    ("name", "versions"),
    [
        # A table that lacks nothing is 1.2.0's (its columns are every version's since 1.0.0).
        ("schema-1.0.0-13f3ed5", {"documents": "1.0.0", "quarantine": "1.2.0", "runs": "1.1.0"}),
        ("schema-1.1.0-b57990d", {"documents": "1.2.0", "quarantine": "1.2.0", "runs": "1.1.0"}),
    ],
)
def test_the_fixtures_columns_are_their_versions(name: str, versions: dict[str, str], tmp_path: Path) -> None:
    """The history in schemas/versions.py against archives the old commits really wrote."""
    archive = old_archive(name, tmp_path)
    later = added_since(UPGRADABLE[name])
    for table_name in TABLES:
        table = open_table(archive, table_name)
        assert table is not None
        have = [f.name for f in table.schema().fields]
        assert have == [c for c in SCHEMAS[table_name].names if c not in dict(later.get(table_name, []))]
        assert version_of(table_name, set(SCHEMAS[table_name].names) - set(have)) == versions[table_name]
