"""Handing a version of the archive to someone else, with proof of where every byte came from.

- ``verify``: the Delta log of every table is whole and is the one its commits recorded they
  followed (``zharchive/archive/log.py``), and every live data file exists, has the size the log
  says and the sha256 recorded in the commit that added it; with ``deep``, every row's raw bytes
  hash to its raw_sha256.
- ``export_documents``: one plain Parquet file of the documents at a version, with provenance in
  the file's metadata.
- ``package``: a BagIt bag (RFC 8493) holding the documents and quarantine at a version, the run
  records, the JSON Schemas and a README for the receiver; checksums in the bag's manifests.

"The archive at version N" is the documents table at version N, and the quarantine and runs tables
as they were when that version was committed (Delta time travel by timestamp).
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import shutil
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

import bagit
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from deltalake import CommitProperties, DeltaTable
from deltalake.exceptions import DeltaError

from schemas import SCHEMA_VERSION
from schemas.export import schema_files
from zharchive import pipeline_version
from zharchive.archive.commit import file_sha256
from zharchive.archive.location import ArchivePath, archive_root, parquet_file
from zharchive.archive.lock import process_alive
from zharchive.archive.log import (
    ADOPTED_KEY,
    LOG_DIR,
    PREVIOUS_KEY,
    SHA256_KEY,
    VERSIONS_KEY,
    TableLog,
    chain_metadata,
    commit_name,
    newest_versions,
    read_log,
)
from zharchive.archive.staging import SCHEMAS, TABLES, TableName
from zharchive.archive.tables import KEEP_LOG, missing_data_file, open_table, table_root, table_uri
from zharchive.errors import ArchiveError

CheckStatus = Literal[
    # the file's sha256 is the one recorded in the commit that added it
    "ok",
    # archives written before commits held hashes: the one its run recorded in runs.added_files
    # just after its commit, or the one `verify --adopt` recorded (the bytes as they were then)
    "ok_run_record",
    "ok_adopted",
    "missing",
    "size_mismatch",
    "sha256_mismatch",
    "unhashed",  # no sha256 was ever recorded for it: its bytes cannot be checked
    "unreadable",  # --deep: Parquet cannot read it
    "raw_mismatch",  # --deep: a row's raw bytes do not hash to its raw_sha256
    "log_missing",
    "log_empty",
    "log_garbled",
    "checkpoint_garbled",  # the newest checkpoint does not read (deltalake reads it, not the commits)
    "version_gone",  # a version the runs table or a later commit recorded is not in the log
    "chain_broken",  # a commit file is not the one the next commit recorded it followed
]

# What a file's recorded sha256 came from, strongest last (a stronger record replaces a weaker).
_HASH_SOURCES: tuple[CheckStatus, ...] = ("ok_run_record", "ok_adopted", "ok")


@dataclass(frozen=True)
class FileCheck:
    table: TableName
    path: str
    status: CheckStatus
    detail: str = ""

    def line(self) -> str:
        return f"{self.status} {self.table}/{self.path}: {self.detail}"


@dataclass(frozen=True)
class Snapshot:
    """The tables as one consistent version of the archive."""

    documents_version: int
    committed_at: datetime
    tables: dict[TableName, DeltaTable]
    runs: pa.Table  # the run records up to that version


@dataclass
class VerifyReport:
    snapshot: Snapshot | None  # None when the log is damaged: then no version can be trusted
    checks: list[FileCheck] = field(default_factory=list)

    @property
    def problems(self) -> list[FileCheck]:
        return [c for c in self.checks if not c.status.startswith("ok")]


def _quarantine_version_for(quarantine: TableLog, documents_commit: dict[str, Any]) -> int | None:
    """By the quarantine log as read (``log_problems``): its commits, not deltalake's history of
    the table as it is now, which may hold commits made since."""
    history = [{**c.info, "version": v} for v, c in quarantine.commits.items()]
    run_id = documents_commit.get("zharchive.run_id")
    same_run = [int(c["version"]) for c in history if run_id and c.get("zharchive.run_id") == run_id]
    if same_run:
        return max(same_run)
    before = [
        int(c["version"])
        for c in history
        if isinstance(c.get("timestamp"), int) and c["timestamp"] <= documents_commit["timestamp"]
    ]
    return max(before) if before else None


def _log_file(version: int) -> str:
    return f"{LOG_DIR}/{commit_name(version)}"


def _listed(logs: dict[TableName, TableLog | None]) -> dict[TableName, int | None]:
    """The newest version of each table in the logs as read."""
    return {name: log.newest if log is not None else None for name, log in logs.items()}


def _runs_table(archive: ArchivePath, logs: dict[TableName, TableLog | None]) -> DeltaTable | None:
    """The runs table at the version its log was read at (a run committed since is not in it)."""
    runs_log = logs["runs"]
    if runs_log is None or runs_log.damage or runs_log.newest is None:
        return None
    return open_table(archive, "runs", version=runs_log.newest)


def _run_rows(archive: ArchivePath, logs: dict[TableName, TableLog | None]) -> list[dict[str, Any]]:
    runs = _runs_table(archive, logs)
    if runs is None:
        return []
    columns = ["run_id", "documents_version", "quarantine_version"]
    try:
        return list(runs.to_pyarrow_table(columns=columns).to_pylist())
    except (OSError, pa.ArrowException, DeltaError):
        # A runs file that no longer reads as Parquet: its own file check says so (its sha256 no
        # longer matches); the versions it recorded are then unknown, not a traceback.
        return []


def _chain_problems(logs: dict[TableName, TableLog | None], runs: list[dict[str, Any]]) -> list[FileCheck]:
    """Versions recorded elsewhere (by the runs table, by later commits) that the log no longer
    holds, and commit files that are not the ones the next commit recorded it followed."""
    problems: list[FileCheck] = []
    # table → (highest version something recorded, who recorded it)
    known: dict[TableName, tuple[int, str]] = {}

    def saw(table: TableName, version: int, by: str) -> None:
        if version > known.get(table, (-1, ""))[0]:
            known[table] = (version, by)

    for row in runs:
        for table in ("documents", "quarantine"):
            version = row[f"{table}_version"]
            if version is None:
                continue
            saw(table, int(version), f"run {row['run_id']} made it, says the runs table")
            log = logs[table]
            commit = log.commits.get(int(version)) if log is not None else None
            made_by = commit.info.get("zharchive.run_id") if commit is not None else None
            if commit is not None and made_by != row["run_id"]:
                problems.append(
                    FileCheck(
                        table,
                        _log_file(int(version)),
                        "version_gone",
                        f"{table} version {version}, which run {row['run_id']} made (runs table), is "
                        f"gone: the log's version {version} was made by "
                        f"{f'run {made_by}' if made_by else 'another writer'} "
                        "(the archive was rolled back and written again)",
                    )
                )
    for name, log in logs.items():
        if log is None:
            continue
        for version, commit in sorted(log.commits.items()):
            recorded = commit.recorded(VERSIONS_KEY)
            if isinstance(recorded, dict):
                for table, seen in recorded.items():
                    if table in TABLES and isinstance(seen, int):
                        saw(table, seen, f"{name} version {version} was committed after it, says its commit")
                own = recorded.get(name, -1)
                if own is not None and own != version - 1:
                    problems.append(
                        FileCheck(
                            name,
                            _log_file(version),
                            "chain_broken",
                            f"version {version} recorded that it followed version {own}",
                        )
                    )
            previous = log.commits.get(version - 1)
            expected = commit.info.get(PREVIOUS_KEY)
            if previous is not None and isinstance(expected, str) and previous.sha256 != expected:
                problems.append(
                    FileCheck(
                        name,
                        _log_file(version - 1),
                        "chain_broken",
                        f"is not the commit version {version} was made after (version {version} "
                        "recorded another sha256 for it): an older commit file was replaced",
                    )
                )
    for table, (version, by) in sorted(known.items()):
        log = logs[table]
        newest = log.newest if log is not None else None
        if newest is None or version > newest:
            ends = "the table has no log" if newest is None else f"its log ends at version {newest}"
            gone = (
                f"version {version}"
                if newest is None or version == newest + 1
                else (f"versions {newest + 1} to {version}")
            )
            problems.append(
                FileCheck(
                    table,
                    _log_file(version),
                    "version_gone",
                    f"{table} {gone} is gone ({by}); {ends}: the archive was rolled back",
                )
            )
    return problems


# A run commits documents, then quarantine, then its row in runs: the logs are read the other way
# round, so every version a runs row or a commit names is already in the log read after it.
_READ_ORDER: tuple[TableName, ...] = ("runs", "quarantine", "documents")


def _read_logs(archive: ArchivePath) -> dict[TableName, TableLog | None]:
    for name in TABLES:
        table_uri(archive, name)  # an archive path deltalake cannot open is said so first
    read = {name: read_log(archive, name) for name in _READ_ORDER}
    return {name: read[name] for name in TABLES}


def log_problems(archive: ArchivePath) -> tuple[dict[TableName, TableLog | None], list[FileCheck]]:
    """Every table's log read as files: damaged commit files, versions gone, broken chains.

    Read while a run may be committing (verify, export and package take no lock): each table is
    read at the versions its log held when read, in the reverse of a run's write order. A commit
    of a later run made between the reads can still make it look as if a version recorded by that
    commit were gone; so when something is found and a table's newest version moved while the logs
    were read, they are read again (a real problem is found again; a run's commits are over in
    seconds)."""
    for _attempt in range(3):
        logs = _read_logs(archive)
        problems = [
            FileCheck(
                d.table,
                d.log_file,
                d.kind,
                f"{d.detail}; {d.remedy}" if d.kind == "checkpoint_garbled" else d.detail,
            )
            for log in logs.values()
            if log is not None
            for d in log.damage
        ]
        problems.extend(_chain_problems(logs, _run_rows(archive, logs)))
        if not problems or newest_versions(archive) == _listed(logs):
            break
    return logs, problems


def refuse_damaged_log(archive: ArchivePath) -> dict[TableName, TableLog | None]:
    """Raise ``ArchiveError`` with the first of ``log_problems``: what export, package and the
    CLI's ingest check before they read or write a version. Returns the logs as read."""
    logs, problems = log_problems(archive)
    if problems:
        more = f" (and {len(problems) - 1} more: zharchive verify lists them)" if len(problems) > 1 else ""
        raise ArchiveError(f"the archive's log is damaged: {problems[0].line()}{more}")
    return logs


