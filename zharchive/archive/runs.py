"""The ``runs`` table: one row per run, appended once (its app transaction makes a retry a no-op)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from deltalake import Schema as DeltaSchema
from deltalake.transaction import create_table_with_add_actions

from schemas import RunRecord
from zharchive.archive.commit import Provenance, add_action, file_sha256
from zharchive.archive.location import ArchivePath, storage_options, write_parquet
from zharchive.archive.log import chain_metadata
from zharchive.archive.staging import SCHEMAS, to_arrow
from zharchive.archive.tables import KEEP_LOG, append_actions, open_table, table_root
from zharchive.errors import cannot_write


def run_file_name(run_id: str) -> str:
    """The run's row's data file: one name per run, so a retried write replaces its own file."""
    return f"part-{run_id}-run.zstd.parquet"


def append_run(archive: ArchivePath, run: RunRecord, provenance: Provenance) -> int:
    """Append the run's row. Its data file is written here, not by write_deltalake, so that its
    sha256 goes into the commit that adds it, as every other table's files' do."""
    with cannot_write("record the run in the runs table", archive):
        return _append_run(archive, run, provenance)


def _append_run(archive: ArchivePath, run: RunRecord, provenance: Provenance) -> int:
    existing = open_table(archive, "runs")
    if existing is not None and existing.transaction_version(provenance.app_id) is not None:
        return existing.version()
    root = table_root(archive, "runs")
    root.mkdir(parents=True, exist_ok=True)
    relative = run_file_name(provenance.run_id)
    write_parquet(to_arrow([run], "runs"), root / relative, compression="zstd", compression_level=3)
    add = add_action(root, relative)
    properties = provenance.commit_properties(
        files={relative: file_sha256(root / relative)}, chain=chain_metadata(archive, "runs")
    )
    if existing is None:
        create_table_with_add_actions(
            str(root),
            DeltaSchema.from_arrow(SCHEMAS["runs"]),
            [add],
            mode="error",
            name="runs",
            storage_options=storage_options(archive),
            commit_properties=properties,
            post_commithook_properties=KEEP_LOG,
        )
    else:
        append_actions(existing, [add], properties=properties)
    table = open_table(archive, "runs")
    assert table is not None
    return table.version()


def read_runs(archive: ArchivePath) -> list[dict[str, Any]]:
    table = open_table(archive, "runs")
    if table is None:
        return []
    rows: list[dict[str, Any]] = table.to_pyarrow_table().sort_by("started_at").to_pylist()
    return rows


def iter_counts(counter: Iterable[tuple[str, int]]) -> list[dict[str, Any]]:
    return [{"key": k, "count": int(v)} for k, v in sorted(counter)]
