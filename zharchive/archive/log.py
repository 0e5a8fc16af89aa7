"""The Delta log read as files: what deltalake does not say about it, and what each commit records.

deltalake 1.6.6 reads an emptied newest commit file (a power loss on a file system without data
journaling) as a commit with no actions: the table "at version N" then holds version N-1's rows,
and ``history()`` numbers the older commits one up. A deleted newest commit is not seen at all,
and a garbled one fails with a kernel error and a Rust backtrace. So zharchive reads its tables'
``_delta_log`` itself, to name the damaged file before deltalake reads past it.

Every zharchive commit records, in its own commit metadata (the ``commitInfo`` of the same JSON
file as its add actions, so it becomes visible in the same atomic step as the files):

- ``zharchive.sha256``: the sha256 of every data file the commit adds, computed before the commit:
  no file is ever live without a recorded hash;
- ``zharchive.versions``: the newest version of each of the three tables just before the commit;
- ``zharchive.previous_commit``: the sha256 of its own table's previous commit file.

With the runs table's versions, these let ``verify`` see a version that something recorded and the
log no longer holds, and an older commit file that was replaced.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any, Literal

import pyarrow as pa

from zharchive.archive.location import ArchivePath, archive_root, read_parquet
from zharchive.archive.staging import TABLES, TableName
from zharchive.errors import ArchiveError

LOG_DIR = "_delta_log"
SHA256_KEY = "zharchive.sha256"
VERSIONS_KEY = "zharchive.versions"
PREVIOUS_KEY = "zharchive.previous_commit"
ADOPTED_KEY = "zharchive.adopted_sha256"

_COMMIT = re.compile(r"(\d{20})\.json")
_CHECKPOINT = re.compile(r"(\d{20})\.checkpoint(?:\.\d+\.\d+)?\.parquet")

DamageKind = Literal["log_missing", "log_empty", "log_garbled", "checkpoint_garbled"]


def commit_name(version: int) -> str:
    return f"{version:020d}.json"


def log_folder(archive: ArchivePath, name: TableName) -> ArchivePath:
    return archive_root(archive) / name / LOG_DIR


@dataclass(frozen=True)
class LogDamage:
    """A commit file of a table's log that is not there, empty or not a commit."""

    table: TableName
    version: int
    kind: DamageKind
    detail: str
    name: str | None = None  # the file's name in the log folder, when it is not the commit file
    # What to do about it; default: restore from a backup.
    remedy: str = "restore the archive folder from a backup (zharchive verify lists every damaged file)"

    @property
    def log_file(self) -> str:
        """The file, relative to its table folder."""
        return f"{LOG_DIR}/{self.name or commit_name(self.version)}"

    @property
    def file(self) -> str:
        """The file, relative to the archive: what a person looks for."""
        return f"{self.table}/{self.log_file}"

    def message(self, archive: ArchivePath) -> str:
        return (
            f"the {self.table} table cannot be read: {archive_root(archive) / self.file} {self.detail}; "
            f"{self.remedy}"
        )


@dataclass(frozen=True)
class Commit:
    version: int
    sha256: str  # of the commit file's bytes: what the next commit's previous_commit must be
    info: dict[str, Any]
    adds: dict[str, int]  # data file → size

    def recorded(self, key: str) -> Any:
        """A JSON value this commit's metadata holds under ``key`` (None when absent or unreadable)."""
        value = self.info.get(key)
        if not isinstance(value, str):
            return None
        try:
            return json.loads(value)
        except ValueError:
            return None


@dataclass
class TableLog:
    name: TableName
    commits: dict[int, Commit] = field(default_factory=dict)
    damage: list[LogDamage] = field(default_factory=list)
    newest: int | None = None  # the highest version with a commit file, whole or not


def _listing(folder: ArchivePath) -> tuple[dict[int, ArchivePath], int | None]:
    """The commit files of a log folder by version, and the newest checkpoint's version."""
    commits, checkpoints = _full_listing(folder)
    return commits, max(checkpoints) if checkpoints else None


def _full_listing(folder: ArchivePath) -> tuple[dict[int, ArchivePath], dict[int, list[ArchivePath]]]:
    """The commit files of a log folder by version, and its checkpoint files (all parts) by version."""
    commits: dict[int, ArchivePath] = {}
    checkpoints: dict[int, list[ArchivePath]] = {}
    for path in folder.iterdir():
        if match := _COMMIT.fullmatch(path.name):
            commits[int(match[1])] = path
        elif match := _CHECKPOINT.fullmatch(path.name):
            checkpoints.setdefault(int(match[1]), []).append(path)
    return commits, checkpoints


def _missing(name: TableName, files: dict[int, ArchivePath], checkpoint: int | None) -> list[LogDamage]:
    """Versions the log must hold a commit file for and does not: every one from 0 (or after the
    newest checkpoint, which stands for the commits before it) to the newest."""
    if not files:
        return []
    first = 0 if checkpoint is None else checkpoint + 1
    damage = []
    for version in range(first, max(files) + 1):
        if version not in files:
            what = "the table's first commit" if version == 0 else f"version {version}'s commit"
            damage.append(LogDamage(name, version, "log_missing", f"is missing ({what})"))
    return damage


def quick_damage(archive: ArchivePath, name: TableName) -> LogDamage | None:
    """The first missing or empty commit file of a table that deltalake would read, from a listing
    of its log (no file is read): what every command checks before deltalake opens the table.

    Only the commits from the newest checkpoint's version on are looked at (deltalake reads the
    checkpoint, not the commits before it): a table of 10,000 commits opens without 10,000 stats.
    ``read_log`` (verify, export, package) looks at every one."""
    folder = log_folder(archive, name)
    if not folder.is_dir():
        return None
    files, checkpoint = _listing(folder)
    for version in sorted(v for v in files if checkpoint is None or v >= checkpoint):
        if files[version].stat().st_size == 0:
            return LogDamage(name, version, "log_empty", "is empty (0 bytes)")
    missing = _missing(name, files, checkpoint)
    return missing[0] if missing else None