def snapshot(
    archive: ArchivePath,
    *,
    version: int | None = None,
    logs: dict[TableName, TableLog | None] | None = None,
    read_runs: bool = True,
) -> Snapshot:
    """Documents at ``version`` (default: the newest), with the quarantine and runs of that moment.

    The quarantine that belongs with documents version N is the one the run that made version N
    committed (each commit names its run; a run commits documents first), else the newest one
    committed before version N. By the commits, not the runs table: a run that died between its
    two commits has its quarantine commit made by the next run, and no run record.

    Every table is opened at the version its log was read at (``logs``, from ``log_problems``;
    read here when not given), never at whatever is newest by then: a run committing meanwhile
    adds nothing to the snapshot that the logs, and the hashes they hold, do not know of.

    Refused (``ArchiveError``) when the log is damaged or rolled back (``log_problems``): a version
    handed on must be the archive's, not what is left of it.
    """
    if logs is None:
        logs = refuse_damaged_log(archive)
    documents_log = logs["documents"]
    if documents_log is None or documents_log.newest is None:
        raise ArchiveError(f"{archive_root(archive)} has no documents table: nothing to hand on")
    newest = documents_log.newest
    if version is not None and not 0 <= version <= newest:
        raise ArchiveError(f"documents has no version {version}; versions are 0 to {newest}")
    documents = open_table(archive, "documents", version=newest if version is None else version)
    assert documents is not None
    commit = _commit_info(archive, documents_log, documents.version())
    committed_at = datetime.fromtimestamp(commit["timestamp"] / 1000, tz=UTC)
    tables: dict[TableName, DeltaTable] = {"documents": documents}
    runs_table = _runs_table(archive, logs)
    runs = pa.table({})
    if runs_table is not None and read_runs:
        try:
            runs = runs_table.to_pyarrow_table()
        except (OSError, pa.ArrowException, DeltaError) as exc:
            missing = missing_data_file(archive, exc)
            if missing is not None:
                raise missing from None
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise ArchiveError(
                f"the runs table cannot be read ({first}); `zharchive verify` names the damaged file"
            ) from exc
    if version is not None and runs.num_rows:
        moment = pa.scalar(committed_at, runs.schema.field("started_at").type)
        runs = runs.filter(pc.less_equal(runs["started_at"], moment))
    quarantine_log = logs["quarantine"]
    belonging = quarantine_log.newest if quarantine_log is not None else None
    if quarantine_log is not None and version is not None:
        belonging = _quarantine_version_for(quarantine_log, commit)
    quarantine = open_table(archive, "quarantine", version=belonging) if belonging is not None else None
    if quarantine is not None:
        tables["quarantine"] = quarantine
    if runs_table is not None:
        tables["runs"] = runs_table
    return Snapshot(documents.version(), committed_at, tables, runs)


