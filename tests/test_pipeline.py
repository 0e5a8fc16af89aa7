"""A batch's documents on their way to the archive: the sink, and the stager's Arrow chunks."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq

from flows import pipeline_version
from flows.pipeline import RunContext, process_batch
from flows.rules import load_rules
from flows.staging import ARROW_CHUNK, STAGING_DIR, stage_batch, to_arrow
from schemas import ArchivedDocument


def test_a_sink_gets_the_documents_the_batch_would_keep(seeds_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    paths = [*sorted(seeds_dir.glob("*.txt")), tmp_path / "empty.txt"]
    context = RunContext(
        run_id="sink", pipeline_version=pipeline_version(), rules_version=load_rules().version
    )

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


def test_staged_rows_stay_in_chunks_and_read_back_whole(seeds_dir: Path, tmp_path: Path) -> None:
    # One array of a list-of-struct column cannot exceed 2 GiB (every removed line's text of a
    # batch of huge pages): the stager never combines its chunks into one.
    context = RunContext(
        run_id="chunks", pipeline_version=pipeline_version(), rules_version=load_rules().version
    )
    documents = process_batch(sorted(seeds_dir.glob("*.txt")), known={}, context=context).documents * 50
    table = to_arrow(documents, "documents")
    assert table.column("removed").num_chunks == -(-len(documents) // ARROW_CHUNK) > 1
    stage_batch(tmp_path, "chunks", 0, documents, [])
    staged = pq.read_table(tmp_path / STAGING_DIR / "chunks" / "documents" / "batch-000000.parquet")
    assert staged.num_rows == 250
    assert staged.column("removed").to_pylist() == [d.model_dump()["removed"] for d in documents]
