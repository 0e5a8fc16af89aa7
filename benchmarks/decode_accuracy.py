"""Decode accuracy and speed on a generated grid, next to plain ``chardet.detect``.

The grid: the seeds' and the dev corpus' gold bodies (``../shared/corpus/dev``), cut to 30/100/300/
1000/all characters, in every encoding each can be encoded in (Traditional variants made with
OpenCC s2tw for the Big5 cases), plus hard cases: short titles, HTML with little Chinese and a
``<meta charset>`` that may lie, GB18030-only characters, one invalid byte, a truncated last
character, two encodings joined at a line break and mid-line, a UTF-16 byte-order mark before text
in another codec, and mojibake.

A case is *exact* when ``decode(raw).text`` is the expected text; *wrong-unflagged* when it is not
and the result carries no flag (a quarantine, i.e. ``DecodeError``, is never wrong-unflagged: it
says so). Run: ``.venv/bin/python benchmarks/decode_accuracy.py``. The tests import ``build_grid``.
"""

from __future__ import annotations

import codecs
import json
import sys
import time
import warnings
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import chardet

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DEV = SHARED / "corpus" / "dev"
LENGTHS: tuple[int | None, ...] = (30, 100, 300, 1000, None)  # None: the whole body
# Encodings a clean case is tried in; each text only where it can be encoded.
CLEAN_ENCODINGS = (
    "utf-8",
    "utf-8-sig",
    "gb18030",
    "gbk",
    "gb2312",
    "big5hkscs",
    "cp950",
    "utf-16",
    "utf-16-le",
    "utf-16-be",
    "utf-32",
    "hz",
)
# chardet names two codecs a BOM-less UTF-16 file could be; these families are what it means.
FAMILY = {
    "utf-8-sig": "utf-8",
    "gbk": "gb18030",
    "gb2312": "gb18030",
    "cp950": "big5",
    "big5hkscs": "big5",
    "utf-16": "utf-16",
    "utf-16-le": "utf-16",
    "utf-16-be": "utf-16",
}


@dataclass(frozen=True)
class Case:
    kind: str  # "clean" or the name of a hard case
    encoding: str  # how the bytes were made
    length: str  # "30", "100", ..., "all", or a label for hard cases
    raw: bytes
    expected: str | None  # None: must be quarantined (DecodeError) or flagged
    source: str


def _sources() -> list[tuple[str, str]]:
    texts = [(p.name, p.read_text(encoding="utf-8")) for p in sorted((REPO / "seeds").glob("*.txt"))]
    if DEV.is_dir():
        for path in sorted((DEV / "gold").glob("*.json")):
            body = json.loads(path.read_text(encoding="utf-8"))["body"]
            texts.append((path.name, body))
    return [(name, text.strip()) for name, text in texts if text.strip()]


def _traditional(text: str) -> str:
    from opencc import OpenCC  # type: ignore[import-untyped]

    return str(OpenCC("s2tw").convert(text))


def _encodable(text: str, codec: str) -> bytes | None:
    try:
        return text.encode(codec)
    except UnicodeEncodeError:
        return None


def _cut(text: str, length: int | None) -> str | None:
    if length is None:
        return text
    if len(text) < length:
        return None
    return text[:length].rstrip() or None


def _clean(name: str, text: str, variant: str) -> Iterator[Case]:
    for length in LENGTHS:
        piece = _cut(text, length)
        if piece is None:
            continue
        label = "all" if length is None else str(length)
        for codec in CLEAN_ENCODINGS:
            raw = _encodable(piece, codec)
            if raw is not None:
                yield Case(f"clean-{variant}", codec, label, raw, piece, name)


def _han_run(text: str, size: int, start: int) -> str | None:
    """A title-like slice: ``size`` characters starting at a Han character."""
    from zharchive.text import is_han

    for offset in range(start, len(text) - size):
        piece = text[offset : offset + size]
        if is_han(piece[0]) and "\n" not in piece and sum(map(is_han, piece)) >= size * 0.7:
            return piece
    return None


