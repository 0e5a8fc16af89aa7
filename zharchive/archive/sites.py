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

from collections.abc import Iterator, Sequence
from datetime import UTC, datetime

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
from deltalake import CommitProperties, DeltaTable, WriterProperties, write_deltalake

from zharchive.archive.location import ArchivePath, archive_root, entries, read_parquet, storage_options
from zharchive.archive.staging import staging_dir
from zharchive.archive.tables import KEEP_LOG
from zharchive.errors import ArchiveError
from zharchive.objects import StorePath

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


def merged(existing: pa.Table | None, added: pa.Table, *, now: datetime, run_id: str) -> pa.Table:
    """The table after a run: ``added`` (site, line_hash, pages_sum: the run's counts) joined to the
    ``existing`` rows in Arrow. A row the run counted grows by its count, keeps its first_seen (now
    when new) and takes now and the run as its last; the others stay as they were. Sorted by site,
    then line hash. Row by row in Python this took 0.86 of the 3.2 CPU s a 20,000-page run's
    commit cost (/tmp/commit_profile.py: the run staged by ingest_batch, then commit_run profiled)."""
    old = SITES_SCHEMA.empty_table() if existing is None else existing.cast(SITES_SCHEMA)
    counted = added.select(["site", "line_hash", "pages_sum"])
    both = old.join(counted, keys=["site", "line_hash"], join_type="full outer")
    seen = pc.is_valid(both.column("pages_sum"))
    pages = pc.add(pc.fill_null(both.column("pages_seen"), 0), pc.fill_null(both.column("pages_sum"), 0))
    stamp = pa.scalar(now, SITES_SCHEMA.field("last_seen").type)
    table = pa.table(
        {
            "site": both.column("site"),
            "line_hash": both.column("line_hash"),
            "pages_seen": pages,
            "first_seen": pc.fill_null(both.column("first_seen"), stamp),
            "last_seen": pc.if_else(seen, stamp, both.column("last_seen")),
            "run_id": pc.if_else(seen, pa.scalar(run_id), both.column("run_id")),
        }
    ).cast(SITES_SCHEMA)
    return table.sort_by([("site", "ascending"), ("line_hash", "ascending")]).combine_chunks()


# Rows of the table merged at once: a run's commit reads, merges and writes the table a range of
# sites at a time (``_ranges``), so it never holds the whole table and the run's rows together. A
# 200,000-page run of the generated corpus (1.2 M rows, 200 sites) added 510 MiB to its commit's
# peak merged whole; 383 MiB by ranges of 1 M rows, 195 by 200,000, 77 by 50,000, for the same
# CPU (2.0-2.4 s: each range reads the run's staged counts again, a few MB of ZSTD).
MERGE_ROWS = 50_000
ROW_GROUP_ROWS = 50_000


def commit_sites(
    archive: ArchivePath,
    run_id: str,
    app_id: str,
    properties: CommitProperties,
    *,
    merge_rows: int = MERGE_ROWS,
    now: datetime | None = None,
) -> int | None:
    """The run's staged site counts added to ``ARCHIVE/sites`` as one new version (created with
    the run's first counts). None when the run staged none, or when this run's commit is in the
    table already (a retried commit). The table is rewritten whole, streamed a range of sites at
    a time (``merge_rows``): it holds lines, not pages (prose is never kept), ~6 rows a page of the
    generated corpus for a site's distinct non-prose lines. ``now``: the commit's time (the rows'
    first_seen and last_seen), the clock's unless given."""
    staged = entries(staging_dir(archive, run_id) / SITES, "batch-*.parquet")
    uri = sites_uri(archive)
    options = storage_options(archive)
    exists = DeltaTable.is_deltatable(uri, storage_options=options)
    if exists and DeltaTable(uri, storage_options=options).transaction_version(app_id) is not None:
        return None
    if not staged:
        return None
    existing = DeltaTable(uri, storage_options=options).to_pyarrow_dataset() if exists else None
    now = now or datetime.now(UTC)
    sources = [_source(path) for path in staged]

    def batches() -> Iterator[pa.RecordBatch]:
        for low, high in _ranges(existing, sources, merge_rows):
            within = (ds.field("site") >= low) & (ds.field("site") <= high)
            added = (
                pa.concat_tables([source.to_table(filter=within) for source in sources])
                .group_by(["site", "line_hash"])
                .aggregate([("pages", "sum")])
            )
            old = None if existing is None else existing.to_table(filter=within)
            yield from merged(old, added, now=now, run_id=run_id).to_batches()
            del added, old
            pa.default_memory_pool().release_unused()

    write_deltalake(
        uri,
        pa.RecordBatchReader.from_batches(SITES_SCHEMA, batches()),
        storage_options=options,
        mode="overwrite",
        name=SITES,
        commit_properties=properties,
        post_commithook_properties=KEEP_LOG,
        # Row groups of a range's size or less, so the next commit's range reads skip the others by
        # their statistics (the table is written sorted by site); SNAPPY as deltalake writes by
        # default (given properties, it would write them uncompressed).
        writer_properties=WriterProperties(max_row_group_size=ROW_GROUP_ROWS, compression="SNAPPY"),
    )
    return DeltaTable(uri, storage_options=options).version()


def _source(path: ArchivePath) -> ds.Dataset:
    """A staged counts file to read a range of sites from (an object's bytes on a store: a few
    hundred KB a batch)."""
    if isinstance(path, StorePath):
        return ds.dataset(read_parquet(path))
    return ds.dataset(str(path), format="parquet")


def _ranges(
    existing: ds.Dataset | None, sources: Sequence[ds.Dataset], merge_rows: int
) -> list[tuple[str, str]]:
    """The sites of the table and of the run, in the order the table is sorted by, cut into
    ranges (first site, last site) of about ``merge_rows`` rows (rows of the table and staged
    rows of the run; a site is never cut). Only the site column is read, a batch at a time."""
    counts: dict[str, int] = {}
    for dataset in [*([existing] if existing is not None else []), *sources]:
        for batch in dataset.to_batches(columns=["site"]):
            for entry in pc.value_counts(batch.column("site").cast(pa.string())).to_pylist():
                counts[entry["values"]] = counts.get(entry["values"], 0) + entry["counts"]
    sites = pa.array(list(counts), pa.string())
    ordered = sites.take(pc.sort_indices(sites)).to_pylist()
    ranges: list[tuple[str, str]] = []
    start, rows = 0, 0
    for at, site in enumerate(ordered):
        rows += counts[site]
        if rows >= merge_rows or at == len(ordered) - 1:
            ranges.append((ordered[start], site))
            start, rows = at + 1, 0
    return ranges
