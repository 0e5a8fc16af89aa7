"""The naive design, for comparison with ``zharchive ingest``: one Prefect task per document.

Each task reads one file, asks plain ``chardet.detect`` for its encoding, decodes with it
(``errors="replace"``), and runs the same page / clean / extract stages as the pipeline; the flow
collects every row and writes them with one Delta append at the end. Default task runner (Prefect's
thread pool). Run on the throughput corpus (``benchmarks/throughput.py`` makes it):

    .venv/bin/python benchmarks/naive_baseline.py --docs 2000 [--workdir /tmp/zharchive-bench]

Prints and returns docs/s (flow time and process wall time).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")

import chardet  # noqa: E402
import pyarrow as pa  # noqa: E402
from deltalake import write_deltalake  # noqa: E402
from prefect import flow, task  # noqa: E402
from prefect.cache_policies import NONE  # noqa: E402

from zharchive.archive.staging import DOCUMENTS_SCHEMA  # noqa: E402
from zharchive.stages.clean import clean  # noqa: E402
from zharchive.stages.extract import extract, restore_dates  # noqa: E402
from zharchive.stages.page import to_page  # noqa: E402
from zharchive.stages.script import script_of  # noqa: E402

# The archive's own columns, fewer of them: what the naive design writes.
SCHEMA = pa.schema(
    [
        DOCUMENTS_SCHEMA.field(name)
        for name in (
            "source_uri",
            "raw_sha256",
            "raw",
            "encoding",
            "encoding_confidence",
            "title",
            "published_at",
            "publisher",
            "script",
            "body",
            "removed",
        )
    ]
)


@task(name="naive-document", cache_policy=NONE)
def one_document(path: str) -> dict[str, Any]:
    raw = Path(path).read_bytes()
    guess = chardet.detect(raw)
    encoding = guess["encoding"] or "utf-8"
    text = raw.decode(encoding, errors="replace")
    page = to_page(text, path=path)
    cleaned = clean(page.text, hints=page.hints)
    metadata = extract(cleaned, hints=page.hints)
    restore_dates(cleaned, metadata)
    body = cleaned.body_text
    script, _ = script_of(body)
    return {
        "source_uri": Path(path).as_uri(),
        "raw_sha256": hashlib.sha256(raw).hexdigest(),
        "raw": raw,
        "encoding": encoding,
        "encoding_confidence": guess["confidence"],
        "title": metadata.title,
        "published_at": metadata.published_at,
        "publisher": metadata.publisher,
        "script": script,
        "body": body,
        "removed": [record._asdict() for record in cleaned.removed],
    }


@flow(name="naive-ingest")
def naive_ingest(paths: list[str], archive: str) -> dict[str, Any]:
    started = time.perf_counter()
    cpu = time.process_time()
    futures = [one_document.submit(p) for p in paths]
    rows = [f.result() for f in futures]
    write_deltalake(archive, pa.Table.from_pylist(rows, schema=SCHEMA), mode="append")
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu
    encodings: dict[str, int] = {}
    for row in rows:
        encodings[row["encoding"]] = encodings.get(row["encoding"], 0) + 1
    return {
        "documents": len(rows),
        "flow_seconds": round(seconds, 1),
        "flow_cpu_seconds": round(cpu_seconds, 1),  # this process only (not the Prefect server)
        "chardet_encodings": encodings,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/zharchive-bench"))
    parser.add_argument("--json", type=Path, help="merge the figures into this JSON file under 'naive'")
    args = parser.parse_args()
    wall_started = time.perf_counter()
    from throughput import corpus_sources, ensure_corpus  # type: ignore[import-not-found]

    corpus = args.workdir / "corpus"
    folders = -(-args.docs // 1000) * 1000
    ensure_corpus(corpus, folders, os.cpu_count() or 1)
    paths = sorted(str(p) for s in corpus_sources(corpus, folders) for p in Path(s).rglob("*.txt"))[
        : args.docs
    ]
    archive = args.workdir / "naive-archive"
    shutil.rmtree(archive, ignore_errors=True)
    result = naive_ingest(paths, str(archive))
    wall = time.perf_counter() - wall_started
    result["wall_seconds"] = round(wall, 1)
    result["docs_per_s_flow"] = round(result["documents"] / result["flow_seconds"], 1)
    result["docs_per_s_wall"] = round(result["documents"] / wall, 1)
    result["docs_per_cpu_s"] = round(result["documents"] / result["flow_cpu_seconds"], 1)
    result["load_average_1min"] = round(os.getloadavg()[0], 2)
    result["chardet"] = chardet.__version__
    print(json.dumps(result, indent=1))
    if args.json:
        existing = json.loads(args.json.read_text()) if args.json.exists() else {}
        existing["naive"] = result
        args.json.write_text(json.dumps(existing, ensure_ascii=False, indent=1, default=str) + "\n")
    shutil.rmtree(archive, ignore_errors=True)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    main()
