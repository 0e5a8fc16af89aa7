"""Cleaning fidelity: bigram F1 of cleaned bodies on the dev corpus, text dumps and HTML pages.

Every page of ``../shared/corpus/dev`` (``text/*.txt`` and ``html/*.html``) goes through the real
stages (decode → to_page → clean → extract → restore_dates); the bodies are scored with the metric
of ``../shared/tools/score_bodies.py`` (imported from there, not copied), next to two reference
figures: the raw text dumps as they are, and trafilatura when it is importable (not a dependency).
Run: ``.venv/bin/python benchmarks/fidelity.py [--rows]``. The tests import
``run_corpus``.
"""

from __future__ import annotations

import importlib.util
import json
import sys
import time
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from zharchive.stages.clean import clean  # noqa: E402
from zharchive.stages.decode import decode  # noqa: E402
from zharchive.stages.extract import extract, restore_dates  # noqa: E402
from zharchive.stages.page import to_page  # noqa: E402

SHARED = REPO.parent / "shared"
DEV = SHARED / "corpus" / "dev"
SCORER = SHARED / "tools" / "score_bodies.py"
# The corpus README's figure for trafilatura, printed when trafilatura is not installed here.
TRAFILATURA_README_F1 = 0.859
KINDS = {"text": "*.txt", "html": "*.html"}


def scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_bodies", SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def bodies(corpus: Path, kind: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for path in sorted((corpus / kind).glob(KINDS[kind])):
        page = to_page(decode(path.read_bytes()).text, path=str(path))
        cleaned = clean(page.text, hints=page.hints)
        restore_dates(cleaned, extract(cleaned, hints=page.hints))
        out[path.stem] = cleaned.body_text
    return out


def raw_bodies(corpus: Path) -> dict[str, str]:
    """The text dumps as they are: the floor a cleaner must beat."""
    return {path.stem: decode(path.read_bytes()).text for path in sorted((corpus / "text").glob("*.txt"))}


def trafilatura_bodies(corpus: Path) -> dict[str, str] | None:
    """trafilatura's extraction of each HTML page, when trafilatura is installed (not a dependency)."""
    try:
        import trafilatura  # type: ignore[import-not-found]
    except ImportError:
        return None
    return {
        path.stem: trafilatura.extract(decode(path.read_bytes()).text) or ""
        for path in sorted((corpus / "html").glob("*.html"))
    }


def run_corpus(
    corpus: Path, kind: str, *, predicted: dict[str, str] | None = None
) -> tuple[float, float, float, list[tuple[str, float, float, float]]]:
    """(precision, recall, F1) averaged over the gold documents, and the per-document rows, of our
    cleaner on ``kind`` (or of the given ``predicted`` bodies)."""
    metric = scorer()
    predicted = bodies(corpus, kind) if predicted is None else predicted
    rows = []
    for gold_path in sorted((corpus / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))["body"]
        p, r, f = metric.prf(predicted.get(gold_path.stem, ""), gold)
        rows.append((gold_path.stem, p, r, f))
    n = len(rows)
    return (
        sum(x[1] for x in rows) / n,
        sum(x[2] for x in rows) / n,
        sum(x[3] for x in rows) / n,
        rows,
    )


def main() -> None:
    if not DEV.is_dir() or not SCORER.is_file():
        sys.exit(f"needs {DEV} and {SCORER}")
    show_rows = "--rows" in sys.argv
    for kind in KINDS:
        started = time.perf_counter()
        p, r, f, rows = run_corpus(DEV, kind)
        seconds = time.perf_counter() - started
        print(
            f"{kind:5s} body F1 {f:.3f} (precision {p:.3f}, recall {r:.3f}) "
            f"over {len(rows)} documents, {seconds:.2f} s"
        )
        if show_rows:
            for stem, dp, dr, df in sorted(rows, key=lambda x: x[3]):
                print(f"    {stem}\tP {dp:.3f}\tR {dr:.3f}\tF1 {df:.3f}")
    p, r, f, _ = run_corpus(DEV, "text", predicted=raw_bodies(DEV))
    print(f"reference: raw text as is, body F1 {f:.3f} (precision {p:.3f}, recall {r:.3f})")
    extracted = trafilatura_bodies(DEV)
    if extracted is None:
        print(f"reference: trafilatura on html/: not installed; corpus README F1 {TRAFILATURA_README_F1}")
    else:
        p, r, f, _ = run_corpus(DEV, "html", predicted=extracted)
        print(f"reference: trafilatura on html/, body F1 {f:.3f} (precision {p:.3f}, recall {r:.3f})")
    worst_case_lines()


def worst_case_lines() -> None:
    """The issue's bound: a 1 MB single-line input is cleaned in under a second."""
    from zharchive.stages.clean import clean

    line = ("全市公安机关召开视频调度会，会议总结了过去五年的工作。" * 40000)[: 1 << 20]
    for name, text in (
        ("1 MB prose line", line),
        ("1 MB of 首页 ", "首页 " * 200000),
        ("1 MB of ASCII", "a" * (1 << 20)),
        ("1 MB of pinyin annotations", "會(huì)議" * 150000),
    ):
        started = time.perf_counter()
        clean(text)
        print(f"worst case: {name}: {time.perf_counter() - started:.2f} s (target < 1 s)")


if __name__ == "__main__":
    main()
