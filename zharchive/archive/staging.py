"""Stage 7a: a batch's rows as Parquet files in ``ARCHIVE/_staging/<run_id>/``; the Arrow schemas.

This is the part of the archive a batch worker needs, so it imports pyarrow and no deltalake or
pyarrow.dataset (~50 MiB a worker); ``archive.commit`` commits the staged files to the Delta tables.
"""

from __future__ import annotations

import io
import struct
from collections.abc import Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, Literal

import pyarrow as pa
import pyarrow.parquet as pq
from pydantic import BaseModel

from schemas import RECORD_COLUMNS, ArchivedDocument, QuarantineRecord, RunRecord
from zharchive.archive.location import ArchivePath, archive_root
from zharchive.errors import ArchiveWriteError, cannot_write
from zharchive.objects import StorePath

TableName = Literal["documents", "quarantine", "runs"]
TABLES: tuple[TableName, ...] = ("documents", "quarantine", "runs")
STAGING_DIR = "_staging"
# Records turned into Python dicts at a time: a whole batch's dicts (every removed line and repair
# as a dict of its own) would be a worker's largest allocation.
ARROW_CHUNK = 100

_UTC = pa.timestamp("us", tz="UTC")
_REMOVED = pa.list_(pa.struct([("line_no", pa.int32()), ("text", pa.string()), ("rule_id", pa.string())]))
_REPAIRS = pa.list_(
    pa.struct(
        [("line_no", pa.int32()), ("rule_id", pa.string()), ("before", pa.string()), ("after", pa.string())]
    )
)
_COUNTS = pa.list_(pa.struct([("key", pa.string()), ("count", pa.int64())]))

DOCUMENTS_SCHEMA = pa.schema(
    [
        ("doc_id", pa.string()),
        ("source_uri", pa.string()),
        ("raw_sha256", pa.string()),
        ("raw", pa.binary()),
        ("size", pa.int64()),
        ("encoding", pa.string()),
        ("encoding_confidence", pa.float64()),
        ("encoding_method", pa.string()),
        ("decode_flags", pa.list_(pa.string())),
        ("title", pa.string()),
        ("published_at", _UTC),
        ("published_precision", pa.string()),
        ("publisher", pa.string()),
        ("author", pa.string()),
        ("editors", pa.list_(pa.string())),
        ("agency", pa.string()),
        ("doc_number", pa.string()),
        ("index_number", pa.string()),
        ("script", pa.string()),
        ("body", pa.string()),
        ("body_simplified", pa.string()),
        ("clean_flags", pa.list_(pa.string())),
        ("removed", _REMOVED),
        ("repairs", _REPAIRS),
        ("run_id", pa.string()),
        ("pipeline_version", pa.string()),
        ("rules_version", pa.string()),
        ("schema_version", pa.string()),
        ("ingested_at", _UTC),
        ("minhash", pa.binary()),
        ("near_duplicate_of", pa.string()),
        ("near_duplicate_score", pa.float64()),
    ]
)
QUARANTINE_SCHEMA = pa.schema(
    [
        ("source_uri", pa.string()),
        ("raw_sha256", pa.string()),
        ("raw", pa.binary()),
        ("size", pa.int64()),
        ("stage", pa.string()),
        ("reason", pa.string()),
        (
            "errors",
            pa.list_(
                pa.struct([("loc", pa.list_(pa.string())), ("msg", pa.string()), ("type", pa.string())])
            ),
        ),
        ("run_id", pa.string()),
        ("pipeline_version", pa.string()),
        ("quarantined_at", _UTC),
    ]
)
RUNS_SCHEMA = pa.schema(
    [
        ("run_id", pa.string()),
        ("flow_run_id", pa.string()),
        ("started_at", _UTC),
        ("finished_at", _UTC),
        ("sources", pa.list_(pa.string())),
        ("archive", pa.string()),
        ("parameters", pa.string()),
        ("input_files", pa.int64()),
        ("documents_written", pa.int64()),
        ("quarantined", pa.int64()),
        ("unchanged", pa.int64()),
        ("skipped", pa.list_(pa.struct([("path", pa.string()), ("reason", pa.string())]))),
        ("documents_version", pa.int64()),
        ("quarantine_version", pa.int64()),
        (
            "added_files",
            pa.list_(
                pa.struct(
                    [
                        ("table", pa.string()),
                        ("path", pa.string()),
                        ("size", pa.int64()),
                        ("sha256", pa.string()),
                    ]
                )
            ),
        ),
        ("encodings", _COUNTS),
        ("decode_methods", _COUNTS),
        ("rules_fired", _COUNTS),
        ("quarantine_stages", _COUNTS),
        ("pipeline_version", pa.string()),
        ("rules_version", pa.string()),
        ("schema_version", pa.string()),
    ]
)
SCHEMAS: dict[TableName, pa.Schema] = {
    "documents": DOCUMENTS_SCHEMA,
    "quarantine": QUARANTINE_SCHEMA,
    "runs": RUNS_SCHEMA,
}
MODELS: dict[TableName, type[BaseModel]] = {
    "documents": ArchivedDocument,
    "quarantine": QuarantineRecord,
    "runs": RunRecord,
}


