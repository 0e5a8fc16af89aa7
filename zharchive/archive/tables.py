"""The archive's three Delta tables on disk: where each is, opening one, and whether its columns are ours.

Every other archive module reaches a table through ``table_uri``/``open_table``, so the one rule about
paths deltalake cannot open lives here.
"""

from __future__ import annotations

import os
import re
import shlex
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from deltalake import CommitProperties, DeltaTable, PostCommitHookProperties, WriterProperties
from deltalake.exceptions import DeltaError

from schemas import SCHEMA_VERSION
from schemas.versions import stamped_version, version_of
from zharchive.archive.location import ArchivePath, archive_root, storage_options
from zharchive.archive.log import check_log, quick_damage
from zharchive.archive.staging import SCHEMAS, TABLES, TableName
from zharchive.errors import ArchiveError
from zharchive.objects import StorePath
from zharchive.sources import display_path

WRITER_PROPERTIES = WriterProperties(compression="ZSTD", compression_level=3)
# Every commit's own JSON file holds its provenance and the sha256 of the files it adds
# (zharchive/archive/log.py): deltalake's default deletes commit files older than 30 days once a
# checkpoint stands for them (every 100 commits), and with them that record. Checkpoints stay.
KEEP_LOG = PostCommitHookProperties(create_checkpoint=True, cleanup_expired_logs=False)
# deltalake parses a table's path as a URL: these characters (and %XX, which it decodes) make it
# panic or open another folder than the one it writes, so an archive path with them is refused.
# With # or ? (a URL's fragment and query) it writes the table but history() reads nothing of it
# back, so verify, export and package failed and a dead run could not be settled (issue 18).
_PATH_CHARACTERS_DELTALAKE_REFUSES = re.compile(r"[\[\]|\\^#?\x00-\x1f\x7f]|%[0-9A-Fa-f]{2}")
# How deltalake's object store (through deltalake or a pyarrow dataset) says a data file the log
# lists is not on disk, as a FileNotFoundError with no ``filename``.
_MISSING_OBJECT = re.compile(r"Object at location (.+?) not found")


def append_actions(table: DeltaTable, actions: Sequence[Any], *, properties: CommitProperties) -> None:
    """One commit of ``actions`` (add and remove actions) on ``table`` as it stands, with the
    commit's metadata, keeping the log (``KEEP_LOG``): how every zharchive commit but a table's
    first is made."""
    table.create_write_transaction(
        list(actions),
        mode="append",
        schema=table.schema(),
        commit_properties=properties,
        post_commithook_properties=KEEP_LOG,
    )


def table_uri(archive: ArchivePath, name: TableName) -> str:
    """The table's local path (or ``s3://`` URI), as deltalake is given it. Raises ``ArchiveError``
    for a path it cannot open (see ``_PATH_CHARACTERS_DELTALAKE_REFUSES``; a name that is not UTF-8)."""
    root = archive_root(archive)
    if isinstance(root, StorePath):
        return str(root / name)
    path = str(root / name)
    shown = display_path(path)
    refused = _PATH_CHARACTERS_DELTALAKE_REFUSES.search(shown) if shown == path else None
    if shown != path or refused:
        what = repr(refused.group()) if refused else "bytes that are not UTF-8"
        raise ArchiveError(
            f"the archive path {shown} has {what} in it, which deltalake cannot open a table under; "
            "choose an archive folder without it"
        )
    return path


def table_root(archive: ArchivePath, name: TableName) -> ArchivePath:
    """The table's folder (or prefix), checked as ``table_uri`` checks it."""
    root = archive_root(archive)
    table_uri(root, name)
    return root / name


def open_table(archive: ArchivePath, name: TableName, *, version: int | None = None) -> DeltaTable | None:
    """The table (None if it was never written). Raises ``ArchiveError`` naming the commit file
    when its log is damaged: an empty or missing commit file is seen in the log's listing before
    deltalake reads past it (it takes an emptied newest commit for one without changes); a garbled
    one is found when deltalake fails on it."""
    uri = table_uri(archive, name)
    options = storage_options(archive)
    if not DeltaTable.is_deltatable(uri, storage_options=options):
        return None
    try:
        damage = quick_damage(archive, name)
    except OSError as exc:  # the store did not answer: one line, not a traceback
        raise ArchiveError(f"the {name} table at {uri} cannot be read: {exc}") from None
    if damage is not None:
        raise ArchiveError(damage.message(archive))
    try:
        return DeltaTable(uri, version=version, storage_options=options)
    except DeltaError as exc:
        check_log(archive, name)  # names the garbled file, if that is what failed
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ArchiveError(f"the {name} table at {uri} cannot be read: {first_line}") from None


