"""``ARCHIVE/sites``: each site's profile (``zharchive.sites``) as a Delta table, one row per site and
line hash, updated by each run's commit with the pages it archived, as one new version.

A batch stages the counts of the pages it archived (``_staging/<run_id>/sites/batch-*.parquet``,
``zharchive.batch``);
the run's commit adds them to the table: ``pages_seen`` grows by the run's count, ``first_seen`` is
the first run's commit time, ``last_seen`` and ``run_id`` the latest run's. The site's own row
(``line_hash`` = "") counts its pages. The commit carries the run's provenance and app transaction
(``properties``: ``Provenance.commit_properties``), so a retried commit is recognised and not made
twice.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pyarrow as pa
from deltalake import CommitProperties, DeltaTable, write_deltalake

from zharchive.archive.location import ArchivePath, archive_root, entries, read_parquet, storage_options
from zharchive.archive.staging import staging_dir
from zharchive.archive.tables import KEEP_LOG
from zharchive.errors import ArchiveError

SITES = "sites"
SITES_SCHEMA = pa.schema(
    [
        ("site", pa.string()),  # zharchive.sites.site_of: host:<host>, or the folder's URI
        ("line_hash", pa.string()),  # zharchive.sites.line_hash; "" is the site's own row (its pages)
        ("pages_seen", pa.int64()),
        ("first_seen", pa.timestamp("us", tz="UTC")),
        ("last_seen", pa.timestamp("us", tz="UTC")),
        ("run_id", pa.string()),  # the run that last changed the row
    ]
)


def sites_uri(archive: ArchivePath) -> str:
    """The table's local path or ``s3://`` URI (``tables.table_uri`` for the three public tables)."""
    return str(archive_root(archive) / SITES)


def live_files(archive: ArchivePath) -> list[str]:
    """The data files of the sites table's newest version (none when there is no table): what a
    run's batches read their sites' profiles from (local paths, or ``s3://`` URIs)."""
    uri = sites_uri(archive)
    options = storage_options(archive)
    if not DeltaTable.is_deltatable(uri, storage_options=options):
        return []
    try:
        return list(DeltaTable(uri, storage_options=options).file_uris())
    except Exception as exc:  # a damaged log: one line, not a traceback in a task
        raise ArchiveError(
            f"the sites table at {uri} cannot be read: {str(exc).strip().splitlines()[0]}"
        ) from None


def commit_sites(archive: ArchivePath, run_id: str, app_id: str, properties: CommitProperties) -> int | None:
    """The run's staged site counts added to ``ARCHIVE/sites`` as one new version (created with
    the run's first counts). None when the run staged none, or when this run's commit is in the
    table already (a retried commit). The table is rewritten whole: it holds lines, not pages
    (prose is never kept), ~15 rows a page for a site's distinct non-prose lines."""
    staged = entries(staging_dir(archive, run_id) / SITES, "batch-*.parquet")
    uri = sites_uri(archive)
    options = storage_options(archive)
    exists = DeltaTable.is_deltatable(uri, storage_options=options)
    if exists and DeltaTable(uri, storage_options=options).transaction_version(app_id) is not None:
        return None
    if not staged:
        return None
    added = (
        pa.concat_tables([read_parquet(path) for path in staged])
        .group_by(["site", "line_hash"])
        .aggregate([("pages", "sum")])
    )
    now = datetime.now(UTC)
    rows: dict[tuple[str, str], list[object]] = {}
    if exists:
        for row in DeltaTable(uri, storage_options=options).to_pyarrow_table().to_pylist():
            rows[(row["site"], row["line_hash"])] = [
                row["pages_seen"],
                row["first_seen"],
                row["last_seen"],
                row["run_id"],
            ]
    for site, hashed, pages in zip(
        *(added.column(c).to_pylist() for c in ("site", "line_hash", "pages_sum")), strict=True
    ):
        old = rows.get((site, hashed))
        rows[(site, hashed)] = [pages + (old[0] if old else 0), old[1] if old else now, now, run_id]
    keys = sorted(rows)
    table = pa.table(
        {
            "site": [k[0] for k in keys],
            "line_hash": [k[1] for k in keys],
            "pages_seen": [rows[k][0] for k in keys],
            "first_seen": [rows[k][1] for k in keys],
            "last_seen": [rows[k][2] for k in keys],
            "run_id": [rows[k][3] for k in keys],
        },
        schema=SITES_SCHEMA,
    )
    write_deltalake(
        uri,
        table,
        storage_options=options,
        mode="overwrite",
        name=SITES,
        commit_properties=properties,
        post_commithook_properties=KEEP_LOG,
    )
    return DeltaTable(uri, storage_options=options).version()