def to_arrow(records: Sequence[BaseModel], name: TableName) -> pa.Table:
    """``records`` (model objects) as a table of ``name``, ``ARROW_CHUNK`` records a chunk."""
    schema = SCHEMAS[name]
    chunks: list[pa.Table] = []
    pending: list[BaseModel] = []
    for record in records:
        raw = getattr(record, "raw", None)
        if raw is not None and len(raw) >= LARGE_RAW:
            if pending:  # the rows keep their order (the columnar path's and this one's agree)
                chunks.append(pa.Table.from_pylist([r.model_dump() for r in pending], schema=schema))
                pending = []
            rest = pa.Table.from_pylist(
                [record.model_dump(exclude={"raw"})], schema=schema.remove(schema.get_field_index("raw"))
            )
            chunks.append(_with_raw_in_place(rest, raw, schema))
            continue
        pending.append(record)
        if len(pending) == ARROW_CHUNK:
            chunks.append(pa.Table.from_pylist([r.model_dump() for r in pending], schema=schema))
            pending = []
    if pending:
        chunks.append(pa.Table.from_pylist([r.model_dump() for r in pending], schema=schema))
    # Left in chunks: one array of a list-of-struct column (every removed line's text) cannot hold
    # more than 2 GiB, and Parquet writes chunked columns as they are.
    return pa.concat_tables(chunks) if chunks else schema.empty_table()


def rows_to_arrow(
    rows: Sequence[Mapping[str, Any]], name: TableName, *, columns: Collection[str] = ()
) -> pa.Table:
    """Validated rows (dicts keyed by the table's columns, as ``schemas.rows`` returns them) as a
    table of ``name``, in their order: one chunk for the rows, one of its own for each large page.
    ``columns``: list-of-struct columns each row gives as the struct's columns (a dict of lists,
    ``schemas.rows.record_columns``), put together as Arrow arrays, never a dict a record.

    What ``to_arrow`` makes of the same records as model objects, without a model dump:
    tests/test_columnar.py checks the staged tables against it."""
    schema = SCHEMAS[name]
    chunks: list[pa.Table] = []
    start = 0
    for index, row in enumerate(rows):
        raw = row.get("raw")
        if raw is not None and len(raw) >= LARGE_RAW:
            if index > start:
                chunks.append(_rows_table(rows[start:index], schema, columns))
            rest = _rows_table([row], schema.remove(schema.get_field_index("raw")), columns)
            chunks.append(_with_raw_in_place(rest, raw, schema))
            start = index + 1
    if start < len(rows):
        chunks.append(_rows_table(rows[start:] if start else rows, schema, columns))
    return pa.concat_tables(chunks) if chunks else schema.empty_table()


