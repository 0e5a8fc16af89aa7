"""The Delta archive on real tables in tmp_path: commits, upserts, time travel, provenance."""

from __future__ import annotations

import hashlib
import json
import platform
import shutil
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest
from deltalake import DeltaTable
from support import stage_batch

from schemas import SCHEMA_VERSION
from zharchive.archive.commit import CommitResult, Provenance, commit_run
from zharchive.archive.index import archive_index
from zharchive.archive.staging import TableName
from zharchive.archive.tables import open_table, table_uri
from zharchive.pipeline import BatchOutput, RunContext, process_batch
from zharchive.rules import load_rules
from zharchive.stages.read import DEFAULT_MAX_BYTES

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def run_batch(
    sources: list[Path], archive: Path, run_id: str, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[BatchOutput, CommitResult]:
    """What the flow does, without Prefect: one batch, staged, then one commit per table."""
    context = RunContext(
        run_id=run_id, pipeline_version="test", rules_version=load_rules().version, max_bytes=max_bytes
    )
    index = archive_index(archive)
    out = process_batch(sorted(sources), known=index.held, read_failures=index.read_failures, context=context)
    stage_batch(archive, run_id, 0, out.rows, out.quarantined)
    result = commit_run(archive, Provenance(run_id, None, "test", context.rules_version, SCHEMA_VERSION))
    return out, result


def run_once(
    sources: list[Path], archive: Path, run_id: str, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[int | None, int | None]:
    """The table versions ``run_batch`` committed."""
    _, result = run_batch(sources, archive, run_id, max_bytes=max_bytes)
    return result.documents_version, result.quarantine_version


def live_rows(archive: Path, name: TableName) -> list[dict[str, Any]]:
    table = open_table(archive, name)
    assert table is not None
    return table.to_pyarrow_table(
        columns=["source_uri", "raw_sha256", "stage", "reason"]
        if name == "quarantine"
        else ["source_uri", "raw_sha256"]
    ).to_pylist()


@pytest.fixture
def crawl(tmp_path: Path) -> Path:
    folder = tmp_path / "crawl"
    shutil.copytree(SEEDS, folder)
    return folder


def test_first_run_writes_one_version_and_the_second_changes_nothing(crawl: Path, tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    # Both tables from the first run on, the quarantine table empty: readers can count on them.
    assert run_once(list(crawl.iterdir()), archive, "r1") == (0, 0)
    assert live_rows(archive, "quarantine") == []
    assert run_once(list(crawl.iterdir()), archive, "r2") == (None, None)
    table = open_table(archive, "documents")
    assert table is not None and table.version() == 0
    assert table.to_pyarrow_table().num_rows == 5


def test_a_changed_file_replaces_its_row_and_the_old_one_stays_reachable(crawl: Path, tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    run_once(list(crawl.iterdir()), archive, "r1")
    changed = next(crawl.glob("002_*.txt"))
    old_bytes = changed.read_bytes()
    changed.write_bytes(old_bytes.replace("四川省公安厅".encode(), "四川省公安廳".encode(), 1))
    assert run_once(list(crawl.iterdir()), archive, "r2") == (1, None)

    uri = changed.resolve().as_uri()
    now = DeltaTable(table_uri(archive, "documents")).to_pyarrow_table().to_pylist()
    rows = [r for r in now if r["source_uri"] == uri]
    assert len(now) == 5 and len(rows) == 1
    assert rows[0]["raw"] == changed.read_bytes() and rows[0]["run_id"] == "r2"
    before = DeltaTable(table_uri(archive, "documents"), version=0).to_pyarrow_table().to_pylist()
    assert [r["raw"] for r in before if r["source_uri"] == uri] == [old_bytes]


def test_a_file_lives_in_exactly_one_table(crawl: Path, tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    run_once(list(crawl.iterdir()), archive, "r1")
    victim = next(crawl.glob("004_*.txt"))
    victim.write_bytes(b"\x00\x01\x02\x03" * 100)  # the page turned into binary
    assert run_once(list(crawl.iterdir()), archive, "r2") == (1, 1)
    uri = victim.resolve().as_uri()
    docs = DeltaTable(table_uri(archive, "documents")).to_pyarrow_table()
    quarantine = DeltaTable(table_uri(archive, "quarantine")).to_pyarrow_table().to_pylist()
    assert uri not in docs.column("source_uri").to_pylist()
    assert [q["raw"] for q in quarantine if q["source_uri"] == uri] == [victim.read_bytes()]
    # Mended again: back to documents, out of quarantine, in one commit each.
    shutil.copy(SEEDS / victim.name, victim)
    assert run_once(list(crawl.iterdir()), archive, "r3") == (2, 2)
    assert DeltaTable(table_uri(archive, "quarantine")).to_pyarrow_table().num_rows == 0
    assert (
        uri in DeltaTable(table_uri(archive, "documents")).to_pyarrow_table().column("source_uri").to_pylist()
    )


def test_an_archived_file_that_cannot_be_read_now_keeps_its_row(crawl: Path, tmp_path: Path) -> None:
    # Discovery listed the file, then it went (or lost its permissions, or its disk failed): the
    # archive does not know that its bytes changed, so its document stays live, and the run says so.
    archive = tmp_path / "archive"
    listed = sorted(crawl.iterdir())
    run_once(listed, archive, "r1")
    gone = next(crawl.glob("003_*.txt"))
    gone.unlink()

    out, result = run_batch(listed, archive, "r2")

    assert (result.documents_version, result.quarantine_version) == (None, None)
    assert (out.unchanged, out.quarantined, len(out.skipped)) == (4, [], 1)
    assert out.skipped[0].path == str(gone)
    assert "No such file or directory" in out.skipped[0].reason
    assert out.skipped[0].reason.startswith("unreadable now, its archived copy is kept (cannot read ")
    assert gone.resolve().as_uri() in [row["source_uri"] for row in live_rows(archive, "documents")]


@pytest.mark.parametrize("name", [None, "new\nline  and\ttab.txt", "d" * 250 + "/" + "e" * 250 + "/x.txt"])
def test_an_unreadable_file_never_archived_is_quarantined_once(
    name: str | None, crawl: Path, tmp_path: Path
) -> None:
    # The reason names the file; a name with a newline or a run of spaces, or a path that makes it
    # longer than 500 characters, is stored as one line, and the next run must see the same failure.
    archive = tmp_path / "archive"
    seed = next(crawl.glob("003_*.txt"))
    if name is not None:
        (crawl / name).parent.mkdir(parents=True, exist_ok=True)
    gone = seed if name is None else seed.rename(crawl / name)
    listed = sorted({*(p for p in crawl.iterdir() if p.is_file()), gone})
    gone.unlink()
    assert run_once(listed, archive, "r1") == (0, 0)
    (row,) = live_rows(archive, "quarantine")
    assert row["stage"] == "read" and row["raw_sha256"] is None
    # The same failure again is no news: no new version of either table.
    assert run_once(listed, archive, "r2") == (None, None)
    # Readable again: archived, and out of quarantine.
    shutil.copy(SEEDS / seed.name, gone)
    assert run_once(listed, archive, "r3") == (1, 1)
    assert live_rows(archive, "quarantine") == []
    assert len(live_rows(archive, "documents")) == 5


def test_a_file_over_the_cap_is_read_again_once_the_cap_is_raised(crawl: Path, tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    listed = sorted(crawl.iterdir())
    big = max(listed, key=lambda p: p.stat().st_size)
    cap = big.stat().st_size - 1
    assert run_once(listed, archive, "r1", max_bytes=cap) == (0, 0)
    (row,) = live_rows(archive, "quarantine")
    assert row["source_uri"] == big.resolve().as_uri() and "cap" in row["reason"]
    # Same cap, same bytes: unchanged.
    assert run_once(listed, archive, "r2", max_bytes=cap) == (None, None)
    # The cap raised: the file is read whole this time and leaves quarantine for documents.
    out, result = run_batch(listed, archive, "r3", max_bytes=cap + 1)
    assert (out.document_count, out.unchanged) == (1, 4)
    assert (result.documents_version, result.quarantine_version) == (1, 1)
    assert live_rows(archive, "quarantine") == []
    assert big.resolve().as_uri() in [row["source_uri"] for row in live_rows(archive, "documents")]


def test_a_retry_after_a_crash_between_the_two_commits_reports_what_the_run_made(
    crawl: Path, tmp_path: Path
) -> None:
    import pyarrow as pa

    from zharchive.archive import commit as archive_module

    archive = tmp_path / "archive"
    context = RunContext(run_id="r1", pipeline_version="test", rules_version=load_rules().version)
    out = process_batch(sorted(crawl.iterdir()), known={}, context=context)
    stage_batch(archive, "r1", 0, out.rows, out.quarantined)
    provenance = Provenance("r1", None, "test", context.rules_version, SCHEMA_VERSION)
    # The crash: the documents commit was made, the quarantine table's was not.
    staged = archive_module.staged_files(archive, "r1", "documents")
    archive_module.commit_table(archive, "documents", staged, pa.chunked_array([], pa.string()), provenance)

    retried = commit_run(archive, provenance)

    assert (retried.documents_version, retried.quarantine_version) == (0, 0)
    assert {added["table"] for added in retried.added_files} == {"documents"}
    assert len(live_rows(archive, "documents")) == 5 and live_rows(archive, "quarantine") == []


def _changed_and_staged(
    crawl: Path, archive: Path, run_id: str, *, changed: list[Path] | None = None
) -> tuple[Provenance, dict[str, str]]:
    """Files changed since the archive's run (two seeds, unless ``changed`` were changed by the
    caller); ``run_id`` processes and stages them."""
    if changed is None:
        changed = sorted(crawl.iterdir())[:2]
        for path in changed:
            path.write_bytes(path.read_bytes() + "\n本文有更新。\n".encode())
    context = RunContext(run_id=run_id, pipeline_version="test", rules_version=load_rules().version)
    index = archive_index(archive)
    out = process_batch(
        sorted(crawl.iterdir()), known=index.held, read_failures=index.read_failures, context=context
    )
    assert out.document_count == len(changed)
    stage_batch(archive, run_id, 0, out.rows, out.quarantined)
    return Provenance(run_id, None, "test", context.rules_version, SCHEMA_VERSION), {
        d["source_uri"]: d["raw_sha256"] for d in out.rows
    }


def _fail_after_moving_staged_files(archive: Path, provenance: Provenance) -> None:
    """What an attempt of the documents commit leaves when it fails (or the process dies) after
    its staged batches are moved into the table and the replaced rows' files rewritten, before
    the commit: the same steps as _commit_table, without the commit."""
    import pyarrow as pa

    from zharchive.archive import commit as archive_module

    root = Path(table_uri(archive, "documents"))
    staged = archive_module.staged_files(archive, provenance.run_id, "documents")
    for path in staged:
        shutil.move(path, root / archive_module.moved_batch_name(provenance.run_id, path))
    table = open_table(archive, "documents")
    assert table is not None
    replaced = pq.read_table(
        next(str(p) for p in root.glob(f"part-{provenance.run_id}-batch-*.zstd.parquet")),
        columns=["source_uri"],
    )["source_uri"]
    rewritten = archive_module.rewrite_without(
        table, root, "documents", pa.chunked_array(replaced.chunks).combine_chunks(), provenance.run_id
    )
    assert rewritten, "the failed attempt rewrote the files that held the replaced rows"


def _referenced_data_files(archive: Path, name: TableName) -> set[str]:
    import pyarrow as pa

    table = open_table(archive, name)
    assert table is not None
    return set(pa.table(table.get_add_actions(flatten=True)).column("path").to_pylist())


def _unreferenced_files_of(archive: Path, name: TableName, run_id: str) -> set[str]:
    """Data files of ``run_id`` in the table folder that its live version does not name (a file an
    earlier run's row lived in, replaced since, stays for time travel: those are not counted)."""
    on_disk = {p.name for p in Path(table_uri(archive, name)).glob(f"part-{run_id}-*.parquet")}
    return on_disk - _referenced_data_files(archive, name)


def test_a_retried_commit_takes_the_batches_a_failed_attempt_moved_into_the_table(
    crawl: Path, tmp_path: Path
) -> None:
    archive = tmp_path / "archive"
    run_once(sorted(crawl.iterdir()), archive, "r1")
    provenance, new_hashes = _changed_and_staged(crawl, archive, "r2")
    _fail_after_moving_staged_files(archive, provenance)

    retried = commit_run(archive, provenance)  # the commit task's retry

    assert retried.documents_version == 1
    rows = live_rows(archive, "documents")
    assert sorted(r["source_uri"] for r in rows) == sorted({r["source_uri"] for r in rows}) and len(rows) == 5
    assert {r["source_uri"]: r["raw_sha256"] for r in rows if r["source_uri"] in new_hashes} == new_hashes
    assert (
        _unreferenced_files_of(archive, "documents", "r2") == set()
    )  # the first attempt's rewrites are gone


def test_the_next_run_removes_the_files_a_dead_run_left_in_a_table_it_never_committed(
    crawl: Path, tmp_path: Path
) -> None:
    from zharchive.archive.lock import archive_lock
    from zharchive.archive.staging import staging_dir

    archive = tmp_path / "archive"
    run_once(sorted(crawl.iterdir()), archive, "r1")
    before = sorted(live_rows(archive, "documents"), key=lambda r: r["source_uri"])
    provenance, new_hashes = _changed_and_staged(crawl, archive, "r2")
    _fail_after_moving_staged_files(archive, provenance)  # then r2 is killed
    assert len(_unreferenced_files_of(archive, "documents", "r2")) >= 2  # a moved batch, a rewritten file

    with archive_lock(archive, run_id="r3"):
        assert _unreferenced_files_of(archive, "documents", "r2") == set()
        assert not staging_dir(archive, "r2").exists()
        assert sorted(live_rows(archive, "documents"), key=lambda r: r["source_uri"]) == before
    _, result = run_batch(sorted(crawl.iterdir()), archive, "r3")  # r2's sources are archived now

    assert result.documents_version == 1
    rows = live_rows(archive, "documents")
    assert {r["source_uri"]: r["raw_sha256"] for r in rows if r["source_uri"] in new_hashes} == new_hashes


def test_the_files_of_a_dead_run_in_a_table_it_committed_are_kept(crawl: Path, tmp_path: Path) -> None:
    import pyarrow as pa

    from zharchive.archive import commit as archive_module
    from zharchive.archive.lock import archive_lock

    archive = tmp_path / "archive"
    run_once(sorted(crawl.iterdir()), archive, "r1")
    provenance, _ = _changed_and_staged(crawl, archive, "r2")
    staged = archive_module.staged_files(archive, "r2", "documents")
    archive_module.commit_table(archive, "documents", staged, pa.chunked_array([], pa.string()), provenance)
    # r2 dies before its quarantine commit: its documents commit stands, its staging is left.
    referenced = _referenced_data_files(archive, "documents")

    with archive_lock(archive, run_id="r3"):
        on_disk = {p.name for p in Path(table_uri(archive, "documents")).glob("*.parquet")}
        assert referenced <= on_disk and any(name.startswith("part-r2-") for name in referenced)


def test_commits_carry_provenance_and_files_are_zstd_with_utc_timestamps(crawl: Path, tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    run_once(list(crawl.iterdir()), archive, "r-prov")
    table = DeltaTable(table_uri(archive, "documents"))
    commit = table.history(1)[0]
    assert commit["zharchive.run_id"] == "r-prov"
    assert commit["zharchive.rules_version"] == load_rules().version
    assert {"zharchive.pipeline_version", "zharchive.schema_version", "zharchive.flow_run_id"} <= set(commit)
    dependencies = json.loads(commit["zharchive.dependencies"])
    assert dependencies["chardet"] == metadata.version("chardet")
    assert dependencies["python"] == platform.python_version()
    for uri in table.file_uris():
        meta = pq.ParquetFile(uri.removeprefix("file://")).metadata
        assert meta.row_group(0).column(0).compression == "ZSTD"
    schema = table.to_pyarrow_table().schema
    assert str(schema.field("ingested_at").type) == "timestamp[us, tz=UTC]"
    assert str(schema.field("published_at").type) == "timestamp[us, tz=UTC]"
    assert not (archive / "_staging").exists(), "staging is cleaned up after the commit"


def test_raw_decodes_back_to_the_text_with_the_recorded_encoding(crawl: Path, tmp_path: Path) -> None:
    gb = crawl / "gb.txt"
    gb.write_bytes((SEEDS / next(SEEDS.glob("003_*.txt")).name).read_text(encoding="utf-8").encode("gb18030"))
    archive = tmp_path / "archive"
    run_once([gb], archive, "r1")
    (row,) = DeltaTable(table_uri(archive, "documents")).to_pyarrow_table().to_pylist()
    assert row["encoding"] == "gb18030" and row["encoding_method"] == "detector"
    assert row["raw"].decode(row["encoding"]).count("刘新良") >= 3
    assert "刘新良同志指出" in row["body"]


def test_reprocessing_reads_every_file_with_bytes_and_none_without(crawl: Path, tmp_path: Path) -> None:
    from zharchive.archive.index import archived_files

    (crawl / "empty.txt").write_bytes(b"")
    (crawl / "huge.txt").write_bytes(b"x" * 10_000)
    archive = tmp_path / "archive"
    context = RunContext(
        run_id="r1", pipeline_version="test", rules_version=load_rules().version, max_bytes=8000
    )
    out = process_batch(sorted(crawl.iterdir()), known={}, context=context)
    stage_batch(archive, "r1", 0, out.rows, out.quarantined)
    commit_run(archive, Provenance("r1", None, "test", context.rules_version, SCHEMA_VERSION))
    archived = archived_files(archive)
    names = sorted(Path(u).name for u in archived.uris)
    assert "empty.txt" in names and "huge.txt" not in names and len(names) == 6
    assert (archived.documents_version, archived.quarantine_version) == (0, 0)
    assert list(archived.sizes) == [Path(unquote(urlparse(u).path)).stat().st_size for u in archived.uris]


def test_filters_on_any_column_see_every_row_after_an_upsert(crawl: Path, tmp_path: Path) -> None:
    """Readers must not skip a data file on a column its stats do not cover (see add_action)."""
    import polars as pl

    archive = tmp_path / "archive"
    run_once(list(crawl.iterdir()), archive, "r1")
    changed = next(crawl.glob("002_*.txt"))
    changed.write_bytes(changed.read_bytes() + b"\n")
    run_once(list(crawl.iterdir()), archive, "r2")
    table = DeltaTable(table_uri(archive, "documents"))
    assert table.to_pyarrow_dataset().to_table(filter=pc.field("publisher") == "中国网").num_rows == 1
    assert table.to_pyarrow_table(filters=[("encoding", "=", "utf-8")]).num_rows == 5
    assert (
        pl.scan_delta(table_uri(archive, "documents")).filter(pl.col("script") == "Hant").collect().height
        == 2
    )


@pytest.mark.parametrize("folder_name", ["*", "r", "r1-batch-000000"])
def test_a_staging_folder_of_any_name_reaches_no_other_runs_files(
    folder_name: str, crawl: Path, tmp_path: Path
) -> None:
    from zharchive.archive.lock import archive_lock
    from zharchive.archive.staging import staging_dir

    archive = tmp_path / "archive"
    run_once(sorted(crawl.iterdir()), archive, "r1")
    files = {p.name for p in Path(table_uri(archive, "documents")).iterdir()}
    staging_dir(archive, folder_name).mkdir(parents=True)  # a name no run would have

    with archive_lock(archive, run_id="r3"):
        assert {p.name for p in Path(table_uri(archive, "documents")).iterdir()} == files
    assert len(live_rows(archive, "documents")) == 5


def test_a_rerun_of_the_same_run_commits_none_of_its_earlier_attempts_batches(
    crawl: Path, tmp_path: Path
) -> None:
    # Two attempts under one run id (as a retried flow run's were, before run ids carried the
    # attempt): the first staged two batches and failed before the commit; meanwhile a file changed
    # again, and the second attempt stages one.
    from zharchive.archive.lock import archive_lock

    archive = tmp_path / "archive"
    run_once(sorted(crawl.iterdir()), archive, "r1")
    context = RunContext(run_id="r2", pipeline_version="test", rules_version=load_rules().version)
    changed = sorted(crawl.iterdir())[0]
    for attempt, batches in ((1, 2), (2, 1)):
        changed.write_bytes(changed.read_bytes() + f"\n第{attempt}次更新。\n".encode())
        with archive_lock(archive, run_id="r2"):
            index = archive_index(archive)
            out = process_batch(
                [changed], known=index.held, read_failures=index.read_failures, context=context
            )
            for number in range(batches):
                stage_batch(archive, "r2", number, out.rows, out.quarantined)
            if attempt == 2:
                commit_run(archive, Provenance("r2", None, "test", context.rules_version, SCHEMA_VERSION))

    rows = live_rows(archive, "documents")
    assert len(rows) == len({r["source_uri"] for r in rows}) == 5, "a row of the first attempt came back"
    now = next(r for r in rows if r["source_uri"] == changed.resolve().as_uri())
    assert now["raw_sha256"] == hashlib.sha256(changed.read_bytes()).hexdigest()


def test_a_file_left_in_both_tables_by_a_run_that_died_between_its_commits_ends_in_one(
    crawl: Path, tmp_path: Path
) -> None:
    # Same bytes in both tables: quarantined as too large by r1, made a document by r2 (run with a
    # higher cap), which died between its documents commit and the quarantine commit that would
    # have taken the old row out. Both rows carry the file's hash: unchanged, by hash alone.
    import pyarrow as pa

    from zharchive.archive import commit as archive_module

    archive = tmp_path / "archive"
    big = max(crawl.iterdir(), key=lambda p: p.stat().st_size)
    run_once(sorted(crawl.iterdir()), archive, "r1", max_bytes=big.stat().st_size - 1)
    assert [r["stage"] for r in live_rows(archive, "quarantine")] == ["read"]
    context = RunContext(run_id="r2", pipeline_version="test", rules_version=load_rules().version)
    index = archive_index(archive)
    out = process_batch([big], known=index.held, read_failures=index.read_failures, context=context)
    stage_batch(archive, "r2", 0, out.rows, out.quarantined)
    staged = archive_module.staged_files(archive, "r2", "documents")
    provenance = Provenance("r2", None, "test", context.rules_version, SCHEMA_VERSION)
    archive_module.commit_table(archive, "documents", staged, pa.chunked_array([], pa.string()), provenance)
    uri = big.resolve().as_uri()
    assert uri in {r["source_uri"] for r in live_rows(archive, "quarantine")}

    _, result = run_batch(sorted(crawl.iterdir()), archive, "r3")

    documents = {r["source_uri"] for r in live_rows(archive, "documents")}
    quarantine = {r["source_uri"] for r in live_rows(archive, "quarantine")}
    assert uri in documents and documents & quarantine == set()
    assert result.quarantine_version is not None  # r3's commit took the old row out


@pytest.mark.parametrize("failed_at", ["documents commit, after the move", "quarantine commit"])
def test_a_retried_commit_takes_a_file_that_left_quarantine_out_of_it(
    failed_at: str, crawl: Path, tmp_path: Path
) -> None:
    import pyarrow as pa

    from zharchive.archive import commit as archive_module

    archive = tmp_path / "archive"
    victim = sorted(crawl.iterdir())[-1]
    article = victim.read_bytes()
    victim.write_bytes(b"\x00\x01\x02\x03" * 100)  # binary: quarantined by r1
    run_once(sorted(crawl.iterdir()), archive, "r1")
    victim.write_bytes(article)  # mended: a document for r2
    provenance, _ = _changed_and_staged(crawl, archive, "r2", changed=[victim])
    if failed_at == "quarantine commit":
        staged = archive_module.staged_files(archive, "r2", "documents")
        archive_module.commit_table(
            archive, "documents", staged, pa.chunked_array([], pa.string()), provenance
        )
    else:
        root = Path(table_uri(archive, "documents"))
        for path in archive_module.staged_files(archive, "r2", "documents"):
            shutil.move(path, root / archive_module.moved_batch_name("r2", path))

    retried = commit_run(archive, provenance)

    uri = victim.resolve().as_uri()
    assert uri in {r["source_uri"] for r in live_rows(archive, "documents")}
    assert uri not in {r["source_uri"] for r in live_rows(archive, "quarantine")}, "in both tables"
    assert retried.quarantine_version is not None


def test_a_batch_numbered_past_six_digits_is_committed(crawl: Path, tmp_path: Path) -> None:
    # --batch-size 1 over a million files: batch-1000000.parquet has seven digits.
    archive = tmp_path / "archive"
    context = RunContext(run_id="r1", pipeline_version="test", rules_version=load_rules().version)
    out = process_batch(sorted(crawl.iterdir()), known={}, context=context)
    stage_batch(archive, "r1", 999_999, out.rows[:2], [])
    stage_batch(archive, "r1", 1_000_000, out.rows[2:], [])

    commit_run(archive, Provenance("r1", None, "test", context.rules_version, SCHEMA_VERSION))

    assert len(live_rows(archive, "documents")) == 5


@pytest.mark.parametrize("moved", [False, True], ids=["staged", "moved-into-quarantine"])
def test_the_next_run_finishes_the_quarantine_commit_of_a_run_that_died_after_its_documents_commit(
    moved: bool, crawl: Path, tmp_path: Path
) -> None:
    # r2 moves a file from documents to quarantine: its documents commit takes the old row out, and
    # it dies before the quarantine commit that puts the new one in. Deleting what it staged would
    # leave the file in neither table (a --reprocess would never see it again).
    from zharchive.archive import commit as archive_module
    from zharchive.archive.lock import archive_lock

    archive = tmp_path / "archive"
    run_once(sorted(crawl.iterdir()), archive, "r1")
    victim = sorted(crawl.iterdir())[0]
    victim.write_bytes(b"\x00\x01\x02\x03" * 100)  # now binary: quarantine
    context = RunContext(run_id="r2", pipeline_version="test", rules_version=load_rules().version)
    index = archive_index(archive)
    out = process_batch([victim], known=index.held, read_failures=index.read_failures, context=context)
    stage_batch(archive, "r2", 0, out.rows, out.quarantined)
    provenance = Provenance("r2", None, "test", context.rules_version, SCHEMA_VERSION)
    quarantine_staged = archive_module.staged_files(archive, "r2", "quarantine")
    gone = archive_module.staged_uris(quarantine_staged)
    archive_module.commit_table(archive, "documents", [], gone, provenance)
    if moved:  # and the quarantine attempt got as far as moving its batch in
        root = Path(table_uri(archive, "quarantine"))
        for path in quarantine_staged:
            shutil.move(path, root / archive_module.moved_batch_name("r2", path))
    uri = victim.resolve().as_uri()
    assert uri not in {
        r["source_uri"] for r in live_rows(archive, "documents") + live_rows(archive, "quarantine")
    }

    with archive_lock(archive, run_id="r3"):
        pass

    quarantined = {r["source_uri"]: r for r in live_rows(archive, "quarantine")}
    assert uri in quarantined and quarantined[uri]["stage"] == "decode"
    quarantine = open_table(archive, "quarantine")
    assert quarantine is not None and quarantine.transaction_version("zharchive:r2") is not None
    assert quarantine.history()[0]["zharchive.run_id"] == "r2"  # its own provenance
    assert _unreferenced_files_of(archive, "quarantine", "r2") == set()
    # Handed on at r2's documents version, the archive has the file in its quarantine: the
    # quarantine version that goes with it is found by the commits (r2 has no run record).
    from zharchive.archive.handoff import snapshot

    handed = snapshot(archive, version=1).tables["quarantine"]
    assert handed.version() == 1  # the commit made for r2, not r1's v0
    assert uri in handed.to_pyarrow_table(columns=["source_uri"])["source_uri"].to_pylist()


def test_the_finished_quarantine_commit_takes_out_what_the_dead_run_made_documents_of(
    crawl: Path, tmp_path: Path
) -> None:
    # The other direction: r2 made a quarantined file a document, committed documents, and died.
    # Its quarantine commit, made by the next holder, takes the old quarantine row out.
    import pyarrow as pa

    from zharchive.archive import commit as archive_module
    from zharchive.archive.lock import archive_lock

    archive = tmp_path / "archive"
    victim = sorted(crawl.iterdir())[-1]
    article = victim.read_bytes()
    victim.write_bytes(b"\x00\x01\x02\x03" * 100)
    run_once(sorted(crawl.iterdir()), archive, "r1")
    victim.write_bytes(article)
    provenance, _ = _changed_and_staged(crawl, archive, "r2", changed=[victim])
    provenance = Provenance(
        "r2", "flow-run-of-r2", "pipeline-of-r2", provenance.rules_version, SCHEMA_VERSION
    )
    staged = archive_module.staged_files(archive, "r2", "documents")
    archive_module.commit_table(archive, "documents", staged, pa.chunked_array([], pa.string()), provenance)

    with archive_lock(archive, run_id="r3"):
        pass

    uri = victim.resolve().as_uri()
    assert uri in {r["source_uri"] for r in live_rows(archive, "documents")}
    assert uri not in {r["source_uri"] for r in live_rows(archive, "quarantine")}, "in both tables"
    quarantine = open_table(archive, "quarantine")
    assert quarantine is not None
    made = quarantine.history()[0]
    assert (made["zharchive.run_id"], made["zharchive.flow_run_id"], made["zharchive.pipeline_version"]) == (
        "r2",
        "flow-run-of-r2",
        "pipeline-of-r2",
    )


def test_an_older_documents_version_is_handed_on_with_the_quarantine_of_its_own_run(
    crawl: Path, tmp_path: Path
) -> None:
    from zharchive.archive.handoff import snapshot

    archive = tmp_path / "archive"
    (crawl / "binary-1.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    assert run_once(sorted(crawl.iterdir()), archive, "r1") == (0, 0)
    (crawl / "binary-2.txt").write_bytes(b"\x00\x01\x02\x04" * 100)
    assert run_once(sorted(crawl.iterdir()), archive, "r2") == (None, 1)  # quarantine only
    changed = sorted(crawl.glob("0*.txt"))[0]
    changed.write_bytes(changed.read_bytes() + "\n本文有更新。\n".encode())
    assert run_once(sorted(crawl.iterdir()), archive, "r3") == (1, None)  # documents only

    first, second = snapshot(archive, version=0), snapshot(archive, version=1)

    documents = open_table(archive, "documents")
    assert documents is not None
    made_at = {c["version"]: c["timestamp"] for c in documents.history()}
    assert first.committed_at.timestamp() * 1000 == pytest.approx(made_at[0])  # r1's commit, not r3's
    assert first.tables["quarantine"].version() == 0  # what r1 committed with it
    assert second.tables["quarantine"].version() == 1  # r3 made none: the newest before its commit


def test_a_large_page_becomes_its_arrow_column_without_a_copy_and_stages_the_same_rows(
    crawl: Path, tmp_path: Path
) -> None:
    import pyarrow as pa

    from zharchive.archive.staging import LARGE_RAW, SCHEMAS, to_arrow

    big = crawl / "big.bin"
    big.write_bytes(bytes(range(256)) * (LARGE_RAW // 256 + 7))  # binary: quarantined, bytes kept
    context = RunContext(run_id="r1", pipeline_version="test", rules_version=load_rules().version)
    out = process_batch(sorted(crawl.iterdir()), known={}, context=context)
    records = [*out.rows, *out.quarantined]

    table = to_arrow(out.quarantined, "quarantine")
    (held,) = [q.raw for q in out.quarantined if q.source_uri.endswith("big.bin")]
    assert held is not None
    addresses = {chunk.buffers()[2].address for chunk in table["raw"].chunks if chunk.buffers()[2]}
    assert pa.py_buffer(held).address in addresses, "the large page's bytes were copied into Arrow"
    expected = pa.Table.from_pylist([q.model_dump() for q in out.quarantined], schema=SCHEMAS["quarantine"])
    assert table.sort_by("source_uri").equals(expected.sort_by("source_uri"))
    assert big.read_bytes() in table["raw"].to_pylist() and len(records) == 6
