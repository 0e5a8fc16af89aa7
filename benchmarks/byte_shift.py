"""The annotator's GBK byte shifts, simulated on real articles, and how many runs the repair restores.

The damage is the mechanism derived from seeds 000 and 001 (``zharchive/stages/byteshift.py``'s
module doc says how, byte by byte):

1. an article's text, full-width ASCII punctuation made half-width (，→, as in every seed), in GBK;
2. the annotator's set of characters: a random third of the article's script-specific characters
   (Traditional-only in a Traditional article, Simplified-only in a Simplified one; each seed
   annotates its own set) and, at random places, the character that the trail byte of one
   character and the lead byte of the next make, when it is one the annotator could choose: one
   per ``--every`` characters (the straddles that the set makes elsewhere happen too);
3. every occurrence of each character's bytes, in a random order, followed by ``(reading)``
   (pypinyin's reading, in GBK): plain byte replacement, which matches across boundaries;
4. the bytes decoded as the seeds show (``misdecode``): a lead byte and a non-trail byte are one
   ``?``, a pair that is no character is dropped, the rest is read one byte off until a trail byte
   is ASCII.

The articles are the gold bodies of ``../shared/corpus/*/gold/*.json``, read at run time (never
copied here), each as it is (Simplified) and through OpenCC s2t (Traditional), lines that GBK
cannot encode left out. A damaged run is a maximal stretch of original characters that did not
come out as themselves. After the repair (``repair_byte_shifts`` then the pinyin-annotation
removal, as the cleaner runs them) each run is **exact** (the text reads as the article), a
**gap** (a U+FFFD where something was not restored, nothing else wrong), or **wrong** (a character
the article did not have). Changes outside every run are counted too (``collateral``).

Run: ``.venv/bin/python benchmarks/byte_shift.py [--seed 21] [--every 150] [--half tune|report]
[--json PATH]``. The repair's margin and gap rule are set on ``--half tune``; its figures are given
for ``--half report``.
"""

from __future__ import annotations

import argparse
import difflib
import json
import random
import resource
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from zharchive.stages import byteshift  # noqa: E402
from zharchive.stages.byteshift import EATEN, GAP, _pair, decode_steps  # noqa: E402
from zharchive.stages.repair import remove_pinyin_annotations, repair_byte_shifts  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus"
_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}


def articles() -> list[tuple[str, str]]:
    """(name, body) of every gold body, read now."""
    found = []
    for path in sorted(CORPUS.glob("*/gold/*.json")):
        body = json.loads(path.read_text(encoding="utf-8"))["body"]
        found.append((f"{path.parent.parent.name}/{path.stem}", body))
    return found


def gbk_text(text: str) -> str:
    """The text's lines that GBK encodes, full-width ASCII punctuation made half-width."""
    kept = []
    for line in text.translate(_WIDTH).split("\n"):
        try:
            line.encode("gbk")
        except UnicodeEncodeError:
            continue
        kept.append(line)
    return "\n".join(kept)


class Annotator:
    """pypinyin's reading of a character, and which characters the annotator may choose."""

    def __init__(self) -> None:
        import opencc
        from pypinyin import Style, pinyin

        self._pinyin = pinyin
        self._style = Style.TONE
        self._t2s = opencc.OpenCC("t2s")
        self._s2t = opencc.OpenCC("s2t")
        self._readings: dict[str, str | None] = {}

    def reading(self, char: str) -> str | None:
        if char not in self._readings:
            found = self._pinyin(char, style=self._style, heteronym=False)
            first = found[0][0] if found and found[0] else char
            self._readings[char] = None if first == char else first
        return self._readings[char]

    def choosable(self, char: str, traditional: bool) -> bool:
        if not ("\u4e00" <= char <= "\u9fff") or self.reading(char) is None:
            return False
        other = self._t2s.convert(char) if traditional else self._s2t.convert(char)
        return other != char


