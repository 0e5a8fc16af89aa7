"""MinHash signatures of bodies and their matching (issue 19, part 3): what ingest computes and a
run's commit stores, below the archive layer (``zharchive.archive`` imports this, never
``zharchive.near_duplicates``, which lists the archive's duplicates).

Each body becomes a MinHash signature of its Han character shingles (the Simplified body, so a
Traditional republication matches its original), computed by ``rensa`` (a Rust wheel: ~1,000
shingles a page hashed at C speed); candidates come from LSH bands of the signatures, and a pair is
a near-duplicate when the signatures' estimated Jaccard similarity reaches ``THRESHOLD``. Each
document points to the earliest archived document it matches (``ingested_at``, then ``doc_id``);
nothing is deleted or hidden. The parameters are measured by ``benchmarks/near_duplicates.py``
(README, "Near-duplicates").
"""

from __future__ import annotations

import io
import os
import re
import struct
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from rensa import RMinHash

from zharchive.objects import StorePath

if TYPE_CHECKING:  # a batch worker signs bodies and imports no deltalake (~50 MiB a worker)
    from deltalake import DeltaTable

# Han characters per shingle: two different articles of the corpora share at most 0.016 of their
# 5-shingles (one article present twice apart), so a republication stands far above them.
SHINGLE = 5
NUM_PERM = 128
# LSH: BANDS bands of ROWS signature values (126 of the 128): a pair of similarity 0.4 shares a band
# with probability 0.94, 0.5 with 0.996, two unrelated articles (~0.01) with 4e-5 (benchmarks).
BANDS, ROWS = 42, 3
SEED = 19
# Estimated Jaccard similarity of the shingle sets at or above which two bodies are the same article:
# a republication cut to its first half scores ~0.5 against the whole (benchmarks/near_duplicates.py).
THRESHOLD = 0.4
# A body with fewer Han characters than this is not compared: a short notice shares too much with
# every other short notice of its site.
MIN_HAN = 60

_NOT_HAN = re.compile(r"[^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")
_HAN_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3134F))  # _NOT_HAN's


def han_text(body: str) -> str:
    """The body's Han characters alone: punctuation, digits, Latin and white space are where
    republications differ (full-width or not, a line break moved), not what they say."""
    return _NOT_HAN.sub("", body)


# --- the signature, without a Python string per shingle --------------------------------------------
#
# ``rensa`` hashes each token's UTF-8 bytes (rustc-hash 2's FxHasher ``write``), then sketches the
# hashes. Handing it ~1,300 shingle strings a page cost 0.17 ms a page in building the strings alone
# (their hashing and sketching in Rust: 0.02). A BMP Han character is 3 UTF-8 bytes, so every shingle
# is 15 bytes at a stride of 3 in the Han text's UTF-8: the hash of all of them is a few numpy
# operations over two overlapping 8-byte views, and ``rensa`` sketches the hashes as it sketches the
# strings (``digest_matrix_from_flat_token_hashes``). Bit for bit the same signature: a text with a
# Han character outside the BMP (4 bytes, rare) still goes through the strings;
# tests/test_near_duplicates.py compares both ways, and ``_shingle_hashes`` with ``rensa``'s own
# ``hash_token_sets``, so a rensa release that hashed otherwise fails there. (0.19 → 0.05 ms a page,
# CPU time over 3,000 generated pages.)

_HAN_TABLE = np.zeros(0x110000, dtype=bool)
for _lo, _hi in _HAN_RANGES:
    _HAN_TABLE[_lo : _hi + 1] = True
# rustc-hash 2.x ``FxHasher::write`` of 9 to 16 bytes, then ``finish`` (64-bit): two seeded 8-byte
# words (the first 8 bytes and the last 8), multiplied to 128 bits and folded (high ^ low) ^ length,
# times K, rotated left 26.
_FX_SEEDS = np.array([[0x243F6A8885A308D3], [0x13198A2E03707344]], dtype=np.uint64)
_FX_K = np.uint64(0xF1357AEA2E62A9C5)
_LOW32 = np.uint64(0xFFFFFFFF)
_U32 = np.uint64(32)
_SHINGLE_BYTES = 3 * SHINGLE
_FX_LENGTH = np.uint64(_SHINGLE_BYTES)
_ROTATE, _ROTATE_BACK = np.uint64(26), np.uint64(38)


