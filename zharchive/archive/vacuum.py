"""Deleting the data files no version a user still wants needs: Delta's own vacuum, per table.

Each run keeps the files its rows replaced, so that older versions stay readable (time travel).
Whoever reads a table's folder as plain Parquet (pandas, a pyarrow dataset, a DuckDB glob) reads
those too, and gets old rows beside new ones. ``vacuum`` deletes them once no kept version needs
them: ``keep_versions`` keeps the N newest versions of each table readable, ``older_than_days``
keeps every version that was live within that many days. A dry run (the default) deletes nothing
and says which files would go, their bytes, and which versions would stop being readable.

Only files the Delta log says were removed are deleted (deltalake's vacuum with ``full=False``):
a file the log does not know (an in-flight run's) is never touched. Applying takes the archive's
write lock, so no run commits meanwhile; deltalake records it as VACUUM START/END commits, which
carry ``zharchive.operation = vacuum`` and the versions they ended in their metadata.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from deltalake import CommitProperties, DeltaTable

from zharchive.archive.handoff import snapshot
from zharchive.archive.lock import archive_lock
from zharchive.archive.staging import TABLES, TableName
from zharchive.archive.tables import open_table, table_uri
from zharchive.errors import ArchiveError

VACUUM_OPERATIONS = ("VACUUM START", "VACUUM END")


class VacuumedVersionError(ArchiveError):
    """A version was asked for whose data files a vacuum deleted: it cannot be read any more."""


class VacuumRuleError(ArchiveError):
    """Neither or both of keep_versions and older_than_days were given."""


@dataclass(frozen=True)
class TablePlan:
    """What vacuum deletes (or would delete) in one table."""

    table: TableName
    newest_version: int
    files: list[str]  # paths relative to the table folder, files on disk now
    bytes: int
    ended_versions: list[int]  # versions readable before that are not after
    kept_versions: list[int] | None = None  # with keep_versions: the versions kept readable


@dataclass
class VacuumReport:
    archive: Path
    rule: str
    applied: bool
    tables: list[TablePlan] = field(default_factory=list)

    @property
    def files(self) -> int:
        return sum(len(t.files) for t in self.tables)

    @property
    def bytes(self) -> int:
        return sum(t.bytes for t in self.tables)


def _is_vacuum(commit: dict[str, Any]) -> bool:
    return str(commit.get("operation", "")) in VACUUM_OPERATIONS


def newest_versions(table: DeltaTable, count: int) -> list[int]:
    """The versions from the ``count``-th newest data version on. Vacuum's own commits are not
    counted (they change no rows): vacuuming twice with the same N keeps the same data readable."""
    data_versions = [int(c["version"]) for c in table.history() if not _is_vacuum(c)]
    oldest_kept = data_versions[:count][-1] if data_versions else 0
    return list(range(oldest_kept, table.version() + 1))


def _local(table_root: Path, path: str) -> Path:
    # deltalake returns paths relative to the table in a dry run and sometimes absolute ones
    # when it deletes: accept both.
    candidate = Path(path.removeprefix("file://"))
    return candidate if candidate.is_absolute() else table_root / path


def _version_files(uri: str, version: int) -> set[Path] | None:
    """The data files of ``version`` of the table, or None when its log entry is gone."""
    try:
        table = DeltaTable(uri, version=version)
    except Exception:  # a version whose log was cleaned up: no time travel to end
        return None
    return {_local(Path(uri), u) for u in table.file_uris()}


def _plan_table(
    archive: Path,
    name: TableName,
    *,
    retention_hours: int,
    keep: list[int] | None,
) -> tuple[DeltaTable, TablePlan] | None:
    table = open_table(archive, name)
    if table is None:
        return None
    root = Path(table_uri(archive, name))
    listed = table.vacuum(
        retention_hours=retention_hours,
        dry_run=True,
        # Delta refuses less than a week by default, to spare readers and writers that still use
        # older files. Writers are kept off by the lock, and the user chose the retention.
        enforce_retention_duration=False,
        keep_versions=keep,
        full=False,
    )
    # A removed file an earlier vacuum already deleted is listed again: only what is on disk counts.
    on_disk = sorted({p for p in (_local(root, f) for f in listed) if p.is_file()})
    doomed = set(on_disk)
    ended: list[int] = []
    if doomed:
        # Costs one log replay per version; an archive has a version per run that changed it.
        for version in range(table.version() + 1):
            if keep is not None and version in keep:
                continue
            files = _version_files(str(root), version)
            readable_now = files is not None and all(f.is_file() for f in files)
            if readable_now and files is not None and files & doomed:
                ended.append(version)
    plan = TablePlan(
        table=name,
        newest_version=table.version(),
        files=[str(p.relative_to(root)) for p in on_disk],
        bytes=sum(p.stat().st_size for p in on_disk),
        ended_versions=ended,
        kept_versions=keep,
    )
    return table, plan


def _keep_lists(archive: Path, keep_versions: int) -> dict[TableName, list[int]]:
    keep: dict[TableName, list[int]] = {}
    for name in TABLES:
        table = open_table(archive, name)
        if table is not None:
            keep[name] = newest_versions(table, keep_versions)
    # A kept documents version is handed on (export, package) with the quarantine its run
    # committed: keep that quarantine version readable too, even when it is not among its N newest.
    if "documents" in keep and "quarantine" in keep:
        belonging = set(keep["quarantine"])
        for version in keep["documents"]:
            quarantine = snapshot(archive, version=version).tables.get("quarantine")
            if quarantine is not None:
                belonging.add(quarantine.version())
        keep["quarantine"] = sorted(belonging)
    return keep


def vacuum(
    archive: Path,
    *,
    keep_versions: int | None = None,
    older_than_days: int | None = None,
    apply: bool = False,
) -> VacuumReport:
    """Plan (and with ``apply``, do) the vacuum of every table of ``archive``."""
    if (keep_versions is None) == (older_than_days is None):
        raise VacuumRuleError("give exactly one of --keep-versions N and --older-than DAYS")
    if keep_versions is not None and keep_versions < 1:
        raise VacuumRuleError("--keep-versions must be at least 1: the newest version is always kept")
    if older_than_days is not None and older_than_days < 0:
        raise VacuumRuleError("--older-than is a number of days, 0 or more")
    rule = f"keep-versions {keep_versions}" if keep_versions is not None else f"older-than {older_than_days}"
    report = VacuumReport(Path(archive).resolve(), rule, applied=apply)
    if not apply:
        _plan(report, keep_versions=keep_versions, older_than_days=older_than_days)
        return report
    # Under the write lock, planned and applied: no run commits (or stages a file) in between.
    run_id = f"vacuum-{datetime.now(UTC):%Y%m%dT%H%M%SZ}"
    with archive_lock(archive, run_id=run_id):
        for table, plan in _plan(report, keep_versions=keep_versions, older_than_days=older_than_days):
            if not plan.files:
                continue  # a vacuum with nothing to delete would still write two commits
            table.vacuum(
                retention_hours=0 if keep_versions is not None else (older_than_days or 0) * 24,
                dry_run=False,
                enforce_retention_duration=False,
                keep_versions=plan.kept_versions,
                full=False,
                commit_properties=CommitProperties(
                    custom_metadata={
                        "zharchive.operation": "vacuum",
                        "zharchive.vacuum.run_id": run_id,
                        "zharchive.vacuum.rule": rule,
                        "zharchive.vacuum.ended_versions": json.dumps(plan.ended_versions),
                    }
                ),
            )
    return report


def _plan(
    report: VacuumReport, *, keep_versions: int | None, older_than_days: int | None
) -> list[tuple[DeltaTable, TablePlan]]:
    archive = report.archive
    keep = _keep_lists(archive, keep_versions) if keep_versions is not None else {}
    planned: list[tuple[DeltaTable, TablePlan]] = []
    for name in TABLES:
        found = _plan_table(
            archive,
            name,
            retention_hours=0 if keep_versions is not None else (older_than_days or 0) * 24,
            keep=keep.get(name),
        )
        if found is not None:
            planned.append(found)
            report.tables.append(found[1])
    return planned


def ensure_readable(archive: Path, *, version: int) -> None:
    """Raise ``VacuumedVersionError`` when documents ``version`` (or the quarantine that goes with
    it) lost its data files to a vacuum. Files missing without a vacuum after the version are
    damage, which ``verify`` reports: that is left to it."""
    snap = snapshot(archive, version=version)
    newest = snapshot(archive).documents_version
    for name, table in snap.tables.items():
        if name == "runs":
            continue  # read at its newest version, which a vacuum never touches
        root = Path(table_uri(archive, name))
        if all(_local(root, u).is_file() for u in table.file_uris()):
            continue
        latest = open_table(archive, name)
        assert latest is not None
        vacuums = [
            c
            for c in latest.history()
            if c.get("operation") == "VACUUM END" and c["version"] > table.version()
        ]
        if vacuums:
            when = datetime.fromtimestamp(vacuums[-1]["timestamp"] / 1000, tz=UTC)
            what = (
                "documents"
                if name == "documents"
                else f"the quarantine (version {table.version()}) of documents"
            )
            raise VacuumedVersionError(
                f"{what} version {version} is no longer readable: `zharchive vacuum` deleted its files "
                f"on {when:%Y-%m-%d %H:%M} UTC (commit {vacuums[-1]['version']} of {name}); "
                f"the newest documents version is {newest}"
            )
