"""Near-duplicate detection (zharchive/near_duplicates.py): precision and recall on republications
made from real articles, and time and memory per 100,000 documents.

The articles: the gold bodies of ../shared/corpus/dev and ../shared/corpus/gne (read here, never
copied into the project), 110 articles of 31 sites. A republication of an article is what another
site's cleaned page of it looks like, made three ways (fixed seed):
- ``reformatted``: paragraphs joined or split differently, full-width punctuation half-width, a
  line of the republishing site added (``本文转载自…``, ``（责任编辑：…）``);
- ``edited``: that, with 15 % of the sentences dropped and 1 % of the Han characters replaced;
- ``partial``: the first half of the article only (a republication that cuts it short).
Each republication and every original go through the index in a shuffled order, as an archive
would receive them. A match is right when both documents come from one article. Recall: the share
of republications matched to their article (or to another republication of it); precision: the
share of matches that are right. Also: the highest similarity of two different articles.

    .venv/bin/python benchmarks/near_duplicates.py [--json FILE] [--docs 100000] [--commit-only]
    .venv/bin/python benchmarks/near_duplicates.py --crowded 20000

``crowded``: one run's commit of ``--crowded`` documents that are thousands of copies of a few
articles (benchmarks/throughput.py's generated pages: five seeds, paragraphs dropped and reordered),
so every LSH bucket holds thousands of documents: CPU seconds and peak memory added in a fresh
process, and a check that the matches are those of the pairwise definition on a sample.

``commit``: what a run of 1,000 documents pays at its commit for the stored pointers against an
archive of ``--docs`` documents (a real Delta table; only the signature columns are read).

``run-commit``: a whole run's commit (``archive.commit._commit_run``: pointers, both tables, the sites
table) of ``--run-commit`` generated pages (benchmarks/throughput.py's ``make_document``) staged by
the real ``batch.ingest_batch`` in batches of 5,000 into ``--staged`` (kept: staging 200,000 pages
takes ~8 CPU minutes; a copy is committed), in a fresh process: its peak RSS and CPU seconds, and
each phase's (the peak measured from the phase's start: /proc/self/clear_refs).

    .venv/bin/python benchmarks/near_duplicates.py --run-commit 200000 --staged /tmp/staged-200k
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from zharchive import near_duplicates as nd  # noqa: E402

CORPORA = [ROOT.parent / "shared" / "corpus" / name / "gold" for name in ("dev", "gne")]
KINDS = ("reformatted", "edited", "partial")
_SENTENCE = re.compile(r"(?<=[。！？；])")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def articles() -> list[str]:
    """The corpora's gold bodies long enough to compare, each article once: the gne corpus holds
    one article twice (from two pages), which counts as one."""
    bodies: dict[str, str] = {}
    for folder in CORPORA:
        for path in sorted(folder.glob("*.json")):
            body = json.loads(path.read_text("utf-8"))["body"]
            if len(nd.han_text(body)) >= nd.MIN_HAN:
                bodies.setdefault(nd.han_text(body), body)
    return list(bodies.values())


def republish(body: str, kind: str, rng: random.Random) -> str:
    paragraphs = [p for p in body.split("\n") if p.strip()]
    text = "".join(paragraphs) if rng.random() < 0.5 else "\n".join(paragraphs)
    text = text.replace("，", ",").replace("：", ":").replace("（", "(").replace("）", ")")
    if kind == "edited":
        sentences = [s for s in _SENTENCE.split(text) if s]
        kept = [s for s in sentences if rng.random() >= 0.15] or sentences[:1]
        chars = list("".join(kept))
        for i, char in enumerate(chars):
            if _HAN.match(char) and rng.random() < 0.01:
                chars[i] = chr(rng.randint(0x4E00, 0x9FA5))
        text = "".join(chars)
    elif kind == "partial":
        text = text[: len(text) // 2]
    source = rng.choice(["人民网", "新华网", "央视网", "本市政府网"])
    return f"本文转载自{source}。\n{text}\n（责任编辑：王{rng.choice('明华强')}）"


def quality(threshold: float, seed: int = 7) -> dict[str, object]:
    rng = random.Random(seed)
    originals = articles()
    documents: list[tuple[str, int, str]] = []  # key, article, body
    for number, body in enumerate(originals):
        documents.append((f"a{number}", number, body))
        for kind in KINDS:
            documents.append((f"a{number}-{kind}", number, republish(body, kind, rng)))
    rng.shuffle(documents)
    article_of = {key: number for key, number, _ in documents}
    keys = [key for key, _, _ in documents]
    matches = nd.find_matches(keys, [nd.signature(body) for _, _, body in documents], threshold=threshold)
    right = [m for m in matches if article_of[m.key] == article_of[m.of]]
    # Every document after the first of its article should be matched; by kind, for the README.
    seen: set[int] = set()
    expected: dict[str, int] = {kind: 0 for kind in ("original", *KINDS)}
    found: dict[str, int] = {kind: 0 for kind in expected}
    matched = {m.key for m in right}
    for key, number, _ in documents:
        kind = key.split("-", 1)[1] if "-" in key else "original"
        if number in seen:
            expected[kind] += 1
            found[kind] += key in matched
        seen.add(number)
    signatures = [nd.signature(body) for body in originals]
    highest = max(
        nd.similarity(a, b)
        for i, a in enumerate(signatures)
        for b in signatures[i + 1 :]
        if a is not None and b is not None
    )
    return {
        "threshold": threshold,
        "articles": len(originals),
        "documents": len(documents),
        "matches": len(matches),
        "precision": len(right) / len(matches) if matches else 1.0,
        "recall": sum(found.values()) / sum(expected.values()),
        "recall_by_kind": {kind: found[kind] / expected[kind] for kind in expected if expected[kind]},
        "highest_between_articles": highest,
    }


def cost(documents: int, seed: int = 11) -> dict[str, float]:
    """Signatures and matching of ``documents`` bodies made of the corpora's sentences (each body
    12 random sentences: distinct articles, so the index holds every one), CPU time and the RSS
    the index adds."""
    rng = random.Random(seed)
    sentences = [s for body in articles() for s in _SENTENCE.split(body) if len(s) > 8]
    bodies = ["".join(rng.choices(sentences, k=12)) for _ in range(documents)]
    started = time.process_time()
    signatures = [nd.signature(body) for body in bodies]
    signed = time.process_time()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    matches = nd.find_matches([str(n) for n in range(documents)], signatures)
    matched = time.process_time()
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    signing, matching = signed - started, matched - signed
    return {
        "documents": documents,
        "signature_ms_per_doc": signing / documents * 1000,
        "match_ms_per_doc": matching / documents * 1000,
        "match_peak_mib_added": (rss_after - rss_before) / 1024,
        "signatures_mib": documents * nd.NUM_PERM * 4 / 2**20,
        "matches_found": len(matches),
    }


def commit_cost(stored: int, run: int, seed: int = 13) -> dict[str, float]:
    """What a run's commit pays for the pointers (``near_duplicates.mark_run``): ``run`` new
    documents (one staged file) against an archive of ``stored`` documents in a real Delta table,
    of which it reads the signature columns only. Every 100th new document republishes a stored
    one. CPU time and the RSS it adds, in a fresh process (the signing above has grown this one)."""
    return _in_a_fresh_process(_commit_cost, stored, run, seed)


def _in_a_fresh_process(work: Any, *args: int) -> dict[str, float]:
    """``work(*args)`` in a process of its own, so the peak memory it reports is its own."""
    import multiprocessing

    with multiprocessing.get_context("spawn").Pool(1) as pool:
        result: dict[str, float] = pool.apply(work, args)
    return result


def _timed_mark(live: Any, staged: Path) -> tuple[Any, float, float]:
    """``mark_run`` of one staged file: what it marked, its CPU seconds and the MiB it added at peak."""
    import pyarrow as pa

    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    began = time.process_time()
    marked = nd.mark_run(
        live, [str(staged)], rewrite=[str(staged)], leaving=pa.chunked_array([], pa.string())
    )
    seconds = time.process_time() - began
    added = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) / 1024
    return marked, seconds, added


def _commit_cost(stored: int, run: int, seed: int) -> dict[str, float]:
    import tempfile
    from datetime import UTC, datetime, timedelta

    import pyarrow as pa
    import pyarrow.parquet as pq
    from deltalake import DeltaTable, write_deltalake

    rng = random.Random(seed)
    sentences = [s for body in articles() for s in _SENTENCE.split(body) if len(s) > 8]
    bodies = ["".join(rng.choices(sentences, k=12)) for _ in range(stored + run)]
    for n in range(stored, stored + run, 100):
        bodies[n] = "本文转载自本市政府网。" + bodies[rng.randrange(stored)]
    start = datetime(2026, 1, 1, tzinfo=UTC)

    def rows(first: int, last: int, at: datetime) -> pa.Table:
        return pa.table(
            {
                "doc_id": [f"{n:020x}" for n in range(first, last)],
                "source_uri": [f"file:///crawl/{n}.txt" for n in range(first, last)],
                "ingested_at": pa.array([at] * (last - first), pa.timestamp("us", tz="UTC")),
                "minhash": pa.array([nd.stored_signature(b) for b in bodies[first:last]], pa.binary()),
                "body": bodies[first:last],
                "near_duplicate_of": pa.nulls(last - first, pa.string()),
                "near_duplicate_score": pa.nulls(last - first, pa.float64()),
            }
        )

    with tempfile.TemporaryDirectory() as folder:
        table = Path(folder) / "documents"
        for first in range(0, stored, 10_000):  # stored by runs of 10,000, a data file each
            write_deltalake(str(table), rows(first, min(first + 10_000, stored), start), mode="append")
        staged = Path(folder) / "batch-000000.parquet"
        pq.write_table(rows(stored, stored + run, start + timedelta(days=1)), staged, compression="zstd")
        marked, seconds, added = _timed_mark(DeltaTable(str(table)), staged)
        pointers = pq.read_table(staged, columns=["near_duplicate_of"]).column(0)
        assert marked.near_duplicates == pointers.length() - pointers.null_count
    return {
        "stored_documents": stored,
        "run_documents": run,
        "cpu_s": round(seconds, 3),
        "peak_mib_added": round(added, 1),
        "near_duplicates_found": marked.near_duplicates,
    }


def crowded_cost(docs: int) -> dict[str, float]:
    return _in_a_fresh_process(_crowded_cost, docs)


def _crowded_cost(docs: int) -> dict[str, float]:
    import tempfile

    import pyarrow as pa
    import pyarrow.parquet as pq

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from throughput import make_document

    from zharchive.stages.decode import decode

    texts = [decode(make_document(n)[0]).text for n in range(docs)]
    signatures = [nd.stored_signature(text) for text in texts]
    del texts
    with tempfile.TemporaryDirectory() as folder:
        staged = Path(folder) / "batch-000000.parquet"
        table = pa.table(
            {
                "doc_id": [f"{n:020x}" for n in range(docs)],
                "source_uri": [f"file:///crawl/{n}.txt" for n in range(docs)],
                "ingested_at": pa.array([0] * docs, pa.timestamp("us", tz="UTC")),
                "minhash": pa.array(signatures, pa.binary()),
                "near_duplicate_of": pa.nulls(docs, pa.string()),
                "near_duplicate_score": pa.nulls(docs, pa.float64()),
            }
        )
        pq.write_table(table, staged, compression="zstd")
        marked, seconds, added = _timed_mark(None, staged)
        pointers = pq.read_table(staged, columns=["doc_id", "near_duplicate_of"]).to_pylist()
    # The definition, on a sample: a document points to the earliest document before it whose
    # signature it matches, if a band they share found it (nearly always, above 0.5).
    found = {row["doc_id"]: row["near_duplicate_of"] for row in pointers}
    rng = random.Random(0)
    checked = 0
    for n in rng.sample(range(1, docs), min(200, docs - 1)):
        sig = nd.from_bytes(signatures[n])
        if sig is None:
            continue
        earliest = next(
            (
                m
                for m in range(n)
                if (o := nd.from_bytes(signatures[m])) is not None and nd.similarity(sig, o) >= 0.6
            ),
            None,
        )
        if earliest is not None:  # a match this strong shares a band with probability > 0.999
            assert found[f"{n:020x}"] is not None, n
            checked += 1
    return {
        "run_documents": docs,
        "cpu_s": round(seconds, 3),
        "peak_mib_added": round(added, 1),
        "near_duplicates_found": marked.near_duplicates,
        "sample_checked": checked,
    }


RUN_ID = "20260101T000000Z-benchcommit"


def stage_run(folder: Path, docs: int) -> Path:
    """``docs`` generated pages staged as one run's batches in the archive ``folder`` (made once)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from throughput import _walk, corpus_sources, ensure_corpus

    from zharchive.batch import ingest_batch
    from zharchive.pipeline import RunContext

    archive = folder / "archive"
    if (archive / "_staging").is_dir():  # staged before (by this, or by any run of the real code)
        return archive
    corpus = folder / "corpus"
    ensure_corpus(corpus, docs, 2)
    files = [str(p) for p in _walk(corpus_sources(corpus, docs))]
    context = RunContext(run_id=RUN_ID, pipeline_version="bench", rules_version="bench")
    for index in range(0, len(files), 5_000):
        ingest_batch(index // 5_000, files[index : index + 5_000], {}, context, archive)
    return archive


def _memory() -> dict[str, int]:
    """This process's RSS and its peak since the last ``_reset_peak`` (VmRSS, VmHWM), in MiB."""
    with open("/proc/self/status") as lines:
        fields = (line.split(":", 1) for line in lines)
        return {key: int(value.split()[0]) // 1024 for key, value in fields if key in ("VmRSS", "VmHWM")}


def _reset_peak() -> None:
    with open("/proc/self/clear_refs", "w") as clear:
        clear.write("5")


def _run_commit_cost(staged: str, work: str) -> dict[str, Any]:
    import shutil

    from zharchive.archive import commit

    phases: list[dict[str, Any]] = []

    def timed(name: str) -> None:
        work_of = getattr(commit, name)

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            _reset_peak()
            before, began = _memory()["VmRSS"], time.process_time()
            try:
                return work_of(*args, **kwargs)
            finally:
                after = _memory()
                phases.append(
                    {
                        "phase": name,
                        "rss_before_mib": before,
                        "peak_mib": after["VmHWM"],
                        "cpu_s": round(time.process_time() - began, 2),
                    }
                )

        setattr(commit, name, wrapper)

    for name in ("mark_run", "commit_table", "commit_sites"):
        timed(name)
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(staged, work)
    (run_id,) = [p.name for p in (Path(work) / "_staging").iterdir()]
    provenance = commit.Provenance(run_id, None, "bench", "bench", "1.4.0")
    start = _memory()["VmRSS"]
    began = time.process_time()
    commit._commit_run(Path(work), provenance, ())
    seconds = time.process_time() - began
    shutil.rmtree(work, ignore_errors=True)
    return {
        "import_rss_mib": start,
        "peak_mib": max(p["peak_mib"] for p in phases),
        "cpu_s": round(seconds, 2),
        "phases": phases,
    }


def run_commit_cost(docs: int, staged: Path) -> dict[str, Any]:
    archive = stage_run(staged, docs)
    import multiprocessing

    with multiprocessing.get_context("spawn").Pool(1) as pool:
        result: dict[str, Any] = pool.apply(_run_commit_cost, (str(archive), str(staged / "commit")))
    return {"run_documents": docs, **result}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--json", type=Path)
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument(
        "--commit-only", action="store_true", help="only a run's commit against --docs stored documents"
    )
    parser.add_argument(
        "--crowded", type=int, help="only a run's commit of this many copies of a few articles"
    )
    parser.add_argument(
        "--run-commit", type=int, help="only a whole run's commit of this many generated pages"
    )
    parser.add_argument("--staged", type=Path, help="where --run-commit stages its run (kept, reused)")
    args = parser.parse_args()
    if args.run_commit:
        if args.staged is None:
            parser.error("--run-commit needs --staged FOLDER")
        print(json.dumps(run_commit_cost(args.run_commit, args.staged)))
        return
    if args.crowded:
        print(json.dumps(crowded_cost(args.crowded)))
        return
    if args.commit_only:
        print(json.dumps(commit_cost(args.docs, 1_000)))
        return
    results = {
        "parameters": {
            "shingle": nd.SHINGLE,
            "num_perm": nd.NUM_PERM,
            "bands": nd.BANDS,
            "rows": nd.ROWS,
            "min_han": nd.MIN_HAN,
        },
        "quality": [quality(t) for t in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8)],
        "cost": cost(args.docs),
        "commit": commit_cost(args.docs, 1_000),
    }
    for row in results["quality"]:
        print(
            f"threshold {row['threshold']:.1f}: precision {row['precision']:.3f} recall {row['recall']:.3f} "
            f"{ {k: round(v, 3) for k, v in row['recall_by_kind'].items()} } "
            f"(highest between articles {row['highest_between_articles']:.3f})"
        )
    print(json.dumps(results["cost"]))
    print(json.dumps(results["commit"]))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", "utf-8")


if __name__ == "__main__":
    main()
