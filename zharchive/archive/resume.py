"""Stage 7a': a run that stops (Ctrl-C, kill -9, a lost machine) leaves its finished batches staged;
the next ingest of the same files adopts each of them instead of cleaning its files again.

A batch that finishes staging writes a manifest beside its Parquet files,
``ARCHIVE/_staging/<run_id>/batches/batch-NNNNNN.json``, last and atomically, so a manifest means
the batch's files are complete. It names the batch's files (their ``source_uri``, in order) and a
digest of everything its rows were made from: the bytes of each file as read (sha256, or how the
read failed), what the archive held of them (``known``, the read failures on record), and the
pipeline, rules and schema versions and the size cap. The pipeline is deterministic in these, so a
later batch of the same files with the same digest would make the same rows: its worker reads the
files (a sha256 each, ~0.02 ms a page against ~1 ms to clean one), and if the digest matches it
copies the staged rows into its own run's staging under its own ``run_id`` instead of cleaning.

Nothing half-done becomes visible: adopted rows are staged like any other batch and reach the
tables only in the adopting run's one commit per table. A dead run's staging is kept by the lock
(``settle_dead_run``) only when it committed nothing, and dropped after the next run's commit,
adopted or not.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa

from zharchive.archive.location import ArchivePath, entries, read_parquet, write_whole
from zharchive.archive.staging import (
    TABLES,
    TableName,
    staged_batch_file,
    staged_counts_file,
    staging_dir,
    write_staged,
)
from zharchive.errors import cannot_write

MANIFESTS = "batches"
# Bumped when a manifest's meaning changes: one of another format is never adopted.
MANIFEST_FORMAT = 1


@dataclass(frozen=True)
class StagedBatch:
    """A finished batch of a run that never committed: where its rows are and what they were made of."""

    run_id: str
    index: int
    uris: tuple[str, ...]
    inputs: str  # inputs_digest of the batch when it was made
    tables: tuple[TableName, ...]  # the tables it staged rows for
    summary: dict[str, Any]  # its BatchSummary, as JSON


def manifest_path(archive: ArchivePath, run_id: str, index: int) -> ArchivePath:
    return staging_dir(archive, run_id) / MANIFESTS / f"batch-{index:06d}.json"


def inputs_digest(
    *,
    seen: Mapping[str, str],
    known: Mapping[str, str],
    read_failures: Mapping[str, Sequence[str | None]],
    versions: Sequence[str],
    max_bytes: int,
) -> str:
    """One hash of what a batch's rows are made of. ``seen``: each file's source_uri → the sha256 of
    the bytes read (or ``unread:<reason>``); ``known``, ``read_failures``: the archive's knowledge,
    of these files only; ``versions``: pipeline, rules and schema versions."""
    held = {
        "seen": sorted(seen.items()),
        "known": sorted((uri, known[uri]) for uri in seen if uri in known),
        "failures": sorted((uri, list(read_failures[uri])) for uri in seen if uri in read_failures),
        "versions": list(versions),
        "max_bytes": max_bytes,
    }
    return hashlib.sha256(json.dumps(held, ensure_ascii=False).encode()).hexdigest()


def write_manifest(
    archive: ArchivePath,
    run_id: str,
    index: int,
    *,
    uris: Sequence[str],
    inputs: str,
    summary: Mapping[str, Any],
) -> None:
    """The batch's manifest, after its staged files: written to a temporary name and renamed, so a
    run killed while writing it leaves none (and the batch is made again)."""
    tables = [name for name in TABLES if staged_batch_file(archive, run_id, name, index).is_file()]
    target = manifest_path(archive, run_id, index)
    with cannot_write(f"record batch {index} as staged", target.parent):
        target.parent.mkdir(parents=True, exist_ok=True)
    record = {
        "format": MANIFEST_FORMAT,
        "run_id": run_id,
        "index": index,
        "uris": list(uris),
        "inputs": inputs,
        "tables": tables,
        "summary": dict(summary),
    }
    with cannot_write(f"record batch {index} as staged", target.parent):
        write_whole(target, json.dumps(record, ensure_ascii=False).encode("utf-8"))


def staged_batches(archive: ArchivePath, run_ids: Iterable[str]) -> dict[tuple[str, ...], StagedBatch]:
    """The adoptable batches of the runs ``run_ids`` (dead runs whose staging the lock kept), by
    their files. A manifest that cannot be read, of another format, or whose files are gone (a
    commit that moved them and died: ``settle_dead_run`` moves them back) is passed over: its
    files are cleaned again, nothing is lost."""
    found: dict[tuple[str, ...], StagedBatch] = {}
    for run_id in sorted(run_ids):
        folder = staging_dir(archive, run_id) / MANIFESTS
        for path in entries(folder, "batch-*.json"):
            try:
                record = json.loads(path.read_text("utf-8"))
                if record.get("format") != MANIFEST_FORMAT:
                    continue
                batch = StagedBatch(
                    run_id=run_id,
                    index=int(record["index"]),
                    uris=tuple(record["uris"]),
                    inputs=str(record["inputs"]),
                    tables=tuple(name for name in TABLES if name in record["tables"]),
                    summary=dict(record["summary"]),
                )
            except (OSError, ValueError, KeyError, TypeError):
                continue
            if all(staged_batch_file(archive, run_id, name, batch.index).is_file() for name in batch.tables):
                found[batch.uris] = batch
    return found


def adopt(archive: ArchivePath, batch: StagedBatch, *, run_id: str, index: int) -> None:
    """Stage ``batch``'s rows as batch ``index`` of ``run_id``: the same rows, with the adopting
    run's id (the run that commits them is the one ``runs`` holds), then its manifest. The dead
    run's files stay until the adopting run has committed (a second stop adopts them again)."""
    for name in batch.tables:
        rows = read_parquet(staged_batch_file(archive, batch.run_id, name, batch.index))
        column = rows.schema.get_field_index("run_id")
        rows = rows.set_column(column, "run_id", pa.array([run_id] * rows.num_rows, pa.string()))
        write_staged(archive, run_id, name, index, rows)
    # Its pages' site counts too (ARCHIVE/sites): without them the adopting run's commit would
    # archive the pages and never count them in their sites' profiles.
    counts = staged_counts_file(archive, batch.run_id, batch.index)
    if counts.is_file():
        target = staged_counts_file(archive, run_id, index)
        if isinstance(target, Path):
            target.parent.mkdir(parents=True, exist_ok=True)
        write_whole(target, counts.read_bytes())
