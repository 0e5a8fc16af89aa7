"""ARCHIVE/sites's merge of a run's counts (zharchive.archive.sites.merged), against the rule
written row by row."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from deltalake import DeltaTable

from tests.conftest import SEEDS, SHARED, require_shared
from zharchive.archive.commit import Provenance
from zharchive.archive.sites import SITES_SCHEMA, commit_sites, merged, sites_uri
from zharchive.archive.staging import staged_counts_file
from zharchive.sites import batch_counts


def _by_rows(existing: pa.Table, added: pa.Table, now: datetime, run_id: str) -> list[dict[str, object]]:
    rows = {(r["site"], r["line_hash"]): r for r in existing.to_pylist()}
    for r in added.to_pylist():
        old = rows.get((r["site"], r["line_hash"]))
        rows[(r["site"], r["line_hash"])] = {
            "site": r["site"],
            "line_hash": r["line_hash"],
            "pages_seen": r["pages_sum"] + (old["pages_seen"] if old else 0),
            "first_seen": old["first_seen"] if old else now,
            "last_seen": now,
            "run_id": run_id,
        }
    return [rows[key] for key in sorted(rows)]


def test_a_run_adds_its_counts_to_the_rows_it_saw_and_leaves_the_others() -> None:
    rng = random.Random(19)
    sites = ["host:www.gov.cn", "host:公安.中国", "file:///crawl/b", "file:///crawl/a", "host:ÿ.example"]
    then = datetime(2026, 1, 1, tzinfo=UTC)
    now = then + timedelta(days=30)
    hashes = [f"{rng.getrandbits(64):016x}" if rng.random() < 0.95 else "" for _ in range(400)]
    keys = {(rng.choice(sites), hashed) for hashed in hashes}
    existing_keys = sorted(keys)[:250]
    existing = pa.table(
        {
            "site": [k[0] for k in existing_keys],
            "line_hash": [k[1] for k in existing_keys],
            "pages_seen": [rng.randint(1, 50) for _ in existing_keys],
            "first_seen": [then] * len(existing_keys),
            "last_seen": [then + timedelta(days=rng.randint(0, 9)) for _ in existing_keys],
            "run_id": [f"run-{rng.randint(0, 3)}" for _ in existing_keys],
        },
        schema=SITES_SCHEMA,
    )
    added_keys = rng.sample(sorted(keys), 200)  # some counted before, some new to the table
    added = pa.table(
        {
            "pages_sum": pa.array([rng.randint(1, 9) for _ in added_keys], pa.int64()),
            "site": [k[0] for k in added_keys],
            "line_hash": [k[1] for k in added_keys],
        }
    )
    result = merged(existing, added, now=now, run_id="run-9")
    assert result.schema == SITES_SCHEMA
    assert result.to_pylist() == _by_rows(existing, added, now, "run-9")
    assert {k for k in added_keys if k not in set(existing_keys)}  # rows new to the table were there
    assert merged(None, added, now=now, run_id="run-9").to_pylist() == _by_rows(
        SITES_SCHEMA.empty_table(), added, now, "run-9"
    )


def _stage_counts(archive: Path, run_id: str, batches: list[list[tuple[str, str]]]) -> pa.Table:
    """Each batch's (site, page text) staged as ``zharchive.batch`` stages them; → all the run's
    counts summed by site and line hash, as the commit merges them."""
    tables = []
    for index, pages in enumerate(batches):
        counts = batch_counts(pages)
        target = staged_counts_file(archive, run_id, index)
        target.parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(counts, target, compression="zstd")
        tables.append(counts)
    return pa.concat_tables(tables).group_by(["site", "line_hash"]).aggregate([("pages", "sum")])


def _table(archive: Path) -> pa.Table:
    rows = DeltaTable(sites_uri(archive)).to_pyarrow_table()
    return rows.cast(SITES_SCHEMA).sort_by([("site", "ascending"), ("line_hash", "ascending")])


@pytest.mark.parametrize("merge_rows", [1, 40, 1_000_000])
def test_the_commit_merged_a_range_of_sites_at_a_time_writes_the_whole_merge(
    tmp_path: Path, merge_rows: int
) -> None:
    """Two runs' counts of real pages (the corpora's and the seeds' texts, read at run time, under
    sites that sort around each other) committed by ``commit_sites`` a range of ``merge_rows`` rows
    at a time, against ``merged`` of the whole table and the whole run; the second run onto the
    first's table, sites old and new."""
    texts = [p.read_text("utf-8", errors="replace") for p in sorted(SEEDS.glob("*.txt"))]
    texts += [
        p.read_text("utf-8", errors="replace")
        for p in sorted(require_shared(SHARED / "corpus" / "dev" / "text").glob("*"))
    ]
    assert len(texts) > 50
    rng = random.Random(7)
    sites = ["host:www.gov.cn", "host:公安.中国", "file:///crawl/b", "file:///crawl/a", "file:///crawl/a b"]
    archive = tmp_path / "archive"
    expected: pa.Table | None = None
    for number in range(2):
        run_id = f"20260101T00000{number}Z-test"
        pages = [(rng.choice(sites[: 3 + number * 2]), rng.choice(texts)) for _ in range(90)]
        added = _stage_counts(archive, run_id, [pages[:40], pages[40:]])
        now = datetime(2026, 1, 1 + number, tzinfo=UTC)
        expected = merged(expected, added, now=now, run_id=run_id)
        provenance = Provenance(run_id, None, "x", "y", "1.4.0")

        version = commit_sites(
            archive, run_id, provenance.app_id, provenance.commit_properties(), merge_rows=merge_rows, now=now
        )
        assert version == number
        assert _table(archive).equals(expected)
    assert expected is not None and expected.num_rows > 500
