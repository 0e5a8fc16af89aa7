"""Every schema version of the archive's tables, oldest first: what each changed, and which commit of
this repository first wrote it. ``schemas/CHANGELOG.md`` says the same for people.

Until 1.3.0 every zharchive stamped ``schema_version = "1.0.0"`` on its rows and commits whatever
columns it wrote, so an archive's version is told by its tables' columns (``version_of``), never
by that stamp.
"""

from __future__ import annotations

from collections.abc import Mapping, Set
from dataclasses import dataclass, field


@dataclass(frozen=True)
class SchemaVersion:
    version: str
    # the first commit of this repository that wrote it (None: the commit that added this file)
    commit: str | None
    summary: str
    # table → columns this version added (the tables of 1.0.0: documents, quarantine, runs)
    added: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


SCHEMA_VERSIONS: tuple[SchemaVersion, ...] = (
    SchemaVersion(
        "1.0.0",
        "c014dd8",
        "the three tables: documents, quarantine, runs",
    ),
    SchemaVersion(
        "1.1.0",
        "84611f5",
        "documents record their script, a Simplified body for Traditional text and cleaning caveats",
        {"documents": ("script", "body_simplified", "clean_flags")},
    ),
    SchemaVersion(
        "1.2.0",
        "4b82c6e",
        "runs list the data files each run added, with their sha256",
        {"runs": ("added_files",)},
    ),
    SchemaVersion(
        "1.3.0",
        None,
        "no new column: documents.clean_flags and runs.added_files may be null, meaning not recorded "
        "(rows made before the column existed, brought to this version by `zharchive upgrade`); "
        "schema_version is stamped with the real version from now on",
    ),
    SchemaVersion(
        "1.4.0",
        None,
        "documents keep the MinHash signature of their body and point to the earliest archived "
        "document they are a near-duplicate of (near_duplicate_of, near_duplicate_score); "
        "--reprocess keeps a document's ingested_at",
        {"documents": ("minhash", "near_duplicate_of", "near_duplicate_score")},
    ),
)
CURRENT = SCHEMA_VERSIONS[-1].version


def added_since(version: str) -> dict[str, list[tuple[str, str]]]:
    """table → (column, the version that added it) for every column added after ``version``."""
    later = [v.version for v in SCHEMA_VERSIONS].index(version) + 1
    added: dict[str, list[tuple[str, str]]] = {}
    for step in SCHEMA_VERSIONS[later:]:
        for table, columns in step.added.items():
            added.setdefault(table, []).extend((column, step.version) for column in columns)
    return added


def version_of(table: str, missing: Set[str]) -> str | None:
    """The schema version of a table that lacks the ``missing`` columns (of those the current version
    has): the newest version whose ``table`` has exactly its columns, of the versions that changed
    columns (a table with 1.3.0's columns is 1.2.0's: 1.3.0 added none). None when one of them is
    in no version's additions (not a zharchive table, or one the history does not know)."""
    changed = [step for step in SCHEMA_VERSIONS if step.added or step is SCHEMA_VERSIONS[0]]
    found = changed[-1].version
    for step in reversed(changed):
        if not missing:
            break
        added = set(step.added.get(table, ()))
        if added & missing:
            missing = missing - added
            found = changed[changed.index(step) - 1].version
    return None if missing else found


def stamped_version(table: str, by_columns: str, stamped: str | None) -> str:
    """A table's version told by its columns (``by_columns``, from ``version_of``), made exact by the
    version its newest commit was stamped with (``zharchive.schema_version``; real since 1.3.0): the
    stamp when it is a version with the same columns of ``table`` (1.3.0's documents have 1.2.0's
    columns), else ``by_columns`` (every zharchive before 1.3.0 stamped 1.0.0)."""
    names = [v.version for v in SCHEMA_VERSIONS]
    if stamped not in names or names.index(stamped) < names.index(by_columns):
        return by_columns
    between = SCHEMA_VERSIONS[names.index(by_columns) + 1 : names.index(stamped) + 1]
    return by_columns if any(table in step.added for step in between) else stamped