def _rows_table(rows: Sequence[Mapping[str, Any]], schema: pa.Schema, columns: Collection[str]) -> pa.Table:
    # The other columns from the dicts; pa.Table.from_pylist takes the schema's names from them.
    table = pa.Table.from_pylist(list(rows), schema=pa.schema([f for f in schema if f.name not in columns]))
    for name in sorted(columns, key=schema.get_field_index):  # each at its place, left to right
        index = schema.get_field_index(name)
        table = table.add_column(
            index, schema.field(index), _records_array(rows, name, schema.field(index).type)
        )
    return table


def _records_array(rows: Sequence[Mapping[str, Any]], name: str, kind: pa.ListType) -> pa.Array:
    """Each row's ``name`` (the struct's columns, a dict of lists) as one list-of-struct array."""
    struct = kind.value_type
    fields = [struct.field(i) for i in range(struct.num_fields)]
    flat: dict[str, list[Any]] = {field.name: [] for field in fields}
    offsets = [0]
    first = fields[0].name
    for row in rows:
        records = row[name]
        for field, values in flat.items():
            values.extend(records[field])
        offsets.append(offsets[-1] + len(records[first]))
    arrays = [pa.array(flat[field.name], type=field.type) for field in fields]
    return pa.ListArray.from_arrays(
        pa.array(offsets, type=pa.int32()), pa.StructArray.from_arrays(arrays, fields=fields), type=kind
    )


# A page this large is its own one-row chunk whose ``raw`` column is the Python bytes themselves, not
# an Arrow copy: staging a 59 MB page took 104 MiB more for that copy (the worker's peak 364 ->
# 260 MiB, measured with /proc VmHWM), and two workers staging one each set the run's peak memory.
LARGE_RAW = 1 << 20


def _with_raw_in_place(rest: pa.Table, raw: bytes, schema: pa.Schema) -> pa.Table:
    """``rest`` (one row, every column but ``raw``) with its ``raw``: ``raw``'s bytes themselves."""
    index = schema.get_field_index("raw")
    offsets = pa.py_buffer(struct.pack("<ii", 0, len(raw)))
    column = pa.Array.from_buffers(pa.binary(), 1, [None, offsets, pa.py_buffer(raw)])
    return rest.add_column(index, schema.field(index), column)


# No min/max of ``raw`` (never filtered on; the Delta log keeps row counts only): writing them
# copied a 59 MB page's bytes twice, 360 MiB of a worker's 713 MiB peak to stage it (measured).
_WITH_STATISTICS = {name: [f for f in schema.names if f != "raw"] for name, schema in SCHEMAS.items()}


def staging_dir(archive: ArchivePath, run_id: str) -> ArchivePath:
    return archive_root(archive) / STAGING_DIR / run_id


def staged_counts_file(archive: ArchivePath, run_id: str, index: int) -> ArchivePath:
    """Where batch ``index`` of ``run_id`` stages its site counts (``zharchive.batch`` writes it,
    ``archive.sites.commit_sites`` reads it, ``resume.adopt`` copies it to the run that adopts the
    batch). Here, not in ``archive/sites.py``: a batch worker imports no deltalake (~50 MiB)."""
    return staging_dir(archive, run_id) / "sites" / f"batch-{index:06d}.parquet"