def damage(
    text: str, rng: random.Random, annotator: Annotator, traditional: bool, every: int
) -> tuple[str, list[tuple[int, int]], int]:
    """The damaged text, the damaged runs (original character spans), and the straddles made."""
    raw = bytearray()
    owner: list[tuple[int, int] | None] = []  # (character index, byte of it) or None: inserted
    for index, char in enumerate(text):
        encoded = char.encode("gbk")
        raw += encoded
        owner += [(index, k) for k in range(len(encoded))]
    distinct = sorted({c for c in text if annotator.choosable(c, traditional)})
    chosen = set(rng.sample(distinct, len(distinct) // 3))
    boundaries = []
    for index in range(len(text) - 1):
        a, b = text[index].encode("gbk"), text[index + 1].encode("gbk")
        if len(a) == 2 and len(b) == 2:
            straddle = _pair(a[1], b[0])
            if straddle is not None and annotator.choosable(straddle, traditional):
                boundaries.append(straddle)
    chosen |= set(rng.sample(boundaries, min(len(boundaries), max(1, len(text) // every))))
    order = sorted(chosen)
    rng.shuffle(order)
    data = bytes(raw)
    straddles = 0
    for char in order:
        key = char.encode("gbk")
        reading = annotator.reading(char)
        assert reading is not None
        inserted = b"(" + reading.encode("gbk") + b")"
        grown = bytearray()
        owners: list[tuple[int, int] | None] = []
        i = 0
        while (found := data.find(key, i)) >= 0:
            grown += data[i : found + 2]
            owners += owner[i : found + 2]
            grown += inserted
            owners += [None] * len(inserted)
            first = owner[found]
            straddles += first is not None and first[1] == 1
            i = found + 2
        grown += data[i:]
        owners += owner[i:]
        data, owner = bytes(grown), owners
    out, intact = _decode_tracked(data, owner)
    runs = []
    index = 0
    while index < len(text):
        if index in intact:
            index += 1
            continue
        start = index
        while index < len(text) and index not in intact:
            index += 1
        runs.append((start, index))
    return out, runs, straddles


def _decode_tracked(data: bytes, owner: list[tuple[int, int] | None]) -> tuple[str, set[int]]:
    """``misdecode``, and which original characters came out as themselves."""
    out: list[str] = []
    intact: set[int] = set()
    for i, step, char in decode_steps(data):
        out.append(char)
        if step == "ascii" and (o := owner[i]) is not None:
            intact.add(o[0])
        elif step == "pair":
            a, b = owner[i], owner[i + 1]
            if a is not None and b is not None and a[0] == b[0] and a[1] == 0:
                intact.add(a[0])
        elif step == "control" and (o := owner[i + 1]) is not None:
            intact.add(o[0])
    return "".join(out), intact


def repair(text: str, use_prior: bool) -> str:
    """The two repairs the cleaner runs on a pinyin-damaged page, line by line."""
    lines = []
    for number, line in enumerate(text.split("\n"), start=1):
        shifted = repair_byte_shifts(line, number, use_prior=use_prior)
        lines.append(remove_pinyin_annotations(shifted.text, number).text)
    return "\n".join(lines)


def judge(original: str, repaired: str, runs: list[tuple[int, int]]) -> tuple[Counter[str], int]:
    """Each run exact, gap or wrong; and the characters changed outside every run."""
    verdict = dict.fromkeys(runs, "exact")
    collateral = 0
    matcher = difflib.SequenceMatcher(None, original, repaired, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        touched = [r for r in runs if r[0] <= i2 and i1 <= r[1] and (i1 < r[1] or i2 > r[0] or i1 == i2)]
        if not touched:
            collateral += max(i2 - i1, j2 - j1)
            continue
        wrong = any(c != GAP for c in repaired[j1:j2])
        for run in touched:
            if wrong:
                verdict[run] = "wrong"
            elif verdict[run] == "exact":
                verdict[run] = "gap"
    return Counter(verdict.values()), collateral


def half_of(found: list[tuple[str, str]], half: str) -> list[tuple[str, str]]:
    """The articles of one half: ``tune`` the even places of the sorted list, ``report`` the odd
    ones, ``all`` both. Thresholds are set on ``tune`` and the figures given on ``report``, so a
    figure is not one the threshold was fitted to."""
    if half == "all":
        return found
    return found[0 if half == "tune" else 1 :: 2]


def measure(
    seed: int, every: int, use_prior: bool, limit: int | None = None, half: str = "all"
) -> dict[str, Any]:
    annotator = Annotator()
    totals: dict[str, Counter[str]] = {"Hant": Counter(), "Hans": Counter()}
    collateral = Counter[str]()
    pages = Counter[str]()
    started = time.process_time()
    for name, body in half_of(articles()[:limit], half):
        for script in ("Hant", "Hans"):
            # each page its own generator: a page's damage is the same in either half's run
            rng = random.Random(f"{seed}/{name}/{script}")
            traditional = script == "Hant"
            text = gbk_text(annotator._s2t.convert(body) if traditional else body)
            if len(text) < 50:
                continue
            damaged, runs, _ = damage(text, rng, annotator, traditional, every)
            counts, changed = judge(text, repair(damaged, use_prior), runs)
            totals[script].update(counts)
            collateral[script] += changed
            pages[script] += 1
    cpu = time.process_time() - started
    return {"totals": totals, "collateral": collateral, "pages": pages, "cpu_s": cpu}


def _row(name: str, counts: Counter[str], collateral: int) -> str:
    runs = sum(counts.values())
    share = {k: 100 * counts[k] / runs if runs else 0.0 for k in ("exact", "gap", "wrong")}
    return (
        f"| {name} | {runs} | {share['exact']:.1f} % | {share['gap']:.1f} % | {share['wrong']:.2f} % "
        f"| {collateral} |"
    )


def eaten_bytes(seed: int, every: int, limit: int | None = None, half: str = "all") -> dict[str, Any]:
    """How many damaged runs hold an ASCII byte the decoder ate (0x21-0x3F after a lead byte: the
    two became one ``?``, so which byte it was is gone), and which bytes those were. No repair runs:
    this is the ceiling the damage itself sets, whatever the prior."""
    annotator = Annotator()
    runs = with_eaten = 0
    chars = Counter[str]()
    for name, body in half_of(articles()[:limit], half):
        for script in ("Hant", "Hans"):
            rng = random.Random(f"{seed}/{name}/{script}")  # the same damage as ``measure``'s
            traditional = script == "Hant"
            text = gbk_text(annotator._s2t.convert(body) if traditional else body)
            if len(text) < 50:
                continue
            _, found, _ = damage(text, rng, annotator, traditional, every)
            for start, end in found:
                runs += 1
                eaten = [c for c in text[start:end] if c in EATEN]
                if eaten:
                    with_eaten += 1
                    chars[eaten[-1]] += 1
    return {"runs": runs, "with_eaten": with_eaten, "chars": chars}


def prior_cost() -> str:
    """What loading the prior costs a process that has imported the pipeline (a fresh one)."""
    import subprocess

    code = (
        "import resource, time; import zharchive.pipeline; "
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss; t = time.perf_counter(); "
        "from zharchive.stages.byteshift import restore; restore('擔當?shù)墓茶F軍'); "
        "print(f'{time.perf_counter() - t:.2f} s, '"
        "f'{(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024:.0f} MiB')"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return out.stdout.strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=21)
    parser.add_argument("--every", type=int, default=150, help="one chosen straddle per N characters")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--margin", type=float, default=None, help="try another margin than MARGIN")
    parser.add_argument(
        "--half",
        choices=("all", "tune", "report"),
        default="all",
        help="tune: the even articles (thresholds are set there); report: the odd ones",
    )
    parser.add_argument("--no-baseline", action="store_true", help="with the prior only")
    parser.add_argument(
        "--eaten",
        action="store_true",
        help="only count the runs that hold a byte the decoder ate (no repair)",
    )
    args = parser.parse_args(argv)
    if args.eaten:
        found = eaten_bytes(args.seed, args.every, args.limit, args.half)
        share = found["with_eaten"] / max(found["runs"], 1)
        print(
            f"seed {args.seed}, articles: {args.half}: {found['runs']} damaged runs, {found['with_eaten']} "
            f"({share:.1%}) hold an ASCII byte the decoder ate"
        )
        total = sum(found["chars"].values())
        print("  the byte:", ", ".join(f"{c!r} {n / total:.1%}" for c, n in found["chars"].most_common(8)))
        return 0
    if args.margin is not None:
        byteshift.MARGIN = args.margin
    print(
        f"margin {byteshift.MARGIN}, seed {args.seed}, one chosen straddle per {args.every} characters, "
        f"articles: {args.half}"
    )
    print(f"prior load in a fresh worker (first damaged run): {prior_cost()}", flush=True)
    print("| prior | runs | exact | gap | wrong | collateral chars |")
    print("| --- | --- | --- | --- | --- | --- |")
    results = {}
    for use_prior in (True,) if args.no_baseline else (True, False):
        found = measure(args.seed, args.every, use_prior, args.limit, args.half)
        results["with" if use_prior else "without"] = found
        for script in ("Hant", "Hans"):
            label = f"{'with' if use_prior else 'without'}, {script} ({found['pages'][script]} pages)"
            print(_row(label, found["totals"][script], found["collateral"][script]), flush=True)
        both = found["totals"]["Hant"] + found["totals"]["Hans"]
        label = f"{'with' if use_prior else 'without'}, both"
        print(_row(label, both, sum(found["collateral"].values())))
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        runs = sum(both.values())
        per_run = 1000 * found["cpu_s"] / max(runs, 1)
        print(f"  ({found['cpu_s']:.1f} CPU-s, {per_run:.0f} ms a run; max RSS {rss} MiB)")
    if args.json:
        args.json.write_text(json.dumps(results, default=dict, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
