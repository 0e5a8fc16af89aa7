"""``zharchive upgrade``: an archive written by an earlier zharchive brought to the current schema.

Each table that needs it gets exactly one new Delta version; every older version stays readable by
time travel, and no row is dropped or changed but for the columns added. A table needs it when:

- its columns are an earlier schema version's (``schemas/versions.py``): every live data file is
  rewritten with the columns added, filled as ingest would fill them where they can be derived from
  the stored columns, and null where not, with the reason in the commit (``FILLS``);
- some of its live data files carry the partial statistics of 0b91f44 to 4d8db58 (``source_uri``
  alone), which make deltalake's readers skip them under a filter on any other column: those files
  are rewritten as they are, with the row count alone as statistics, as zharchive commits today;
- some of its live data files it keeps have no sha256 recorded anywhere (written before zharchive
  hashed its files): their sha256 as they are now is recorded in the commit, as
  ``zharchive verify --adopt`` does.

Before anything is written every file it rewrites or keeps is checked: its sha256 against the one
recorded for it, if any, and in documents and quarantine every row's raw bytes against their
raw_sha256. Any mismatch refuses the whole upgrade. Each commit records the sha256 of every file it
adds, the chain it follows, and what it did (``zharchive.upgrade``), under the upgrade's own run id;
the upgrade is a row of ``runs`` (committed with the runs table's own upgrade, if it has one).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from deltalake import DeltaTable
from deltalake import Schema as DeltaSchema
from deltalake.transaction import AddAction, RemoveAction

from schemas import SCHEMA_VERSION, RunRecord
from schemas.versions import stamped_version, version_of
from zharchive import pipeline_version
from zharchive.archive.commit import Provenance, add_action, added_files, file_sha256, remove_action
from zharchive.archive.handoff import log_problems, recorded_hashes
from zharchive.archive.lock import archive_lock
from zharchive.archive.log import ADOPTED_KEY, chain_metadata
from zharchive.archive.runs import append_run, run_file_name
from zharchive.archive.staging import SCHEMAS, TABLES, TableName, to_arrow
from zharchive.archive.tables import KEEP_LOG, append_actions, check_archive_path, open_table, table_uri
from zharchive.errors import ArchiveError
from zharchive.sources import display_path

UPGRADE_KEY = "zharchive.upgrade"
# Statistics zharchive writes for every column but raw, as staging does (no min/max of raw bytes).
_STATISTICS = {name: [f for f in schema.names if f != "raw"] for name, schema in SCHEMAS.items()}


ScriptOf = Callable[[str], tuple[str | None, str | None]]


@dataclass(frozen=True)
class Fillers:
    """The functions of ingest that an upgrade fills added columns with. The archive layer imports
    no stage: the caller (the CLI) hands them over."""

    script_of: ScriptOf  # zharchive.stages.script.script_of
    signature: Callable[[str], bytes | None]  # zharchive.near_duplicates.stored_signature
    # doc_id → (minhash, near_duplicate_of, near_duplicate_score), matched over the whole table in
    # archive order before any file is rewritten (``_match_stored_bodies``); filled by ``upgrade``.
    near_duplicates: Mapping[str, tuple[bytes | None, str | None, float | None]] = field(default_factory=dict)


@dataclass(frozen=True)
class Fill:
    """How an added column is filled in rows made before it existed."""

    how: str  # said to the user and recorded in the commit
    # The columns' values from a data file's rows, computed once for every column that uses the
    # same function; None: null.
    derive: Callable[[pa.Table, Fillers], dict[str, pa.Array]] | None = None


def _from_body(rows: pa.Table, fillers: Fillers) -> dict[str, pa.Array]:
    """script and body_simplified of each stored body, by the function ingest uses."""
    pairs = [fillers.script_of(body) for body in rows.column("body").to_pylist()]
    return {
        "script": pa.array([script for script, _ in pairs], pa.string()),
        "body_simplified": pa.array([simplified for _, simplified in pairs], pa.string()),
    }


def _near_duplicate_columns(rows: pa.Table, fillers: Fillers) -> dict[str, pa.Array]:
    """The signature and pointer of each row, from the whole table's matching."""
    found = [fillers.near_duplicates[doc_id] for doc_id in rows.column("doc_id").to_pylist()]
    return {
        "minhash": pa.array([f[0] for f in found], pa.binary()),
        "near_duplicate_of": pa.array([f[1] for f in found], pa.string()),
        "near_duplicate_score": pa.array([f[2] for f in found], pa.float64()),
    }


