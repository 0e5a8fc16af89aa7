"""The columnar path (documents as dicts, one validation a chunk, Arrow from the dicts) against the
model path it replaces (a Pydantic object a document, model_dump, Arrow): the same staged tables,
the same quarantine records in the same order, the same counts, on generated pages
(benchmarks/throughput.py's make_document), the seeds, and every page of the shared corpora."""

from __future__ import annotations

import importlib
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from schemas import SourceFile
from zharchive import pipeline_version
from zharchive.archive.staging import LARGE_RAW, BatchStager, staged_batch_file
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


def _both(sources: list[SourceFile], tmp_path: Path) -> tuple[BatchOutput, BatchOutput]:
    """Stage ``sources`` both ways (fixed run_id and time) and check that both staged the same."""
    outs = []
    for way in ("models", "rows"):
        stager = BatchStager(tmp_path / way, "same", 0)
        if way == "models":
            out = process_sources(sources, context=_context(), now=NOW, sink=stager.add)
        else:
            out = process_sources(sources, context=_context(), now=NOW, rows=stager.add_rows)
        stager.finish(out.quarantined)
        outs.append(out)
    models, rows = outs
    for name in ("documents", "quarantine"):
        old, new = _staged(tmp_path / "models", name), _staged(tmp_path / "rows", name)
        assert (old is None) == (new is None), name
        if old is not None:
            assert old.schema == new.schema
            assert old.equals(new), name
    assert [q.model_dump() for q in models.quarantined] == [q.model_dump() for q in rows.quarantined]
    assert models.document_count == rows.document_count
    assert models.stats == rows.stats
    assert models.site_pages == rows.site_pages
    return models, rows


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
    # quarantine record must land where the model path puts it, among the others.
    paths = _generated(tmp_path / "site", 0, 250)
    blank = "\u3000\n \n".encode()
    english = b"Home | About | Contact\nThis page has moved to a new address.\n"
    for at, raw in ((0, blank), (1, english), (99, blank), (100, blank), (101, english), (180, blank)):
        path = tmp_path / "site" / f"odd-{at:03d}.txt"
        path.write_bytes(raw)
        paths.insert(at, path)
    _, rows = _both(_read_all(paths), tmp_path)
    stages = [q.stage for q in rows.quarantined]
    assert stages.count("validate") == 4 and stages.count("clean") == 2, stages
    assert rows.document_count == 250 > ROWS_CHUNK * 2


def test_a_large_page_keeps_its_place(tmp_path: Path) -> None:
    # A page of LARGE_RAW bytes or more is its own Arrow chunk (its bytes are not copied): the
    # rows around it keep their order on both paths, a validation failure before it or not.
    paths = _generated(tmp_path / "site", 1000, 12)
    seed = (ROOT / "seeds").glob("*.txt").__next__().read_text(encoding="utf-8")
    large = tmp_path / "site" / "large.txt"
    large.write_text("\n".join([seed] * (LARGE_RAW // len(seed.encode()) + 1)), encoding="utf-8")
    (tmp_path / "site" / "blank.txt").write_bytes(b" \n")
    paths[3:3] = [tmp_path / "site" / "blank.txt"]
    paths[7:7] = [large]
    _both(_read_all(paths), tmp_path)
    table = _staged(tmp_path / "rows", "documents")
    assert table.column("source_uri").to_pylist() == [p.as_uri() for p in paths if p.name != "blank.txt"]
    assert max(table.column("size").to_pylist()) >= LARGE_RAW


def test_the_seeds_stage_the_same(seeds_dir: Path, tmp_path: Path) -> None:
    _, rows = _both(_read_all(sorted(seeds_dir.iterdir())), tmp_path)
    assert rows.document_count >= 5


@pytest.mark.parametrize("corpus", ["dev", "gne"])
@pytest.mark.parametrize("kind", ["text", "html"])
def test_every_corpus_page_stages_the_same(corpus: str, kind: str, tmp_path: Path) -> None:
    folder = CORPUS / corpus / kind
    if not folder.is_dir():
        pytest.skip(f"the shared {corpus} corpus is not at {folder}")
    paths = sorted(p for p in folder.iterdir() if p.is_file())
    _, rows = _both(_read_all(paths), tmp_path)
    assert rows.document_count + len(rows.quarantined) == len(paths)