def _commit_info(archive: ArchivePath, log: TableLog, version: int) -> dict[str, Any]:
    """A documents commit's metadata, from its log file as read; from deltalake's history for a
    commit file an older deltalake deleted (a checkpoint stands for it)."""
    commit = log.commits.get(version)
    if commit is not None and isinstance(commit.info.get("timestamp"), int):
        return commit.info
    latest = open_table(archive, "documents", version=log.newest)
    assert latest is not None
    # From the newest table's history: deltalake's history() of a table loaded at an older version
    # lists the newest commits, numbered back from the version it was loaded at.
    return next(c for c in latest.history() if c["version"] == version)


def recorded_hashes(
    archive: ArchivePath, logs: dict[TableName, TableLog | None]
) -> dict[tuple[str, str], tuple[str, CheckStatus]]:
    """(table, data file) → (sha256, where it was recorded: a status of _HASH_SOURCES).

    A file's own commit counts only for the files that commit adds: a hash is trusted when it was
    recorded no later than the file became live. The weaker records are for archives written
    before commits held hashes."""
    hashes: dict[tuple[str, str], tuple[str, CheckStatus]] = {}
    for row in _run_rows_added(archive, logs):
        hashes[(row["table"], row["path"])] = (row["sha256"], "ok_run_record")
    for name, log in logs.items():
        for commit in log.commits.values() if log is not None else ():
            adopted = commit.recorded(ADOPTED_KEY)
            for path, digest in adopted.items() if isinstance(adopted, dict) else ():
                hashes[(name, path)] = (str(digest), "ok_adopted")
    for name, log in logs.items():
        for commit in log.commits.values() if log is not None else ():
            own = commit.recorded(SHA256_KEY)
            for path, digest in own.items() if isinstance(own, dict) else ():
                if path in commit.adds:
                    hashes[(name, path)] = (str(digest), "ok")
    return hashes