_HTML = """<!DOCTYPE html>
<html lang="zh"><head><meta http-equiv="Content-Type" content="text/html; charset={declared}">
<title>{title}</title>
<link rel="stylesheet" href="/static/css/site.min.css?v=20240501">
<script src="/static/js/jquery-1.12.4.min.js"></script>
<script>var _hmt = _hmt || []; (function() {{ var hm = document.createElement("script");
hm.src = "https://hm.example.com/hm.js?0123456789abcdef"; }})();</script>
</head><body><div class="nav"><a href="/">Home</a> | <a href="/news/">News</a></div>
<div class="content"><p>{body}</p></div><div class="footer">Copyright 2024 Example Inc.</div>
</body></html>
"""


def _damaged(name: str, text: str, trad: str) -> Iterator[Case]:
    lines = text.split("\n")
    middle = len(text) // 2
    # An invalid byte at a character boundary: decoding with replacement gives one U+FFFD.
    for codec, source in (("utf-8", text), ("gb18030", text), ("big5hkscs", trad)):
        if _encodable(source, codec) is None:
            continue
        k = len(source) // 2
        for bad in (b"\xff", b"\x80"):
            raw = source[:k].encode(codec) + bad + source[k:].encode(codec)
            yield Case("invalid-byte", codec, bad.hex(), raw, source[:k] + "\ufffd" + source[k:], name)
    # A truncated last character: the text without it.
    for codec, source in (("utf-8", text), ("gb18030", text), ("big5hkscs", trad), ("utf-16-le", text)):
        raw = _encodable(source, codec)
        if raw is None or source[-1].isascii():
            continue
        yield Case("truncated", codec, "last", raw[:-1], source[:-1], name)
    # Two encodings joined at a line break, and mid-line.
    if len(lines) >= 2:
        head, tail = "\n".join(lines[: len(lines) // 2]) + "\n", "\n".join(lines[len(lines) // 2 :])
        for first, second in (("utf-8", "gb18030"), ("gb18030", "utf-8"), ("utf-8", "big5hkscs")):
            tail_text = tail if second != "big5hkscs" else _traditional(tail)
            head_raw, tail_raw = _encodable(head, first), _encodable(tail_text, second)
            if head_raw is not None and tail_raw is not None and not tail_raw.isascii():
                yield Case(
                    "two-codecs-line",
                    f"{first}+{second}",
                    "line",
                    head_raw + tail_raw,
                    head + tail_text,
                    name,
                )
    if len(text) >= 200:
        left, mid, right = text[: middle - 40], text[middle - 40 : middle + 40], text[middle + 40 :]
        if "\n" not in mid and not mid.isascii():
            raw = left.encode("utf-8") + mid.encode("gb18030") + right.encode("utf-8")
            yield Case("two-codecs-midline", "utf-8+gb18030", "mid", raw, text, name)


def _mojibake(name: str, text: str) -> Iterator[Case]:
    # Recoverable: the longest prefix (≤ 400 characters) whose UTF-8 bytes read as GBK strictly.
    for size in range(min(400, len(text)), 20, -1):
        piece = text[:size]
        try:
            once = piece.encode("utf-8").decode("gbk")
        except UnicodeDecodeError:
            continue
        yield Case("mojibake-gbk", "utf-8", "strict", once.encode("utf-8"), piece, name)
        break
    # Unrecoverable: the GBK reading lost bytes (many U+FFFD) — must be quarantined or flagged.
    lossy = text.encode("utf-8").decode("gbk", "replace")
    yield Case("mojibake-gbk-lossy", "utf-8", "replace", lossy.encode("utf-8"), None, name)
    # UTF-8 read as windows-1252 the way browsers do (its five holes pass through as C1 controls).
    latin = "".join(bytes((b,)).decode("cp1252", "ignore") or chr(b) for b in text[:300].encode("utf-8"))
    yield Case("mojibake-cp1252", "utf-8", "300", latin.encode("utf-8"), text[:300], name)


def _hard(name: str, text: str, trad: str, index: int) -> Iterator[Case]:
    for size in (10, 15, 20):
        title = _han_run(text, size, start=index % 7)
        if title is not None:
            for codec in ("gb18030", "utf-8", "utf-16-le"):
                yield Case("title", codec, str(size), title.encode(codec), title, name)
        title_t = _han_run(trad, size, start=index % 7)
        if title_t is not None and _encodable(title_t, "big5hkscs") is not None:
            yield Case("title", "big5hkscs", str(size), title_t.encode("big5hkscs"), title_t, name)
    snippet = _han_run(text, 20, start=0)
    snippet_t = _han_run(trad, 20, start=0)
    if snippet is not None and snippet_t is not None:
        for codec, body, declared in (
            ("gb18030", snippet, "gb2312"),
            ("utf-8", snippet, "gb2312"),  # the declaration lies
            ("gb18030", snippet, "utf-8"),  # the declaration lies
            ("big5hkscs", snippet_t, "big5"),
            ("big5hkscs", snippet_t, "gb2312"),  # the declaration lies
        ):
            page = _HTML.format(declared=declared, title=body[:8], body=body)
            raw = _encodable(page, codec)
            if raw is not None:
                yield Case("html", codec, f"declared-{declared}", raw, page, name)
    # Characters only GB18030 (of the legacy codecs) has: CJK Ext-B, €, and a four-byte BMP one.
    extra = text[:200] + "𠀀𠮷€\u20ac\u3447" + text[200:260]
    yield Case("gb18030-only", "gb18030", "ext", extra.encode("gb18030"), extra, name)
    yield Case(
        "gb18030-bom",
        "gb18030",
        "bom",
        b"\x84\x31\x95\x33" + text[:300].encode("gb18030"),
        "\ufeff" + text[:300],
        name,
    )
    # A UTF-16 mark that lies: a tool wrote FF FE, then text in another codec (or byte order).
    piece, piece_t = text[:300], trad[:300]
    for mark, codec, body in (
        (codecs.BOM_UTF16_LE, "gb18030", piece),
        (codecs.BOM_UTF16_LE, "utf-8", piece),
        (codecs.BOM_UTF16_LE, "big5hkscs", piece_t),
        (codecs.BOM_UTF16_BE, "utf-16-le", piece),
    ):
        raw = _encodable(body, codec)
        if raw is not None:
            yield Case("lying-mark", codec, mark.hex(), mark + raw, body, name)


_ASCII_WORDS = ("report", "index", "news", "page", "title", "body", "site", "home", "about", "data")


def _stray_and_rare(name: str, text: str, index: int) -> Iterator[Case]:
    """Two families of issue 18: a short ASCII page with one NUL (read as UTF-16 mojibake before),
    and valid UTF-8 whose Han characters are mostly rare (quarantined as a wrong codec before)."""
    words = " ".join(_ASCII_WORDS[(index + k) % len(_ASCII_WORDS)] for k in range(3 + index % 5))
    at = len(words) // 2
    page = f"<html><body>{words[:at]}\x00{words[at:]}</body></html>"
    yield Case("ascii-nul", "utf-8", str(len(page)), page.encode(), page.replace("\x00", ""), name)
    han = _han_run(text, 20, start=index % 5)
    if han is not None:
        rare = "".join(chr(0x3400 + (ord(c) * 7 + k) % 0x19B0) if k % 3 else c for k, c in enumerate(han))
        yield Case("rare-han-utf8", "utf-8", str(len(rare)), rare.encode(), rare, name)


def build_grid() -> list[Case]:
    cases: list[Case] = []
    for index, (name, text) in enumerate(_sources()):
        trad = _traditional(text)
        cases += _clean(name, text, "simplified")
        if trad != text:
            cases += _clean(name, trad, "traditional")
        cases += _hard(name, text, trad, index)
        cases += _stray_and_rare(name, text, index)
        cases += _damaged(name, text, trad)
        cases += _mojibake(name, text)
    return cases


def corpus_available() -> bool:
    return DEV.is_dir()


@dataclass
class Outcome:
    exact: bool
    flagged: bool
    quarantined: bool
    wrong_unflagged: bool


def judge(case: Case) -> Outcome:
    from zharchive.errors import DecodeError
    from zharchive.stages.decode import decode

    try:
        result = decode(case.raw)
    except DecodeError:
        return Outcome(False, True, True, False)
    flagged = bool(result.flags)
    if case.expected is None:
        return Outcome(False, flagged, False, not flagged)
    exact = result.text == case.expected
    return Outcome(exact, flagged, False, not exact and not flagged)


def chardet_exact(case: Case) -> bool:
    if case.expected is None:
        return False
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        name = chardet.detect(case.raw)["encoding"]
    if not name:
        return False
    try:
        return case.raw.decode(name) == case.expected
    except (UnicodeDecodeError, LookupError):
        return False


def _speed(texts: list[str]) -> dict[str, float]:
    from zharchive.stages.decode import decode

    pages: list[str] = []
    buffer = ""
    for line in "\n".join(texts).split("\n"):  # ~6 KB pages: lines joined until 6,000 GB18030 bytes
        buffer += line + "\n"
        if len(buffer.encode("gb18030")) >= 6000:
            pages.append(buffer)
            buffer = ""
    trad = [_traditional(p) for p in pages]
    sets = {
        "utf-8": [p.encode("utf-8") for p in pages],
        "gb18030": [p.encode("gb18030") for p in pages],
        "big5hkscs": [b for p in trad if (b := _encodable(p, "big5hkscs")) is not None],
        "utf-16-le": [p.encode("utf-16-le") for p in pages],
        "utf-16 (BOM)": [p.encode("utf-16") for p in pages],
    }
    speeds = {}
    for label, raws in sets.items():
        if not raws:
            continue
        for raw in raws[:3]:
            decode(raw)
        total, started = 0, time.perf_counter()
        rounds = 0
        while time.perf_counter() - started < 1.5:
            for raw in raws:
                decode(raw)
                total += len(raw)
            rounds += 1
        speeds[f"{label} ({sum(map(len, raws)) // len(raws)} B avg, {len(raws)} pages)"] = (
            total / (time.perf_counter() - started) / 1e6
        )
    return speeds


def main() -> int:
    sys.path.insert(0, str(REPO))
    if not corpus_available():
        print(f"note: {DEV} absent; grid built from the seeds only")
    started = time.perf_counter()
    cases = build_grid()
    table: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    wrong: list[Case] = []
    for case in cases:
        outcome = judge(case)
        row = table[(case.kind, case.encoding, case.length)]
        row[0] += 1
        row[1] += outcome.exact
        row[2] += outcome.flagged
        row[3] += outcome.wrong_unflagged
        row[4] += chardet_exact(case)
        if outcome.wrong_unflagged:
            wrong.append(case)
    print(f"{len(cases)} cases in {time.perf_counter() - started:.1f} s\n")

    def summary(select: str) -> None:
        rows = [(k, v) for k, v in sorted(table.items()) if k[0].startswith(select)]
        by_enc: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
        by_len: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
        for (_, enc, length), v in rows:
            for agg in (by_enc[enc], by_len[length]):
                for i in range(5):
                    agg[i] += v[i]
        print("| group | cases | exact % | flagged | wrong-unflagged | chardet.detect exact % |")
        print("|---|---:|---:|---:|---:|---:|")
        for label, agg in [
            *(("enc " + k, v) for k, v in by_enc.items()),
            *(("len " + k, v) for k, v in by_len.items()),
        ]:
            n, ex, fl, wu, cd = agg
            print(f"| {label} | {n} | {100 * ex / n:.2f} | {fl} | {wu} | {100 * cd / n:.2f} |")

    print("## Clean cases (by encoding, then by length in characters)\n")
    summary("clean")
    clean = [v for k, v in table.items() if k[0].startswith("clean")]
    n = sum(v[0] for v in clean)
    print(
        f"\nclean total: {n} cases, exact {100 * sum(v[1] for v in clean) / n:.2f} %, "
        f"wrong-unflagged {sum(v[3] for v in clean)}, "
        f"chardet.detect exact {100 * sum(v[4] for v in clean) / n:.2f} %"
    )
    print("\n## Hard cases\n")
    print(
        "| case | encoding | variant | cases | exact % | flagged | wrong-unflagged | chardet.detect exact % |"
    )
    print("|---|---|---|---:|---:|---:|---:|---:|")
    for (kind, enc, length), (n, ex, fl, wu, cd) in sorted(table.items()):
        if not kind.startswith("clean"):
            print(
                f"| {kind} | {enc} | {length} | {n} | {100 * ex / n:.1f} | {fl} | {wu} | {100 * cd / n:.1f} |"
            )
    total_wrong = sum(v[3] for v in table.values())
    print(f"\nwrong-unflagged over the whole grid: {total_wrong}")
    for case in wrong[:20]:
        print(f"  {case.kind} {case.encoding} {case.length} {case.source}")
    print("\n## Speed (one core, decode() only)\n")
    texts = [text for _, text in _sources()]
    for label, speed in _speed(texts).items():
        print(f"- {label}: {speed:.1f} MB/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
