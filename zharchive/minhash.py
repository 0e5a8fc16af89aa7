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

import ctypes
import io
import os
import re
import struct
from collections.abc import Iterable, Iterator, Sequence
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
# Rows of index columns read at a time by a run's commit (512 bytes of signature each).
_READ_ROWS = 4_096


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
    target, score = _pointers(matrix, np.arange(len(present), dtype=np.int64), wanted, threshold)
    return [
        Match(keys[present[row]], keys[present[target[row]]], float(score[row]))
        for row in np.flatnonzero(target >= 0).tolist()
    ]


def _pointers(
    matrix: npt.NDArray[np.uint32],
    rows: npt.NDArray[np.int64],
    wanted: npt.NDArray[np.bool_],
    threshold: float,
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]:
    """``find_matches`` by position: ``rows`` (the documents with a signature, in archive order)
    index ``matrix``, which is never copied in that order (a commit of 200,000 generated pages held
    three copies of the run's signatures, and a Python object per row). → each position's earliest
    match (a position; -1 for none, and for positions ``wanted`` does not mark) and its score."""
    target = np.full(len(rows), -1, dtype=np.int64)
    score = np.zeros(len(rows))
    if len(rows) < 2:
        return target, score
    first_at, inverse = _distinct_rows(matrix, rows)
    by_position = np.argsort(first_at, kind="stable")  # distinct signatures in archive order
    rank = np.empty_like(by_position)
    rank[by_position] = np.arange(len(by_position))
    distinct_of = rank[inverse]  # each document's distinct signature
    del rank, inverse
    firsts = first_at[by_position]  # the first document with each distinct signature
    wanted_distinct = np.zeros(len(firsts), dtype=bool)
    np.logical_or.at(wanted_distinct, distinct_of, wanted)
    best, best_score = _earliest(matrix, rows[firsts], wanted_distinct, threshold)
    # A document whose distinct signature matched points where it does; a later copy of one that
    # did not points to its first copy (1.0).
    found = best[distinct_of]
    first = firsts[distinct_of]
    matched = found < len(firsts)
    copy = ~matched & (np.arange(len(rows)) != first)
    target[matched] = firsts[found[matched]]
    score[matched] = best_score[distinct_of[matched]]
    target[copy] = first[copy]
    score[copy] = 1.0
    target[~wanted] = -1
    score[~wanted] = 0.0
    return target, score


