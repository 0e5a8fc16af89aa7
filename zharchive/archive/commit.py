"""A run's commit: its staged batches become one Delta version per table, with its provenance.

Batches stage their rows as ZSTD Parquet files under ``ARCHIVE/_staging/<run_id>/`` (small, so
memory stays flat and a Dask worker returns counts, not documents). The run then makes exactly one
Delta commit per table that changed: the staged files become the table's new data files as they
are, and the rows they replace (same ``source_uri``) are taken out by rewriting only the files that
held them — an upsert keyed by ``source_uri`` whose memory does not grow with the run. Each commit
carries the run's provenance in its commit metadata and a Delta app transaction
``zharchive:<run_id>``, so a retried commit is recognised and not made twice. A staged batch keeps
its name when it moves into its table, so an attempt that failed after the move is completed by
the retry; the next run finishes the quarantine commit of a run that died after its documents
commit, and removes what a run that died before its commits left in a table folder.

A source lives in exactly one of documents and quarantine in every version of the archive (a
documents version with the quarantine version its run committed): when a file moves from one to
the other, the run's commit of the table it leaves takes its old row out (still reachable by time
travel). Between a run's two commits the file is in both or in neither; a run that dies there is
settled by the next (``settle_dead_run``, called by the lock).
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
from deltalake import CommitProperties, DeltaTable, Transaction
from deltalake import Schema as DeltaSchema
from deltalake.transaction import AddAction, RemoveAction, create_table_with_add_actions

from schemas import SCHEMA_VERSION
from zharchive import output_dependencies
from zharchive.archive.location import (
    ArchivePath,
    archive_root,
    entries,
    move,
    parquet_file,
    read_parquet,
    remove_if_empty,
    remove_tree,
    sha256_of,
    storage_options,
    write_parquet,
)
from zharchive.archive.log import SHA256_KEY, chain_metadata, commit_name, log_folder
from zharchive.archive.sites import commit_sites
from zharchive.archive.staging import SCHEMAS, STAGING_DIR, TABLES, TableName, staging_dir
from zharchive.archive.tables import (
    KEEP_LOG,
    append_actions,
    commit_of,
    committed_version,
    open_table,
    table_root,
    table_uri,
)
from zharchive.errors import cannot_write
from zharchive.minhash import mark_run, release_memory
from zharchive.objects import StorePath


def app_id(run_id: str) -> str:
    """The Delta app-transaction id of a run: a table that has it already holds the run's commit."""
    return f"zharchive:{run_id}"


@dataclass(frozen=True)
class Provenance:
    """Recorded in every commit's custom metadata, so `DESCRIBE HISTORY` alone says who wrote what."""

    run_id: str
    flow_run_id: str | None
    pipeline_version: str
    rules_version: str
    schema_version: str

    @property
    def app_id(self) -> str:
        return app_id(self.run_id)

    def commit_properties(
        self,
        *,
        files: Mapping[str, str] | None = None,
        chain: Mapping[str, str] | None = None,
        extra: Mapping[str, str] | None = None,
    ) -> CommitProperties:
        """``files``: data file → sha256 of every file the commit adds; ``chain``: what it follows
        (``zharchive.archive.log.chain_metadata``); ``extra``: what an operation other than a run
        records of itself (upgrade, verify --repair). All go into the commit's own JSON file."""
        return CommitProperties(
            app_transactions=[Transaction(app_id=self.app_id, version=1)],
            custom_metadata={
                **(chain or {}),
                **(extra or {}),
                SHA256_KEY: json.dumps(dict(files or {}), sort_keys=True),
                "zharchive.run_id": self.run_id,
                "zharchive.flow_run_id": self.flow_run_id or "",
                "zharchive.pipeline_version": self.pipeline_version,
                "zharchive.rules_version": self.rules_version,
                "zharchive.schema_version": self.schema_version,
                # What pipeline_version's digest covers besides the source, in the clear.
                "zharchive.dependencies": json.dumps(output_dependencies(), sort_keys=True),
            },
        )


def staged_files(archive: ArchivePath, run_id: str, name: TableName) -> list[ArchivePath]:
    folder = staging_dir(archive, run_id) / name
    return entries(folder, "batch-*.parquet")