def _shingle_hashes(utf8: bytes) -> npt.NDArray[np.uint64]:
    """``rensa``'s token hash of every shingle of a text of 3-byte characters (its UTF-8 ``utf8``)."""
    count = len(utf8) // 3 - SHINGLE + 1
    # Row 0: each shingle's first 8 bytes; row 1: its last 8 (bytes 7..15); a shingle every 3 bytes.
    words = np.ndarray((2, count), dtype="<u8", buffer=utf8, strides=(_SHINGLE_BYTES - 8, 3)) ^ _FX_SEEDS
    low, high = words & _LOW32, words >> _U32
    # The 128-bit product of the two words from its four 32-bit partial products (numpy integer
    # arrays wrap on overflow): its low half is the wrapped product, its high half the carries.
    cross = high[0] * low[1] + ((low[0] * low[1]) >> _U32)
    carry = (cross & _LOW32) + low[0] * high[1]
    folded = high[0] * high[1]
    folded += cross >> _U32
    folded += carry >> _U32
    folded ^= words[0] * words[1]
    folded ^= _FX_LENGTH
    folded *= _FX_K
    rotated: npt.NDArray[np.uint64] = (folded << _ROTATE) | (folded >> _ROTATE_BACK)
    return rotated


def _digest(body: str) -> list[int] | None:
    """The ``NUM_PERM`` values of the body's MinHash signature, or None under ``MIN_HAN``."""
    points = np.frombuffer(body.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    han = points[_HAN_TABLE[points]]
    if len(han) < MIN_HAN:
        return None
    text = han.tobytes().decode("utf-32-le")
    utf8 = text.encode("utf-8")
    if len(utf8) != 3 * len(text):  # a Han character outside the BMP: rensa hashes the strings
        minhash = RMinHash(num_perm=NUM_PERM, seed=SEED)
        minhash.update([text[i : i + SHINGLE] for i in range(len(text) - SHINGLE + 1)])
        return list(minhash.digest())
    hashes = _shingle_hashes(utf8)
    matrix = RMinHash.digest_matrix_from_flat_token_hashes(hashes, [0, len(hashes)], NUM_PERM, SEED)
    return list(matrix.to_rows()[0])


def signature(body: str) -> npt.NDArray[np.uint32] | None:
    """The body's MinHash signature (``NUM_PERM`` values), or None when it is too short to judge."""
    digest = _digest(body)
    return None if digest is None else np.asarray(digest, dtype=np.uint32)


def to_bytes(sig: npt.NDArray[np.uint32] | None) -> bytes | None:
    """A signature as the ``minhash`` column stores it: 128 little-endian uint32 (512 bytes)."""
    return None if sig is None else sig.astype("<u4").tobytes()


def from_bytes(stored: bytes | None) -> npt.NDArray[np.uint32] | None:
    """The signature a ``minhash`` value holds (None for null)."""
    return None if stored is None else np.frombuffer(stored, dtype="<u4").astype(np.uint32)


_STORED = struct.Struct(f"<{NUM_PERM}I")


def stored_signature(body: str) -> bytes | None:
    """What ingest stores in ``minhash`` for a body (its Simplified form where it has one):
    ``to_bytes(signature(body))``, packed straight from the digest."""
    digest = _digest(body)
    return None if digest is None else _STORED.pack(*digest)


def similarity(a: npt.NDArray[np.uint32], b: npt.NDArray[np.uint32]) -> float:
    """The estimated Jaccard similarity of two signatures' shingle sets."""
    return float(np.count_nonzero(a == b)) / NUM_PERM


@dataclass(frozen=True)
class Match:
    key: str  # the document that is a republication
    of: str  # the earliest archived document it matches
    score: float


_MIX = np.uint64(0x9E3779B97F4A7C15)


def band_keys(signatures: npt.NDArray[np.uint32]) -> npt.NDArray[np.uint64]:
    """(documents, BANDS): each band's ROWS values folded into one 64-bit key, different per band.
    In chunks of ``_CHUNK`` documents: the 64-bit copy of a whole archive's signatures was most of
    a commit's peak (471 MiB added for 100,000 stored documents, benchmarks/near_duplicates.py)."""
    keys = np.empty((len(signatures), BANDS), dtype=np.uint64)
    for at in range(0, len(signatures), _CHUNK):
        part = signatures[at : at + _CHUNK, : BANDS * ROWS]
        rows = part.reshape(len(part), BANDS, ROWS).astype(np.uint64)
        chunk = np.zeros((len(part), BANDS), dtype=np.uint64)
        with np.errstate(over="ignore"):
            for row in range(ROWS):
                chunk = chunk * _MIX + rows[:, :, row] + np.uint64(1)
            chunk ^= np.arange(BANDS, dtype=np.uint64) * _MIX
        keys[at : at + _CHUNK] = chunk
    return keys


_CHUNK = 8_192


# A document is compared with at most the CANDIDATES earliest documents of each band bucket it falls
# in: a crawl of 6,000 copies of five pages (tests/test_crash_and_concurrency.py) put 1,200 identical
# documents in each bucket, and all their pairs (~30 M over the 42 bands) took a commit to 7 GB. An
# identical copy matches the bucket's first document; one that matches none of 64 earlier documents
# of a bucket is a rare band collision, and its other buckets still find an earlier match.
CANDIDATES = 64


def find_matches(
    keys: Sequence[str],
    signatures: Sequence[npt.NDArray[np.uint32] | None],
    *,
    threshold: float = THRESHOLD,
    later_in: npt.NDArray[np.bool_] | None = None,
) -> list[Match]:
    """``keys`` in archive order (earliest first) with their signatures → each near-duplicate and
    the earliest document before it that it matches. ``later_in``: only the documents it marks
    are looked up (a run's new documents against the archive's stored ones); None: all.

    Identical signatures are matched once: a later copy points where its first copy points, or to
    the first copy (score 1.0) when that points nowhere (exact: whatever matches the first copy
    matches every copy). Candidates are the pairs of distinct signatures that share a band (sorted
    band keys, grouped); each candidate's similarity is computed from the signatures; numpy
    throughout, so 100,000 documents take seconds and ~100 MiB (benchmarks/near_duplicates.py)."""
    present = np.array([i for i, sig in enumerate(signatures) if sig is not None], dtype=np.int64)
    if len(present) < 2:
        return []
    matrix = np.stack([sig for sig in signatures if sig is not None]).astype(np.uint32)
    wanted = np.ones(len(present), dtype=bool) if later_in is None else np.asarray(later_in, bool)[present]
    first_at, inverse = _distinct_rows(matrix)
    by_position = np.argsort(first_at, kind="stable")  # distinct signatures in archive order
    rank = np.empty_like(by_position)
    rank[by_position] = np.arange(len(by_position))
    distinct_of = rank[np.asarray(inverse).reshape(-1)]  # each document's distinct signature
    firsts = first_at[by_position]  # the first document with each distinct signature
    wanted_distinct = np.zeros(len(firsts), dtype=bool)
    np.logical_or.at(wanted_distinct, distinct_of, wanted)
    found = _earliest(matrix[firsts], wanted_distinct, threshold)
    matches: list[Match] = []
    for row in np.flatnonzero(wanted):
        distinct = int(distinct_of[row])
        first = int(firsts[distinct])
        if distinct in found:
            earlier, score = found[distinct]
            target = int(firsts[earlier])
        elif row != first:
            target, score = first, 1.0
        else:
            continue
        matches.append(Match(keys[present[row]], keys[present[target]], score))
    return matches


def _distinct_rows(matrix: npt.NDArray[np.uint32]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """(the first row of each distinct row, each row's distinct index), as ``np.unique(axis=0)``
    gives them, by a 64-bit hash of each row and a check that every row equals its distinct row's
    first (else ``np.unique`` itself): its row sort took 0.6 s and 80 MiB of a commit against
    100,000 stored signatures (benchmarks/near_duplicates.py --commit-only)."""
    hashes = np.zeros(len(matrix), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for column in range(matrix.shape[1]):
            hashes = hashes * _MIX + matrix[:, column].astype(np.uint64) + np.uint64(1)
    _, first_at, inverse = np.unique(hashes, return_index=True, return_inverse=True)
    inverse = np.asarray(inverse).reshape(-1)
    if all(
        np.array_equal(matrix[at : at + 8_192], matrix[first_at[inverse[at : at + 8_192]]])
        for at in range(0, len(matrix), 8_192)
    ):
        return first_at.astype(np.int64), inverse.astype(np.int64)
    _, first_at, inverse = np.unique(matrix, axis=0, return_index=True, return_inverse=True)  # a collision
    return first_at.astype(np.int64), np.asarray(inverse).reshape(-1).astype(np.int64)


def _earliest(
    matrix: npt.NDArray[np.uint32], wanted: npt.NDArray[np.bool_], threshold: float
) -> dict[int, tuple[int, float]]:
    """Rows of ``matrix`` (distinct signatures in archive order) that ``wanted`` marks → the
    earliest row before each that it matches, and the score.

    Band by band, keeping each row's earliest match so far, and in each bucket head by head
    (``_walk_heads``): a pair is scored only when its earlier row is before that match, so the pairs
    a later band repeats are skipped once a band has matched them, and a band holds one bucket's
    rows, never all its pairs. A run of copies of five articles (``benchmarks/near_duplicates.py
    --crowded``, buckets of thousands): 20,000 took 57 CPU s and +2,256 MiB more at peak when all
    bands' pairs were gathered and made unique first, 0.9 s and +102 MiB this way; 100,000, 12.8 s
    and +785 MiB while a band's pairs were held at once, 5.3 s and +386 MiB this way. The matches
    are the same (tests/test_near_duplicates.py, and the 20,000 pages of throughput.py's run); a
    commit of 1,000 against 100,000 stored (``--commit-only``) costs what it did, 1.8 s."""
    size = len(matrix)
    if size < 2:
        return {}
    best = np.full(size, size, dtype=np.int64)  # each row's earliest match so far; size: none
    best_score = np.zeros(size)
    bands = band_keys(matrix)
    for band in range(BANDS):
        order = np.argsort(bands[:, band], kind="stable")
        column = bands[order, band]
        starts = np.flatnonzero(np.r_[True, column[1:] != column[:-1]])
        sizes = np.diff(np.r_[starts, len(column)])
        # Only the groups that hold a document looked up: a run's commit against a large archive
        # never pairs the archive's stored documents with each other.
        looked_up = np.add.reduceat(wanted[order].astype(np.int64), starts) > 0
        chosen = (sizes > 1) & looked_up
        for start, group in zip(starts[chosen], sizes[chosen], strict=True):
            _walk_heads(matrix, np.sort(order[start : start + group]), wanted, threshold, best, best_score)
    found = np.flatnonzero(best < size)
    return {int(row): (int(best[row]), float(best_score[row])) for row in found}


def _walk_heads(
    matrix: npt.NDArray[np.uint32],
    members: npt.NDArray[np.int64],
    wanted: npt.NDArray[np.bool_],
    threshold: float,
    best: npt.NDArray[np.int64],
    best_score: npt.NDArray[np.float64],
) -> None:
    """A crowded bucket's pairs (each of its first CANDIDATES members, in archive order, with every
    member after it), scored head by head: a head is compared only with the later members it could
    give an earlier match, so the first head that matches a member is its earliest in the bucket."""
    for at, head in enumerate(members[:CANDIDATES].tolist()):
        rest = members[at + 1 :]
        rest = rest[wanted[rest] & (head < best[rest])]
        if not len(rest):
            continue
        scores = np.count_nonzero(matrix[rest] == matrix[head], axis=1) / NUM_PERM
        hit = scores >= threshold
        best[rest[hit]] = head
        best_score[rest[hit]] = scores[hit]


# The columns a run's commit and a stored-columns listing read of documents: never a body.
INDEX_COLUMNS = ["doc_id", "source_uri", "ingested_at", "minhash"]


def signature_list(column: pa.ChunkedArray | pa.Array) -> list[npt.NDArray[np.uint32] | None]:
    """The ``minhash`` column as signatures (None for null), views of one buffer."""
    values = column.to_pylist()
    present = [v for v in values if v is not None]
    if not present:
        return [None] * len(values)
    matrix = np.frombuffer(b"".join(present), dtype="<u4").reshape(len(present), NUM_PERM)
    rows = iter(matrix.astype(np.uint32, copy=False))
    return [None if v is None else next(rows) for v in values]


def archive_order(table: pa.Table) -> npt.NDArray[np.int64]:
    """Row indices of ``table`` (with ingested_at and doc_id) in archive order."""
    stamps = pc.cast(table.column("ingested_at"), pa.int64()).to_numpy(zero_copy_only=False)
    ids = np.asarray(table.column("doc_id").to_pylist(), dtype=object)
    return np.lexsort((ids, stamps)).astype(np.int64)


@dataclass(frozen=True)
class Marked:
    """What a run's commit set in its staged documents."""

    documents: int  # the run's documents
    near_duplicates: int  # of those, the ones that point to an earlier document
    kept_ingested_at: int  # re-cleaned bytes (same doc_id) that keep their ingested_at


def mark_run(
    live: DeltaTable | None,
    run_files: Sequence[str | Path | StorePath],
    *,
    rewrite: Sequence[str | Path | StorePath],
    leaving: pa.ChunkedArray,
    threshold: float = THRESHOLD,
) -> Marked:
    """Set ``near_duplicate_of``/``near_duplicate_score`` of a run's documents before its commit.

    ``run_files``: every Parquet file of the run's documents (staged, or moved into the table by an
    earlier attempt of this commit); ``rewrite``: those still staged, rewritten in place (the moved
    ones were marked, with the same inputs, before they moved). ``leaving``: source_uris the run
    moves to quarantine. The index: the signatures (``INDEX_COLUMNS``, never a body) of the live
    documents the run keeps (not those it replaces or moves out), and the run's own, so a
    republication is found across runs and inside one. A run's document that replaces a live row
    of the same doc_id (the same bytes re-cleaned: ``--reprocess``) keeps that row's
    ``ingested_at``: the order of the archive, and so every ``near_duplicate_of``, survives a
    reprocess; the run's other documents all take its first batch's ``ingested_at``. Rows of the
    archive are never changed: a pointer, once committed, stays."""
    if not run_files:
        return Marked(0, 0, 0)
    ours = pa.concat_tables([pq.read_table(_readable(path), columns=INDEX_COLUMNS) for path in run_files])
    if live is None:
        stored = ours.schema.empty_table()
    else:
        stored = live.to_pyarrow_dataset().to_table(columns=INDEX_COLUMNS).cast(ours.schema)
    # Same doc_id: the same file's same bytes, archived before; their ingested_at is kept.
    same = stored.filter(pc.is_in(stored.column("doc_id"), value_set=ours.column("doc_id").combine_chunks()))
    kept = dict(zip(same.column("doc_id").to_pylist(), same.column("ingested_at").to_pylist(), strict=True))
    going = pa.chunked_array([*ours.column("source_uri").chunks, *leaving.chunks], pa.string())
    stored = stored.filter(pc.invert(pc.is_in(stored.column("source_uri"), value_set=going.combine_chunks())))
    # One ingested_at for the run's new documents (its first batch's): batches start in whatever
    # order the workers take them, and the order inside a run must not depend on that (then it is
    # doc_id's, the same in every run of the same files).
    ids = ours.column("doc_id").to_pylist()
    fresh = [t for d, t in zip(ids, ours.column("ingested_at").to_pylist(), strict=True) if d not in kept]
    first = min(fresh) if fresh else None
    stamps = {d: kept.get(d, first) for d in ids}
    ours = ours.set_column(
        ours.schema.get_field_index("ingested_at"),
        "ingested_at",
        pa.array([stamps[d] for d in ids], ours.schema.field("ingested_at").type),
    )
    both = pa.concat_tables([stored, ours])
    order = archive_order(both)
    is_ours = np.r_[np.zeros(stored.num_rows, bool), np.ones(ours.num_rows, bool)][order]
    keys = np.asarray(both.column("doc_id").to_pylist(), dtype=object)[order].tolist()
    signatures = signature_list(both.column("minhash"))
    found = find_matches(keys, [signatures[i] for i in order], threshold=threshold, later_in=is_ours)
    pointers = {m.key: m for m in found}
    # Each file read, decompressed, compressed and written again: pyarrow lets the GIL go for that,
    # so a thread a core does it while the batch workers are idle (a 20,000-page run, 20 files:
    # 2.5 s one after the other, /tmp/commit_profile.py).
    with ThreadPoolExecutor(max_workers=max(1, min(len(rewrite), os.cpu_count() or 1))) as threads:
        done = threads.map(
            lambda path: _set_pointers(path if isinstance(path, StorePath) else Path(path), pointers, stamps),
            rewrite,
        )
        list(done)  # raises the first error a file met
    return Marked(ours.num_rows, len(pointers), len(kept))


def _readable(path: str | Path | StorePath) -> Any:
    """What pyarrow reads a staged file from: its path, or an object's bytes (an archive on a
    store: pyarrow's own S3 client would not see the archive's --storage-option pairs)."""
    return pa.BufferReader(path.read_bytes()) if isinstance(path, StorePath) else path


def _set_pointers(path: Path | StorePath, pointers: dict[str, Match], stamps: dict[str, object]) -> None:
    """A staged documents file with its near-duplicate columns and ingested_at set; written beside
    it and moved over it, so a crash leaves the file whole (and the next attempt marks it again).
    Streamed 128 rows at a time: the committing process holds no batch's bytes at once (a run of
    two 59 MB pages, tests/test_complex_pages.py, went over its 512 MiB reading whole files). On a
    store the batch object is read and written whole (one PUT replaces it atomically; staged
    batches there are a few MB, a page over 1 MiB aside)."""
    partial: Path | io.BytesIO = (
        io.BytesIO() if isinstance(path, StorePath) else path.with_name(f"{path.name}.partial")
    )
    source = pq.ParquetFile(_readable(path))
    schema = source.schema_arrow
    statistics = [name for name in schema.names if name != "raw"]  # as staging writes them
    with pq.ParquetWriter(partial, schema, compression="zstd", write_statistics=statistics) as writer:
        for batch in source.iter_batches(batch_size=128):
            ids = batch.column(schema.get_field_index("doc_id")).to_pylist()
            hits = [pointers.get(d) for d in ids]
            columns = {
                "near_duplicate_of": pa.array([None if m is None else m.of for m in hits], pa.string()),
                "near_duplicate_score": pa.array(
                    [None if m is None else m.score for m in hits], pa.float64()
                ),
                "ingested_at": pa.array([stamps[d] for d in ids], schema.field("ingested_at").type),
            }
            arrays = [columns.get(name, batch.column(i)) for i, name in enumerate(schema.names)]
            writer.write_batch(pa.RecordBatch.from_arrays(arrays, schema=schema))
    if isinstance(partial, io.BytesIO):
        assert isinstance(path, StorePath)
        path.write_bytes(partial.getvalue())
    else:
        assert isinstance(path, Path)
        partial.replace(path)