def _match_stored_bodies(
    archive: Path, plan: TablePlan, fillers: Fillers
) -> dict[str, tuple[bytes | None, str | None, float | None]]:
    """Every live document's signature from its stored body (its Simplified form, derived as the
    upgrade derives it where the column is missing), then each one matched against the documents
    before it in archive order (``ingested_at``, then ``doc_id``), as ingest would have matched them
    one run after another. File by file: memory holds the signatures (512 bytes a document)."""
    from zharchive.minhash import find_matches, from_bytes

    root = Path(table_uri(archive, plan.table))
    signed: list[tuple[Any, str, bytes | None]] = []
    for path in plan.rewrite:
        parquet = pq.ParquetFile(root / path)
        have = set(parquet.schema_arrow.names)
        columns = [
            "doc_id",
            "ingested_at",
            "body",
            *(["body_simplified"] if "body_simplified" in have else []),
        ]
        for batch in parquet.iter_batches(batch_size=1_000, columns=columns):
            for row in batch.to_pylist():
                body = row["body"]
                simplified = (
                    row["body_simplified"] if "body_simplified" in have else fillers.script_of(body)[1]
                )
                signed.append((row["ingested_at"], row["doc_id"], fillers.signature(simplified or body)))
    signed.sort(key=lambda s: (s[0], s[1]))
    matches = {m.key: m for m in find_matches([s[1] for s in signed], [from_bytes(s[2]) for s in signed])}
    return {
        doc_id: (sig, *((matches[doc_id].of, matches[doc_id].score) if doc_id in matches else (None, None)))
        for _, doc_id, sig in signed
    }


_SIGNED = "from the stored body (body_simplified or body), as ingest signs it (zharchive.near_duplicates)"
_MATCHED = (
    "each document matched against those before it in archive order (ingested_at, then doc_id), "
    "as a run's commit matches its documents"
)
_SCRIPT_OF = "from body, as ingest computes it (zharchive.stages.script.script_of)"
FILLS: dict[tuple[TableName, str], Fill] = {
    ("documents", "script"): Fill(_SCRIPT_OF, _from_body),
    ("documents", "body_simplified"): Fill(_SCRIPT_OF, _from_body),
    ("documents", "clean_flags"): Fill(
        "null (not recorded): the cleaning that made these bodies kept no caveats, and cleaning raw "
        "again would describe another body; `zharchive ingest --reprocess` re-cleans and records them"
    ),
    ("documents", "minhash"): Fill(_SIGNED, _near_duplicate_columns),
    ("documents", "near_duplicate_of"): Fill(_MATCHED, _near_duplicate_columns),
    ("documents", "near_duplicate_score"): Fill(_MATCHED, _near_duplicate_columns),
    ("runs", "added_files"): Fill(
        "null (not recorded): these runs hashed no file, and a hash taken now would check the files "
        "against themselves; the upgrade's commits record the sha256 of every file they add or keep"
    ),
}