def staged_uris(files: Sequence[ArchivePath]) -> pa.ChunkedArray:
    """The source_uris of staged files, kept in Arrow: a run's worth of URIs as Python strings
    would make the commit's memory grow with the run (~25 MB per 100,000 documents)."""
    if not files:
        return pa.chunked_array([], pa.string())
    if isinstance(files[0], StorePath):
        # Read one object at a time (the column only is kept): pyarrow's own S3 client would not
        # see the --storage-option pairs.
        chunks = [read_parquet(f, columns=["source_uri"]).column("source_uri") for f in files]
        return pa.chunked_array([c for chunk in chunks for c in chunk.chunks], pa.string())
    paths = [str(f) for f in files]
    return ds.dataset(paths, format="parquet").to_table(columns=["source_uri"]).column("source_uri")


def add_action(root: ArchivePath, relative: str) -> AddAction:
    """The log entry for a data file. Its stats hold the row count only: deltalake's pyarrow
    dataset (which Polars and pandas go through) skips a file on a filter over a column that has
    no min/max in partial stats, so stats are all columns' or none (tests/test_archive.py)."""
    path = root / relative
    info = path.stat()
    return AddAction(
        path=relative,
        size=info.st_size,
        partition_values={},
        modification_time=int(info.st_mtime * 1000),
        data_change=True,
        stats=json.dumps({"numRecords": parquet_file(path).metadata.num_rows}),
    )


# A run's data files, by kind. A staged batch keeps its name when it moves into its table, so an
# attempt that moved it and failed before the commit is followed by one that finds it there (the
# commit task is retried); a rewritten file is made anew by every attempt.
def remove_action(path: str, size: int, now_ms: int) -> RemoveAction:
    """A live data file taken out of a table's next version (still in the older ones)."""
    return RemoveAction(
        path=path, data_change=True, deletion_timestamp=now_ms, size=size, partition_values={}
    )


def moved_batch_name(run_id: str, staged: str) -> str:
    return f"part-{run_id}-{Path(staged).stem}.zstd.parquet"


def _rewrite_file_name(run_id: str) -> str:
    return f"part-{run_id}-rewrite-{uuid.uuid4().hex[:12]}.zstd.parquet"


def _run_batches(archive: ArchivePath, run_id: str, name: TableName) -> list[ArchivePath]:
    """Every batch the run made for a table: still staged, or already moved into the table folder
    by an earlier attempt of its commit, committed or not (run ids are never shared between
    attempts, so they are this attempt's)."""
    moved, _ = uncommitted_files(table_root(archive, name), run_id)
    return [*staged_files(archive, run_id, name), *moved]


def _documents_made(archive: ArchivePath, run_id: str) -> pa.ChunkedArray:
    """The sources the run made documents of, to take out of quarantine; none to read when there
    is no quarantine table yet (an archive's first run: a run's worth of URIs)."""
    if not DeltaTable.is_deltatable(
        table_uri(archive, "quarantine"), storage_options=storage_options(archive)
    ):
        return staged_uris([])
    return staged_uris(_run_batches(archive, run_id, "documents"))


def uncommitted_files(root: ArchivePath, run_id: str) -> tuple[list[ArchivePath], list[ArchivePath]]:
    """(moved batches and the run's row file, rewritten files) of ``run_id`` in a table folder.
    Only meaningful while the table holds no commit of that run: then none of them is in any
    version of its log.

    Matched whole, never as a glob: a staging folder's name is whatever is on disk, and a pattern
    made of it must not reach another run's files.
    """
    if not root.is_dir():
        return [], []
    # batch: a moved batch (documents, quarantine); run: the run's row (runs.run_file_name).
    own = re.compile(
        rf"part-{re.escape(run_id)}-(?:(batch-\d{{6,}}|run)|rewrite-[0-9a-f]{{12}})\.zstd\.parquet"
    )
    batches: list[ArchivePath] = []
    rewrites: list[ArchivePath] = []
    for path in entries(root):
        if (match := own.fullmatch(path.name)) is not None:
            (batches if match[1] else rewrites).append(path)
    return batches, rewrites