def _run_rows_added(archive: ArchivePath, logs: dict[TableName, TableLog | None]) -> list[dict[str, Any]]:
    runs = _runs_table(archive, logs)
    if runs is None:
        return []
    try:
        column = runs.to_pyarrow_table(columns=["added_files"]).column("added_files")
    except (OSError, pa.ArrowException, DeltaError):
        return []  # as in _run_rows: the damaged runs file is reported by its own check
    return [added for files in column.to_pylist() for added in files or []]


UNHASHED = (
    "no sha256 was ever recorded for it (written before zharchive recorded hashes in its commits, "
    "or by another writer): its bytes cannot be checked; run `zharchive verify --adopt` to record "
    "its sha256 as it is now, once `zharchive verify --deep` finds nothing else wrong"
)


def _deep_checks(name: TableName, local: ArchivePath, path: str) -> list[FileCheck]:
    """Read the whole file; in documents and quarantine, every row's raw against its raw_sha256
    (a row quarantined unread, too large or unreadable, has no raw). Batch by batch: memory is
    bounded by a few hundred rows, not by the file."""
    problems: list[FileCheck] = []
    try:
        parquet = parquet_file(local)
        if name == "runs":
            parquet.read()
            return []
        for batch in parquet.iter_batches(batch_size=256, columns=["source_uri", "raw", "raw_sha256"]):
            uris, raws, recorded = (batch.column(i).to_pylist() for i in range(3))
            for uri, raw, digest in zip(uris, raws, recorded, strict=True):
                if raw is None:
                    continue
                actual = hashlib.sha256(raw).hexdigest()
                if actual != digest:
                    problems.append(
                        FileCheck(
                            name,
                            path,
                            "raw_mismatch",
                            f"{uri}: raw hashes to {actual[:16]}…, raw_sha256 says {str(digest)[:16]}…",
                        )
                    )
    except (OSError, pa.ArrowException) as exc:
        problems.append(FileCheck(name, path, "unreadable", f"Parquet cannot read it: {exc}"))
    return problems


