"""Handing a version of the archive to someone else, with proof of where every byte came from.

- ``verify``: every live data file of the archive exists, has the size the Delta log says and the
  sha256 its run recorded (``runs.added_files``).
- ``export_documents``: one plain Parquet file of the documents at a version, with provenance in
  the file's metadata.
- ``package``: a BagIt bag (RFC 8493) holding the documents and quarantine at a version, the run
  records, the JSON Schemas and a README for the receiver; checksums in the bag's manifests.

"The archive at version N" is the documents table at version N, and the quarantine and runs tables
as they were when that version was committed (Delta time travel by timestamp).
"""

from __future__ import annotations

import glob
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
from deltalake import DeltaTable

from schemas import SCHEMA_VERSION
from schemas.export import schema_files
from zharchive import pipeline_version
from zharchive.archive.commit import file_sha256
from zharchive.archive.lock import process_alive
from zharchive.archive.staging import SCHEMAS, TableName
from zharchive.archive.tables import open_table, table_uri
from zharchive.errors import ArchiveError

CheckStatus = Literal["ok", "ok_size_only", "missing", "size_mismatch", "sha256_mismatch"]


@dataclass(frozen=True)
class FileCheck:
    table: TableName
    path: str
    status: CheckStatus
    detail: str = ""


@dataclass(frozen=True)
class Snapshot:
    """The tables as one consistent version of the archive."""

    documents_version: int
    committed_at: datetime
    tables: dict[TableName, DeltaTable]
    runs: pa.Table  # the run records up to that version


@dataclass
class VerifyReport:
    snapshot: Snapshot
    checks: list[FileCheck] = field(default_factory=list)

    @property
    def problems(self) -> list[FileCheck]:
        return [c for c in self.checks if not c.status.startswith("ok")]


def _quarantine_version_for(quarantine: DeltaTable, documents_commit: dict[str, Any]) -> int | None:
    history = quarantine.history()
    run_id = documents_commit.get("zharchive.run_id")
    same_run = [int(c["version"]) for c in history if run_id and c.get("zharchive.run_id") == run_id]
    if same_run:
        return max(same_run)
    before = [int(c["version"]) for c in history if c["timestamp"] <= documents_commit["timestamp"]]
    return max(before) if before else None


def snapshot(archive: Path, *, version: int | None = None) -> Snapshot:
    """Documents at ``version`` (default: the newest), with the quarantine and runs of that moment.

    The quarantine that belongs with documents version N is the one the run that made version N
    committed (each commit names its run; a run commits documents first), else the newest one
    committed before version N. By the commits, not the runs table: a run that died between its
    two commits has its quarantine commit made by the next run, and no run record.
    """
    latest = open_table(archive, "documents")
    if latest is None:
        raise ArchiveError(f"{Path(archive).resolve()} has no documents table: nothing to hand on")
    if version is not None and not 0 <= version <= latest.version():
        raise ArchiveError(f"documents has no version {version}; versions are 0 to {latest.version()}")
    documents = latest if version is None else open_table(archive, "documents", version=version)
    assert documents is not None
    # From the newest table's history: deltalake's history() of a table loaded at an older version
    # lists the newest commits, numbered back from the version it was loaded at.
    commit = next(c for c in latest.history() if c["version"] == documents.version())
    committed_at = datetime.fromtimestamp(commit["timestamp"] / 1000, tz=UTC)
    tables: dict[TableName, DeltaTable] = {"documents": documents}
    runs_table = open_table(archive, "runs")
    runs = runs_table.to_pyarrow_table() if runs_table is not None else pa.table({})
    if version is not None and runs.num_rows:
        moment = pa.scalar(committed_at, runs.schema.field("started_at").type)
        runs = runs.filter(pc.less_equal(runs["started_at"], moment))
    quarantine = open_table(archive, "quarantine")
    if quarantine is not None and version is not None:
        belonging = _quarantine_version_for(quarantine, commit)
        quarantine = open_table(archive, "quarantine", version=belonging) if belonging is not None else None
    if quarantine is not None:
        tables["quarantine"] = quarantine
    if runs_table is not None:
        tables["runs"] = runs_table
    return Snapshot(documents.version(), committed_at, tables, runs)


def recorded_hashes(archive: Path) -> dict[tuple[str, str], str]:
    """(table, relative path) → sha256, from every run's added_files."""
    runs = open_table(archive, "runs")
    if runs is None:
        return {}
    hashes: dict[tuple[str, str], str] = {}
    for files in runs.to_pyarrow_table(columns=["added_files"]).column("added_files").to_pylist():
        for added in files or []:
            hashes[(added["table"], added["path"])] = added["sha256"]
    return hashes


def verify(archive: Path, *, version: int | None = None) -> VerifyReport:
    report = VerifyReport(snapshot(archive, version=version))
    hashes = recorded_hashes(archive)
    for name, table in report.snapshot.tables.items():
        root = Path(table_uri(archive, name))
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
                # runs' own files: a run row cannot hold the hash of the file it is written in.
                report.checks.append(
                    FileCheck(name, path, "ok_size_only", "no sha256 recorded for this file")
                )
                continue
            actual = file_sha256(local)
            if actual != recorded:
                report.checks.append(
                    FileCheck(
                        name, path, "sha256_mismatch", f"sha256 {actual[:16]}…, recorded {recorded[:16]}…"
                    )
                )
            else:
                report.checks.append(FileCheck(name, path, "ok"))
    return report


def provenance_metadata(archive: Path, snap: Snapshot) -> dict[str, str]:
    columns = ["run_id", "flow_run_id", "started_at", "pipeline_version", "rules_version", "schema_version"]
    run_rows = snap.runs.select(columns).to_pylist() if snap.runs.num_rows else []
    return {
        "zharchive.archive": str(Path(archive).resolve()),
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


def export_documents(archive: Path, out: Path, *, version: int | None = None) -> tuple[int, Snapshot]:
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


def package(archive: Path, out: Path, *, version: int | None = None) -> tuple[Path, Snapshot]:
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
                archive=Path(archive).resolve(),
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