class BatchStager:
    """Writes a batch's documents to its staged file a validated chunk at a time, then its quarantine
    rows.

    The pipeline (``rows=stager.add_rows``) hands over each validated chunk of documents as dicts;
    each is turned into Arrow and written at once as a row group of the staged file (no model
    object is made for one). A worker held the batch's Arrow chunks until its end before: 22 MiB of
    a 1,000-page generated batch, and its peak RSS was 267 MiB, 258 written as it goes (the commit
    rewrites each staged file in row groups of 128 rows anyway: ``minhash._set_pointers``). The
    file takes its final name only when the batch is done, as ``write_staged``'s.
    """

    def __init__(self, archive: ArchivePath, run_id: str, batch_index: int) -> None:
        self.archive = archive
        self.run_id = run_id
        self.batch_index = batch_index
        self.documents = 0
        self._file = _StagedFile(archive, run_id, "documents", batch_index)

    def add_rows(self, rows: list[dict[str, Any]]) -> None:
        """A chunk of validated documents (``pipeline.RowSink``): one row group, written now."""
        # chunked as it came (a large page alone: see to_arrow)
        self._file.write(rows_to_arrow(rows, "documents", columns=RECORD_COLUMNS))
        self.documents += len(rows)

    def finish(self, quarantined: Sequence[QuarantineRecord]) -> None:
        """Give the documents' file its name and write ``quarantined`` as the batch's other staged
        file (none for no rows)."""
        self._file.close()
        if quarantined:
            write_staged(
                self.archive, self.run_id, "quarantine", self.batch_index, to_arrow(quarantined, "quarantine")
            )


class _StagedFile:
    """One staged file of a batch, written a row group at a time (``write``) under a partial name,
    given its name by ``close``: a crash mid-write never leaves a half file under the final name. On
    an object store it is made in memory and PUT whole at ``close`` (one PUT is atomic; a staged
    batch is a few MB), so the flow process needs nothing of the worker's disk. A full disk is
    ``cannot_write``'s one line, the partial file gone (no use to anyone). No file is made unless
    ``write`` is called."""

    def __init__(self, archive: ArchivePath, run_id: str, name: TableName, index: int) -> None:
        self.name = name
        self.index = index
        self.target = staged_batch_file(archive, run_id, name, index)
        self._sink: Path | io.BytesIO | None = None
        self._writer: pq.ParquetWriter | None = None

    def write(self, table: pa.Table) -> None:
        with self._cleaning_up():
            if self._writer is None:
                self._writer = self._open(table.schema)
            self._writer.write_table(table)

    def close(self) -> None:
        if self._writer is None:
            return
        with self._cleaning_up():
            self._writer.close()
            self._writer = None
            if isinstance(self._sink, io.BytesIO):
                assert isinstance(self.target, StorePath)
                self.target.write_bytes(self._sink.getvalue())
            else:
                assert isinstance(self._sink, Path) and isinstance(self.target, Path)
                self._sink.replace(self.target)
        self._sink = None

    def _open(self, schema: pa.Schema) -> pq.ParquetWriter:
        if isinstance(self.target, StorePath):
            self._sink = io.BytesIO()
        else:
            self.target.parent.mkdir(parents=True, exist_ok=True)
            self._sink = self.target.with_suffix(".parquet.partial")
        return pq.ParquetWriter(
            self._sink, schema, compression="zstd", write_statistics=_WITH_STATISTICS[self.name]
        )

    @contextmanager
    def _cleaning_up(self) -> Iterator[None]:
        try:
            with cannot_write(f"stage batch {self.index}'s {self.name} rows", self.target.parent):
                yield
        except ArchiveWriteError:
            if self._writer is not None:
                with suppress(Exception):
                    self._writer.close()
                self._writer = None
            if isinstance(self._sink, Path):
                self._sink.unlink(missing_ok=True)
            self._sink = None
            raise


def staged_batch_file(archive: ArchivePath, run_id: str, name: TableName, index: int) -> ArchivePath:
    return staging_dir(archive, run_id) / name / f"batch-{index:06d}.parquet"


def write_staged(archive: ArchivePath, run_id: str, name: TableName, index: int, table: pa.Table) -> None:
    """A batch's rows for one table as its staged file, whole (``_StagedFile``)."""
    staged = _StagedFile(archive, run_id, name, index)
    staged.write(table)
    staged.close()
