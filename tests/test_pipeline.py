"""process_batch's sink: documents handed over as they are made are the documents it would keep."""

from __future__ import annotations

from pathlib import Path

from flows import PIPELINE_VERSION
from flows.pipeline import RunContext, process_batch
from flows.rules import load_rules
from schemas import ArchivedDocument


def test_a_sink_gets_the_documents_the_batch_would_keep(seeds_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    paths = [*sorted(seeds_dir.glob("*.txt")), tmp_path / "empty.txt"]
    context = RunContext(run_id="sink", pipeline_version=PIPELINE_VERSION, rules_version=load_rules().version)

    kept = process_batch(paths, known={}, context=context)
    handed: list[ArchivedDocument] = []
    sunk = process_batch(paths, known={}, context=context, sink=handed.append)

    assert sunk.documents == [] and sunk.document_count == len(handed) == 5
    assert kept.document_count == len(kept.documents) == 5
    ignore = {"ingested_at"}
    assert [d.model_dump(exclude=ignore) for d in handed] == [
        d.model_dump(exclude=ignore) for d in kept.documents
    ]
    assert [q.source_uri for q in sunk.quarantined] == [q.source_uri for q in kept.quarantined] != []
    assert sunk.stats == kept.stats
