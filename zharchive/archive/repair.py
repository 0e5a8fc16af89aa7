"""``zharchive verify --repair``: data files the log lists that are gone from disk, taken out of the
live version and recorded as lost, so that the archive reads again and the next ingest of their
sources makes their rows anew.

A lost file's rows cannot be rebuilt from the archive (the file was their only copy), but from
their sources: once the file is out of the live version, its sources are unknown to the archive,
and an ingest of the run's sources archives them again (every other file is unchanged). The repair
is one commit per damaged table removing the lost files (older versions still name them: time
travel to those fails on them, as it would before), with the lost files, their row counts and
recorded sha256 in the commit's metadata, and a ``runs`` row saying what was lost and which run's
sources hold it. Under the archive lock, like an ingest.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
from deltalake.transaction import AddAction, RemoveAction

from schemas import SCHEMA_VERSION, RunRecord, Skipped
from zharchive import pipeline_version
from zharchive.archive.commit import Provenance, remove_action
from zharchive.archive.handoff import log_problems, recorded_hashes, verify
from zharchive.archive.log import chain_metadata
from zharchive.archive.runs import append_run
from zharchive.archive.staging import TableName
from zharchive.archive.tables import append_actions, open_table
from zharchive.errors import ArchiveError


@dataclass(frozen=True)
class LostFile:
    table: TableName
    path: str
    rows: int | None  # as the log's statistics counted them
    added_by: str | None  # the run whose commit added it, when the runs table says
    sources: tuple[str, ...] = ()  # that run's sources: an ingest of them makes the rows again


@dataclass
class Repair:
    run_id: str
    lost: list[LostFile] = field(default_factory=list)
    versions: dict[str, int] = field(default_factory=dict)  # table -> the version the repair made

    def sources(self) -> list[str]:
        return sorted({source for lost in self.lost for source in lost.sources})


def repair_missing(archive: Path) -> Repair:
    """Take every live data file that is not on disk out of its table, one commit per table, and
    record the loss in ``runs``. Refused while the archive has other damage (a garbled log, a file
    whose bytes changed): those are not this repair's to hide."""
    from zharchive.archive.lock import archive_lock

    run_id = f"repair-{datetime.now(UTC):%Y%m%dT%H%M%SZ}"
    started = datetime.now(UTC)
    with archive_lock(archive, run_id=run_id):
        report = verify(archive)
        others = [p for p in report.problems if p.status != "missing"]
        if others:
            raise ArchiveError(
                f"{len(others)} problems besides missing data files (first: {others[0].line()}); "
                "--repair takes out only files that are gone"
            )
        repair = Repair(run_id)
        missing = [p for p in report.problems if p.status == "missing"]
        if not missing:
            return repair
        added_by = _runs_that_added(archive, lost={(p.table, p.path) for p in missing})
        provenance = Provenance(run_id, None, pipeline_version(), "-", SCHEMA_VERSION)
        hashes = recorded_hashes(archive, log_problems(archive)[0])
        for name in ("documents", "quarantine", "runs"):
            paths = [p.path for p in missing if p.table == name]
            if not paths:
                continue
            lost = _remove(archive, name, paths, provenance, hashes)
            for path in paths:
                run, sources = added_by.get((name, path), (None, ()))
                repair.lost.append(LostFile(name, path, lost.get(path), run, sources))
            table = open_table(archive, name)
            assert table is not None
            repair.versions[name] = table.version()
        append_run(archive, _run_row(archive, repair, started), provenance)
        return repair


def _runs_that_added(
    archive: Path, *, lost: set[tuple[str, str]]
) -> dict[tuple[str, str], tuple[str, tuple[str, ...]]]:
    """(table, path) -> (the run that added it, that run's sources), from the runs table; nothing
    when a runs file is among the lost (its rows cannot be read)."""
    if any(table == "runs" for table, _ in lost):
        return {}
    runs = open_table(archive, "runs")
    if runs is None:
        return {}
    found: dict[tuple[str, str], tuple[str, tuple[str, ...]]] = {}
    for row in runs.to_pyarrow_table(columns=["run_id", "sources", "added_files"]).to_pylist():
        for added in row["added_files"] or []:
            key = (added["table"], added["path"])
            if key in lost:
                found[key] = (row["run_id"], tuple(row["sources"] or ()))
    return found


def _remove(
    archive: Path,
    name: TableName,
    paths: Sequence[str],
    provenance: Provenance,
    hashes: Mapping[tuple[str, str], tuple[str, str]],
) -> dict[str, int | None]:
    """One commit removing ``paths`` from ``name``'s live version; the rows each held, by the log."""
    table = open_table(archive, name)
    assert table is not None
    live = {a["path"]: a for a in pa.table(table.get_add_actions(flatten=True)).to_pylist()}
    now = int(datetime.now(UTC).timestamp() * 1000)
    rows: dict[str, int | None] = {}
    actions: list[AddAction | RemoveAction] = []
    for path in paths:
        entry = live[path]
        count = entry.get("num_records")
        rows[path] = None if count is None else int(count)
        actions.append(remove_action(path, int(entry["size_bytes"]), now))
    lost = {path: {"rows": rows[path], "sha256": (hashes.get((name, path)) or ("",))[0]} for path in paths}
    properties = provenance.commit_properties(
        files={},
        chain=chain_metadata(archive, name),
        extra={"zharchive.operation": "verify --repair", "zharchive.lost": json.dumps(lost, sort_keys=True)},
    )
    append_actions(table, actions, properties=properties)
    return rows


def _run_row(archive: Path, repair: Repair, started: datetime) -> RunRecord:
    parameters: dict[str, Any] = {
        "operation": "verify --repair",
        "lost": [
            {"table": lost.table, "path": lost.path, "rows": lost.rows, "added_by": lost.added_by}
            for lost in repair.lost
        ],
    }
    return RunRecord(
        run_id=repair.run_id,
        flow_run_id=None,
        started_at=started,
        finished_at=datetime.now(UTC),
        sources=repair.sources(),
        archive=str(Path(archive).resolve()),
        parameters=json.dumps(parameters, sort_keys=True),
        input_files=0,
        documents_written=0,
        quarantined=0,
        unchanged=0,
        skipped=[
            Skipped(
                path=f"{lost.table}/{lost.path}",
                reason=f"lost (the data file is gone from disk; {_rows(lost.rows)} taken out of the "
                "live version; an ingest of the sources of the run that added it makes them again)",
            )
            for lost in repair.lost
        ],
        documents_version=repair.versions.get("documents"),
        quarantine_version=repair.versions.get("quarantine"),
        added_files=[],
        encodings=[],
        decode_methods=[],
        rules_fired=[],
        quarantine_stages=[],
        pipeline_version=pipeline_version(),
        rules_version="-",
        schema_version=SCHEMA_VERSION,
    )


def _rows(count: int | None) -> str:
    return "its rows" if count is None else f"its {count} row{'s' * (count != 1)}"
