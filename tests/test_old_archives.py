"""Archives written by earlier commits of this repository (tests/fixtures/archives/, each with a
README saying how it was made), read and reprocessed by this one."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from schemas import SCHEMA_VERSION
from schemas.versions import added_since, version_of
from zharchive.archive.index import archived_sources
from zharchive.archive.log import SHA256_KEY, read_log
from zharchive.archive.staging import SCHEMAS, TABLES, TableName
from zharchive.archive.tables import open_table
from zharchive.cli import app
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
    """The real flow: every stored file is read again, the quarantined ones included. Since schema
    1.4.0 the archive is upgraded first (a run refuses its columns), which rewrites the files with
    partial statistics; the index's own reads of them are tested without the upgrade below."""
    from flows.ingest import ingest

    archive = old_archive("partial-stats-4d8db58", tmp_path)
    assert runner.invoke(app, ["upgrade", "--archive", str(archive)]).exit_code == 0
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
    "schema-1.3.0-ff5a464": "1.3.0",  # columns of 1.2.0, told apart by its commits' stamp
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
        # A table that lacks nothing is at the newest version that changed columns (1.4.0); one that
        # lacks only 1.4.0's is 1.2.0's (1.3.0 added none, so its columns cannot tell it apart).
        ("schema-1.0.0-13f3ed5", {"documents": "1.0.0", "quarantine": "1.4.0", "runs": "1.1.0"}),
        ("schema-1.1.0-b57990d", {"documents": "1.2.0", "quarantine": "1.4.0", "runs": "1.1.0"}),
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