def _distinct_rows(
    matrix: npt.NDArray[np.uint32], rows: npt.NDArray[np.int64]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """(the first position of each distinct signature, each position's distinct index), as
    ``np.unique(matrix[rows], axis=0)`` gives them, by a 64-bit hash of each row and a check that
    every row equals its distinct row's first (else ``np.unique`` itself): its row sort took 0.6 s
    and 80 MiB of a commit against 100,000 stored signatures (benchmarks/near_duplicates.py
    --commit-only)."""
    hashes = np.zeros(len(matrix), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for column in range(matrix.shape[1]):
            hashes = hashes * _MIX + matrix[:, column].astype(np.uint64) + np.uint64(1)
    _, first_at, inverse = np.unique(hashes[rows], return_index=True, return_inverse=True)
    del hashes
    inverse = np.asarray(inverse).reshape(-1)
    if all(
        np.array_equal(matrix[rows[at : at + _CHUNK]], matrix[rows[first_at[inverse[at : at + _CHUNK]]]])
        for at in range(0, len(rows), _CHUNK)
    ):
        return first_at.astype(np.int64), inverse.astype(np.int64)
    _, first_at, inverse = np.unique(
        matrix[rows], axis=0, return_index=True, return_inverse=True
    )  # a collision
    return first_at.astype(np.int64), np.asarray(inverse).reshape(-1).astype(np.int64)


def _band_column(
    matrix: npt.NDArray[np.uint32], rows: npt.NDArray[np.int64], band: int
) -> npt.NDArray[np.uint64]:
    """``band_keys(matrix[rows])[:, band]``, without the (documents, BANDS) keys at once (336 bytes
    a document: 67 MiB of a 200,000-page commit)."""
    keys = np.empty(len(rows), dtype=np.uint64)
    for at in range(0, len(rows), _CHUNK):
        part = matrix[rows[at : at + _CHUNK], band * ROWS : (band + 1) * ROWS].astype(np.uint64)
        chunk = np.zeros(len(part), dtype=np.uint64)
        with np.errstate(over="ignore"):
            for row in range(ROWS):
                chunk = chunk * _MIX + part[:, row] + np.uint64(1)
            chunk ^= np.uint64(band) * _MIX
        keys[at : at + _CHUNK] = chunk
    return keys


def _earliest(
    matrix: npt.NDArray[np.uint32],
    rows: npt.NDArray[np.int64],
    wanted: npt.NDArray[np.bool_],
    threshold: float,
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]:
    """Distinct signatures in archive order (``matrix[rows]``), those ``wanted`` marks → the
    earliest position before each that it matches (``len(rows)``: none) and the score.

    Band by band, keeping each row's earliest match so far, and in each bucket head by head
    (``_walk_heads``): a pair is scored only when its earlier row is before that match, so the pairs
    a later band repeats are skipped once a band has matched them, and a band holds one bucket's
    rows, never all its pairs. A run of copies of five articles (``benchmarks/near_duplicates.py
    --crowded``, buckets of thousands): 20,000 took 57 CPU s and +2,256 MiB more at peak when all
    bands' pairs were gathered and made unique first, 0.9 s and +102 MiB this way; 100,000, 12.8 s
    and +785 MiB while a band's pairs were held at once, 5.3 s and +386 MiB this way. The matches
    are the same (tests/test_near_duplicates.py, and the 20,000 pages of throughput.py's run); a
    commit of 1,000 against 100,000 stored (``--commit-only``) costs what it did, 1.8 s."""
    size = len(rows)
    best = np.full(size, size, dtype=np.int64)  # each row's earliest match so far; size: none
    best_score = np.zeros(size)
    if size < 2:
        return best, best_score
    for band in range(BANDS):
        column = _band_column(matrix, rows, band)
        order = np.argsort(column, kind="stable")
        column = column[order]
        starts = np.flatnonzero(np.r_[True, column[1:] != column[:-1]])
        del column
        sizes = np.diff(np.r_[starts, len(order)])
        # Only the groups that hold a document looked up: a run's commit against a large archive
        # never pairs the archive's stored documents with each other.
        looked_up = np.add.reduceat(wanted[order].astype(np.int64), starts) > 0
        chosen = (sizes > 1) & looked_up
        for start, group in zip(starts[chosen], sizes[chosen], strict=True):
            _walk_heads(
                matrix, rows, np.sort(order[start : start + group]), wanted, threshold, best, best_score
            )
    return best, best_score


def _walk_heads(
    matrix: npt.NDArray[np.uint32],
    rows: npt.NDArray[np.int64],
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
        signature = matrix[rows[head]]
        # _CHUNK members at a time: the signatures gathered stay 4 MiB however crowded the bucket
        # (no change measured at 200,000 generated pages; a crawl of copies has buckets of all).
        for part in range(0, len(rest), _CHUNK):
            later = rest[part : part + _CHUNK]
            scores = np.count_nonzero(matrix[rows[later]] == signature, axis=1) / NUM_PERM
            hit = scores >= threshold
            best[later[hit]] = head
            best_score[later[hit]] = scores[hit]


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


def _signature_rows(column: pa.Array) -> npt.NDArray[np.uint32]:
    """The non-null values of a ``minhash`` array as one (values, NUM_PERM) matrix, read from the
    array's own buffers: no Python object per value (``signature_list`` made a bytes object and a
    numpy view of each, ~650 bytes a document held at once)."""
    if column.null_count:
        column = column.filter(pc.is_valid(column))
    if not len(column):
        return np.empty((0, NUM_PERM), dtype=np.uint32)
    offsets = np.frombuffer(column.buffers()[1], dtype=np.int32)[
        column.offset : column.offset + len(column) + 1
    ]
    if not np.all(np.diff(offsets) == 4 * NUM_PERM):
        raise ValueError(f"a minhash value that is not {4 * NUM_PERM} bytes")
    data = np.frombuffer(column.buffers()[2], dtype=np.uint8)[offsets[0] : offsets[-1]]
    return data.view("<u4").reshape(len(column), NUM_PERM).astype(np.uint32, copy=False)


def _order_of(stamps: npt.NDArray[np.int64], ids: pa.ChunkedArray | pa.Array) -> npt.NDArray[np.int64]:
    """Row indices in archive order: ``ingested_at`` (microseconds), then ``doc_id``; ties kept in
    row order (a stable sort, as ``np.lexsort`` of the Python strings was, without them)."""
    table = pa.table({"stamp": pa.array(stamps, pa.int64()), "doc_id": ids})
    order = pc.sort_indices(table, sort_keys=[("stamp", "ascending"), ("doc_id", "ascending")])
    return np.asarray(order.to_numpy(), dtype=np.int64)


def archive_order(table: pa.Table) -> npt.NDArray[np.int64]:
    """Row indices of ``table`` (with ingested_at and doc_id) in archive order."""
    stamps = pc.cast(table.column("ingested_at"), pa.int64()).to_numpy(zero_copy_only=False)
    return _order_of(stamps, table.column("doc_id"))


@dataclass(frozen=True)
class Marked:
    """What a run's commit set in its staged documents."""

    documents: int  # the run's documents
    near_duplicates: int  # of those, the ones that point to an earlier document
    kept_ingested_at: int  # re-cleaned bytes (same doc_id) that keep their ingested_at


@dataclass(frozen=True)
class _Marks:
    """What ``_set_pointers`` writes into a staged file, looked up by doc_id in Arrow: the run's
    documents that point somewhere (the last of a doc_id's rows wins, as a dict by doc_id did), and
    the re-cleaned ones that keep their stored ingested_at; the others take ``first``."""

    pointing: pa.Array  # doc_ids, latest first (index_in finds the first)
    of: pa.Array
    score: pa.Array
    kept: pa.Array  # doc_ids, latest first
    kept_at: pa.Array  # their ingested_at, microseconds
    first: int | None  # the run's new documents' ingested_at, microseconds


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
    archive are never changed: a pointer, once committed, stays.

    What it holds, per document of the run and of the archive: its signature in one uint32 matrix
    (512 bytes), its doc_id in Arrow, its stamp and a few positions in numpy (~600 bytes in all),
    and the run's source_uris in Arrow; no Python object per document. A 200,000-page run of the
    generated corpus: +700 MiB at this step's peak when it held Python lists, a bytes object and a
    numpy view per signature and three copies of them, +180 MiB now (benchmarks/near_duplicates.py
    --run-commit). Rewriting the staged files (two threads) then costs ~150 MiB whatever the run's
    size: each thread decodes one staged file of 5,000 pages at a time."""
    if not run_files:
        return Marked(0, 0, 0)
    index = _index(live, run_files, leaving)
    marks, pointing = _marks(index, threshold)
    del index
    release_memory()
    # Each file read, decompressed, compressed and written again: pyarrow lets the GIL go for that,
    # so a thread a core does it while the batch workers are idle (a 20,000-page run, 20 files:
    # 2.5 s one after the other, /tmp/commit_profile.py).
    with ThreadPoolExecutor(max_workers=max(1, min(len(rewrite), os.cpu_count() or 1))) as threads:
        done = threads.map(
            lambda path: _set_pointers(path if isinstance(path, StorePath) else Path(path), marks), rewrite
        )
        list(done)  # raises the first error a file met
    release_memory()
    return Marked(pointing.documents, pointing.near_duplicates, pointing.kept_ingested_at)


@dataclass
class _Index:
    """The documents a run's commit compares: the archive's kept rows (``stored`` of them, first)
    then the run's. ``matrix[signature_row[i]]``: row i's signature (-1: none)."""

    ids: pa.ChunkedArray
    stamps: npt.NDArray[np.int64]
    stored: int
    matrix: npt.NDArray[np.uint32]
    signature_row: npt.NDArray[np.int64]
    kept: pa.Array  # doc_ids of the stored rows the run re-cleans, in stored order
    kept_at: npt.NDArray[np.int64]
    first: int | None


def _index(
    live: DeltaTable | None, run_files: Sequence[str | Path | StorePath], leaving: pa.ChunkedArray
) -> _Index:
    """The run's index columns, then the live table's, read file by file and batch by batch into
    one signature matrix: the run's doc_ids and source_uris stay Arrow (the sets the stored rows
    are tested against), the stored rows' source_uris are never kept."""
    ours_rows = sum(pq.read_metadata(_readable(path)).num_rows for path in run_files)
    live_dataset = None if live is None else live.to_pyarrow_dataset()
    stored_rows = 0 if live_dataset is None else live_dataset.count_rows()
    # Room for every row (untouched pages of it are never resident): filled in the order read.
    matrix = np.empty((ours_rows + stored_rows, NUM_PERM), dtype=np.uint32)
    filled = 0

    def add(chunk: pa.Array) -> npt.NDArray[np.int64]:
        nonlocal filled
        signatures = _signature_rows(chunk)
        where = np.full(len(chunk), -1, dtype=np.int64)
        valid = pc.is_valid(chunk).to_numpy(zero_copy_only=False) if chunk.null_count else slice(None)
        where[valid] = np.arange(filled, filled + len(signatures))
        matrix[filled : filled + len(signatures)] = signatures
        filled += len(signatures)
        return where

    # File by file, the signatures a few thousand at a time: all the run's index columns read at
    # once, then copied, took a 200,000-page commit to +380 MiB (the matrix is 98 MiB of it).
    ours_ids: list[pa.Array] = []
    ours_uris: list[pa.Array] = []
    ours_at: list[npt.NDArray[np.int64]] = []
    ours_signature: list[npt.NDArray[np.int64]] = []
    for path in run_files:
        source = pq.ParquetFile(_readable(path))
        small = source.read(columns=["doc_id", "source_uri", "ingested_at"])
        ours_ids.extend(small.column("doc_id").chunks)
        ours_uris.extend(small.column("source_uri").chunks)
        ours_at.append(_micros(small.column("ingested_at")))
        for batch in source.iter_batches(batch_size=_READ_ROWS, columns=["minhash"]):
            ours_signature.append(add(batch.column(0)))
        del source, small
    release_memory()
    run_ids = pa.chunked_array(ours_ids, pa.string()).combine_chunks()
    going = pa.chunked_array([*ours_uris, *leaving.chunks], pa.string()).combine_chunks()
    del ours_uris
    stored_ids: list[pa.Array] = []
    stored_at: list[npt.NDArray[np.int64]] = []
    stored_signature: list[npt.NDArray[np.int64]] = []
    kept: list[pa.Array] = []
    kept_at: list[npt.NDArray[np.int64]] = []
    if live_dataset is not None:
        for batch in _gathered(live_dataset.to_batches(columns=INDEX_COLUMNS, batch_size=_READ_ROWS)):
            ids = batch.column("doc_id").cast(pa.string())
            at = _micros(batch.column("ingested_at"))
            # Same doc_id: the same file's same bytes, archived before; their ingested_at is kept.
            same = pc.is_in(ids, value_set=run_ids)
            if pc.any(same).as_py():
                kept.append(ids.filter(same))
                kept_at.append(at[same.to_numpy(zero_copy_only=False)])
            stays = pc.invert(pc.is_in(batch.column("source_uri").cast(pa.string()), value_set=going))
            if not pc.any(stays).as_py():
                continue
            mask = stays.to_numpy(zero_copy_only=False)
            stored_ids.append(ids.filter(stays))
            stored_at.append(at[mask])
            stored_signature.append(add(batch.column("minhash").cast(pa.binary()).filter(stays)))
    release_memory()
    del going
    kept_ids = pa.concat_arrays(kept) if kept else pa.array([], pa.string())
    kept_stamps = np.concatenate(kept_at) if kept_at else np.empty(0, np.int64)
    # One ingested_at for the run's new documents (its first batch's): batches start in whatever
    # order the workers take them, and the order inside a run must not depend on that (then it is
    # doc_id's, the same in every run of the same files).
    at = np.concatenate(ours_at) if ours_at else np.empty(0, np.int64)
    is_kept = pc.is_in(run_ids, value_set=kept_ids).to_numpy(zero_copy_only=False)
    first = int(at[~is_kept].min()) if (~is_kept).any() else None
    run_stamps = _stamps_of(
        run_ids, _latest_first(kept_ids), pa.array(kept_stamps[::-1].copy(), pa.int64()), first
    )
    return _Index(
        ids=pa.chunked_array([*stored_ids, *ours_ids], pa.string()),
        stamps=np.concatenate([*stored_at, run_stamps]),
        stored=sum(len(a) for a in stored_ids),
        matrix=matrix[:filled],
        signature_row=np.concatenate([*stored_signature, *ours_signature]),
        kept=kept_ids,
        kept_at=kept_stamps,
        first=first,
    )


# Stored rows tested against the run's doc_ids and source_uris at a time: each ``pc.is_in`` hashes
# its whole value set (the run's), and the live table's files come in row groups of 128 rows (as
# the commit rewrote them): a run of 100,000 onto an archive of 100,000 spent 24 CPU s in 1,600
# of them, 4,096 rows at a time; 16 MiB of signatures read at once.
_LOOKUP_ROWS = 32_768


def _gathered(batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """``batches`` joined into batches of at least ``_LOOKUP_ROWS`` rows (the last may be fewer)."""
    waiting: list[pa.RecordBatch] = []
    rows = 0
    for batch in batches:
        waiting.append(batch)
        rows += batch.num_rows
        if rows >= _LOOKUP_ROWS:
            yield pa.Table.from_batches(waiting).combine_chunks().to_batches()[0]
            waiting, rows = [], 0
    if rows:
        yield pa.Table.from_batches(waiting).combine_chunks().to_batches()[0]


def _micros(column: pa.ChunkedArray | pa.Array) -> npt.NDArray[np.int64]:
    """An ``ingested_at`` column as microseconds since the epoch."""
    return np.asarray(pc.cast(column, pa.int64()).to_numpy(zero_copy_only=False), dtype=np.int64)


def _latest_first(values: pa.Array) -> pa.Array:
    """``values`` reversed: ``pc.index_in`` finds a value's first place, a dict by key kept its last."""
    return values.take(pa.array(np.arange(len(values) - 1, -1, -1, dtype=np.int64)))


def _stamps_of(ids: pa.Array, kept: pa.Array, kept_at: pa.Array, first: int | None) -> npt.NDArray[np.int64]:
    """Each doc_id's ingested_at (microseconds): its stored one when the run re-cleans it
    (``kept``, latest first), else the run's ``first``."""
    found = pc.index_in(ids, value_set=kept)
    stamps = pc.fill_null(kept_at.take(found), pa.scalar(0 if first is None else first, pa.int64()))
    return np.asarray(stamps.to_numpy(zero_copy_only=False), dtype=np.int64)


@dataclass(frozen=True)
class _Pointing:
    documents: int
    near_duplicates: int
    kept_ingested_at: int


def _marks(index: _Index, threshold: float) -> tuple[_Marks, _Pointing]:
    """The run's pointers from the index: positions in archive order, matched by ``_pointers``,
    named by doc_id in Arrow."""
    order = _order_of(index.stamps, index.ids)
    signature_row = index.signature_row[order]
    present = np.flatnonzero(signature_row >= 0)
    target, score = _pointers(index.matrix, signature_row[present], order[present] >= index.stored, threshold)
    del signature_row
    hit = np.flatnonzero(target >= 0)  # in archive order
    latest_first = hit[::-1]
    pointing = index.ids.take(pa.array(order[present[latest_first]])).combine_chunks()
    of = index.ids.take(pa.array(order[present[target[latest_first]]])).combine_chunks()
    marks = _Marks(
        pointing=pointing,
        of=of,
        score=pa.array(score[latest_first], pa.float64()),
        kept=_latest_first(index.kept),
        kept_at=pa.array(index.kept_at[::-1].copy(), pa.int64()),
        first=index.first,
    )
    counts = _Pointing(
        documents=len(index.ids) - index.stored,
        near_duplicates=pc.count_distinct(pointing).as_py() if len(pointing) else 0,
        kept_ingested_at=pc.count_distinct(index.kept).as_py() if len(index.kept) else 0,
    )
    return marks, counts


def release_memory() -> None:
    """The index's memory given back before the files are rewritten: freed, it stayed in Arrow's
    pool and the C heap, and the rewrite's buffers came on top of it."""
    pa.default_memory_pool().release_unused()
    if _malloc_trim is not None:
        _malloc_trim(0)


_malloc_trim = getattr(ctypes.CDLL(None), "malloc_trim", None)  # glibc only


def _readable(path: str | Path | StorePath) -> Any:
    """What pyarrow reads a staged file from: its path, or an object's bytes (an archive on a
    store: pyarrow's own S3 client would not see the archive's --storage-option pairs)."""
    return pa.BufferReader(path.read_bytes()) if isinstance(path, StorePath) else path


def _set_pointers(path: Path | StorePath, marks: _Marks) -> None:
    """A staged documents file with its near-duplicate columns and ingested_at set; written beside
    it and moved over it, so a crash leaves the file whole (and the next attempt marks it again).
    Streamed 128 rows at a time: the committing process holds no batch's bytes at once (a run of
    two 59 MB pages, tests/test_complex_pages.py, went over its 512 MiB reading whole files). On a
    store the batch object is read and written whole (one PUT replaces it atomically; staged
    batches there are a few MB, a page over 1 MiB aside). The file's values are looked up once, by
    its doc_id column, in Arrow."""
    partial: Path | io.BytesIO = (
        io.BytesIO() if isinstance(path, StorePath) else path.with_name(f"{path.name}.partial")
    )
    source = pq.ParquetFile(_readable(path))
    schema = source.schema_arrow
    ids = source.read(columns=["doc_id"]).column("doc_id").combine_chunks()
    at = pc.index_in(ids, value_set=marks.pointing)
    kept = pc.index_in(ids, value_set=marks.kept)
    first = pa.scalar(marks.first, pa.int64())
    values = {
        "near_duplicate_of": marks.of.take(at),
        "near_duplicate_score": marks.score.take(at),
        "ingested_at": pc.fill_null(marks.kept_at.take(kept), first).cast(schema.field("ingested_at").type),
    }
    statistics = [name for name in schema.names if name != "raw"]  # as staging writes them
    done = 0
    with pq.ParquetWriter(partial, schema, compression="zstd", write_statistics=statistics) as writer:
        for batch in source.iter_batches(batch_size=128):
            arrays = [
                values[name].slice(done, batch.num_rows) if name in values else batch.column(i)
                for i, name in enumerate(schema.names)
            ]
            done += batch.num_rows
            writer.write_batch(pa.RecordBatch.from_arrays(arrays, schema=schema))
    if isinstance(partial, io.BytesIO):
        assert isinstance(path, StorePath)
        path.write_bytes(partial.getvalue())
    else:
        assert isinstance(path, Path)
        partial.replace(path)
