"""The ``runs`` table: one row per run, appended once (its app transaction makes a retry a no-op)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from deltalake import write_deltalake

from schemas import RunRecord
from zharchive.archive.commit import Provenance
from zharchive.archive.staging import to_arrow
from zharchive.archive.tables import WRITER_PROPERTIES, open_table, table_uri


def append_run(archive: Path, run: RunRecord, provenance: Provenance) -> int:
    existing = open_table(archive, "runs")
    if existing is not None and existing.transaction_version(provenance.app_id) is not None:
        return existing.version()
    write_deltalake(
        table_uri(archive, "runs"),
        to_arrow([run], "runs"),
        mode="append",
        name="runs",
        writer_properties=WRITER_PROPERTIES,
        commit_properties=provenance.commit_properties(),
    )
    table = open_table(archive, "runs")
    assert table is not None
    return table.version()


def read_runs(archive: Path) -> list[dict[str, Any]]:
    table = open_table(archive, "runs")
    if table is None:
        return []
    rows: list[dict[str, Any]] = table.to_pyarrow_table().sort_by("started_at").to_pylist()
    return rows


def iter_counts(counter: Iterable[tuple[str, int]]) -> list[dict[str, Any]]:
    return [{"key": k, "count": int(v)} for k, v in sorted(counter)]
