"""A batch's documents as columns (dicts, one validation a chunk, Arrow built from the dicts and
their audit columns) against what the schema's models make of the same rows: the staged table is
the one ``ArchivedDocument`` objects of its rows give (``to_arrow``: model_dump, Arrow), and every
file is a document or a quarantine record in the batch's order, on generated pages
(benchmarks/throughput.py's make_document), the seeds, and every page of the shared corpora.

Until issue 22's model path was removed, these tests staged every batch both ways and compared the
tables (``Table.equals``): they were equal on all of these pages (benchmarks/columnar_same.py, at
384acad, did the same on 3,000 generated pages). What stands now checks the columnar tables
against the models themselves."""

from __future__ import annotations

import importlib
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from schemas import RECORD_COLUMNS, ArchivedDocument, SourceFile
from tests.conftest import require_shared
from zharchive import pipeline_version
from zharchive.archive.staging import LARGE_RAW, SCHEMAS, BatchStager, staged_batch_file, to_arrow
from zharchive.pipeline import ROWS_CHUNK, BatchOutput, RunContext, process_sources
from zharchive.rules import load_rules
from zharchive.stages.read import read_source

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
NOW = datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=UTC)


def _context() -> RunContext:
    return RunContext(run_id="same", pipeline_version=pipeline_version(), rules_version=load_rules().version)


def _staged(archive: Path, name: str) -> Any:
    path = staged_batch_file(archive, "same", name, 0)
    assert isinstance(path, Path)
    return pq.read_table(path) if path.exists() else None


def _staged_checked(sources: list[SourceFile], tmp_path: Path) -> BatchOutput:
    """Stage ``sources`` as a batch worker does (fixed run_id and time), and check the staged
    tables against the models and the files' order."""
    stager = BatchStager(tmp_path, "same", 0)
    handed: list[dict[str, Any]] = []

    def stage(rows: list[dict[str, Any]]) -> None:
        handed.extend(rows)
        stager.add_rows(rows)

    out = process_sources(sources, context=_context(), now=NOW, rows=stage)
    stager.finish(out.quarantined)
    documents, quarantine = _staged(tmp_path, "documents"), _staged(tmp_path, "quarantine")
    made = [] if documents is None else documents.column("source_uri").to_pylist()
    assert out.document_count == len(made)
    if documents is not None:
        # Each staged row validates as the model, and the model's own dump is the same row.
        models = [ArchivedDocument.model_validate(row) for row in documents.to_pylist()]
        assert documents.schema == SCHEMAS["documents"]
        assert to_arrow(models, "documents").equals(documents)
        # And the rows are what the pipeline handed over: each record column's values put
        # together in Python, record by record, not by the stager's Arrow arrays.
        assert documents.to_pylist() == [_as_records(row) for row in handed]
    quarantined = [q.source_uri for q in out.quarantined]
    assert (quarantine is None) == (not quarantined)
    if quarantine is not None:
        assert quarantine.column("source_uri").to_pylist() == quarantined
    # Every file once, and each table in the order of the batch's files (a failed document's
    # quarantine record lands where it stood among the others).
    order = {s.source_uri: i for i, s in enumerate(sources)}
    assert sorted(made + quarantined, key=order.__getitem__) == [s.source_uri for s in sources]
    assert made == sorted(made, key=order.__getitem__)
    assert quarantined == sorted(quarantined, key=order.__getitem__)
    return out


def _as_records(row: dict[str, Any]) -> dict[str, Any]:
    out = dict(row)
    for name in RECORD_COLUMNS:
        columns = row[name]
        out[name] = [
            dict(zip(columns, values, strict=True)) for values in zip(*columns.values(), strict=True)
        ]
    return out


def _read_all(paths: list[Path]) -> list[SourceFile]:
    return [read_source(p) for p in paths]


def _generated(folder: Path, first: int, count: int) -> list[Path]:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        make_document = importlib.import_module("throughput").make_document
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    folder.mkdir(parents=True)
    paths = []
    for index in range(first, first + count):
        path = folder / f"{index:07d}.txt"
        path.write_bytes(make_document(index)[0])
        paths.append(path)
    return paths


def test_generated_pages_with_failures_in_between_stage_the_same(tmp_path: Path) -> None:
    # 2.5 chunks of generated pages of one site, with pages that fail validation (nothing left
    # of a blank page: body too short) and pages that fail before it (no Chinese text: a clean
    # error) in between, at a chunk's first, last and middle places: a failed document's
    # quarantine record must land where it stood, among the others.
    paths = _generated(tmp_path / "site", 0, 250)
    blank = "\u3000\n \n".encode()
    english = b"Home | About | Contact\nThis page has moved to a new address.\n"
    for at, raw in ((0, blank), (1, english), (99, blank), (100, blank), (101, english), (180, blank)):
        path = tmp_path / "site" / f"odd-{at:03d}.txt"
        path.write_bytes(raw)
        paths.insert(at, path)
    rows = _staged_checked(_read_all(paths), tmp_path)
    stages = [q.stage for q in rows.quarantined]
    assert stages.count("validate") == 4 and stages.count("clean") == 2, stages
    assert rows.document_count == 250 > ROWS_CHUNK * 2


def test_a_large_page_keeps_its_place(tmp_path: Path) -> None:
    # A page of LARGE_RAW bytes or more is its own Arrow chunk (its bytes are not copied): the
    # rows around it keep their order, a validation failure before it or not.
    paths = _generated(tmp_path / "site", 1000, 12)
    seed = (ROOT / "seeds").glob("*.txt").__next__().read_text(encoding="utf-8")
    large = tmp_path / "site" / "large.txt"
    large.write_text("\n".join([seed] * (LARGE_RAW // len(seed.encode()) + 1)), encoding="utf-8")
    (tmp_path / "site" / "blank.txt").write_bytes(b" \n")
    paths[3:3] = [tmp_path / "site" / "blank.txt"]
    paths[7:7] = [large]
    _staged_checked(_read_all(paths), tmp_path)
    table = _staged(tmp_path, "documents")
    assert table.column("source_uri").to_pylist() == [p.as_uri() for p in paths if p.name != "blank.txt"]
    assert max(table.column("size").to_pylist()) >= LARGE_RAW


def test_the_seeds_stage_the_same(seeds_dir: Path, tmp_path: Path) -> None:
    rows = _staged_checked(_read_all(sorted(seeds_dir.iterdir())), tmp_path)
    assert rows.document_count >= 5


@pytest.mark.parametrize("corpus", ["dev", "gne"])
@pytest.mark.parametrize("kind", ["text", "html"])
def test_every_corpus_page_stages_the_same(corpus: str, kind: str, tmp_path: Path) -> None:
    folder = CORPUS / corpus / kind
    require_shared(folder)
    paths = sorted(p for p in folder.iterdir() if p.is_file())
    rows = _staged_checked(_read_all(paths), tmp_path)
    assert rows.document_count + len(rows.quarantined) == len(paths)