def verify(archive: ArchivePath, *, version: int | None = None, deep: bool = False) -> VerifyReport:
    """Check the log (``log_problems``), then every live data file at ``version`` against the
    sha256 recorded for it; ``deep``: every row's raw bytes too."""
    logs, problems = log_problems(archive)
    if problems:
        # Which files are live is what the log says, and the log is what is wrong.
        return VerifyReport(None, problems)
    # The runs rows are not needed to check files, and a damaged runs file is one of them.
    snap = snapshot(archive, version=version, logs=logs, read_runs=False)
    report = VerifyReport(snap)
    hashes = recorded_hashes(archive, logs)
    for name, table in snap.tables.items():
        root = table_root(archive, name)
        actions = pa.table(table.get_add_actions(flatten=True)).select(["path", "size_bytes"]).to_pylist()
        for action in actions:
            path, expected = action["path"], int(action["size_bytes"])
            local = root / path
            if not local.is_file():
                report.checks.append(
                    FileCheck(name, path, "missing", "the Delta log lists it; it is not on disk")
                )
                continue
            size = local.stat().st_size
            if size != expected:
                report.checks.append(
                    FileCheck(name, path, "size_mismatch", f"{size} bytes on disk, {expected} in the log")
                )
                continue
            recorded = hashes.get((name, path))
            if recorded is None:
                report.checks.append(FileCheck(name, path, "unhashed", UNHASHED))
            else:
                digest, source = recorded
                actual = file_sha256(local)
                if actual != digest:
                    report.checks.append(
                        FileCheck(
                            name, path, "sha256_mismatch", f"sha256 {actual[:16]}…, recorded {digest[:16]}…"
                        )
                    )
                else:
                    report.checks.append(FileCheck(name, path, source))
            if deep:
                report.checks.extend(_deep_checks(name, local, path))
    return report


def adopt_unhashed(archive: ArchivePath) -> dict[TableName, list[str]]:
    """Record the sha256 of every live file that has none, as its bytes are now, in one commit per
    table that adds and removes nothing (trust on first use: a change made before it cannot be
    told). Under the archive lock, and only when the deep check finds nothing else wrong."""
    from zharchive.archive.lock import archive_lock

    with archive_lock(archive, run_id=f"verify-adopt-{datetime.now(UTC):%Y%m%dT%H%M%SZ}"):
        report = verify(archive, deep=True)
        others = [p for p in report.problems if p.status != "unhashed"]
        if others:
            raise ArchiveError(
                f"{len(others)} problems besides files without a sha256 (first: {others[0].line()}); "
                "--adopt records hashes only in an archive whose files otherwise check out"
            )
        adopted: dict[TableName, list[str]] = {}
        for problem in report.problems:
            adopted.setdefault(problem.table, []).append(problem.path)
        for name, paths in adopted.items():
            table = open_table(archive, name)
            assert table is not None
            root = table_root(archive, name)
            hashes = {path: file_sha256(root / path) for path in paths}
            table.create_write_transaction(
                [],
                mode="append",
                schema=table.schema(),
                commit_properties=CommitProperties(
                    custom_metadata={
                        "zharchive.operation": "verify --adopt",
                        ADOPTED_KEY: json.dumps(hashes, sort_keys=True),
                        **chain_metadata(archive, name),
                    }
                ),
                post_commithook_properties=KEEP_LOG,
            )
        return adopted


def provenance_metadata(archive: ArchivePath, snap: Snapshot) -> dict[str, str]:
    columns = ["run_id", "flow_run_id", "started_at", "pipeline_version", "rules_version", "schema_version"]
    run_rows = snap.runs.select(columns).to_pylist() if snap.runs.num_rows else []
    return {
        "zharchive.archive": str(archive_root(archive)),
        "zharchive.documents_version": str(snap.documents_version),
        "zharchive.committed_at": snap.committed_at.isoformat(),
        "zharchive.exported_at": datetime.now(UTC).isoformat(),
        "zharchive.exporter_pipeline_version": pipeline_version(),
        "zharchive.schema_version": SCHEMA_VERSION,
        "zharchive.runs": json.dumps(run_rows, default=str, ensure_ascii=False),
    }


def _write_parquet(table: pa.Table, path: Path, metadata: dict[str, str]) -> int:
    existing = table.schema.metadata or {}
    merged = {**existing, **{k.encode(): v.encode() for k, v in metadata.items()}}
    pq.write_table(table.replace_schema_metadata(merged), path, compression="zstd")
    return int(table.num_rows)


def _remove_dead_partials(out: Path) -> None:
    """What an export killed mid-write left beside ``out`` (its temporary file), once its process
    is gone; a live export's file is left alone."""
    for stale in out.parent.glob(f".{glob.escape(out.name)}.*.partial"):
        pid = stale.name.removeprefix(f".{out.name}.").removesuffix(".partial")
        if pid.isdigit() and not process_alive(int(pid)):
            stale.unlink(missing_ok=True)


