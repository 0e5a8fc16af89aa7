"""Fidelity on the two labelled corpora: every field of the shared scorer, text dumps and HTML pages.

Every page of ``../shared/corpus/gne`` (60 pages) and ``../shared/corpus/dev`` (50 pages), both its
``text/*.txt`` (a naive scraper's dump) and its ``html/*.html``, goes through the stages the pipeline
runs (decode → to_page → clean → extract → restore_dates). The predictions (body, title,
published_at, author, publisher, editors) are scored with ``../shared/tools/score_pages.py``
(imported from there by path, not copied): body bigram F1 / precision / recall, title, date (the
day; the pages whose dump prints it; to the minute), author and publisher (and how often one is
given where the gold has none), editors F1.

Reference rows, on the same pages: the raw text dumps as they are (body only), and trafilatura and
GNE on the HTML when they are importable (``pip install -c constraints.txt -e '.[bench]'``; they are
no dependency). Fields a row does not predict print as "—".

Run: ``.venv/bin/python benchmarks/fidelity.py [--corpus gne|dev|all] [--json PATH] [--rows]``.
``--rows`` lists every page of our two rows, worst body first, with the fields it misses. The tests
import ``run_corpus``, ``predictions``, ``score_predictions`` and ``raw_bodies``.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import importlib.util
import json
import re
import sys
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from types import ModuleType
from typing import Any, NamedTuple

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from zharchive.stages.clean import clean  # noqa: E402
from zharchive.stages.decode import decode  # noqa: E402
from zharchive.stages.extract import extract, restore_dates  # noqa: E402
from zharchive.stages.page import to_page  # noqa: E402

SHARED = REPO.parent / "shared"
CORPORA = {"gne": SHARED / "corpus" / "gne", "dev": SHARED / "corpus" / "dev"}
DEV = CORPORA["dev"]
SCORER = SHARED / "tools" / "score_pages.py"
KINDS = {"text": "*.txt", "html": "*.html"}

Prediction = dict[str, Any]
Predictions = dict[str, Prediction]

# The scorer's summary keys, in the order of the table, with their column headings.
FIELDS = {
    "body_f1": "body F1",
    "body_p": "body P",
    "body_r": "body R",
    "title": "title",
    "date": "date (day)",
    "date_text": "date, in text",
    "date_min": "date (minute)",
    "author": "author",
    "author_spurious": "author spurious",
    "publisher": "publisher",
    "publisher_spurious": "publisher spurious",
    "editors_f1": "editors F1",
}
# Which summary keys each predicted field feeds.
FED_BY = {
    "body": ("body_f1", "body_p", "body_r"),
    "title": ("title",),
    "published_at": ("date", "date_text", "date_min"),
    "author": ("author", "author_spurious"),
    "publisher": ("publisher", "publisher_spurious"),
    "editors": ("editors_f1",),
}
ALL_FIELDS = tuple(FED_BY)


def scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_pages", SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _paths(corpus: Path, kind: str) -> list[Path]:
    return sorted((corpus / kind).glob(KINDS[kind]))


# --- our system -----------------------------------------------------------------------------------


def predict(path: Path) -> Prediction:
    """One page through the pipeline's stages, as the scorer reads a prediction."""
    page = to_page(decode(path.read_bytes()).text, path=str(path))
    cleaned = clean(page.text, hints=page.hints)
    metadata = extract(cleaned, hints=page.hints)
    restore_dates(cleaned, metadata)
    return {
        "id": path.stem,
        "body": cleaned.body_text,
        "title": metadata.title or "",
        "published_at": None if metadata.published_at is None else metadata.published_at.isoformat(),
        "author": metadata.author or "",
        "publisher": metadata.publisher or "",
        "editors": list(metadata.editors),
    }


def predictions(corpus: Path, kind: str) -> Predictions:
    """Our predictions for every page of ``corpus``'s ``text/`` or ``html/``."""
    return {path.stem: predict(path) for path in _paths(corpus, kind)}


def bodies(corpus: Path, kind: str) -> dict[str, str]:
    return {stem: p["body"] for stem, p in predictions(corpus, kind).items()}


# --- references -----------------------------------------------------------------------------------


def raw_bodies(corpus: Path) -> dict[str, str]:
    """The text dumps as they are: the floor a cleaner must beat."""
    return {path.stem: decode(path.read_bytes()).text for path in _paths(corpus, "text")}


def raw_predictions(corpus: Path) -> Predictions:
    return {stem: {"id": stem, "body": body} for stem, body in raw_bodies(corpus).items()}


_LOOSE_DATE = re.compile(
    r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:[^\d]{0,3}?(\d{1,2})\s*[:：时]\s*(\d{1,2}))?"
)


