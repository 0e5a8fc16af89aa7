"""What the archive holds now, read once per run: the index an ingest skips unchanged files by, and the
stored bytes a ``--reprocess`` cleans again.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import unquote, urlparse

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
from deltalake import DeltaTable

from schemas import SourceFile
from zharchive.archive.location import ArchivePath
from zharchive.archive.staging import TableName
from zharchive.archive.tables import open_table
from zharchive.sources import ArchivedReadFailure


def filtered_rows(table: DeltaTable, columns: list[str], keep: ds.Expression) -> pa.Table:
    """``columns`` of the table's rows that ``keep`` holds for, judged on the rows themselves.

    deltalake's pyarrow dataset gives each file a guarantee made of the per-file stats in the
    Delta log, and a column those stats leave out becomes ``column >= null``: a filter on it then
    skips the whole file, silently. Files committed by zharchive 0b91f44 to 4d8db58 carry the
    range of ``source_uri`` alone, so ``stage != "read"`` read no quarantine row of theirs (issue
    18). The log's stats are not used here; each file's Parquet row-group statistics still skip
    what they can (zharchive's own commits record no per-file stats besides the row count, so
    nothing is lost for them).
    """
    dataset = table.to_pyarrow_dataset()
    assert isinstance(dataset, ds.FileSystemDataset)
    fragments = [
        dataset.format.make_fragment(fragment.path, filesystem=dataset.filesystem)
        for fragment in dataset.get_fragments()
    ]
    unguarded = ds.FileSystemDataset(fragments, dataset.schema, dataset.format, dataset.filesystem)
    return unguarded.to_table(columns=columns, filter=keep)


@dataclass(frozen=True)
class ArchiveIndex:
    """What the archive holds now, by source_uri: the files whose bytes it keeps (in documents or
    quarantine), and the files quarantined at the read stage, whose bytes it never had."""

    held: dict[str, str]  # source_uri → raw_sha256
    read_failures: dict[str, ArchivedReadFailure]

    def for_batch(self, uris: Iterable[str]) -> tuple[dict[str, str], dict[str, ArchivedReadFailure]]:
        """The part of the index a batch of ``uris`` needs (what goes to a worker)."""
        held: dict[str, str] = {}
        failed: dict[str, ArchivedReadFailure] = {}
        for uri in uris:
            if uri in self.held:
                held[uri] = self.held[uri]
            elif uri in self.read_failures:
                failed[uri] = self.read_failures[uri]
        return held, failed


def archive_index(archive: ArchivePath) -> ArchiveIndex:
    """The archive's index of sources now (see ``ArchiveIndex``)."""
    held: dict[str, str] = {}
    read_failures: dict[str, ArchivedReadFailure] = {}
    in_both: set[str] = set()
    documents = open_table(archive, "documents")
    if documents is not None:
        rows = documents.to_pyarrow_dataset().to_table(columns=["source_uri", "raw_sha256"])
        held.update(zip(rows["source_uri"].to_pylist(), rows["raw_sha256"].to_pylist(), strict=True))
    quarantine = open_table(archive, "quarantine")
    if quarantine is not None:
        rows = quarantine.to_pyarrow_dataset().to_table(
            columns=["source_uri", "raw_sha256", "stage", "reason"]
        )
        for uri, digest, stage, reason in zip(
            *(rows[c].to_pylist() for c in ("source_uri", "raw_sha256", "stage", "reason")), strict=True
        ):
            if uri in held:
                # In both tables: a run died between its documents and quarantine commits, after
                # moving the file from one to the other; both rows may hold the file's hash (too
                # large, then read under a higher cap). Not known, it is processed again, and this
                # run's commits take it out of the table it no longer belongs in.
                in_both.add(uri)
            elif stage == "read":
                # Too large or unreadable: the bytes were never read, so a later run with a higher
                # --max-bytes, or a file readable again, must read it, not call it unchanged.
                read_failures[uri] = ArchivedReadFailure(reason, digest)
            else:
                held[uri] = digest
    for uri in in_both:
        del held[uri]
    return ArchiveIndex(held, read_failures)


@dataclass(frozen=True)
class ArchivedFiles:
    """Every source whose bytes the archive holds (sorted), their sizes, and the table versions
    they were read at (so every batch of a reprocess reads one snapshot)."""

    uris: list[str]
    sizes: array[int]
    documents_version: int | None
    quarantine_version: int | None


def archived_files(archive: ArchivePath) -> ArchivedFiles:
    sizes: dict[str, int] = {}
    versions: list[int | None] = []
    names: tuple[TableName, ...] = ("documents", "quarantine")
    for name in names:
        table = open_table(archive, name)
        versions.append(None if table is None else table.version())
        if table is None:
            continue
        # Only files quarantined at "read" (unreadable, too large) have no bytes: filter on the
        # stage, so counting the archive never reads the raw column.
        columns = ["source_uri", "size"]
        rows = (
            table.to_pyarrow_dataset().to_table(columns=columns)
            if name == "documents"
            else filtered_rows(table, columns, pc.field("stage") != "read")
        )
        sizes.update(zip(rows["source_uri"].to_pylist(), rows["size"].to_pylist(), strict=True))
    uris = sorted(sizes)
    return ArchivedFiles(uris, array("q", (sizes[u] for u in uris)), versions[0], versions[1])


def archived_sources(
    archive: ArchivePath,
    uris: Sequence[str],
    *,
    documents_version: int | None,
    quarantine_version: int | None,
) -> list[SourceFile]:
    """The stored bytes of ``uris``, read at the given versions (so a batch sees one snapshot)."""
    wanted = pa.array(list(uris), pa.string())
    found: dict[str, SourceFile] = {}
    pinned: list[tuple[TableName, int | None]] = [
        ("quarantine", quarantine_version),
        ("documents", documents_version),
    ]
    for name, version in pinned:
        if version is None:
            continue
        table = open_table(archive, name, version=version)
        assert table is not None
        rows = filtered_rows(table, ["source_uri", "raw_sha256", "raw"], pc.field("source_uri").isin(wanted))
        for row in rows.to_pylist():
            if row["raw"] is None:
                continue
            uri = row["source_uri"]
            found[uri] = SourceFile(
                source_uri=uri,
                path=unquote(urlparse(uri).path),
                size=len(row["raw"]),
                raw_sha256=row["raw_sha256"],
                raw=row["raw"],
            )
    return [found[u] for u in uris if u in found]
