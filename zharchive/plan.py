"""A run's work, planned once in the flow process: the files (or archived sources) cut into batches,
with what the archive already knows of each batch's files.

Tasks work on batches, never on one document each (the Prefect server drops task runs beyond a few
thousand per flow). The source walk and the archive index are read here, once per run.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from schemas import Skipped
from zharchive.archive.index import ArchiveIndex, archive_index, archived_files
from zharchive.archive.location import ArchivePath
from zharchive.archive.sites import live_files
from zharchive.sources import ArchivedReadFailure, source_uri
from zharchive.stages.discover import discover

DEFAULT_BATCH_SIZE = 1000
# A worker holds a batch's pages (bytes, text, lines) while it finds each site's repeated lines,
# and the page it cleans peaks at ~20x its bytes: 32 MiB keeps several large files out of one
# batch, and a batch of 1,000 ordinary pages (~10 MiB) is not split. One file alone is bounded
# only by --max-bytes (README: a 62 MB file, 1,269 MiB in its worker).
BATCH_MAX_BYTES = 32 << 20
T = TypeVar("T")

Known = tuple[dict[str, str], dict[str, ArchivedReadFailure]]


def plan_batches(items: Sequence[T], sizes: Sequence[int], *, count: int, max_bytes: int) -> list[list[T]]:
    """``items`` in order, in batches of at most ``count`` items and ``max_bytes`` bytes (a file
    larger than that alone): a worker holds a batch's pages at once, so a few huge files must not
    share one."""
    batches: list[list[T]] = []
    batch: list[T] = []
    held = 0
    for item, size in zip(items, sizes, strict=True):
        if batch and (len(batch) == count or held + size > max_bytes):
            batches.append(batch)
            batch, held = [], 0
        batch.append(item)
        held += size
    if batch:
        batches.append(batch)
    return batches


@dataclass(frozen=True)
class IngestPlan:
    """Files found under the sources, in batches; ``index``: what the archive holds of them."""

    batches: list[list[str]]
    index: ArchiveIndex
    skipped: list[Skipped] = field(default_factory=list)
    profile_files: list[str] = field(default_factory=list)  # ARCHIVE/sites's data files now

    def known(self, batch: Sequence[str]) -> Known:
        """The part of the index one batch needs (what goes to its worker)."""
        return self.index.for_batch(map(source_uri, batch))


@dataclass(frozen=True)
class ReprocessPlan:
    """Every source whose bytes the archive holds, in batches, and the table versions they are read
    at (so every batch of a reprocess reads one snapshot)."""

    batches: list[list[str]]
    versions: tuple[int | None, int | None]
    skipped: list[Skipped] = field(default_factory=list)
    profile_files: list[str] = field(default_factory=list)  # ARCHIVE/sites's data files now


def plan_ingest(
    sources: Sequence[str], *, archive: ArchivePath, suffixes: Sequence[str], batch_size: int
) -> IngestPlan:
    # The archive is never read as a source: a folder of it under a source folder is not walked,
    # its objects under a source prefix on the store are not listed as pages.
    found = discover(
        sources, suffixes=suffixes, exclude=[archive if isinstance(archive, Path) else str(archive)]
    )
    batches = plan_batches(found.files, found.sizes, count=batch_size, max_bytes=BATCH_MAX_BYTES)
    return IngestPlan(batches, archive_index(archive), found.skipped, live_files(archive))


def plan_reprocess(archive: ArchivePath, *, batch_size: int) -> ReprocessPlan:
    stored = archived_files(archive)
    batches = plan_batches(stored.uris, stored.sizes, count=batch_size, max_bytes=BATCH_MAX_BYTES)
    return ReprocessPlan(
        batches, (stored.documents_version, stored.quarantine_version), profile_files=live_files(archive)
    )