def loose_iso(value: object) -> str | None:
    """A reference tool's date string as ISO 8601: kept as it is when it is ISO 8601 already (with its
    offset: "2024-05-22T00:21:04.000Z" is UTC), else read loosely ("2019年9月7日 13:43",
    "2019/09/07 13:43") as a naive local time, which the scorer reads as China Standard Time."""
    text = str(value or "").strip()
    try:
        datetime.fromisoformat(text.replace(" ", "T", 1))
    except ValueError:
        pass
    else:
        return text
    found = _LOOSE_DATE.search(text)
    if found is None:
        return None
    year, month, day, hour, minute = found.groups()
    if not (1 <= int(month) <= 12 and 1 <= int(day) <= 31):
        return None
    iso = f"{int(year):04d}-{int(month):02d}-{int(day):02d}"
    if hour is not None and int(hour) < 24 and int(minute) < 60:
        iso += f"T{int(hour):02d}:{int(minute):02d}"
    return iso


def _version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "?"


def trafilatura_predictions(corpus: Path) -> Predictions | None:
    """trafilatura on each HTML page (decoded by our decode stage, like ours): the body of
    ``trafilatura.extract`` with its defaults, title / author / date of ``extract_metadata`` (htmldate
    asked for the time and its offset too). It has no publisher or editors (its ``sitename`` is the
    hosting site, not the 来源 the gold labels)."""
    try:
        import trafilatura  # type: ignore[import-not-found, unused-ignore]
        from trafilatura.settings import set_date_params  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        return None
    out: Predictions = {}
    for path in _paths(corpus, "html"):
        html = decode(path.read_bytes()).text
        meta = trafilatura.extract_metadata(
            html, date_config={**set_date_params(True), "outputformat": "%Y-%m-%dT%H:%M:%S%z"}
        )
        out[path.stem] = {
            "id": path.stem,
            "body": trafilatura.extract(html) or "",
            "title": meta.title or "",
            "published_at": loose_iso(meta.date),
            "author": meta.author or "",
        }
    return out


def gne_predictions(corpus: Path) -> Predictions | None:
    """GNE (GeneralNewsExtractor) on each HTML page, defaults: content, title, author, publish_time
    (read loosely into ISO 8601). It has no publisher or editors. A page it finds no content in
    (``NoContentException``) gets an empty body but keeps nothing else either."""
    try:
        from gne import GeneralNewsExtractor  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        return None
    extractor = GeneralNewsExtractor()
    out: Predictions = {}
    for path in _paths(corpus, "html"):
        html = decode(path.read_bytes()).text
        try:
            result = extractor.extract(html)
        except Exception:  # NoContentException, or the tool failing on a page: it scores zero there
            result = {}
        out[path.stem] = {
            "id": path.stem,
            "body": result.get("content") or "",
            "title": result.get("title") or "",
            "published_at": loose_iso(result.get("publish_time")),
            "author": result.get("author") or "",
        }
    return out


# --- scoring --------------------------------------------------------------------------------------


def score_predictions(corpus: Path, predicted: Predictions) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The scorer's summary (every field, averaged over the gold pages that have it) and its rows."""
    summary, rows = scorer().score(corpus, predicted)
    return dict(summary), list(rows)


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


class Row(NamedTuple):
    key: str
    label: str
    predicts: tuple[str, ...]  # the predicted fields (keys of FED_BY)
    summary: dict[str, Any] | None  # None: the tool is not installed
    rows: list[dict[str, Any]]
    seconds: float

    def figures(self) -> dict[str, float | None]:
        """Every scorer field; None where the row does not predict it (or the tool is missing)."""
        fed = {key for name in self.predicts for key in FED_BY[name]}
        return {
            key: (self.summary.get(key) if self.summary is not None and key in fed else None)
            for key in FIELDS
        }


Runner = Callable[[Path], Predictions | None]


def _runners() -> list[tuple[str, str, tuple[str, ...], Runner]]:
    return [
        ("raw_text", "raw text as is (reference)", ("body",), raw_predictions),
        ("zharchive_text", "zharchive, text/", ALL_FIELDS, lambda c: predictions(c, "text")),
        ("zharchive_html", "zharchive, html/", ALL_FIELDS, lambda c: predictions(c, "html")),
        (
            "trafilatura_html",
            f"trafilatura {_version('trafilatura')}, html/",
            ("body", "title", "published_at", "author"),
            trafilatura_predictions,
        ),
        (
            "gne_html",
            f"GNE {_version('gne')}, html/",
            ("body", "title", "published_at", "author"),
            gne_predictions,
        ),
    ]


def run_benchmark(corpus: Path, *, tools: bool = True) -> list[Row]:
    """Every row on ``corpus``: the raw text, ours on both inputs, and the tools when importable."""
    out = []
    for key, label, predicts, runner in _runners():
        if not tools and key.endswith("_html") and not key.startswith("zharchive"):
            continue
        started = time.perf_counter()
        predicted = runner(corpus)
        seconds = time.perf_counter() - started
        if predicted is None:
            out.append(Row(key, f"{label} (not installed)", predicts, None, [], 0.0))
            continue
        summary, rows = score_predictions(corpus, predicted)
        out.append(Row(key, label, predicts, summary, rows, seconds))
    return out