@dataclass
class TablePlan:
    """What the upgrade does to one table."""

    table: TableName
    version: int  # the newest version now
    schema_version: str  # told by its columns
    added: list[str] = field(default_factory=list)  # columns to add, in the current order
    rewrite: list[str] = field(default_factory=list)  # live data files rewritten
    partial_stats: list[str] = field(default_factory=list)  # of those, the ones with partial stats
    adopt: list[str] = field(default_factory=list)  # live files kept whose sha256 is recorded now
    rows: int = 0  # rows in the files rewritten
    sizes: dict[str, int] = field(default_factory=dict)  # live data file → its size in the log
    near_duplicates: int | None = None  # rows given a near_duplicate_of (when the upgrade adds it)

    @property
    def needed(self) -> bool:
        return bool(self.added or self.rewrite or self.adopt)

    def lines(self) -> list[str]:
        """What it does, for a person (the same in a dry run)."""
        if not self.needed:
            return [f"{self.table} (version {self.version}): at schema {SCHEMA_VERSION}, nothing to do"]
        head = f"{self.table} (version {self.version} → {self.version + 1}):"
        lines = []
        if self.added:
            lines.append(
                f"{head} schema {self.schema_version} → {SCHEMA_VERSION}: {_files(len(self.rewrite))} "
                f"rewritten ({_rows(self.rows)}), columns added:"
            )
            lines.extend(f"  {column}: {FILLS[(self.table, column)].how}" for column in self.added)
        elif self.partial_stats:
            lines.append(
                f"{head} {_files(len(self.partial_stats))} with the partial statistics of zharchive "
                f"0b91f44-4d8db58 rewritten as they are ({_rows(self.rows)}), so that no reader's "
                "filter skips them"
            )
        if self.adopt:
            lines.append(
                f"{head if not lines else ' '} sha256 recorded for {_files(len(self.adopt))} written "
                "before zharchive hashed its files, as they are now".lstrip()
            )
        return lines

    def record(self) -> dict[str, Any]:
        """What the commit and the runs row record of it."""
        return {
            "table": self.table,
            "from_version": self.version,
            "from_schema": self.schema_version,
            "to_schema": SCHEMA_VERSION,
            "columns_added": {column: FILLS[(self.table, column)].how for column in self.added},
            "rewritten": len(self.rewrite),
            "partial_statistics": len(self.partial_stats),
            "rows_rewritten": self.rows,
            "sha256_adopted": len(self.adopt),
            **({} if self.near_duplicates is None else {"near_duplicates": self.near_duplicates}),
        }


@dataclass(frozen=True)
class UpgradePlan:
    archive: Path
    tables: list[TablePlan]

    @property
    def needed(self) -> bool:
        return any(t.needed for t in self.tables)

    @property
    def schema_version(self) -> str:
        """The archive's version: its oldest table's."""
        versions = [t.schema_version for t in self.tables]
        return min(versions, key=lambda v: tuple(map(int, v.split(".")))) if versions else SCHEMA_VERSION


@dataclass(frozen=True)
class UpgradeResult:
    plan: UpgradePlan
    run_id: str
    versions: dict[TableName, int]  # table → the version the upgrade made


def _rows(count: int) -> str:
    return "1 row" if count == 1 else f"{count:,} rows"


def _files(count: int) -> str:
    return f"{count} data file" if count == 1 else f"{count} data files"


def table_schema_version(archive: Path, name: TableName, table: DeltaTable) -> tuple[str, list[str]]:
    """(the schema version a table's columns are, the current columns it lacks). Raises
    ``ArchiveError`` for a table that is no zharchive table of a version this one knows."""
    have = {f.name for f in table.schema().fields}
    unknown = sorted(have - set(SCHEMAS[name].names))
    where = display_path(table_uri(archive, name))
    if unknown:
        raise ArchiveError(
            f"{where} has columns this zharchive does not know ({', '.join(unknown)}): it was written "
            "by a newer zharchive, or is not a zharchive table; upgrade zharchive instead"
        )
    missing = [column for column in SCHEMAS[name].names if column not in have]
    version = version_of(name, set(missing))
    if version is None:
        raise ArchiveError(
            f"{where} lacks columns {missing}: it was written by another version of zharchive, or is "
            "not a zharchive table"
        )
    newest = table.history(1)
    stamp = newest[0].get("zharchive.schema_version") if newest else None
    return stamped_version(name, version, stamp if isinstance(stamp, str) else None), missing


