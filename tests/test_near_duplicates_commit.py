"""A run's commit marks its documents (zharchive.minhash.mark_run) as the pairwise definition says:
real staged Parquet files and a real Delta table of stored documents, every rule of the commit in
play at once — stored rows the run replaces or moves to quarantine left out, a re-cleaned doc_id
keeping its stored ingested_at, documents without a signature, identical copies, crowded buckets —
and the expected pointers written out row by row in Python."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
from deltalake import DeltaTable, write_deltalake

from tests.test_near_duplicates import _matches_of_every_band_pair
from zharchive.minhash import NUM_PERM, mark_run

UTC_US = pa.timestamp("us", tz="UTC")
START = datetime(2026, 1, 1, tzinfo=UTC)


def _signatures(count: int, seed: int) -> list[np.ndarray | None]:
    """Near-copies (0.4-0.98 alike) of three articles, some identical to an earlier one, some
    unrelated, some too short to sign (None)."""
    rng = np.random.default_rng(seed)
    articles = [rng.integers(0, 2**32, NUM_PERM, dtype=np.uint32) for _ in range(3)]
    made: list[np.ndarray | None] = []
    for n in range(count):
        kind = rng.random()
        if kind < 0.08:
            made.append(None)
        elif kind < 0.2 and any(s is not None for s in made):
            made.append(next(s for s in reversed(made) if s is not None).copy())
        elif kind < 0.35:
            made.append(rng.integers(0, 2**32, NUM_PERM, dtype=np.uint32))
        else:
            copy = articles[n % 3].copy()
            changed = rng.random(NUM_PERM) < rng.uniform(0.02, 0.6)
            copy[changed] = rng.integers(0, 2**32, int(changed.sum()), dtype=np.uint32)
            made.append(copy)
    return made


def _rows(ids: list[str], uris: list[str], stamps: list[datetime], sigs: list[np.ndarray | None]) -> pa.Table:
    return pa.table(
        {
            "doc_id": pa.array(ids, pa.string()),
            "source_uri": pa.array(uris, pa.string()),
            "ingested_at": pa.array(stamps, UTC_US),
            "minhash": pa.array(
                [None if s is None else s.astype("<u4").tobytes() for s in sigs], pa.binary()
            ),
            "body": pa.array([f"body of {uri}" for uri in uris], pa.string()),
            "near_duplicate_of": pa.nulls(len(ids), pa.string()),
            "near_duplicate_score": pa.nulls(len(ids), pa.float64()),
        }
    )


def test_a_commit_marks_the_run_as_the_pairwise_definition_says(tmp_path: Path) -> None:
    stored_sigs = _signatures(220, seed=5)
    run_sigs = _signatures(260, seed=6)
    stored_ids = [f"{n:020x}" for n in range(220)]
    stored_uris = [f"file:///crawl/stored/{n}.txt" for n in range(220)]
    # Stored by three runs, in two data files each.
    stored_at = [START + timedelta(days=n % 3) for n in range(220)]
    table = tmp_path / "documents"
    for part in range(6):
        rows = slice(part * 37, min(220, (part + 1) * 37))
        write_deltalake(
            str(table),
            _rows(stored_ids[rows], stored_uris[rows], stored_at[rows], stored_sigs[rows]),
            mode="append",
        )
    # The run: new files, and the same bytes of stored files 10..29 re-cleaned (same doc_id and
    # source_uri: they replace the stored rows and keep their ingested_at); stored files 40..59
    # move to quarantine (``leaving``); the run's batches were stamped one after another.
    run_ids = [f"{n + 1_000:020x}" for n in range(260)]
    run_uris = [f"file:///crawl/run/{n}.txt" for n in range(260)]
    for n in range(20):
        run_ids[100 + n], run_uris[100 + n] = stored_ids[10 + n], stored_uris[10 + n]
    run_at = [START + timedelta(days=5, seconds=n // 130) for n in range(260)]
    files = [tmp_path / "batch-000000.parquet", tmp_path / "batch-000001.parquet"]
    for at, path in enumerate(files):
        rows = slice(at * 130, (at + 1) * 130)
        pq.write_table(_rows(run_ids[rows], run_uris[rows], run_at[rows], run_sigs[rows]), path)
    leaving = pa.chunked_array([pa.array(stored_uris[40:60])], pa.string())

    marked = mark_run(
        DeltaTable(str(table)), [str(f) for f in files], rewrite=[str(f) for f in files], leaving=leaving
    )

    # The definition, row by row: the stored rows the run keeps and the run's rows, in archive order
    # (ingested_at, then doc_id), each run document pointing to the earliest it matches.
    kept = {stored_ids[n]: stored_at[n] for n in range(10, 30)}
    first = min(t for d, t in zip(run_ids, run_at, strict=True) if d not in kept)
    stamps = [kept.get(d, first) for d in run_ids]
    going = set(run_uris) | set(stored_uris[40:60])
    index = [
        (stored_at[n], stored_ids[n], stored_sigs[n], False)
        for n in range(220)
        if stored_uris[n] not in going
    ]
    index += [(stamps[n], run_ids[n], run_sigs[n], True) for n in range(260)]
    index.sort(key=lambda row: (row[0], row[1]))
    present = [row for row in index if row[2] is not None]
    expected_pairs = _matches_of_every_band_pair(
        [row[2] for row in present], np.array([row[3] for row in present])
    )
    expected = {
        present[later][1]: (present[earlier][1], score) for later, (earlier, score) in expected_pairs.items()
    }

    written = pa.concat_tables([pq.read_table(path) for path in files])
    found = {
        row["doc_id"]: (row["near_duplicate_of"], row["near_duplicate_score"])
        for row in written.to_pylist()
        if row["near_duplicate_of"] is not None
    }
    assert found == expected
    assert len(expected) > 100 and any(of in stored_ids for of, _ in expected.values())  # across runs too
    assert written.column("ingested_at").to_pylist() == stamps
    assert written.column("body").to_pylist() == [f"body of {uri}" for uri in run_uris]
    assert (marked.documents, marked.near_duplicates, marked.kept_ingested_at) == (260, len(expected), 20)