# --- output ---------------------------------------------------------------------------------------


def gold_counts(corpus: Path) -> dict[str, int]:
    """How many gold pages each field is averaged over (the spurious ones: the pages without it)."""
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((corpus / "gold").glob("*.json"))]
    dated = [g for g in golds if g.get("date")]
    return {
        "pages": len(golds),
        "title": sum(1 for g in golds if g.get("title")),
        "date": len(dated),
        "date_text": sum(1 for g in dated if g.get("date_in_text", True)),
        "date_min": sum(1 for g in dated if ":" in str(g["date"])),
        "author": sum(1 for g in golds if g.get("author")),
        "author_spurious": sum(1 for g in golds if not g.get("author")),
        "publisher": sum(1 for g in golds if g.get("publisher")),
        "publisher_spurious": sum(1 for g in golds if not g.get("publisher")),
        "editors_f1": sum(1 for g in golds if g.get("editors")),
    }


def table(name: str, corpus: Path, rows: Sequence[Row]) -> str:
    n = gold_counts(corpus)
    lines = [
        f"### `{name}`: {n['pages']} pages; title on {n['title']}, date on {n['date']} ({n['date_text']} "
        f"printed in the text dump, {n['date_min']} with a time), author on {n['author']}, publisher on "
        f"{n['publisher']}, editors on {n['editors_f1']}",
        "",
        "| row | " + " | ".join(FIELDS.values()) + " | seconds |",
        "|---" * (len(FIELDS) + 2) + "|",
    ]
    for row in rows:
        cells = ["—" if v is None else f"{v:.3f}" for v in row.figures().values()]
        seconds = f"{row.seconds:.2f}" if row.summary is not None else "—"
        lines.append(f"| {row.label} | " + " | ".join(cells) + f" | {seconds} |")
    return "\n".join(lines)


def misses(row: dict[str, Any]) -> str:
    wrong = [k for k in ("title", "date", "author", "publisher") if row.get(k) is False]
    if "date" in wrong:
        wrong[wrong.index("date")] = f"date (predicted {row.get('date_pred')})"
    return ", ".join(wrong)


def as_json(results: dict[str, list[Row]]) -> dict[str, Any]:
    return {
        "scorer": str(SCORER),
        "versions": {p: _version(p) for p in ("zharchive", "trafilatura", "gne")},
        "corpora": {
            name: {
                "path": str(CORPORA[name]),
                "gold_pages_per_field": gold_counts(CORPORA[name]),
                "rows": [
                    {
                        "key": r.key,
                        "label": r.label,
                        "installed": r.summary is not None,
                        "predicts": list(r.predicts),
                        "seconds": round(r.seconds, 3),
                        "figures": r.figures(),
                    }
                    for r in rows
                ],
            }
            for name, rows in results.items()
        },
    }


def worst_case_lines() -> None:
    """The issue's bound: a 1 MB single-line input is cleaned in under a second."""
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


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--corpus", choices=("gne", "dev", "all"), default="all")
    parser.add_argument("--json", type=Path, metavar="PATH", help="write the figures there as JSON")
    parser.add_argument("--rows", action="store_true", help="every page of our rows, worst body first")
    parser.add_argument("--no-tools", action="store_true", help="skip trafilatura and GNE")
    parser.add_argument("--no-worst-case", action="store_true", help="skip the 1 MB single-line timings")
    args = parser.parse_args(argv)
    if not SCORER.is_file():
        sys.exit(f"needs the scorer at {SCORER}")
    names = list(CORPORA) if args.corpus == "all" else [args.corpus]
    missing = [name for name in names if not (CORPORA[name] / "gold").is_dir()]
    if missing:
        sys.exit("needs " + ", ".join(str(CORPORA[name]) for name in missing))
    results: dict[str, list[Row]] = {}
    for name in names:
        rows = run_benchmark(CORPORA[name], tools=not args.no_tools)
        results[name] = rows
        print(table(name, CORPORA[name], rows))
        print()
        if args.rows:
            for row in rows:
                if not row.key.startswith("zharchive"):
                    continue
                print(f"{name}, {row.label} every page, worst body first:")
                for page in sorted(row.rows, key=lambda r: r["body_f1"]):
                    print(f"    {page['id']}\tbody F1 {page['body_f1']:.3f}\t{misses(page)}")
                print()
    if args.json is not None:
        args.json.write_text(json.dumps(as_json(results), ensure_ascii=False, indent=1) + "\n", "utf-8")
        print(f"figures written to {args.json}")
    if not args.no_worst_case:
        worst_case_lines()


if __name__ == "__main__":
    main()