def _has_partial_stats(entry: dict[str, Any], columns: Sequence[str]) -> bool:
    """A data file whose log statistics give the range of some columns and say nothing of others
    (deltalake then skips it under a filter on those others). The row count alone is no range."""
    rows = entry.get("num_records")
    covered = [
        entry.get(f"min.{c}") is not None or (rows is not None and entry.get(f"null_count.{c}") == rows)
        for c in columns
    ]
    return any(entry.get(f"min.{c}") is not None for c in columns) and not all(covered)


def plan_upgrade(archive: Path) -> UpgradePlan:
    """What ``upgrade`` would do, read from the logs alone (no data file is read)."""
    check_archive_path(archive)
    logs, problems = log_problems(archive)
    if problems:
        raise ArchiveError(
            f"the archive's log is damaged: {problems[0].line()}; `zharchive verify` lists every "
            "problem, and nothing is upgraded on a damaged log"
        )
    hashes = recorded_hashes(archive, logs)
    plans = []
    for name in TABLES:
        table = open_table(archive, name)
        if table is None:
            continue
        version, missing = table_schema_version(archive, name, table)
        live = pa.table(table.get_add_actions(flatten=True)).to_pylist()
        # The columns the log can hold a range of (deltalake lists min.<column> for each).
        ranged = [c for c in SCHEMAS[name].names if live and f"min.{c}" in live[0]]
        partial = [e["path"] for e in live if _has_partial_stats(e, ranged)]
        rewrite = {e["path"] for e in live} if missing else set(partial)
        plans.append(
            TablePlan(
                name,
                table.version(),
                version,
                added=missing,
                rewrite=[e["path"] for e in live if e["path"] in rewrite],
                partial_stats=partial,
                adopt=[
                    e["path"] for e in live if e["path"] not in rewrite and (name, e["path"]) not in hashes
                ],
                rows=sum(int(e["num_records"] or 0) for e in live if e["path"] in rewrite),
                sizes={e["path"]: int(e["size_bytes"]) for e in live},
            )
        )
    if not plans:
        raise ArchiveError(
            f"{display_path(str(Path(archive).resolve()))} holds no zharchive table to upgrade"
        )
    return UpgradePlan(Path(archive).resolve(), plans)


def _check_file(
    archive: Path, plan: TablePlan, path: str, recorded: dict[tuple[str, str], tuple[str, Any]]
) -> None:
    """Refuse (``ArchiveError``) a file the upgrade would carry on that is not what was recorded of
    it: its size in the log; its sha256, where one was recorded; that it reads as Parquet; in
    documents and quarantine, each row's raw bytes against its raw_sha256 (a row quarantined
    unread has none). Batch by batch: memory is bounded by a few hundred rows."""
    name = plan.table
    local = Path(table_uri(archive, name)) / path
    verify = f"run `zharchive verify --deep --archive {display_path(str(Path(archive).resolve()))}`"

    def refuse(what: str) -> ArchiveError:
        return ArchiveError(f"{name}/{path} {what}; nothing was upgraded: {verify}")

    if not local.is_file():
        raise refuse("is missing")
    if local.stat().st_size != plan.sizes[path]:
        raise refuse(f"has {local.stat().st_size} bytes, the log says {plan.sizes[path]}")
    known = recorded.get((name, path))
    if known is not None and file_sha256(local) != known[0]:
        raise refuse("no longer has the sha256 recorded for it")
    try:
        parquet = pq.ParquetFile(local)
        if name == "runs":
            parquet.read()
            return
        for batch in parquet.iter_batches(batch_size=256, columns=["source_uri", "raw", "raw_sha256"]):
            for uri, raw, digest in zip(*(batch.column(i).to_pylist() for i in range(3)), strict=True):
                if raw is not None and hashlib.sha256(raw).hexdigest() != digest:
                    raise refuse(f"holds raw bytes of {uri} that do not hash to its raw_sha256")
    except (OSError, pa.ArrowException) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise refuse(f"does not read as Parquet ({first})") from None


