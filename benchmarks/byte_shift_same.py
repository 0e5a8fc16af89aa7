"""The byte-shift repair of this checkout against that of an earlier commit: the same restorations?

Loads ``zharchive/stages/byteshift.py`` and ``prior.py`` as they were at ``--against`` (from git,
never copied into the tree) beside the current ones, and runs both on every line with a ``?`` or
U+FFFD of the simulated damage of ``benchmarks/byte_shift.py`` (its articles, seed and rate), of
the seeds and of every page of the shared corpora (text and HTML; none has a run today). Every
``Restoration`` (text, candidates, margin, exact) must be equal, float for float.
Both are timed by CPU time, old and new interleaved line by line (the first to run alternates), so
a busy machine slows both alike.

``--pages N`` also cleans the first N pages of ``benchmarks/throughput.py`` (``make_document``)
whose seed is 000 or 001 (the seeds with the byte-shift damage), the cleaner calling the old
``restore`` or the new one, interleaved page by page: the cleaned pages must be equal, and their CPU
ms a page is printed (what the throughput benchmark's clean stage pays on them). With ``--cold``
the caches keyed on a run's bytes or readings (``RUN_KEYED``) are emptied before every page.

``--odd`` adds each line again with a NUL or a character beyond the BMP beside its runs (the prior's
keys pack code points: such a character must be no word's, as it was no word's string).

Run: ``.venv/bin/python benchmarks/byte_shift_same.py --against ff5a464 [--limit 30] [--pages 400]
[--odd]``; exit 1 on any difference.
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import subprocess
import sys
import time
import types
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.byte_shift import Annotator, articles, damage, gbk_text, half_of  # noqa: E402
from zharchive.stages import byteshift  # noqa: E402
from zharchive.stages.decode import decode  # noqa: E402


def _module(name: str, source: str) -> types.ModuleType:
    spec = importlib.util.spec_from_loader(name, loader=None)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    exec(compile(source, f"<{name}>", "exec"), module.__dict__)
    return module


def old_byteshift(commit: str) -> types.ModuleType:
    """byteshift.py and prior.py at ``commit``, as modules of their own (``_old_prior`` is what the
    old byteshift imports for ``zharchive.stages.prior``)."""

    def show(path: str) -> str:
        done = subprocess.run(
            ["git", "show", f"{commit}:{path}"], cwd=REPO, capture_output=True, text=True, check=True
        )
        return done.stdout

    _module("_old_prior", show("zharchive/stages/prior.py"))
    source = show("zharchive/stages/byteshift.py").replace("zharchive.stages.prior", "_old_prior")
    return _module("_old_byteshift", source)


def damaged_lines(seed: int, every: int, limit: int | None, half: str = "all") -> list[str]:
    """The lines with a ``?`` or U+FFFD of the simulated damage (as the benchmark makes it)."""
    annotator = Annotator()
    lines = []
    for name, body in half_of(articles()[:limit], half):
        for script in ("Hant", "Hans"):
            traditional = script == "Hant"
            rng = random.Random(f"{seed}/{name}/{script}")
            text = gbk_text(annotator._s2t.convert(body) if traditional else body)
            if len(text) < 50:
                continue
            damaged, _runs, _ = damage(text, rng, annotator, traditional, every)
            lines += [line for line in damaged.split("\n") if "?" in line or "\ufffd" in line]
    return lines


def seed_lines() -> list[str]:
    lines = []
    for path in sorted((REPO / "seeds").glob("*")):
        if path.is_file():
            text = decode(path.read_bytes()).text
            lines += [line for line in text.split("\n") if "?" in line or "\ufffd" in line]
    return lines


# The caches whose keys hold bytes or readings of a run (lead-byte sets, trail bytes, syllables, and
# the old to_simple's whole lines): ``--cold`` empties them before every page, so a page pays what
# the first page with such damage pays in a worker (the generated pages repeat the seeds' runs).
RUN_KEYED = ("_known_after", "_ranked_after", "_ranked_drop", "lost_leads", "_read_as", "to_simple")


def _empty_run_keyed(*modules: types.ModuleType) -> None:
    for module in modules:
        for name in RUN_KEYED:
            cached = getattr(module, name, None)
            if cached is not None:
                cached.cache_clear()


def pages_compared(old: types.ModuleType, count: int, cold: bool = False) -> int:
    """Clean ``count`` generated seed-000/001 pages with the old and the new ``restore`` (the cleaner
    imports it from the module when it runs), interleaved; print CPU ms a page; the pages differing."""
    from benchmarks.throughput import make_document
    from zharchive.stages.clean import clean
    from zharchive.stages.page import to_page

    pages = []
    index = 0
    while len(pages) < count:
        if index % 5 in (0, 1):  # make_document's seed is index % 5
            page = to_page(decode(make_document(index)[0]).text, path="x.txt")
            pages.append((index % 5, page))
        index += 1
    new_restore = byteshift.restore
    versions = {"old": old.restore, "new": new_restore}
    cpu = {(name, seed): 0.0 for name in versions for seed in (0, 1)}
    differ = 0
    try:
        for restore in versions.values():  # each loads its prior before the clock starts
            byteshift.restore = restore
            clean(pages[0][1].text, hints=pages[0][1].hints)
        for number, (seed, page) in enumerate(pages):
            order = list(versions.items())
            if number % 2:
                order.reverse()
            found = {}
            for name, restore in order:
                byteshift.restore = restore
                if cold:
                    _empty_run_keyed(old, byteshift)
                started = time.process_time()
                found[name] = clean(page.text, hints=page.hints)
                cpu[name, seed] += time.process_time() - started
            if found["old"] != found["new"]:
                differ += 1
    finally:
        byteshift.restore = new_restore
    for seed in (0, 1):
        n = sum(1 for s, _ in pages if s == seed)
        old_ms, new_ms = 1000 * cpu["old", seed] / n, 1000 * cpu["new", seed] / n
        print(
            f"clean() of {n} generated seed-00{seed} pages: "
            f"CPU old {old_ms:.2f} ms a page, new {new_ms:.2f} ms a page",
            flush=True,
        )
    print(f"{differ} cleaned pages different")
    return differ


def corpus_lines() -> list[str]:
    """The lines with a ``?`` or U+FFFD of every page of the shared corpora (text dumps and HTML),
    as the pipeline reads them (decode, to_page), read now."""
    from zharchive.stages.page import to_page

    corpus = REPO.parent / "shared" / "corpus"
    lines = []
    for path in sorted(corpus.glob("*/text/*")) + sorted(corpus.glob("*/html/*")):
        page = to_page(decode(path.read_bytes()).text, path=path.name)
        lines += [line for line in page.text.split("\n") if "?" in line or "\ufffd" in line]
    return lines


# Characters the prior's packed keys (``prior.pack``) must tell apart from any word: NUL (it packs
# as nothing), a control character below U+0011 (where one beyond the BMP spills), beyond the BMP.
ODD = ("\x00", "\x01", "\U00020000", "\U0001f600", "\U0010ffff")


def odd_lines(lines: list[str]) -> list[str]:
    """Each line with a run, again with an ``ODD`` character in the context before one of its runs
    or after it (1 or 2 characters before the "?", 0-2 after the run; chosen at random)."""
    rng = random.Random(22)
    out = []
    for line in lines:
        runs = byteshift.find_runs(line)
        if runs:
            run = rng.choice(runs)
            at = rng.choice(
                [a for a in (run.start - 2, run.start - 1, run.end, run.end + 1, run.end + 2) if a >= 0]
            )
            out.append(line[:at] + rng.choice(ODD) + line[at:])
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", required=True, help="the commit whose repair is the reference")
    parser.add_argument("--seed", type=int, default=21)
    parser.add_argument("--every", type=int, default=150)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--no-baseline", action="store_true", help="with the prior only")
    parser.add_argument("--half", choices=("all", "tune", "report"), default="all")
    parser.add_argument("--quiet", action="store_true", help="count different lines, do not print them")
    parser.add_argument("--pages", type=int, default=0, help="also clean N generated seed-000/001 pages")
    parser.add_argument("--pages-only", action="store_true", help="only the --pages comparison")
    parser.add_argument("--cold", action="store_true", help="--pages: empty the run-keyed caches each page")
    parser.add_argument("--odd", action="store_true", help="also the lines with a NUL or astral beside runs")
    args = parser.parse_args(argv)
    old = old_byteshift(args.against)
    if args.pages:
        pages_differ = pages_compared(old, args.pages, args.cold)
        if args.pages_only:
            return 1 if pages_differ else 0
    else:
        pages_differ = 0
    lines = seed_lines() + corpus_lines() + damaged_lines(args.seed, args.every, args.limit, args.half)
    if args.odd:
        lines += odd_lines(lines)
    differ = 0
    for use_prior in (True,) if args.no_baseline else (True, False):
        cpu = {"old": 0.0, "new": 0.0}
        runs = {"old": 0, "new": 0}  # each finds its own runs (they differ when the finding changed)
        for number, line in enumerate(lines):
            order = [("old", old.restore), ("new", byteshift.restore)]
            if number % 2:
                order.reverse()
            found = {}
            for name, restore in order:
                started = time.process_time()
                found[name] = restore(line, use_prior=use_prior)
                cpu[name] += time.process_time() - started
            runs["old"] += len(found["old"])
            runs["new"] += len(found["new"])
            if [tuple(r) for r in found["old"]] != [tuple(r) for r in found["new"]]:
                differ += 1
                if not args.quiet:
                    print(f"DIFFERENT (prior {use_prior}): {line!r}")
                    print(f"  old {found['old']}\n  new {found['new']}")
        per_run = {name: 1000 * seconds / max(runs[name], 1) for name, seconds in cpu.items()}
        per_line = {name: 1000 * seconds / max(len(lines), 1) for name, seconds in cpu.items()}
        print(
            f"{'with' if use_prior else 'without'} the prior: {len(lines)} lines; "
            f"CPU old {cpu['old']:.1f} s ({runs['old']} runs, {per_run['old']:.1f} ms a run, "
            f"{per_line['old']:.1f} ms a line), "
            f"new {cpu['new']:.1f} s ({runs['new']} runs, {per_run['new']:.1f} ms a run, "
            f"{per_line['new']:.1f} ms a line)",
            flush=True,
        )
    print(f"{differ} lines with different restorations")
    return 1 if differ or pages_differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