def rewrite_without(
    table: DeltaTable, root: ArchivePath, name: TableName, gone: pa.Array, run_id: str
) -> list[AddAction | RemoveAction]:
    """Remove every live file that holds a row of ``gone``; add a copy of it without those rows.

    Only the source_uri column of each live file is read to find them; one file at a time, so
    memory is bounded by the largest data file, not by the table.
    """
    if len(gone) == 0:
        return []
    live = pa.table(table.get_add_actions(flatten=True))
    bounds = pc.min_max(gone)
    lowest, highest = bounds["min"].as_py(), bounds["max"].as_py()
    wanted = gone
    actions: list[AddAction | RemoveAction] = []
    now = int(datetime.now(UTC).timestamp() * 1000)
    for entry in live.to_pylist():
        low, high = entry.get("min.source_uri"), entry.get("max.source_uri")
        if low is not None and high is not None and (high < lowest or low > highest):
            continue  # stats written by other writers may bound the file
        uris = read_parquet(root / entry["path"], columns=["source_uri"])["source_uri"]
        if not pc.any(pc.is_in(uris, value_set=wanted)).as_py():
            continue
        rows = read_parquet(root / entry["path"], schema=SCHEMAS[name])
        hit = pc.is_in(rows["source_uri"], value_set=wanted)
        actions.append(remove_action(entry["path"], int(entry["size_bytes"]), now))
        kept = rows.filter(pc.invert(hit))
        if kept.num_rows:
            relative = _rewrite_file_name(run_id)
            write_parquet(kept, root / relative, compression="zstd")
            actions.append(add_action(root, relative))
    return actions


def commit_table(
    archive: ArchivePath,
    name: TableName,
    upsert_files: Sequence[ArchivePath],
    delete_uris: pa.ChunkedArray,
    provenance: Provenance,
) -> int | None:
    """One commit: the staged files become data files as they are (no re-encoding), and the rows
    they replace (same source_uri) or that moved to the other table are taken out of the files
    that held them. Memory stays flat however large the run; the old rows stay reachable by time
    travel. A table that does not exist yet is created, empty if the run has no rows for it:
    after any run, readers find all three tables."""
    existing = open_table(archive, name)
    if existing is not None and existing.transaction_version(provenance.app_id) is not None:
        # A retried task or a re-run of this run: the commit happened; never make it twice, and
        # say which version it made (the staged files are gone by now).
        return committed_version(existing, provenance.run_id)
    root = table_root(archive, name)
    # An earlier attempt of this commit that failed after moving staged batches in: they are this
    # run's rows and go into the commit; the files it rewrote are made again below.
    moved_before, rewritten_before = uncommitted_files(root, provenance.run_id)
    for orphan in rewritten_before:
        orphan.unlink()
    if existing is not None and not upsert_files and not moved_before and len(delete_uris) == 0:
        return None
    root.mkdir(parents=True, exist_ok=True)
    moved = [path.name for path in moved_before]
    for staged in upsert_files:
        moved.append(moved_batch_name(provenance.run_id, staged.name))
        # Same file system: staging lives in the archive (on a store: a copy and a delete, and a
        # batch found in the table under this name by a retry or the next run is taken as moved).
        move(staged, root / moved[-1])
    # Once each: on a store a move is a copy then a delete, and an attempt that died between the
    # two leaves a batch both moved and still staged (the retry copies the same bytes over it).
    adds = [add_action(root, name) for name in sorted(set(moved))]
    if existing is None:
        create_table_with_add_actions(
            str(root),
            DeltaSchema.from_arrow(SCHEMAS[name]),
            adds,
            mode="error",
            name=name,
            storage_options=storage_options(archive),
            commit_properties=_properties(archive, name, root, adds, provenance),
            post_commithook_properties=KEEP_LOG,
        )
    else:
        staged = staged_uris([root / a.path for a in adds])
        replaced = pc.unique(pa.chunked_array([*staged.chunks, *delete_uris.chunks], pa.string()))
        rewritten = rewrite_without(existing, root, name, replaced, provenance.run_id)
        if not adds and not rewritten:
            return None  # the rows to delete were not there
        actions = [*rewritten, *adds]
        append_actions(existing, actions, properties=_properties(archive, name, root, actions, provenance))
    table = open_table(archive, name)
    assert table is not None
    return table.version()


