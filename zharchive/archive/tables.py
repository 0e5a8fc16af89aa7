"""The archive's three Delta tables on disk: where each is, opening one, and whether its columns are ours.

Every other archive module reaches a table through ``table_uri``/``open_table``, so the one rule about
paths deltalake cannot open lives here.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from deltalake import DeltaTable, WriterProperties

from zharchive.archive.staging import SCHEMAS, TABLES, TableName
from zharchive.errors import ArchiveError
from zharchive.sources import display_path

WRITER_PROPERTIES = WriterProperties(compression="ZSTD", compression_level=3)
# deltalake parses a table's path as a URL: these characters (and %XX, which it decodes) make it
# panic or open another folder than the one it writes, so an archive path with them is refused.
# With # or ? (a URL's fragment and query) it writes the table but history() reads nothing of it
# back, so verify, export and package failed and a dead run could not be settled (issue 18).
_PATH_CHARACTERS_DELTALAKE_REFUSES = re.compile(r"[\[\]|\\^#?\x00-\x1f\x7f]|%[0-9A-Fa-f]{2}")


def table_uri(archive: Path, name: TableName) -> str:
    """The table's local path, as deltalake is given it. Raises ``ArchiveError`` for a path it
    cannot open (see ``_PATH_CHARACTERS_DELTALAKE_REFUSES``; a name that is not UTF-8)."""
    path = str(Path(archive).resolve() / name)
    shown = display_path(path)
    refused = _PATH_CHARACTERS_DELTALAKE_REFUSES.search(shown) if shown == path else None
    if shown != path or refused:
        what = repr(refused.group()) if refused else "bytes that are not UTF-8"
        raise ArchiveError(
            f"the archive path {shown} has {what} in it, which deltalake cannot open a table under; "
            "choose an archive folder without it"
        )
    return path


def open_table(archive: Path, name: TableName, *, version: int | None = None) -> DeltaTable | None:
    uri = table_uri(archive, name)
    if not DeltaTable.is_deltatable(uri):
        return None
    return DeltaTable(uri, version=version)


def check_archive_path(archive: Path) -> None:
    """``archive`` can hold the tables: a folder (or not there yet) whose table folders are not
    files and whose path deltalake can open. What the CLI checks of ``--archive`` before a run."""
    root = Path(archive)
    if root.exists() and not root.is_dir():
        raise ArchiveError(
            f"{root} is a file, not an archive folder: --archive names the folder of the tables"
        )
    for name in TABLES:
        table_uri(archive, name)
        if (root / name).exists() and not (root / name).is_dir():
            raise ArchiveError(f"{root / name} is a file where the {name} table belongs; move it away")


def check_schema(archive: Path) -> None:
    """``check_archive_path``, and every table in the archive has at least the columns this version
    writes. Raises ``ArchiveError`` saying what is wrong; ``archive_lock`` calls it before a run
    writes anything."""
    check_archive_path(archive)
    for name in TABLES:
        table = open_table(archive, name)
        if table is None:
            continue
        have = {f.name for f in table.schema().fields}
        missing = [f.name for f in SCHEMAS[name] if f.name not in have]
        if missing:
            raise ArchiveError(
                f"{table_uri(archive, name)} lacks columns {missing}: it was written by another version "
                "of zharchive, or is not a zharchive table"
            )


def commit_of(table: DeltaTable, run_id: str) -> dict[str, Any] | None:
    """The commit (its history entry) that carries ``run_id`` in its metadata. ``table`` is loaded
    at its newest version: deltalake numbers an older table's history from the loaded version."""
    return next((c for c in table.history() if c.get("zharchive.run_id") == run_id), None)


def committed_version(table: DeltaTable, run_id: str) -> int | None:
    """The table version whose commit carries ``run_id`` in its metadata."""
    commit = commit_of(table, run_id)
    return None if commit is None else int(commit["version"])
