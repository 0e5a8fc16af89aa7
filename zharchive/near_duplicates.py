"""Near-duplicates: the same article republished by other sites (issue 19, part 3).

``zharchive duplicates``: the clusters of an archive's version, read from the stored columns
(``minhash``, ``near_duplicate_of``, ``near_duplicate_score``; schema 1.4.0), or computed from the
bodies of a version older than them. Signatures and matching live in ``zharchive.minhash`` (what
ingest and a run's commit use); its names are re-exported here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from zharchive.errors import ArchiveError
from zharchive.minhash import (
    BANDS,
    INDEX_COLUMNS,
    MIN_HAN,
    NUM_PERM,
    ROWS,
    SEED,
    SHINGLE,
    THRESHOLD,
    Marked,
    Match,
    archive_order,
    band_keys,
    find_matches,
    from_bytes,
    han_text,
    mark_run,
    signature,
    signature_list,
    similarity,
    stored_signature,
    to_bytes,
)

if TYPE_CHECKING:
    from deltalake import DeltaTable

__all__ = [
    "BANDS",
    "INDEX_COLUMNS",
    "MIN_HAN",
    "NUM_PERM",
    "ROWS",
    "SEED",
    "SHINGLE",
    "THRESHOLD",
    "ArchivedDocumentRef",
    "DuplicateReport",
    "Marked",
    "Match",
    "archive_duplicates",
    "band_keys",
    "clusters",
    "find_matches",
    "from_bytes",
    "han_text",
    "mark_run",
    "signature",
    "similarity",
    "stored_signature",
    "to_bytes",
]


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
    stored: bool = False  # read from the stored columns (schema 1.4.0), not computed from bodies


# Documents read at a time: their bodies are let go once signed, so memory holds signatures only.
READ_ROWS = 2_000


def archive_duplicates(
    archive: Path, *, version: int | None = None, threshold: float = THRESHOLD
) -> DuplicateReport:
    """The near-duplicates among the documents of ``archive`` at documents ``version`` (default
    the newest), in archive order (``ingested_at``, then ``doc_id``). A version with the stored
    columns (schema 1.4.0) is read from them, no body read: at the default threshold the stored
    ``near_duplicate_of``, else matched again from the stored signatures; an older version's
    bodies are signed here. Raises ``ArchiveError`` with one line for a person: no archive, no such
    version, a damaged log, a data file gone."""
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
        table = snap.tables["documents"]
        if "near_duplicate_of" in {f.name for f in table.schema().fields}:
            return _from_stored(table, snap.documents_version, threshold)
        columns = ["doc_id", "source_uri", "title", "body", "body_simplified", "ingested_at"]
        scanner = table.to_pyarrow_dataset().scanner(columns=columns, batch_size=READ_ROWS)
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


def _from_stored(table: DeltaTable, version: int, threshold: float) -> DuplicateReport:
    columns = [*INDEX_COLUMNS, "title", "near_duplicate_of", "near_duplicate_score"]
    rows = table.to_pyarrow_dataset().to_table(columns=columns)
    order = archive_order(rows)
    rows = rows.take(pa.array(order))
    ids = rows.column("doc_id").to_pylist()
    if threshold == THRESHOLD:
        matches = [
            Match(key, of, float(score))
            for key, of, score in zip(
                ids,
                rows.column("near_duplicate_of").to_pylist(),
                rows.column("near_duplicate_score").to_pylist(),
                strict=True,
            )
            if of is not None
        ]
    else:
        matches = find_matches(ids, signature_list(rows.column("minhash")), threshold=threshold)
    named = {m.key for m in matches} | {m.of for m in matches}
    documents = {
        key: ArchivedDocumentRef(key, uri, title)
        for key, uri, title in zip(
            ids, rows.column("source_uri").to_pylist(), rows.column("title").to_pylist(), strict=True
        )
        if key in named
    }
    for gone in named - documents.keys():
        # A stored pointer to a document replaced since (its file changed): still reachable by time
        # travel, never rewritten.
        documents[gone] = ArchivedDocumentRef(gone, f"(doc_id {gone}, not in this version)", None)
    return DuplicateReport(
        documents_version=version,
        compared=int(pc.sum(pc.is_valid(rows.column("minhash"))).as_py() or 0),
        documents=documents,
        matches=matches,
        stored=True,
    )
