"""Near-duplicates: the same article republished by other sites (issue 19, part 3).

Government news is republished across county, city and provincial sites with different chrome; the
cleaned bodies are then nearly the same text. Each body becomes a MinHash signature of its Han
character shingles (the Simplified body, so a Traditional republication matches its original),
computed by ``rensa`` (a Rust wheel: ~1,000 shingles a page hashed at C speed); candidates come
from LSH bands of the signatures, and a pair is a near-duplicate when the signatures' estimated
Jaccard similarity reaches ``THRESHOLD``. Each document points to the earliest archived document it
matches (``ingested_at``, then ``doc_id``); nothing is deleted or hidden.

The parameters are measured by ``benchmarks/near_duplicates.py`` (README, "Near-duplicates").
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
from rensa import RMinHash

from zharchive.errors import ArchiveError

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


def han_text(body: str) -> str:
    """The body's Han characters alone: punctuation, digits, Latin and white space are where
    republications differ (full-width or not, a line break moved), not what they say."""
    return _NOT_HAN.sub("", body)


def signature(body: str) -> npt.NDArray[np.uint32] | None:
    """The body's MinHash signature (``NUM_PERM`` values), or None when it is too short to judge."""
    text = han_text(body)
    if len(text) < MIN_HAN:
        return None
    minhash = RMinHash(num_perm=NUM_PERM, seed=SEED)
    minhash.update([text[i : i + SHINGLE] for i in range(len(text) - SHINGLE + 1)])
    return np.asarray(minhash.digest(), dtype=np.uint32)


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
    """(documents, BANDS): each band's ROWS values folded into one 64-bit key, different per band."""
    rows = signatures[:, : BANDS * ROWS].reshape(len(signatures), BANDS, ROWS).astype(np.uint64)
    keys = np.zeros((len(signatures), BANDS), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for row in range(ROWS):
            keys = keys * _MIX + rows[:, :, row] + np.uint64(1)
        keys ^= np.arange(BANDS, dtype=np.uint64) * _MIX
    return keys


def find_matches(
    keys: Sequence[str],
    signatures: Sequence[npt.NDArray[np.uint32] | None],
    *,
    threshold: float = THRESHOLD,
) -> list[Match]:
    """``keys`` in archive order (earliest first) with their signatures → each near-duplicate and
    the earliest document before it that it matches.

    Candidates are the pairs that share a band (sorted band keys, grouped); each candidate's
    similarity is computed from the signatures; numpy throughout, so 100,000 documents take
    seconds and ~100 MiB (benchmarks/near_duplicates.py)."""
    present = np.array([i for i, sig in enumerate(signatures) if sig is not None], dtype=np.int64)
    if len(present) < 2:
        return []
    matrix = np.stack([sig for sig in signatures if sig is not None]).astype(np.uint32)
    bands = band_keys(matrix)
    earlier: list[npt.NDArray[np.int64]] = []
    later: list[npt.NDArray[np.int64]] = []
    for band in range(BANDS):
        order = np.argsort(bands[:, band], kind="stable")
        column = bands[order, band]
        starts = np.flatnonzero(np.r_[True, column[1:] != column[:-1]])
        sizes = np.diff(np.r_[starts, len(column)])
        for start, size in zip(starts[sizes > 1], sizes[sizes > 1], strict=True):
            members = np.sort(order[start : start + size])
            first, second = np.triu_indices(len(members), k=1)
            earlier.append(members[first])
            later.append(members[second])
    if not earlier:
        return []
    pairs = np.unique(np.stack([np.concatenate(later), np.concatenate(earlier)], axis=1), axis=0)
    scores = np.empty(len(pairs))
    for at in range(0, len(pairs), 65_536):  # bounded memory: 64k pairs of 128 values at a time
        chunk = pairs[at : at + 65_536]
        scores[at : at + 65_536] = np.count_nonzero(matrix[chunk[:, 0]] == matrix[chunk[:, 1]], axis=1)
    scores /= NUM_PERM
    hits = pairs[scores >= threshold]
    hit_scores = scores[scores >= threshold]
    matches: list[Match] = []
    # Sorted by (later, earlier): the first row of each later document is its earliest match.
    first_of: npt.NDArray[np.int64] = (
        np.flatnonzero(np.r_[True, hits[1:, 0] != hits[:-1, 0]]) if len(hits) else np.array([], np.int64)
    )
    for row in first_of:
        j, i = hits[row]
        matches.append(Match(keys[present[j]], keys[present[i]], float(hit_scores[row])))
    return matches


def clusters(matches: Sequence[Match]) -> dict[str, list[Match]]:
    """The matches grouped under the earliest document of their chain (a republication of a
    republication belongs to the original), in the order they were found."""
    points = {match.key: match.of for match in matches}
    grouped: dict[str, list[Match]] = defaultdict(list)
    for match in matches:
        root = match.of
        while root in points:
            root = points[root]
        grouped[root].append(match)
    return dict(grouped)


@dataclass(frozen=True)
class ArchivedDocumentRef:
    doc_id: str
    source_uri: str
    title: str | None


@dataclass(frozen=True)
class DuplicateReport:
    documents_version: int
    compared: int  # documents with a body long enough to compare
    documents: dict[str, ArchivedDocumentRef]  # by doc_id, the ones the matches name
    matches: list[Match]  # keyed by doc_id


# Documents read at a time: their bodies are let go once signed, so memory holds signatures only.
READ_ROWS = 2_000


def archive_duplicates(
    archive: Path, *, version: int | None = None, threshold: float = THRESHOLD
) -> DuplicateReport:
    """The near-duplicates among the documents of ``archive`` at documents ``version`` (default
    the newest), in archive order (``ingested_at``, then ``doc_id``). Raises ``ArchiveError`` with one
    line for a person: no archive, no such version, a damaged log, a data file gone."""
    from zharchive.archive.handoff import refuse_damaged_log, snapshot
    from zharchive.archive.tables import naming_missing_files
    from zharchive.archive.vacuum import ensure_readable

    root = Path(archive)
    if not root.is_dir():
        raise ArchiveError(f"no archive at {root.resolve()}: the folder does not exist")
    with naming_missing_files(archive):
        logs = refuse_damaged_log(archive)
        if logs["documents"] is None or logs["documents"].newest is None:
            raise ArchiveError(f"{root.resolve()} has no documents table (is it a zharchive archive?)")
        if version is not None:
            ensure_readable(archive, version=version)
        snap = snapshot(archive, version=version, logs=logs, read_runs=False)
        columns = ["doc_id", "source_uri", "title", "body", "body_simplified", "ingested_at"]
        scanner = snap.tables["documents"].to_pyarrow_dataset().scanner(columns=columns, batch_size=READ_ROWS)
        rows: list[tuple[object, str, ArchivedDocumentRef, npt.NDArray[np.uint32] | None]] = []
        for batch in scanner.to_batches():
            for row in batch.to_pylist():
                ref = ArchivedDocumentRef(row["doc_id"], row["source_uri"], row["title"])
                rows.append(
                    (row["ingested_at"], row["doc_id"], ref, signature(row["body_simplified"] or row["body"]))
                )
    rows.sort(key=lambda r: (r[0], r[1]))
    matches = find_matches([r[1] for r in rows], [r[3] for r in rows], threshold=threshold)
    named = {m.key for m in matches} | {m.of for m in matches}
    return DuplicateReport(
        documents_version=snap.documents_version,
        compared=sum(r[3] is not None for r in rows),
        documents={r[1]: r[2] for r in rows if r[1] in named},
        matches=matches,
    )