def _properties(
    archive: ArchivePath,
    name: TableName,
    root: ArchivePath,
    actions: Sequence[AddAction | RemoveAction],
    provenance: Provenance,
) -> CommitProperties:
    """The commit's metadata: the sha256 of every file it adds, hashed now, before the commit makes
    them live (a run killed after its commit leaves no file unhashed), and the chain it follows."""
    files = {a.path: file_sha256(root / a.path) for a in actions if isinstance(a, AddAction)}
    return provenance.commit_properties(files=files, chain=chain_metadata(archive, name))


@dataclass(frozen=True)
class CommitResult:
    documents_version: int | None
    quarantine_version: int | None
    added_files: list[dict[str, Any]]


def commit_run(
    archive: ArchivePath, provenance: Provenance, *, superseded: Sequence[str] = ()
) -> CommitResult:
    """One commit per changed table for everything the run staged; then the staging folder goes,
    and with it the staging of the dead runs in ``superseded`` (kept for this run to adopt from:
    what it did not adopt is cleaned again by the ingest that needs it). A file system that
    refuses a write (a full disk) is one ``ArchiveWriteError``; the next run settles what it left."""
    with cannot_write("commit the run", archive):
        return _commit_run(archive, provenance, superseded)


def _commit_run(archive: ArchivePath, provenance: Provenance, superseded: Sequence[str]) -> CommitResult:
    doc_files = staged_files(archive, provenance.run_id, "documents")
    quarantine_files = staged_files(archive, provenance.run_id, "quarantine")
    # A source lives in one table: what the run made for one is taken out of the other (its staged
    # batches, and those an earlier attempt of this commit moved in: _run_batches). Read before
    # the staged files move into their table.
    quarantine_uris = staged_uris(_run_batches(archive, provenance.run_id, "quarantine"))
    doc_uris = _documents_made(archive, provenance.run_id)
    # Near-duplicate pointers of the run's documents, from the archive's stored signatures (issue 19).
    live = open_table(archive, "documents")
    if live is None or live.transaction_version(provenance.app_id) is None:
        mark_run(
            live,
            _run_batches(archive, provenance.run_id, "documents"),
            rewrite=doc_files,
            leaving=quarantine_uris,
        )
    documents_version = commit_table(archive, "documents", doc_files, quarantine_uris, provenance)
    quarantine_version = commit_table(archive, "quarantine", quarantine_files, doc_uris, provenance)
    # The site profiles (issue 19), after the documents they count; the memory the pointers took
    # given back first, so the two peaks do not add up.
    release_memory()
    commit_sites(archive, provenance.run_id, provenance.app_id, provenance.commit_properties())
    release_memory()
    added: list[dict[str, Any]] = []
    for name, version in (("documents", documents_version), ("quarantine", quarantine_version)):
        if version is not None:
            added.extend(added_files(archive, name, version))  # type: ignore[arg-type]
    for dead in superseded:
        discard_staging(archive, dead)
    discard_staging(archive, provenance.run_id)
    return CommitResult(documents_version, quarantine_version, added)


def discard_staging(archive: ArchivePath, run_id: str) -> None:
    remove_tree(staging_dir(archive, run_id))
    remove_if_empty(archive_root(archive) / STAGING_DIR)


def added_files(archive: ArchivePath, name: TableName, version: int) -> list[dict[str, Any]]:
    """The data files a commit added, with their size from the log and the sha256 the commit
    recorded (the runs row repeats it, for readers of that table)."""
    root = table_root(archive, name)
    lines = [
        json.loads(line)
        for line in (log_folder(archive, name) / commit_name(version)).read_text("utf-8").splitlines()
    ]
    info: dict[str, Any] = next((line["commitInfo"] for line in lines if "commitInfo" in line), {})
    recorded: dict[str, str] = json.loads(info.get(SHA256_KEY) or "{}")
    files = []
    for action in lines:
        if "add" in action:
            relative = action["add"]["path"]
            files.append(
                {
                    "table": name,
                    "path": relative,
                    "size": int(action["add"]["size"]),
                    # A commit made by an earlier zharchive, retried now: hashed as it is now.
                    "sha256": recorded.get(relative) or file_sha256(root / relative),
                }
            )
    return files


def file_sha256(path: ArchivePath) -> str:
    return sha256_of(path)


UNPLACED_DIR = "_unplaced"