@pytest.mark.parametrize("name", ["schema-1.0.0-13f3ed5", "schema-1.1.0-b57990d", "schema-1.3.0-ff5a464"])
@pytest.mark.parametrize("reprocess", [False, True], ids=["ingest", "reprocess"])
def test_ingest_on_an_archive_of_an_earlier_schema_says_to_upgrade(
    name: str, reprocess: bool, tmp_path: Path
) -> None:
    archive = old_archive(name, tmp_path)
    before = sorted(p.relative_to(archive) for p in archive.rglob("*"))
    args = ["ingest", "--reprocess"] if reprocess else ["ingest", str(SEEDS)]
    result = runner.invoke(app, [*args, "--archive", str(archive)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, lines
    assert f"run `zharchive upgrade --archive {archive}` first" in lines[0]
    assert f"documents at schema {UPGRADABLE[name]}" in lines[0] or "runs at schema 1.1.0" in lines[0]
    assert sorted(p.relative_to(archive) for p in archive.rglob("*")) == before


@pytest.mark.parametrize("name", list(UPGRADABLE))
def test_a_dry_run_writes_nothing(name: str, tmp_path: Path) -> None:
    archive = old_archive(name, tmp_path)
    before = {p.relative_to(archive): p.read_bytes() for p in archive.rglob("*") if p.is_file()}
    result = runner.invoke(app, ["upgrade", "--archive", str(archive), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "dry run, nothing written" in result.output
    assert f"is at schema {UPGRADABLE[name]}" in result.output
    assert {p.relative_to(archive): p.read_bytes() for p in archive.rglob("*") if p.is_file()} == before


# Each of these has a table of every kind to upgrade (the 1.3.0 fixture has no quarantined file, and
# only its documents change: tests/test_near_duplicates_stored.py upgrades it).
@pytest.mark.parametrize("name", [name for name in UPGRADABLE if name != "schema-1.3.0-ff5a464"])
def test_upgrade_keeps_every_row_and_every_older_version(name: str, tmp_path: Path) -> None:
    archive = old_archive(name, tmp_path)
    old_versions = newest(archive)
    old_rows = {table: table_rows(archive, table) for table in TABLES}
    old_columns = {table: set(old_rows[table][0]) for table in TABLES}

    result = runner.invoke(app, ["upgrade", "--archive", str(archive)])
    assert result.exit_code == 0, result.output
    assert f"from schema {UPGRADABLE[name]} to {SCHEMA_VERSION}" in result.output

    # One new version per table; the one before it reads as it did, columns and all.
    assert newest(archive) == {table: version + 1 for table, version in old_versions.items()}
    for table in TABLES:
        assert table_rows(archive, table, version=old_versions[table]) == old_rows[table]
    # Every row is kept, its every stored column as it was (raw, raw_sha256 and the rest).
    for table in ("documents", "quarantine"):
        rows = table_rows(archive, table)
        assert [{c: r[c] for c in old_columns[table]} for r in rows] == old_rows[table]
        assert all(r["raw"] is None or hashlib.sha256(r["raw"]).hexdigest() == r["raw_sha256"] for r in rows)
        upgraded = open_table(archive, table)
        assert upgraded is not None
        assert [f.name for f in upgraded.schema().fields] == SCHEMAS[table].names
    documents = table_rows(archive, "documents")
    if "script" not in old_columns["documents"]:
        # Derived from the stored body as ingest derives it; clean_flags could not be: null.
        from zharchive.stages.script import script_of

        assert [(r["script"], r["body_simplified"]) for r in documents] == [
            script_of(r["body"]) for r in documents
        ]
        assert {r["script"] for r in documents} == {"Hans", "Hant"}
        assert all(r["clean_flags"] is None for r in documents)
    runs = table_rows(archive, "runs")
    upgrade_rows = [r for r in runs if r["run_id"].endswith("-upgrade")]
    assert len(upgrade_rows) == 1 and len(runs) == len(old_rows["runs"]) + 1
    [row] = upgrade_rows
    assert json.loads(row["parameters"])["operation"] == "upgrade"
    assert (row["documents_version"], row["quarantine_version"]) == (
        old_versions["documents"] + 1,
        old_versions["quarantine"] + 1,
    )
    earlier = [{c: r[c] for c in old_columns["runs"]} for r in runs if r is not row]
    assert earlier == old_rows["runs"]
    if "added_files" not in old_columns["runs"]:
        assert all(r["added_files"] is None for r in runs if r is not row)

    # Each commit says what it did, under the upgrade's run id, with the sha256 of what it adds.
    for table in TABLES:
        log = read_log(archive, table)
        assert log is not None and not log.damage
        commit = log.commits[old_versions[table] + 1]
        assert commit.info["zharchive.operation"] == "upgrade"
        assert commit.info["zharchive.run_id"] == row["run_id"]
        assert json.loads(commit.info["zharchive.upgrade"])["to_schema"] == SCHEMA_VERSION
        assert set(commit.recorded(SHA256_KEY)) == set(commit.adds)

    verified = runner.invoke(app, ["verify", "--deep", "--archive", str(archive)])
    assert verified.exit_code == 0, verified.output
    assert "intact" in verified.output

    again = runner.invoke(app, ["upgrade", "--archive", str(archive)])
    assert again.exit_code == 0 and "nothing to upgrade" in again.output
    assert newest(archive) == {table: version + 1 for table, version in old_versions.items()}


def test_after_the_upgrade_deltalakes_own_filters_see_every_row(tmp_path: Path) -> None:
    """The partial statistics are gone from the live files: readers other than zharchive's
    (Polars, pandas, a pyarrow dataset) no longer skip them."""
    import polars as pl

    archive = old_archive("partial-stats-4d8db58", tmp_path)
    assert runner.invoke(app, ["upgrade", "--archive", str(archive)]).exit_code == 0
    quarantine = open_table(archive, "quarantine")
    assert quarantine is not None
    guarded = quarantine.to_pyarrow_dataset().to_table(
        columns=["source_uri"], filter=pc.field("stage") != "read"
    )
    assert guarded.num_rows == 2
    documents = pl.scan_delta(str(archive / "documents")).filter(pl.col("encoding") == "utf-8").collect()
    assert documents.height == 5


@pytest.mark.parametrize("name", list(UPGRADABLE))
def test_ingest_and_reprocess_on_an_upgraded_archive(name: str, prefect_server: None, tmp_path: Path) -> None:
    from flows.ingest import ingest

    archive = old_archive(name, tmp_path)
    assert runner.invoke(app, ["upgrade", "--archive", str(archive)]).exit_code == 0
    stored = rows_with_bytes(archive)
    quarantined = len(table_rows(archive, "quarantine"))
    crawl = tmp_path / "crawl"
    shutil.copytree(SEEDS, crawl)
    added = ingest(sources=[str(crawl)], archive=str(archive))
    assert (added.input_files, added.documents_written, added.quarantined) == (5, 5, 0)
    again = ingest(sources=[], archive=str(archive), reprocess=True)
    files = len(stored) + 5
    assert (again.input_files, again.documents_written, again.quarantined) == (
        files,
        files - quarantined,
        quarantined,
    )
    now = rows_with_bytes(archive)
    assert {uri: now[uri] for uri in stored} == stored  # the upgraded rows' bytes, re-cleaned
    documents = table_rows(archive, "documents")
    assert all(r["run_id"] == again.run_id and r["clean_flags"] is not None for r in documents)
    verified = runner.invoke(app, ["verify", "--deep", "--archive", str(archive)])
    assert verified.exit_code == 0, verified.output


def _files_of(archive: Path) -> dict[Path, bytes]:
    """Every file of the archive but the lock file (which taking the lock creates)."""
    return {
        p.relative_to(archive): p.read_bytes()
        for p in archive.rglob("*")
        if p.is_file() and p.name != ".zharchive.lock"
    }


def test_a_file_that_is_not_what_was_recorded_refuses_the_upgrade(tmp_path: Path) -> None:
    """The 4d8db58 archive's runs table recorded the documents file's sha256: 16 bytes overwritten
    in place (its size unchanged) are found before anything is written."""
    archive = old_archive("partial-stats-4d8db58", tmp_path)
    [data] = (archive / "documents").glob("*.parquet")
    with open(data, "r+b") as handle:
        handle.seek(data.stat().st_size // 2)
        handle.write(b"\xff" * 16)
    before = _files_of(archive)
    result = runner.invoke(app, ["upgrade", "--archive", str(archive)])
    assert result.exit_code == 2
    assert (
        f"documents/{data.name} no longer has the sha256 recorded for it; nothing was upgraded"
        in result.output
    )
    assert "Traceback" not in result.output
    assert _files_of(archive) == before


def test_a_row_whose_raw_bytes_do_not_hash_to_raw_sha256_refuses_the_upgrade(tmp_path: Path) -> None:
    """No hash was recorded for the 13f3ed5 archive's files: its rows' own raw_sha256 still tell a
    damaged row (here one written with a byte changed, the log's size made to match it)."""
    archive = old_archive("schema-1.0.0-13f3ed5", tmp_path)
    [data] = (archive / "quarantine").glob("*.parquet")
    rows = pq.read_table(data).to_pylist()
    broken = next(r for r in rows if r["source_uri"].endswith("/broken.txt"))
    broken["raw"] = b"X" + broken["raw"][1:]
    pq.write_table(pa.Table.from_pylist(rows, schema=pq.read_schema(data)), data, compression="zstd")
    log = archive / "quarantine" / "_delta_log" / "00000000000000000000.json"
    actions = [json.loads(line) for line in log.read_text("utf-8").splitlines()]
    for action in actions:
        if "add" in action:
            action["add"]["size"] = data.stat().st_size
    log.write_text("".join(json.dumps(a) + "\n" for a in actions), "utf-8")
    before = _files_of(archive)
    result = runner.invoke(app, ["upgrade", "--archive", str(archive)])
    assert result.exit_code == 2
    assert f"holds raw bytes of {broken['source_uri']} that do not hash to its raw_sha256" in result.output
    assert _files_of(archive) == before


def test_the_installed_command_upgrades_and_verify_passes(tmp_path: Path) -> None:
    """The real `zharchive` process (it leaves by os._exit, as the reading commands do)."""
    import subprocess

    from support import standalone_env

    archive = old_archive("schema-1.1.0-b57990d", tmp_path)
    env = standalone_env(tmp_path / "home")
    zharchive = Path(__file__).resolve().parents[1] / ".venv" / "bin" / "zharchive"
    for command, expected in (
        (["upgrade", "--archive", str(archive)], f"upgraded {archive} from schema 1.1.0 to {SCHEMA_VERSION}"),
        (["verify", "--deep", "--archive", str(archive)], "intact"),
        (["upgrade", "--archive", str(archive)], "nothing to upgrade"),
    ):
        done = subprocess.run(
            [str(zharchive), *command], capture_output=True, text=True, env=env, timeout=120, check=False
        )
        assert done.returncode == 0, done.stdout + done.stderr
        assert expected in done.stdout


def test_a_folder_without_tables_is_not_made_an_archive(tmp_path: Path) -> None:
    result = runner.invoke(app, ["upgrade", "--archive", str(tmp_path / "nothing")])
    assert result.exit_code == 2 and "holds no zharchive table to upgrade" in result.output
    assert not (tmp_path / "nothing").exists()