def _rewritten(plan: TablePlan, rows: pa.Table, fillers: Fillers) -> pa.Table:
    """A data file's rows with the columns the plan adds, in the current schema."""
    columns: dict[str, pa.Array | pa.ChunkedArray] = {}
    derived: dict[Callable[[pa.Table, Fillers], dict[str, pa.Array]], dict[str, pa.Array]] = {}
    for column in SCHEMAS[plan.table]:
        if column.name in rows.column_names:
            columns[column.name] = rows.column(column.name).cast(column.type)
            continue
        derive = FILLS[(plan.table, column.name)].derive
        if derive is None:
            columns[column.name] = pa.nulls(rows.num_rows, column.type)
            continue
        if derive not in derived:
            derived[derive] = derive(rows, fillers)
        columns[column.name] = derived[derive][column.name]
    return pa.table(columns, schema=SCHEMAS[plan.table])


def _write(root: Path, relative: str, rows: pa.Table, name: TableName) -> None:
    partial = root / f"{relative}.partial"
    pq.write_table(rows, partial, compression="zstd", compression_level=3, write_statistics=_STATISTICS[name])
    partial.replace(root / relative)


def upgrade(
    archive: Path, *, fillers: Fillers, now: Callable[[], datetime] = lambda: datetime.now(UTC)
) -> UpgradeResult:
    """Bring every table of ``archive`` to the current schema (see the module's docstring), under
    the archive's write lock, filling added columns with ``fillers``. Returns what it did; a plan
    that needs nothing commits nothing."""
    started = now()
    run_id = f"{started:%Y%m%dT%H%M%SZ}-upgrade"
    plan_upgrade(archive)  # a folder with no table, or a damaged log, is refused before the lock makes one
    with archive_lock(archive, run_id=run_id, schema=False):
        plan = plan_upgrade(archive)
        if not plan.needed:
            return UpgradeResult(plan, run_id, {})
        logs, _ = log_problems(archive)
        recorded = recorded_hashes(archive, logs)
        for table in plan.tables:
            for path in [*table.rewrite, *table.adopt]:
                _check_file(archive, table, path, recorded)
        documents = next((t for t in plan.tables if t.table == "documents"), None)
        if documents is not None and "near_duplicate_of" in documents.added:
            matched = _match_stored_bodies(archive, documents, fillers)
            fillers = replace(fillers, near_duplicates=matched)
            documents.near_duplicates = sum(of is not None for _, of, _ in matched.values())
        from zharchive.rules import load_rules

        provenance = Provenance(run_id, None, pipeline_version(), load_rules().version, SCHEMA_VERSION)
        written: list[Path] = []
        try:
            adds = {t.table: _write_files(archive, t, run_id, written, fillers) for t in plan.tables}
            versions: dict[TableName, int] = {}
            for table in plan.tables:
                if table.table == "runs":
                    continue
                if table.needed:
                    versions[table.table] = _commit(archive, table, adds[table.table], provenance)
            row = _run_row(archive, plan, provenance, versions, started, now())
            runs_plan = next((t for t in plan.tables if t.table == "runs"), None)
            if runs_plan is None:  # no run was ever recorded: the upgrade's row starts the table
                versions["runs"] = append_run(archive, row, provenance)
            else:
                versions["runs"] = _commit(archive, runs_plan, adds["runs"], provenance, run_row=row)
        except BaseException:
            _discard_uncommitted(archive, written)
            raise
        return UpgradeResult(plan, run_id, versions)


def _write_files(
    archive: Path, plan: TablePlan, run_id: str, written: list[Path], fillers: Fillers
) -> list[AddAction]:
    """The plan's rewritten data files, written beside the old ones (not yet in the log)."""
    root = Path(table_uri(archive, plan.table))
    adds = []
    for index, path in enumerate(plan.rewrite):
        relative = f"part-{run_id}-{index:06d}.zstd.parquet"
        rows = pq.read_table(root / path)
        written.append(root / relative)
        _write(root, relative, _rewritten(plan, rows, fillers), plan.table)
        adds.append(add_action(root, relative))
    return adds