def _parse(name: TableName, version: int, data: bytes) -> Commit | LogDamage:
    """One commit file, or what is wrong with it. Besides a file that is not JSON lines of actions,
    a zharchive commit that lost lines is garbled: one whose ``zharchive.sha256`` names a file it
    has no add action for, or a run's commit without its ``txn`` line (a file cut at a line
    boundary is still valid JSON lines, and deltalake reads what is left as the whole commit)."""
    if not data:
        return LogDamage(name, version, "log_empty", "is empty (0 bytes)")

    def garbled(why: str) -> LogDamage:
        return LogDamage(name, version, "log_garbled", f"is not a Delta commit ({why})")

    info: dict[str, Any] = {}
    adds: dict[str, int] = {}
    has_txn = False
    try:
        lines = [line for line in data.decode("utf-8").splitlines() if line.strip()]
        actions = [json.loads(line) for line in lines]
        if not actions or not all(isinstance(a, dict) for a in actions):
            return garbled("no actions")
        for action in actions:
            if "commitInfo" in action:
                if not isinstance(action["commitInfo"], dict):
                    return garbled("its commitInfo is not an object")
                info = action["commitInfo"]
            if "add" in action:
                add = action["add"]
                if not isinstance(add, dict) or not isinstance(add.get("path"), str):
                    return garbled("an add action without a path")
                adds[add["path"]] = int(add["size"])
            has_txn = has_txn or "txn" in action
    except (ValueError, TypeError, KeyError) as exc:  # UnicodeDecodeError, JSONDecodeError, size: null
        return garbled(type(exc).__name__)
    commit = Commit(version, hashlib.sha256(data).hexdigest(), info, adds)
    if SHA256_KEY in info:
        recorded = commit.recorded(SHA256_KEY)
        if not isinstance(recorded, dict):
            return garbled(f"its {SHA256_KEY} is not a JSON object")
        lost = sorted(set(recorded) - set(adds))
        if lost:
            return garbled(
                f"its {SHA256_KEY} names {len(lost)} data files it has no add action for, {lost[0]} "
                "first: lines of it are gone"
            )
        if "zharchive.run_id" in info and not has_txn:
            return garbled("a run's commit without its txn line: lines of it are gone")
    return commit


def _checkpoint_damage(
    name: TableName, version: int, parts: list[ArchivePath], files: dict[int, ArchivePath]
) -> list[LogDamage]:
    """The newest checkpoint, read whole: deltalake reads it instead of the commits before it, and
    fails on a damaged one with a Parquet error that names no file."""
    damage = []
    kept = all(v in files for v in range(version + 1))
    for part in sorted(parts):
        try:
            read_parquet(part)
        except (OSError, pa.ArrowException) as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            remedy = (
                f"every commit it stands for is kept as JSON, so delete it and {name}/{LOG_DIR}/"
                "_last_checkpoint (deltalake then reads the commits), and run the command again"
                if kept
                else "the commits it stands for are gone: restore the archive folder from a backup"
            )
            damage.append(
                LogDamage(
                    name,
                    version,
                    "checkpoint_garbled",
                    f"is a damaged checkpoint ({first})",
                    name=part.name,
                    remedy=remedy,
                )
            )
    return damage


def read_log(archive: ArchivePath, name: TableName) -> TableLog | None:
    """Every commit file of a table's log, parsed, and its newest checkpoint, with what is wrong
    with any of them; None when the table has no log folder (never written)."""
    folder = log_folder(archive, name)
    if not folder.is_dir():
        return None
    files, checkpoints = _full_listing(folder)
    checkpoint = max(checkpoints) if checkpoints else None
    log = TableLog(name, newest=max(files) if files else None)
    log.damage.extend(_missing(name, files, checkpoint))
    for version in sorted(files):
        parsed = _parse(name, version, files[version].read_bytes())
        if isinstance(parsed, LogDamage):
            log.damage.append(parsed)
        else:
            log.commits[version] = parsed
    if checkpoint is not None:
        log.damage.extend(_checkpoint_damage(name, checkpoint, checkpoints[checkpoint], files))
    log.damage.sort(key=lambda d: d.version)
    return log


def check_log(archive: ArchivePath, name: TableName) -> None:
    """Raise ``ArchiveError`` naming the first damaged commit file of the table, if any (every
    file is read: for when deltalake failed to, or before a hand-off)."""
    log = read_log(archive, name)
    if log is not None and log.damage:
        raise ArchiveError(log.damage[0].message(archive))


def newest_versions(archive: ArchivePath) -> dict[TableName, int | None]:
    """Each table's newest version by its log's listing (None: not written yet)."""
    versions: dict[TableName, int | None] = {}
    for name in TABLES:
        folder = log_folder(archive, name)
        files = _listing(folder)[0] if folder.is_dir() else {}
        versions[name] = max(files) if files else None
    return versions


def chain_metadata(archive: ArchivePath, name: TableName) -> dict[str, str]:
    """What a commit about to be made to ``name`` records of the log it follows (taken under the
    archive lock: nothing else commits in between)."""
    versions = newest_versions(archive)
    metadata = {VERSIONS_KEY: json.dumps(versions, sort_keys=True)}
    previous = versions[name]
    if previous is not None:
        path = log_folder(archive, name) / commit_name(previous)
        metadata[PREVIOUS_KEY] = hashlib.sha256(path.read_bytes()).hexdigest()
    return metadata
