"""The columnar path against the model path: the same staged files, and what each costs.

Issue 22, "records as batch columns". Stages every page of ``../shared/corpus`` (dev and gne, text
and HTML, one batch per folder), the seeds and ``--generated`` pages of ``benchmarks/throughput.py``
(``make_document``, batches of 1,000) both ways — ``process_sources(sink=stager.add)`` (a Pydantic
object a document, ``model_dump``, Arrow) and ``process_sources(rows=stager.add_rows)`` (dicts, one
validation a chunk, Arrow from the dicts) — with run_id and time fixed, and compares the staged
documents and quarantine files (``pyarrow.Table.equals``) and the quarantine records.

Then CPU time (``time.process_time``, so a busy machine changes little) of validate + Arrow + zstd
Parquet for the generated batches, old and new interleaved batch by batch (which goes first
alternates), under a worker's garbage-collector settings, from the same document values: old,
``validate_document`` each then ``BatchStager.add`` / ``finish``; new, ``validate_documents`` a
chunk of ``ROWS_CHUNK`` then ``BatchStager.add_rows`` / ``finish``.

    .venv/bin/python benchmarks/columnar_same.py --generated 3000 --repeat 5

Exit 1 on any difference. Files go to a temporary directory, removed at the end.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
for _path in (REPO, REPO / "benchmarks"):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

CORPUS = REPO.parent / "shared" / "corpus"
NOW = datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=UTC)


def _batches(workdir: Path, generated: int) -> list[tuple[str, list[Path]]]:
    from throughput import make_document

    batches: list[tuple[str, list[Path]]] = []
    for corpus in ("dev", "gne"):
        for kind in ("text", "html"):
            folder = CORPUS / corpus / kind
            if folder.is_dir():
                batches.append((f"{corpus}/{kind}", sorted(p for p in folder.iterdir() if p.is_file())))
    batches.append(("seeds", sorted((REPO / "seeds").iterdir())))
    for first in range(0, generated, 1000):
        folder = workdir / "generated" / f"d{first // 1000:03d}"
        folder.mkdir(parents=True)
        paths = []
        for index in range(first, min(first + 1000, generated)):
            path = folder / f"{index:07d}.txt"
            path.write_bytes(make_document(index)[0])
            paths.append(path)
        batches.append((f"generated {first}-{first + len(paths) - 1}", paths))
    return batches


def _staged(archive: Path, name: str) -> Any:
    import pyarrow.parquet as pq

    from zharchive.archive.staging import staged_batch_file

    path = staged_batch_file(archive, "same", name, 0)
    assert isinstance(path, Path)
    return pq.read_table(path) if path.exists() else None


def compare(workdir: Path, label: str, paths: list[Path], context: Any) -> tuple[bool, list[dict[str, Any]]]:
    """Both ways on one batch: (the same?, the new path's rows, for timing)."""
    from zharchive.archive.staging import BatchStager
    from zharchive.pipeline import process_sources
    from zharchive.stages.read import read_source

    sources = [read_source(p) for p in paths]
    kept: list[dict[str, Any]] = []
    outs = []
    for way in ("models", "rows"):
        stager = BatchStager(workdir / label.replace("/", "_") / way, "same", 0)
        if way == "models":
            out = process_sources(sources, context=context, now=NOW, sink=stager.add)
        else:

            def both(rows: list[dict[str, Any]], stager: BatchStager = stager) -> None:
                kept.extend(rows)
                stager.add_rows(rows)

            out = process_sources(sources, context=context, now=NOW, rows=both)
        stager.finish(out.quarantined)
        outs.append(out)
    same = True
    for name in ("documents", "quarantine"):
        old, new = (_staged(workdir / label.replace("/", "_") / way, name) for way in ("models", "rows"))
        if (old is None) != (new is None) or (old is not None and not old.equals(new)):
            print(f"  {label}: the staged {name} differ")
            same = False
    models, rows = outs
    if [q.model_dump() for q in models.quarantined] != [q.model_dump() for q in rows.quarantined]:
        print(f"  {label}: the quarantine records differ")
        same = False
    if (models.document_count, models.stats, models.site_pages) != (
        rows.document_count,
        rows.stats,
        rows.site_pages,
    ):
        print(f"  {label}: the counts differ")
        same = False
    docs = _staged(workdir / label.replace("/", "_") / "rows", "documents")
    quarantined = len(rows.quarantined)
    print(
        f"  {label}: {len(paths)} pages, {0 if docs is None else docs.num_rows} documents, "
        f"{quarantined} quarantined: {'same' if same else 'DIFFERENT'}"
    )
    return same, kept


Made = tuple[dict[str, Any], list[Any], list[Any]]  # a document's values, its removed lines, repairs


def _as_made(rows: list[dict[str, Any]]) -> list[Made]:
    """The columnar path's rows back as cleaning makes a document: its other values, and its
    removed lines and repairs as the cleaner's named tuples."""
    from zharchive.stages.audit import LineRemoved, LineRepaired

    made: list[Made] = []
    for row in rows:
        removed, repairs = row["removed"], row["repairs"]
        made.append(
            (
                {k: v for k, v in row.items() if k not in ("removed", "repairs")},
                [LineRemoved(*r) for r in zip(*removed.values(), strict=True)],
                [LineRepaired(*r) for r in zip(*repairs.values(), strict=True)],
            )
        )
    return made


def time_both(workdir: Path, batches: list[list[Made]], repeat: int) -> dict[str, list[float]]:
    """The audit records from the cleaner's named tuples (as pipeline.document_values has them),
    validation, Arrow and Parquet, each way."""
    from zharchive.archive.staging import BatchStager
    from zharchive.pipeline import ROWS_CHUNK
    from zharchive.pool import WORKER_GC_THRESHOLDS
    from zharchive.stages.audit import LineRemoved, LineRepaired, as_columns, as_records
    from zharchive.stages.validate import validate_document, validate_documents

    def old(made: list[Made], index: int) -> None:
        stager = BatchStager(workdir / "timed-old", "timed", index)
        for values, removed, repairs in made:
            stager.add(
                validate_document({**values, "removed": as_records(removed), "repairs": as_records(repairs)})
            )
        stager.finish([])

    def new(made: list[Made], index: int) -> None:
        stager = BatchStager(workdir / "timed-new", "timed", index)
        for first in range(0, len(made), ROWS_CHUNK):
            chunk = [
                {
                    **values,
                    "removed": as_columns(removed, LineRemoved),
                    "repairs": as_columns(repairs, LineRepaired),
                }
                for values, removed, repairs in made[first : first + ROWS_CHUNK]
            ]
            stager.add_rows(validate_documents(chunk).rows)
        stager.finish([])

    old(batches[0][:50], 0)  # warm-up: pyarrow's lazy imports, the validators
    new(batches[0][:50], 0)
    pages = sum(len(b) for b in batches)
    seconds: dict[str, list[float]] = {"old": [], "new": []}
    thresholds = gc.get_threshold()
    gc.freeze()  # as zharchive.pool._start_worker does
    gc.set_threshold(*WORKER_GC_THRESHOLDS)
    try:
        for round_ in range(repeat):
            spent = {"old": 0.0, "new": 0.0}
            for index, values in enumerate(batches):
                order = (("old", old), ("new", new))
                for name, work in order if (round_ + index) % 2 == 0 else order[::-1]:
                    started = time.process_time()
                    work(values, index)
                    spent[name] += time.process_time() - started
                    gc.collect()  # as zharchive.pool._release_memory does after each batch
            for name in spent:
                seconds[name].append(spent[name] * 1000 / pages)
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--generated", type=int, default=3000, help="generated pages (batches of 1,000)")
    parser.add_argument("--repeat", type=int, default=5, help="timed rounds over the generated batches")
    args = parser.parse_args(argv)

    from zharchive import pipeline_version
    from zharchive.pipeline import RunContext
    from zharchive.rules import load_rules

    context = RunContext(
        run_id="same", pipeline_version=pipeline_version(), rules_version=load_rules().version
    )
    with tempfile.TemporaryDirectory(prefix="columnar-same-") as tmp:
        workdir = Path(tmp)
        all_same = True
        timed: list[list[Made]] = []
        for label, paths in _batches(workdir, args.generated):
            same, rows = compare(workdir, label, paths, context)
            all_same &= same
            if label.startswith("generated"):
                timed.append(_as_made(rows))
        print("the same staged tables and quarantine records on every batch" if all_same else "DIFFERENCES")
        if timed and args.repeat:
            seconds = time_both(workdir, timed, args.repeat)
            print(
                f"validate + Arrow + zstd Parquet, CPU ms a page (median of {args.repeat} rounds over "
                f"{sum(len(b) for b in timed)} generated pages, interleaved; load {os.getloadavg()[0]:.1f}):"
            )
            for name, label in (
                ("old", "model path (validate_document, to_arrow)"),
                ("new", "columnar path"),
            ):
                rounds = ", ".join(f"{v:.3f}" for v in seconds[name])
                print(f"  {label}: {statistics.median(seconds[name]):.3f}  (rounds: {rounds})")
    return 0 if all_same else 1


if __name__ == "__main__":
    raise SystemExit(main())