@dataclass(frozen=True)
class Settled:
    """What ``settle_dead_run`` did with a dead run's leftovers."""

    run_id: str
    resumable: bool  # it committed nothing and its finished batches stay staged for adoption
    unplaced: ArchivePath | None = None  # rows it could not commit for the run, set aside here


def settle_dead_run(archive: ArchivePath, run_id: str) -> Settled:
    """What a run that died (or an earlier attempt of this run) left. Never deletes a row it
    cannot place elsewhere.

    Died between its two commits (documents made, quarantine not): its quarantine commit is made
    now, as the run would have made it, so a file it moved out of documents into quarantine is not
    left in neither; if that commit cannot be made (rows of another schema version, a documents
    commit without its provenance), its quarantine rows are set aside in ``ARCHIVE/_unplaced/
    <run_id>/`` and said, never deleted. Died before any commit: batches its commit had moved into
    a table folder go back to its staging, which stays for the next ingest to adopt
    (``zharchive.archive.resume``); the files it rewrote (copies of live rows) and its unwritten
    run row go. A run that committed leaves no staging.
    """
    documents_done = _committed_by(archive, "documents", run_id)
    unplaced = None
    quarantine_pending = documents_done and not _committed_by(archive, "quarantine", run_id)
    if quarantine_pending and not _finish_quarantine_commit(archive, run_id):
        unplaced = _set_aside(archive, run_id, "quarantine")
    committed_any = documents_done or _committed_by(archive, "quarantine", run_id)
    for name in TABLES:
        batches, rewrites = uncommitted_files(archive_root(archive) / name, run_id)
        if not (batches or rewrites) or _committed_by(archive, name, run_id):
            continue
        for rewrite in rewrites:
            rewrite.unlink()
        for batch in batches:
            stem = batch.name.removeprefix(f"part-{run_id}-").removesuffix(".zstd.parquet")
            if name == "runs" or committed_any:
                batch.unlink()  # its row of runs; or (committed) rows moved in but never committed
            else:
                back = staging_dir(archive, run_id) / name / f"{stem}.parquet"
                back.parent.mkdir(parents=True, exist_ok=True)
                move(batch, back)
    resumable = not committed_any and (staging_dir(archive, run_id) / "batches").is_dir()
    if not resumable:
        # Last: while the staging folder is there, the next holder knows to look for its files.
        remove_tree(staging_dir(archive, run_id))
    return Settled(run_id, resumable, unplaced)


def _set_aside(archive: ArchivePath, run_id: str, name: TableName) -> ArchivePath:
    """A dead run's rows for ``name`` that cannot be committed: staged or moved into the table
    folder, all go to ``ARCHIVE/_unplaced/<run_id>/<name>/``, out of every table."""
    target = archive_root(archive) / UNPLACED_DIR / run_id / name
    target.mkdir(parents=True, exist_ok=True)
    moved, _ = uncommitted_files(table_root(archive, name), run_id)
    for path in [*staged_files(archive, run_id, name), *moved]:
        move(path, target / path.name)
    return target.parent


def _committed_by(archive: ArchivePath, name: TableName, run_id: str) -> bool:
    table = open_table(archive, name)
    return table is not None and table.transaction_version(app_id(run_id)) is not None


def _finish_quarantine_commit(archive: ArchivePath, run_id: str) -> bool:
    """The quarantine commit of a run whose documents commit is in the log: its staged (or moved)
    quarantine batches in, the sources it made documents of out, under its own provenance (read
    from its documents commit) and app transaction. False when it cannot be made: rows staged by
    another schema version (no migration commits them under this one), or no provenance found."""
    documents = open_table(archive, "documents")
    assert documents is not None
    commit = commit_of(documents, run_id)
    if commit is None or commit.get("zharchive.schema_version") != SCHEMA_VERSION:
        return False
    provenance = Provenance(
        run_id,
        commit.get("zharchive.flow_run_id") or None,
        str(commit.get("zharchive.pipeline_version")),
        str(commit.get("zharchive.rules_version")),
        SCHEMA_VERSION,
    )
    commit_table(
        archive,
        "quarantine",
        staged_files(archive, run_id, "quarantine"),
        _documents_made(archive, run_id),
        provenance,
    )
    return True
