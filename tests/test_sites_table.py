"""ARCHIVE/sites's merge of a run's counts (zharchive.archive.sites.merged), against the rule
written row by row."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pyarrow as pa

from zharchive.archive.sites import SITES_SCHEMA, merged


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