def check_archive_path(archive: ArchivePath) -> None:
    """``archive`` can hold the tables: a folder (or not there yet) whose table folders are not
    files and whose path deltalake can open. What the CLI checks of ``--archive`` before a run.
    On an object store: that the bucket answers a listing (an object and a "folder" may share a
    name there, so nothing else can be wrong in the same way)."""
    if isinstance(archive, StorePath):
        try:
            archive.is_dir()
        except OSError as exc:
            raise ArchiveError(f"cannot reach the archive {archive}: {exc}") from None
        return
    root = Path(archive)
    if root.exists() and not root.is_dir():
        raise ArchiveError(
            f"{root} is a file, not an archive folder: --archive names the folder of the tables"
        )
    for name in TABLES:
        table_uri(archive, name)
        if (root / name).exists() and not (root / name).is_dir():
            raise ArchiveError(f"{root / name} is a file where the {name} table belongs; move it away")


def check_logs(archive: ArchivePath) -> None:
    """Every table of the archive that exists opens: raises ``ArchiveError`` naming a damaged
    commit file (``open_table``). What ``ingest`` checks before it starts Prefect."""
    for name in TABLES:
        open_table(archive, name)


def check_schema(archive: ArchivePath) -> None:
    """``check_archive_path``, and every table in the archive has at least the columns this version
    writes. Raises ``ArchiveError`` saying what is wrong; ``archive_lock`` calls it before a run
    writes anything. An archive an earlier zharchive wrote (its columns are an earlier version's of
    ``schemas/versions.py``) is told to run ``zharchive upgrade``."""
    check_archive_path(archive)
    older: list[str] = []
    for name in TABLES:
        table = open_table(archive, name)
        if table is None:
            continue
        have = {f.name for f in table.schema().fields}
        missing = [f.name for f in SCHEMAS[name] if f.name not in have]
        if not missing:
            continue
        version = version_of(name, set(missing))
        if version is not None:
            # Columns alone cannot tell 1.3.0 from 1.2.0 (1.3.0 added none): the newest commit's
            # stamp can, as `zharchive upgrade` reads it.
            newest = table.history(1)
            stamp = newest[0].get("zharchive.schema_version") if newest else None
            version = stamped_version(name, version, stamp if isinstance(stamp, str) else None)
        if version is None:
            raise ArchiveError(
                f"{table_uri(archive, name)} lacks columns {missing}: it was written by another version "
                "of zharchive, or is not a zharchive table"
            )
        older.append(f"{name} at schema {version}")
    if older:
        folder = display_path(str(archive_root(archive)))
        command = f"zharchive upgrade --archive {shlex.quote(folder)}"
        raise ArchiveError(
            f"{folder} was written by an earlier zharchive ({', '.join(older)}; this one writes "
            f"{SCHEMA_VERSION}): run `{command}` first, which adds the new columns and keeps every "
            "older version readable"
        )


def commit_of(table: DeltaTable, run_id: str) -> dict[str, Any] | None:
    """The commit (its history entry) that carries ``run_id`` in its metadata. ``table`` is loaded
    at its newest version: deltalake numbers an older table's history from the loaded version."""
    return next((c for c in table.history() if c.get("zharchive.run_id") == run_id), None)


def committed_version(table: DeltaTable, run_id: str) -> int | None:
    """The table version whose commit carries ``run_id`` in its metadata."""
    commit = commit_of(table, run_id)
    return None if commit is None else int(commit["version"])


def check_data_files(
    archive: ArchivePath, names: tuple[TableName, ...] = ("documents", "quarantine")
) -> None:
    """Every data file the newest version of ``names`` lists is on disk; else ``ArchiveError``
    naming the first one gone. What ``ingest`` checks before Prefect starts: planning a run reads
    both tables whole, and a failure there is a task's traceback in the run's log."""
    for name in names:
        table = open_table(archive, name)
        root = archive_root(archive)
        if isinstance(root, StorePath):
            # One listing of the table's prefix, not a request per file.
            have = {str(path) for path, _size in (root / name).walk_files()}
            for uri in [] if table is None else table.file_uris():
                if uri not in have:
                    raise _missing(archive, uri)
            continue
        for uri in [] if table is None else table.file_uris():
            if not os.path.lexists(uri):
                raise _missing(archive, uri)


def _missing(archive: ArchivePath, path: str) -> ArchiveError:
    return ArchiveError(
        f"{display_path(path)} is missing: the Delta log lists this data file but it is not "
        f"on disk; run `zharchive verify --archive {display_path(str(archive_root(archive)))}` "
        "to list every damaged file, and `zharchive verify --repair` to take the lost files out "
        "(then an ingest of their sources makes their rows again)"
    )


def missing_data_file(archive: ArchivePath, exc: BaseException) -> ArchiveError | None:
    """The one line for a data file the Delta log lists that is gone from disk, when ``exc`` is
    deltalake's word for that; None for any other failure."""
    found = _MISSING_OBJECT.search(str(exc)) if isinstance(exc, OSError | DeltaError) else None
    return None if found is None else _missing(archive, found.group(1))


@contextmanager
def naming_missing_files(archive: ArchivePath) -> Iterator[None]:
    """Raise ``missing_data_file``'s ``ArchiveError`` instead of the traceback of a read that
    found a listed data file gone; any other error goes on as it is."""
    try:
        yield
    except (OSError, DeltaError) as exc:
        error = missing_data_file(archive, exc)
        if error is None:
            raise
        raise error from None