def _discard_uncommitted(archive: Path, written: Sequence[Path]) -> None:
    """Files the upgrade wrote that no commit made live (an upgrade that failed part way)."""
    for path in written:
        table = open_table(archive, path.parent.name)  # type: ignore[arg-type]
        live = set() if table is None else set(table.get_add_actions(flatten=True).column("path").to_pylist())
        if path.name not in live:
            path.unlink(missing_ok=True)
            path.with_name(f"{path.name}.partial").unlink(missing_ok=True)


def _run_row(
    archive: Path,
    plan: UpgradePlan,
    provenance: Provenance,
    versions: dict[TableName, int],
    started: datetime,
    finished: datetime,
) -> RunRecord:
    """The upgrade's row of runs: no file read, none written into documents; what it did is in
    ``parameters``, and ``added_files`` lists the data files it added to documents and quarantine."""
    files: list[dict[str, Any]] = []
    names: tuple[TableName, ...] = ("documents", "quarantine")
    for name in names:
        if name in versions:
            files.extend(added_files(archive, name, versions[name]))
    parameters = {
        "operation": "upgrade",
        "from_schema": plan.schema_version,
        "to_schema": SCHEMA_VERSION,
        "tables": [t.record() for t in plan.tables],
    }
    return RunRecord.model_validate(
        {
            "run_id": provenance.run_id,
            "flow_run_id": None,
            "started_at": started,
            "finished_at": finished,
            "sources": [],
            "archive": str(plan.archive),
            "parameters": json.dumps(parameters, ensure_ascii=False, sort_keys=True),
            "input_files": 0,
            "documents_written": 0,
            "quarantined": 0,
            "unchanged": 0,
            "skipped": [],
            "documents_version": versions.get("documents"),
            "quarantine_version": versions.get("quarantine"),
            "added_files": files,
            "encodings": [],
            "decode_methods": [],
            "rules_fired": [],
            "quarantine_stages": [],
            "pipeline_version": provenance.pipeline_version,
            "rules_version": provenance.rules_version,
            "schema_version": SCHEMA_VERSION,
        }
    )


def _commit(
    archive: Path,
    plan: TablePlan,
    adds: list[AddAction],
    provenance: Provenance,
    *,
    run_row: RunRecord | None = None,
) -> int:
    """The table's one upgrade commit: the rewritten files for the old ones (all of them, and the
    table's schema, when columns are added), the sha256 of every file it adds and of the files it
    keeps unhashed, and the upgrade's run row in runs."""
    table = open_table(archive, plan.table)
    assert table is not None
    root = Path(table_uri(archive, plan.table))
    actions: list[AddAction | RemoveAction] = list(adds)
    if run_row is not None:
        relative = run_file_name(provenance.run_id)
        _write(root, relative, to_arrow([run_row], "runs"), "runs")
        actions.append(add_action(root, relative))
    if not plan.added:
        now = int(datetime.now(UTC).timestamp() * 1000)
        sizes = dict(
            zip(
                *(table.get_add_actions(flatten=True).column(c).to_pylist() for c in ("path", "size_bytes")),
                strict=True,
            )
        )
        actions.extend(remove_action(path, int(sizes[path]), now) for path in plan.partial_stats)
    files = {a.path: file_sha256(root / a.path) for a in actions if isinstance(a, AddAction)}
    extra = {
        "zharchive.operation": "upgrade",
        UPGRADE_KEY: json.dumps(plan.record(), ensure_ascii=False, sort_keys=True),
    }
    if plan.adopt:
        extra[ADOPTED_KEY] = json.dumps({p: file_sha256(root / p) for p in plan.adopt}, sort_keys=True)
    properties = provenance.commit_properties(
        files=files, chain=chain_metadata(archive, plan.table), extra=extra
    )
    if plan.added:
        # Every live file is rewritten: an overwrite removes them all and sets the new schema.
        table.create_write_transaction(
            actions,
            mode="overwrite",
            schema=DeltaSchema.from_arrow(SCHEMAS[plan.table]),
            commit_properties=properties,
            post_commithook_properties=KEEP_LOG,
        )
    else:
        append_actions(table, actions, properties=properties)
    done = open_table(archive, plan.table)
    assert done is not None
    return done.version()