def export_documents(archive: ArchivePath, out: Path, *, version: int | None = None) -> tuple[int, Snapshot]:
    """Write the documents at ``version`` as one Parquet file; returns (rows, snapshot).

    The file is written under a temporary name beside ``out``, flushed to disk, then renamed over
    it: a process killed mid-export (kill -9, a full disk) leaves ``out`` as it was, never a
    truncated file."""
    snap = snapshot(archive, version=version)
    out.parent.mkdir(parents=True, exist_ok=True)
    _remove_dead_partials(out)
    partial = out.with_name(f".{out.name}.{os.getpid()}.partial")
    try:
        rows = _write_parquet(
            snap.tables["documents"].to_pyarrow_table(), partial, provenance_metadata(archive, snap)
        )
        with open(partial, "rb") as written:
            os.fsync(written.fileno())
        os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)
    return rows, snap


RECEIVER_README = """\
zharchive hand-off package
==========================

This BagIt bag (RFC 8493) holds one version of a zharchive archive: cleaned Chinese web pages with
their exact source bytes, how each was decoded and cleaned, and the runs that made them.

data/documents.parquet   one row per document (column `raw` holds the exact input bytes,
                         `raw.decode(encoding)` gives the text back; `removed` lists every line taken
                         out with the rule that took it, `repairs` every change made to kept lines)
data/quarantine.parquet  files that did not become documents, with their bytes, stage and reason
data/runs.parquet        the ingest runs: when, with which pipeline, rules and schema versions
data/schemas/            JSON Schemas of the records

Provenance: each Parquet file's key-value metadata (zharchive.*) names the archive, the documents
version, the commit time and the runs. To check the bag: `bagit.py --validate BAG` (pip install
bagit), or in Python `bagit.Bag(path).validate()`. Load: pandas.read_parquet / polars.read_parquet /
duckdb `select * from 'data/documents.parquet'`.

Archive: {archive}
Documents version: {version} (committed {committed_at})
"""


def package(archive: ArchivePath, out: Path, *, version: int | None = None) -> tuple[Path, Snapshot]:
    """Write a validated BagIt bag of the archive at ``version`` into the new folder ``out``."""
    if out.exists() and any(out.iterdir()):
        raise ArchiveError(f"{out} exists and is not empty; choose a new folder for the package")
    snap = snapshot(archive, version=version)
    out.mkdir(parents=True, exist_ok=True)
    try:
        metadata = provenance_metadata(archive, snap)
        counts: dict[str, int] = {}
        names: tuple[TableName, ...] = ("documents", "quarantine")
        for name in names:
            table = snap.tables.get(name)
            # A table never written (nothing was ever quarantined) is an empty file with its
            # columns: the receiver's code, and the README, can count on both files.
            rows = SCHEMAS[name].empty_table() if table is None else table.to_pyarrow_table()
            counts[name] = _write_parquet(rows, out / f"{name}.parquet", metadata)
        if snap.runs.num_rows:
            counts["runs"] = _write_parquet(snap.runs, out / "runs.parquet", metadata)
        (out / "schemas").mkdir()
        for path, text in schema_files().items():
            (out / "schemas" / path.name).write_text(text, encoding="utf-8")
        (out / "README.txt").write_text(
            RECEIVER_README.format(
                archive=archive_root(archive),
                version=snap.documents_version,
                committed_at=snap.committed_at,
            ),
            encoding="utf-8",
        )
        info: dict[str, Any] = {
            "Source-Organization": "zharchive",
            "External-Description": "zharchive archive of cleaned Chinese web pages, one version",
            "Bagging-Date": datetime.now(UTC).date().isoformat(),
            "zharchive-Documents-Version": str(snap.documents_version),
            "zharchive-Committed-At": snap.committed_at.isoformat(),
            "zharchive-Documents": str(counts.get("documents", 0)),
            "zharchive-Quarantined": str(counts.get("quarantine", 0)),
            "zharchive-Schema-Version": SCHEMA_VERSION,
        }
        bag = bagit.make_bag(str(out), bag_info=info, checksums=["sha256", "sha512"])
        bag.validate()
    except BaseException:
        shutil.rmtree(out, ignore_errors=True)
        raise
    return out, snap
