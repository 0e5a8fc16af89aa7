"""Stage 3: bytes → text, recording the codec, how it was chosen and how sure we are.

Order of evidence, strongest first:

1. a byte-order mark (UTF-32, UTF-8, UTF-16, GB18030's ``84 31 95 33``), then a strict decode;
   a UTF-16/32 mark whose reading is implausible on enough characters (GB or UTF-8 bytes after
   FF FE read as Hangul) is set aside when the bytes after it, by the steps below, read clearly as
   Chinese (``_MARK_SET_ASIDE_SCORE``); a short or rare-character text keeps its mark's reading;
2. many NUL bytes: UTF-16 without a mark, LE and BE tried strictly, the plausible one kept;
3. strict UTF-8 over the whole file (pure ASCII is checked for HZ escapes ``~{ … ~}``);
4. otherwise every candidate (GB18030, Big5-HKSCS, cp950, UTF-16, HZ, a ``<meta charset>``, and
   chardet's answers when the others leave a doubt) is decoded strictly over the whole file and
   scored by how much of its Han text is common characters (GB2312 level 1 ∪ Big5 level 1);
5. nothing decodes strictly: an incomplete last character is dropped, else the file is decoded line
   by line (a newline byte is never inside a GB, Big5 or UTF-8 character, so lines can be decoded
   apart), a line that mixes UTF-8 with a legacy codec is split where UTF-8 stops being valid, and
   what is left is decoded with replacement characters in the codec that loses least.

Nothing is guessed silently: every choice that is not certain carries a flag, and text that cannot
be plausible raises ``DecodeError`` (→ quarantine).

What ``encoding`` promises, by flag (``DecodeResult.flags``):

- none of the flags below: ``raw.decode(encoding) == text``;
- ``truncated_final_character``: the last bytes were an incomplete character and are not in the
  text; ``raw.decode(encoding, "ignore") == text``;
- ``replacement``: undecodable bytes became U+FFFD; ``raw.decode(encoding, "replace") == text``
  (unless ``mixed_encoding`` is also set);
- ``mixed_encoding``: lines (or parts of a line) are in different codecs; ``encoding`` is the codec
  that decoded most bytes and no single codec gives the text back;
- ``mojibake_repaired:<codec>``: ``raw.decode(encoding)`` is UTF-8 text that was once read as
  ``<codec>``; the text is ``raw.decode(encoding).encode(<codec>).decode("utf-8")``, with U+FFFD
  where bytes were lost (then ``mojibake_lossy`` is set too);
- ``bom_mismatch:<mark>``: the file starts with a byte-order mark (``utf-16-le`` …, or ``utf-8``
  before GB18030 or Big5 bytes) that its bytes contradict; the mark is not in the text, and what
  the other flags promise holds for the bytes after it (``raw[len(mark):]``), not for ``raw``;
- ``control_characters_removed``: a few C0/C1 control characters (not tab, newline, carriage
  return or form feed) were taken out of the text, those that break lines (VT, NEL, FS, GS, RS)
  replaced by a newline; what the other flags promise holds for the text with them still in.

A GB18030 byte-order mark stays in the text as U+FEFF (so ``raw.decode("gb18030") == text``);
``utf-8-sig``, ``utf-16`` and ``utf-32`` remove their own mark.

Speed: the plausibility score is computed with codecs and ``bytes.translate`` rather than a loop
over characters, and chardet (≈ 0.1–1 ms a call) is only asked when the strict decodes leave a doubt,
so a clear GB18030 page never pays for it.
"""

from __future__ import annotations

import bisect
import codecs
import contextlib
import itertools
import re
import threading
from dataclasses import dataclass, field
from functools import lru_cache

import chardet
import numpy as np
import numpy.typing as npt

from schemas import DecodeMethod, DecodeResult
from zharchive.errors import DecodeError

# (mark, codec that decodes it away, the mark's name in a ``bom_mismatch`` flag). Longest first:
# the UTF-32-LE mark starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
    (b"\x84\x31\x95\x33", "gb18030", "gb18030"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16-be"),
)
DETECTOR_ENCODINGS = ("utf-8", "utf-16-le", "utf-16-be", "gb18030", "big5hkscs", "hz")
# chardet's verdict settles by a few KB; more only costs time.
DETECTOR_PREFIX_BYTES = 16 * 1024
# chardet names (and <meta charset> labels) → the superset codecs that decode the same text safely.
_SUPERSETS: dict[str, tuple[str, ...]] = {
    "gb2312": ("gb18030",),
    "gbk": ("gb18030",),
    "gb18030": ("gb18030",),
    "big5": ("big5hkscs", "cp950"),
    "big5hkscs": ("big5hkscs", "cp950"),
    "cp950": ("cp950", "big5hkscs"),
    "ascii": ("utf-8",),
    "utf-8": ("utf-8",),
    "utf-16-le": ("utf-16-le",),
    "utf-16-be": ("utf-16-be",),
    "hz": ("hz",),
}
# Tried on every non-UTF-8 file, in this order of preference when two give the same score.
_LEGACY = ("gb18030", "big5hkscs", "cp950")

# A text whose Han characters are mostly outside both common sets was decoded with the wrong codec.
MIN_COMMON_HAN_SHARE = 0.5
MIN_HAN_FOR_SHARE = 10
MAX_CONTROL_SHARE = 0.01
MAX_REPLACEMENT_SHARE = 0.01
# Below the shares, and never more than this many: a short article with a stray control character
# or an invalid byte sequence or two is a document with a flag, not binary.
FEW_BAD_CHARACTERS = 8
# The flag of a strict UTF-8 text whose Han characters are mostly rare, kept rather than quarantined.
UNCOMMON_HAN_FLAG = "uncommon_han"
# Below this score a whole-file decode is looked at line by line for a second codec or mojibake.
_CLEAN_SCORE = 0.97
# Above every threshold: a share known to be at least this needs no exact count.
_SURE_SHARE = 0.98
# A line (≥ _LINE_MIN_SIGNAL scored characters) below this score is not text in that codec.
_LINE_BAD_SCORE = 0.6
_LINE_MIN_SIGNAL = 4
# From this many non-ASCII lines on, _suspect_lines profiles them all at once (see
# _any_implausible_line); below, line by line.
_LINES_AT_ONCE = 6
# A line leaves the file's codec for another only if that reads this much more plausibly.
_LINE_SWITCH_GAIN = 0.3
# Evidence: with fewer scored characters than this, or a runner-up this close, the answer is flagged.
_LOW_EVIDENCE = 10
_AMBIGUOUS_MARGIN = 0.15

# UTF-8 with fewer non-ASCII bytes than this (four CJK characters) could be another codec by chance.
_THIN_UTF8 = 12
# Pure-ASCII files up to this size might be a character or two of UTF-16.
_TINY = 8
# Pure-ASCII files up to this size are checked for a UTF-16 reading of common Han.
_SHORT_ASCII = 64


# --- character classes -------------------------------------------------------------------------


@lru_cache(maxsize=1)
def common_han() -> frozenset[str]:
    """GB2312 level 1 (3,755 characters) ∪ Big5 level 1 (A440–C67E, 5,401): ordinary text."""
    chars: set[str] = set()
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):
                chars.add(bytes((lead, trail)).decode("gb2312"))
    for lead in range(0xA4, 0xC7):
        trails = range(0x40, 0x7F) if lead == 0xC6 else (*range(0x40, 0x7F), *range(0xA1, 0xFF))
        for trail in trails:
            with contextlib.suppress(UnicodeDecodeError):
                chars.add(bytes((lead, trail)).decode("big5"))
    return frozenset(chars)


_ASCII_BYTES = bytes(range(0x80))
# Characters that are rare in real text and frequent in wrong decodes (``_class_table``'s bits).
_RARE = re.compile(
    "[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f"  # controls (tab, newlines and form feed are text)
    "\u0370-\u04ff"  # Greek, Cyrillic: GB rows 6–7 read from Big5 bytes
    "\u2500-\u257f"  # box drawing: GB row 9
    "\u3040-\u30ff"  # kana: GB rows 4–5
    "\u4dc0-\u4dff"  # hexagrams, inside the Han high-byte range above
    "\uac00-\ud7af"  # Hangul: UTF-16 read from GB bytes
    "\ue000-\uf8ff"  # private use: GBK user-defined rows
    "\ufffd"
    "\U00010000-\U0010ffff]"
)


_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_LINE_BREAKING_CONTROLS = re.compile("[\x0b\x1c-\x1e\x85]")
_HEXAGRAMS = re.compile("[\u4dc0-\u4dff]")


def _count(data: bytes, members: bytes) -> int:
    return len(data) - len(data.translate(None, members))


@dataclass(frozen=True, slots=True)
class Profile:
    """Counts that say whether a text is Chinese decoded with the right codec."""

    chars: int
    han: int
    common: int
    odd: int  # kana, Hangul, private use, Greek/Cyrillic, box drawing, hexagrams
    controls: int
    replacements: int

    @property
    def signal(self) -> int:
        """Characters that tell a right decode from a wrong one."""
        return self.han + self.odd + self.controls + self.replacements

    @property
    def score(self) -> float | None:
        """Share of the telling characters that are common Han; None when nothing tells."""
        return self.common / self.signal if self.signal else None

    @property
    def common_share(self) -> float:
        return self.common / self.han if self.han else 1.0


# The character classes ``profile`` counts, one bit each in a table of every code point. Each bit
# is what the byte-level count it replaced found for that character alone (``_class_table``): the
# counts are the same (tests/test_decode_profile.py: every page of the corpora and the seeds, read
# in every codec a candidate is read in), one table look-up and one bincount instead of an
# encoding to UTF-16, a regex pass over every character and up to three encodings.
_HAN_UNIT = 1  # a UTF-16 unit U+3400-U+9FFF (hexagrams too: they are taken off below)
_GB1 = 2  # GB2312 level 1: encoded in GB2312 with a lead byte B0-D7
_BIG5_1 = 4  # Big5 level 1: encoded in Big5 with a lead byte A4-C6 (C6 only with a trail under 80)
_BOTH = 8  # GB2312 level 1 whose Big5 lead byte is A4-C6 (or a GB2312 character of another row's)
_RARE_BIT = 16  # one of _RARE's characters
_CONTROL = 32
_HEXAGRAM = 64
_ASTRAL_BIT = 128
_BITS = np.array([[(value >> bit) & 1 for bit in range(8)] for value in range(256)], dtype=np.int64)


@lru_cache(maxsize=1)
def _class_table() -> npt.NDArray[np.uint8]:
    """Each code point's bits, worked out from the codecs and patterns ``profile`` used to apply
    to whole texts (~0.1 s once a process)."""
    table = np.zeros(0x110000, dtype=np.uint8)
    table[0x3400:0xA000] |= _HAN_UNIT
    table[0x10000:] |= _ASTRAL_BIT
    for code in range(0x80, 0x10000):
        char = chr(code)
        gb = char.encode("gb2312", "ignore")
        big5 = char.encode("big5", "ignore")
        bits = 0
        if len(gb) == 2 and 0xB0 <= gb[0] <= 0xD7:
            bits |= _GB1
            both = gb.decode("gb2312").encode("big5", "ignore")
        elif len(gb) == 2:  # another row's character stands in as a row-3 (full-width) one
            both = bytes((0xA3, gb[1])).decode("gb2312").encode("big5", "ignore")
        else:
            both = b""
        if len(both) == 2 and 0xA4 <= both[0] <= 0xC6:
            bits |= _BOTH
        if len(big5) == 2 and 0xA4 <= big5[0] <= 0xC6 and not (big5[0] == 0xC6 and big5[1] >= 0x80):
            bits |= _BIG5_1
        table[code] |= bits
    for code in range(0x10000):
        char = chr(code)
        if _RARE.match(char):
            table[code] |= _RARE_BIT
        if _CONTROLS.match(char):
            table[code] |= _CONTROL
        if _HEXAGRAMS.match(char):
            table[code] |= _HEXAGRAM
    table[0x10000:] |= _RARE_BIT  # astral: rare
    return table


def profile(text: str, *, exact: bool = False) -> Profile:
    """Count Han, common Han and the characters of wrong decodes in ``text``.

    ``common`` is exact with ``exact``; otherwise it may be a lower bound ≥ 98% of the Han.
    """
    points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    counts = np.bincount(_class_table()[points], minlength=256) @ _BITS
    han_units, gb_level1, big5_level1, both, rare, controls, hexagrams, astral = counts.tolist()
    han = han_units
    if not rare:
        odd = controls = replacements = 0
    else:
        replacements = text.count("\ufffd")
        if astral:
            han += int(np.count_nonzero((points >= 0x20000) & (points <= 0x3134F)))  # astral Han
        han -= hexagrams  # astral Han is never common; emoji are neutral
        odd = rare - controls - replacements - astral
    if not han:
        common = 0
    elif gb_level1 == han or (not exact and gb_level1 >= _SURE_SHARE * han) or not big5_level1:
        common = gb_level1
    else:
        common = gb_level1 + big5_level1 - both
    return Profile(len(text), han, common, odd, controls, replacements)


def common_han_share(text: str) -> tuple[int, float]:
    """(number of Han characters, share of them that are common). Share is 1.0 with no Han."""
    counts = profile(text, exact=True)
    return counts.han, counts.common_share


# --- candidates ----------------------------------------------------------------------------------


@dataclass(slots=True)
class _Candidate:
    codec: str
    text: str
    counts: Profile
    flags: list[str] = field(default_factory=list)

    @property
    def rank(self) -> float:
        score = self.counts.score
        return 0.5 if score is None else score


def _strict(raw: bytes, codec: str) -> tuple[str, bool] | None:
    """(text, truncated) when ``raw`` decodes strictly, allowing only an incomplete last character."""
    try:
        return raw.decode(codec), False
    except UnicodeDecodeError as exc:
        if exc.end < len(raw) or exc.start < len(raw) - 4:
            return None
        try:
            return raw[: exc.start].decode(codec), True
        except UnicodeDecodeError:
            return None


def _candidate(raw: bytes, codec: str) -> _Candidate | None:
    decoded = _strict(raw, codec)
    if decoded is None:
        return None
    text, truncated = decoded
    return _Candidate(codec, text, profile(text), ["truncated_final_character"] if truncated else [])


def _best(candidates: list[_Candidate]) -> _Candidate:
    # max() keeps the first of equal ranks, so the order of candidates is the preference on ties.
    return max(candidates, key=lambda c: c.rank)


def _detector_codecs(raw: bytes) -> list[tuple[str, float]]:
    results = chardet.detect_all(
        raw[:DETECTOR_PREFIX_BYTES],
        include_encodings=DETECTOR_ENCODINGS,
        ignore_threshold=True,
        # Its default (cp1252) is not among the included, which makes chardet warn on every miss.
        no_match_encoding="utf-8",
    )
    found: list[tuple[str, float]] = []
    for result in results:
        name = (result.get("encoding") or "").lower()
        for codec in _SUPERSETS.get(name, ()):
            found.append((codec, float(result.get("confidence") or 0.0)))
    return found


_META_CHARSET = re.compile(rb"""<meta[^>]{0,300}?charset\s*=\s*["']?\s*([a-z0-9_.:-]{2,40})""", re.I)


def declared_charset(raw: bytes) -> str | None:
    """The codec a ``<meta charset>`` / ``http-equiv`` in the first 4 KB names, as a Python name."""
    head = raw[:4096]
    if b"<" not in head:
        return None
    match = _META_CHARSET.search(head)
    if match is None:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None


def _family(codec: str) -> str:
    name = codecs.lookup(codec).name
    if name in ("gb2312", "gbk", "gb18030", "hz"):
        return "gb"
    if name in ("big5", "big5hkscs", "cp950"):
        return "big5"
    if name.startswith("utf-8") or name == "ascii":
        return "utf-8"
    return name


# --- mojibake ------------------------------------------------------------------------------------


def _latin_fallback(exc: UnicodeError) -> tuple[bytes, int]:
    # cp1252 has five holes that browsers and latin-1 readers pass through as C1 controls.
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    chunk = exc.object[exc.start : exc.end]
    if all(ord(c) < 0x100 for c in chunk):
        return chunk.encode("latin-1"), exc.end
    raise exc


def _lost_bytes(exc: UnicodeError) -> tuple[bytes, int]:
    # Where the first misreading already lost bytes (U+FFFD, or a '?'), keep a visible U+FFFD.
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    return "\ufffd".encode() * (exc.end - exc.start), exc.end


codecs.register_error("zharchive.latin_fallback", _latin_fallback)
codecs.register_error("zharchive.lost_bytes", _lost_bytes)


def _repair_mojibake(text: str, counts: Profile) -> tuple[str, str, Profile] | None:
    """(repaired text, codec it was misread with, its profile) when ``text`` is misread UTF-8."""
    if counts.han:
        if counts.common_share >= 0.9:
            return None
        attempts: tuple[tuple[str, str], ...] = (("gbk", "strict"), ("gb18030", "strict"), ("big5", "strict"))
    else:
        if text.isascii():
            return None
        attempts = (("cp1252", "zharchive.latin_fallback"),)
    for codec, errors in attempts:
        try:
            once = text.encode(codec, errors)
        except UnicodeEncodeError:
            if codec != "gbk" or (counts.replacements == 0 and "?" not in text):
                continue
            # The misreading itself lost bytes: repair what is left and mark the holes.
            once = text.encode("gbk", "zharchive.lost_bytes")
        repaired = once.decode("utf-8", "replace")
        if repaired == text:
            continue
        fixed = profile(repaired)
        if fixed.han >= 2 and fixed.common_share >= 0.9 and fixed.replacements <= max(1, fixed.chars // 50):
            return repaired, codec, fixed
    return None


# --- damaged files -------------------------------------------------------------------------------

_ESCAPED = re.compile("[\udc80-\udcff]")
_LAST_ESCAPED = re.compile("[\udc80-\udcff][^\udc80-\udcff]*\\Z")


@dataclass(slots=True)
class _Piece:
    text: str
    codec: str | None  # None: ASCII, the same in every codec
    size: int
    replaced: bool = False
    doubtful: bool = False
    readings: dict[str, str] | None = None  # a thin line's strict readings, by codec


def _split_mixed_line(line: bytes, legacy: tuple[str, ...]) -> list[_Piece] | None:
    """UTF-8 | legacy | UTF-8 within one line: the legacy part lies where UTF-8 stops being valid."""
    escaped = line.decode("utf-8", "surrogateescape")
    first = _ESCAPED.search(escaped)
    last = _LAST_ESCAPED.search(escaped)
    if first is None or last is None:
        return None
    start = len(escaped[: first.start()].encode("utf-8", "surrogateescape"))
    end = len(escaped[: last.start() + 1].encode("utf-8", "surrogateescape"))
    best: tuple[float, list[_Piece]] | None = None
    # A few legacy characters just outside the invalid span may happen to be valid UTF-8, so the
    # borders move by up to 8 bytes and the whole line's plausibility picks them.
    for back in range(0, 9):
        for ahead in range(0, 9):
            left_end, right_start = start - back, end + ahead
            if left_end < 0 or right_start > len(line):
                continue
            try:
                left = line[:left_end].decode("utf-8")
                right = line[right_start:].decode("utf-8")
            except UnicodeDecodeError:
                continue
            for codec in legacy:
                try:
                    middle = line[left_end:right_start].decode(codec)
                except UnicodeDecodeError:
                    continue
                if profile(middle).signal < _LINE_MIN_SIGNAL:
                    continue
                rank = _Candidate(codec, middle, profile(left + middle + right)).rank
                if best is None or rank > best[0]:
                    best = (
                        rank,
                        [
                            _Piece(left, "utf-8", left_end),
                            _Piece(middle, codec, right_start - left_end),
                            _Piece(right, "utf-8", len(line) - right_start),
                        ],
                    )
    if best is None or best[0] < _LINE_BAD_SCORE:
        return None
    return best[1]


# An invalid UTF-8 sequence becomes one U+FFFD per byte: two such sequences at most.
_MAX_STRAY_REPLACEMENTS = 6


def _utf8_but_stray_bytes(line: bytes) -> _Candidate | None:
    """The line as UTF-8 with U+FFFD for a few invalid bytes, when that reads as Chinese."""
    text = line.decode("utf-8", "replace")
    if text.count("\ufffd") > _MAX_STRAY_REPLACEMENTS:
        return None
    # Judged on the characters that did decode: the few replaced bytes say nothing of the rest.
    candidate = _Candidate("utf-8", text, profile(text.replace("\ufffd", "")))
    if candidate.counts.signal < _LINE_MIN_SIGNAL or candidate.rank < _LINE_BAD_SCORE:
        return None
    return candidate


def _decode_line(line: bytes, legacy: tuple[str, ...], default: str) -> list[_Piece]:
    """One line: UTF-8 if valid, else ``default`` unless another codec is clearly more plausible.

    A line too short to judge (a name, "×", a no-break space) that reads differently in several
    codecs is marked ``thin`` with its readings; the caller gives it its neighbours' codec.
    """
    if line.isascii():
        return [_Piece(line.decode("ascii"), None, len(line))]
    options: list[_Candidate] = []
    for codec in dict.fromkeys(("utf-8", default, *legacy)):
        try:
            text = line.decode(codec)
        except UnicodeDecodeError:
            continue
        if codec == "utf-8":
            # Valid UTF-8 with a three-byte character is never an accident; a line of two-byte ones
            # (Greek, Latin, pinyin) may be a short GB or Big5 line, so it competes with them.
            if max(text) > "\u07ff":
                return [_Piece(text, codec, len(line))]
            options.append(_Candidate(codec, text, profile(text)))
            continue
        options.append(_Candidate(codec, text, profile(text)))
    if not any(o.codec == "utf-8" for o in options):
        # UTF-8 but for an invalid sequence or two (an encoded surrogate, an overlong form): a
        # legacy codec still reads the line "strictly", as mojibake; the UTF-8 reading with U+FFFD
        # for the bad bytes is the text when it is the more plausible.
        lenient = _utf8_but_stray_bytes(line)
        if lenient is not None and (not options or lenient.rank > _best(options).rank):
            return [_Piece(lenient.text, "utf-8", len(line), replaced=True)]
    if options:
        best = _best(options)
        usual = next((o for o in options if o.codec == default), None)
        if usual is not None and (
            usual.rank >= _LINE_BAD_SCORE or best.rank < usual.rank + _LINE_SWITCH_GAIN
        ):
            best = usual
        if best.counts.signal < _LINE_MIN_SIGNAL and len({o.text for o in options}) > 1:
            readings = {o.codec: o.text for o in options}
            return [_Piece(best.text, best.codec, len(line), readings=readings)]
        if best.rank >= _LINE_BAD_SCORE or best.counts.signal < _LINE_MIN_SIGNAL:
            return [_Piece(best.text, best.codec, len(line))]
    # A stray byte in an otherwise good line: replacement in the codec that reads the rest well.
    replaced = [
        _Candidate(codec, text, profile(text))
        for codec in dict.fromkeys((default, "utf-8", *legacy))
        if (text := line.decode(codec, "replace")) is not None
    ]
    stray = [c for c in replaced if c.counts.replacements <= 2 and c.rank >= 0.9 * (1 - 2 / c.counts.signal)]
    if stray:
        chosen = _best(stray)
        return [_Piece(chosen.text, chosen.codec, len(line), replaced=True)]
    split = _split_mixed_line(line, legacy)
    if split is not None:
        return split
    if options:
        return [_Piece(best.text, best.codec, len(line), doubtful=True)]
    # Nothing decodes: replacement characters in the codec that loses least.
    least = min(replaced, key=lambda c: (c.counts.replacements, -c.rank))
    return [_Piece(least.text, least.codec, len(line), replaced=True)]


def _lines(raw: bytes) -> list[bytes]:
    parts = raw.split(b"\n")
    return [part + b"\n" for part in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def _follow_neighbours(pieces: list[_Piece]) -> None:
    """A thin line takes the codec of the nearest line before it (else after it) that was judged."""
    judged = [
        i for i, p in enumerate(pieces) if p.codec is not None and p.readings is None and not p.replaced
    ]
    if not judged:
        return
    for i, piece in enumerate(pieces):
        if piece.readings is None:
            continue
        before = bisect.bisect_left(judged, i) - 1
        neighbour = pieces[judged[before] if before >= 0 else judged[0]].codec
        if neighbour in piece.readings:
            piece.text, piece.codec = piece.readings[neighbour], neighbour


def _decode_by_lines(raw: bytes, legacy: tuple[str, ...], fallback: str) -> _Candidate:
    """Each line in the codec that decodes it plausibly; several codecs → ``mixed_encoding``."""
    pieces = [piece for line in _lines(raw) for piece in _decode_line(line, legacy, fallback)]
    _follow_neighbours(pieces)
    sizes: dict[str, int] = {}
    for piece in pieces:
        if piece.codec is not None:
            sizes[piece.codec] = sizes.get(piece.codec, 0) + piece.size
    main = max(sizes, key=lambda c: sizes[c]) if sizes else fallback
    text = "".join(piece.text for piece in pieces)
    flags: list[str] = []
    if len(sizes) > 1:
        flags.append("mixed_encoding")
    if any(piece.doubtful for piece in pieces):
        flags.append("implausible_lines")
    if any(piece.replaced for piece in pieces):
        flags.append("replacement")
        if len(sizes) == 1:
            text = raw.decode(main, "replace")  # one codec: the promise is raw.decode(main, "replace")
    return _Candidate(main, text, profile(text), flags)


_NOTED = threading.local()


def _note_line(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    _NOTED.positions.append(exc.start)
    # The caller wants lines, not characters: encoding goes on at the line's end, so a Traditional
    # page (most of its characters outside GB2312) costs a call a line, not one a character.
    end = exc.object.find("\n", exc.end)
    return "", len(exc.object) if end < 0 else end


codecs.register_error("zharchive.note_line", _note_line)


def _outside_gb2312(text: str) -> list[int]:
    """The position of the first character GB2312 lacks in each line that has one: few lines in a
    GB page, many where Big5 was read as GB."""
    _NOTED.positions = []
    text.encode("gb2312", "zharchive.note_line")
    positions: list[int] = _NOTED.positions
    del _NOTED.positions
    return positions


def _suspect_lines(text: str, codec: str) -> bool:
    """Whether some line of a file that decodes as a whole is implausible in ``codec``: a second
    codec (GB18030 decodes any Big5 bytes), or a stray byte that shifted the pairs after it."""
    lines = text.split("\n")
    if codec == "gb18030":
        # Only lines with a character outside GB2312 can be misread Big5: look at those alone.
        starts = list(itertools.accumulate((len(line) + 1 for line in lines), initial=0))
        numbers = {bisect.bisect_right(starts, p) - 1 for p in _outside_gb2312(text)}
        lines = [lines[n] for n in sorted(numbers)]
    return _any_implausible_line([line for line in lines if not line.isascii()])


def _any_implausible_line(lines: list[str]) -> bool:
    """Whether ``profile`` of some line says signal ≥ _LINE_MIN_SIGNAL and score < _LINE_BAD_SCORE.

    ``profile``'s own counts, for all the lines at once: one table look-up over their code points and
    a sum per line (np.add.reduceat), instead of a profile call a line (7,642 calls on 3,000
    generated pages, a quarter of decode's CPU; tests/test_decode_profile.py compares the two)."""
    if len(lines) < _LINES_AT_ONCE:
        # A few lines: a profile call each costs less than the set-up below.
        for line in lines:
            counts = profile(line)
            if counts.signal >= _LINE_MIN_SIGNAL and (counts.score or 0.0) < _LINE_BAD_SCORE:
                return True
        return False
    points = np.frombuffer("".join(lines).encode("utf-32-le", "surrogatepass"), dtype="<u4")
    # Every line here holds a non-ASCII character, so no segment is empty (reduceat's one quirk).
    offsets = np.fromiter(itertools.accumulate(map(len, lines[:-1]), initial=0), dtype=np.int64)
    per_line = np.add.reduceat(_BITS[_class_table()[points]], offsets, axis=0)
    han_units, gb1, big5_1, both, rare, controls, hexagrams, astral = per_line.T
    if rare.any():
        replacements = np.add.reduceat((points == 0xFFFD).astype(np.int64), offsets)
        astral_han = np.add.reduceat(((points >= 0x20000) & (points <= 0x3134F)).astype(np.int64), offsets)
    else:
        replacements = astral_han = np.zeros(len(lines), dtype=np.int64)
    # ``profile`` takes these off only when a line has rare characters; without, each is 0 anyway
    # (controls, U+FFFD, hexagrams and astral characters are all rare).
    han = han_units + astral_han - hexagrams
    odd = rare - controls - replacements - astral
    plain = (gb1 == han) | (gb1 >= _SURE_SHARE * han) | (big5_1 == 0)
    common = np.where(han == 0, 0, np.where(plain, gb1, gb1 + big5_1 - both))
    signal = han + odd + controls + replacements
    telling = signal >= _LINE_MIN_SIGNAL
    if not telling.any():
        return False
    return bool((common[telling] / signal[telling] < _LINE_BAD_SCORE).any())


# --- the stage -----------------------------------------------------------------------------------


def _too_many(bad: int, total: int, share: float) -> bool:
    return bad > max(FEW_BAD_CHARACTERS, share * total)


def _quarantine_checks(
    text: str, counts: Profile, encoding: str, raw: bytes, *, rare_han: bool = False
) -> None:
    if _too_many(counts.replacements, counts.chars, MAX_REPLACEMENT_SHARE):
        share = counts.replacements / counts.chars
        kind = "binary" if b"\x00" in raw else "replacement_characters"
        raise DecodeError(
            f"{share:.1%} of the characters are U+FFFD replacement characters after decoding as "
            f"{encoding}: damaged, binary, or mojibake that cannot be recovered",
            error_type=kind,
        )
    if counts.han >= MIN_HAN_FOR_SHARE and counts.common_share < MIN_COMMON_HAN_SHARE and not rare_han:
        raise DecodeError(
            f"decoded as {encoding}, only {counts.common_share:.0%} of its {counts.han} Han characters "
            "are common: the encoding is probably wrong",
            error_type="implausible_text",
        )
    if _too_many(counts.controls, counts.chars, MAX_CONTROL_SHARE):
        raise DecodeError(
            f"{counts.controls / counts.chars:.1%} of the characters are control characters after "
            f"decoding as {encoding}: binary or a wrong encoding",
            error_type="control_characters" if b"\x00" not in raw else "binary",
        )


def _finish(
    raw: bytes,
    chosen: _Candidate,
    method: DecodeMethod,
    confidence: float,
    declared: str | None,
) -> DecodeResult:
    flags = list(chosen.flags)
    text, counts = chosen.text, chosen.counts
    repair = _repair_mojibake(text, counts)
    if repair is None and counts.replacements and counts.han and counts.common_share < 0.9:
        raise DecodeError(
            f"decoded as {chosen.codec}, the text holds U+FFFD and uncommon Han characters: "
            "mojibake that cannot be recovered",
            error_type="unrecoverable_mojibake",
        )
    if repair is not None:
        text, misread_as, counts = repair
        flags.append(f"mojibake_repaired:{misread_as}")
        if counts.replacements:
            flags.append("mojibake_lossy")
    if counts.replacements and "replacement" not in flags and repair is None:
        flags.append("contains_replacement_characters")
    _quarantine_checks(text, counts, chosen.codec, raw, rare_han=UNCOMMON_HAN_FLAG in flags)
    if counts.controls:
        # A NUL inside "10:30" hides the time from every pattern; ESC [31m puts colour codes in a
        # title. The controls that break lines (vertical tab, a Word export's manual break; NEL;
        # the file, group and record separators) become newlines; tab and form feed stay.
        text = _CONTROLS.sub("", _LINE_BREAKING_CONTROLS.sub("\n", text))
        flags.append("control_characters_removed")
    if declared is not None and _family(declared) != _family(chosen.codec) and not raw.isascii():
        flags.append(f"declared_charset_mismatch:{declared}")
    return DecodeResult(
        text=text,
        encoding=chosen.codec,
        confidence=round(min(1.0, max(0.0, confidence)), 4),
        method=method,
        flags=flags,
    )


def _decode_bom(raw: bytes, bom: bytes, codec: str, mark: str, declared: str | None) -> DecodeResult:
    chosen = _candidate(raw, codec)
    if codec in ("utf-16", "utf-32") and (
        chosen is None or (chosen.counts.signal >= _LOW_EVIDENCE and chosen.rank < MIN_COMMON_HAN_SHARE)
    ):
        unmarked = _unmarked_reading(raw[len(bom) :], mark, declared)
        if unmarked is not None:
            return unmarked
    if chosen is not None:
        return _finish(raw, chosen, "bom", 1.0, declared)
    if codec in ("utf-8-sig", "gb18030"):
        # Keep the mark out of the line split, then put the promise back on the whole file.
        body = _decode_by_lines(raw[len(bom) :], ("gb18030", "big5hkscs"), codec.replace("-sig", ""))
        if body.flags == ["replacement"] and body.codec == codec.replace("-sig", ""):
            text = raw.decode(codec, "replace")
            repaired = _Candidate(codec, text, profile(text), ["replacement"])
            return _finish(raw, repaired, "replacement", 0.5, declared)
        if codec == "gb18030":
            body.text = "\ufeff" + body.text
        elif body.codec != "utf-8" and "mixed_encoding" not in body.flags:
            # A UTF-8 mark before GB18030 or Big5 bytes: the mark is not in the text, and the
            # encoding gives back the bytes after it, not the file (EF BB BF 89 4C is 塋).
            body.flags = [*body.flags, "bom_mismatch:utf-8"]
        return _finish(raw, body, "line_by_line", 0.5, declared)
    text = raw.decode(codec, "replace")
    return _finish(raw, _Candidate(codec, text, profile(text), ["replacement"]), "replacement", 0.5, declared)


# A reading that contradicts the file's own mark is never as sure as one that agrees with it.
_MARK_CONTRADICTED_CONFIDENCE = 0.8
# The bytes after a mark replace its reading only when they read as ordinary Chinese this clearly:
# a genuine UTF-16 text of rare characters (kana, Hangul, rare Han) reads as GB18030 with a few
# common Han by chance, never with this share of them over _LOW_EVIDENCE characters.
_MARK_SET_ASIDE_SCORE = 0.9


def _unmarked_reading(after_mark: bytes, mark: str, declared: str | None) -> DecodeResult | None:
    """The bytes after a UTF-16/32 mark whose own reading is implausible, decoded as if the mark
    were not there, when that reads clearly as Chinese; else None (the mark's reading stands).

    Tools put FF FE before text they then write in GB18030 or UTF-8: read as the mark says, such a
    file is Hangul and private-use noise, or does not decode at all.
    """
    try:
        rest = _decode_unmarked(after_mark, declared)
    except DecodeError:
        return None
    counts = profile(rest.text)
    if counts.signal < _LOW_EVIDENCE or (counts.score or 0.0) < _MARK_SET_ASIDE_SCORE:
        return None
    return rest.model_copy(
        update={
            "confidence": min(rest.confidence, _MARK_CONTRADICTED_CONFIDENCE),
            "flags": [*rest.flags, f"bom_mismatch:{mark}"],
        }
    )


def _utf16_without_bom(raw: bytes, declared: str | None) -> DecodeResult:
    options = [c for c in (_candidate(raw, "utf-16-le"), _candidate(raw, "utf-16-be")) if c is not None]
    plausible = [
        c
        for c in options
        if c.counts.controls <= MAX_CONTROL_SHARE * max(1, c.counts.chars) and c.rank >= MIN_COMMON_HAN_SHARE
    ]
    if not plausible:
        raise DecodeError(
            f"{raw.count(0)} NUL bytes in {len(raw)} and no plausible UTF-16 reading: binary",
            error_type="binary",
        )
    # ASCII in UTF-16 puts its NUL in the high byte: odd offsets for LE, even for BE. That breaks
    # ties between readings the score cannot tell apart ("00" is also two ideographic spaces).
    odd_nuls = raw[1::2].count(0)
    parity = "utf-16-le" if odd_nuls * 2 >= raw.count(0) else "utf-16-be"
    plausible.sort(key=lambda c: (c.rank, c.codec == parity), reverse=True)
    best = plausible[0]
    others = [c.rank for c in options if c.text != best.text]
    margin = best.rank - max(others, default=0.0)
    if others and margin < _AMBIGUOUS_MARGIN:
        best.flags.append("ambiguous_encoding")
    if others and best.counts.signal < _LOW_EVIDENCE:
        best.flags.append("low_evidence")
    confidence = best.rank * min(1.0, 0.5 + margin) * min(1.0, 0.5 + best.counts.signal / (2 * _LOW_EVIDENCE))
    return _finish(raw, best, "utf16_heuristic", confidence, declared)


def _utf16_possible(raw: bytes, little_endian: bool) -> bool:
    # Chinese UTF-16 has high bytes 00 (ASCII), 30 (CJK punctuation), 34–9F (Han) or FF (full width)
    # and low bytes spread over 00–FF; ASCII text has ASCII in both, and no NUL.
    high, low = (raw[1::2], raw[0::2]) if little_endian else (raw[0::2], raw[1::2])
    if len(raw) < 4 or _count(high, _UTF16_HIGH) < 0.6 * len(high):
        return False
    return high.count(0) > 0 or len(low.translate(None, _ASCII_BYTES)) >= 0.2 * len(low)


_UTF16_HIGH = bytes((0x00, 0x20, 0x30, 0xFF, *range(0x34, 0xA0)))


def _detect(raw: bytes, declared: str | None) -> DecodeResult:
    """No mark, not UTF-8: every plausible codec decodes the whole file strictly and is scored."""
    order: list[str] = list(_LEGACY)
    if declared is not None:
        order[:0] = [c for c in _SUPERSETS.get(declared, ()) if c not in order]
    if b"~{" in raw:
        order.append("hz")
    order += [c for c, le in (("utf-16-le", True), ("utf-16-be", False)) if _utf16_possible(raw, le)]
    candidates = _candidates(raw, order)
    consulted: str | None = None
    if _doubtful(candidates):
        detected = _detector_codecs(raw)
        consulted = detected[0][0] if detected else None
        extra = [c for c, _ in detected if c not in order]
        candidates += _candidates(raw, extra)
        order += extra
        # chardet's own order breaks ties between equally scored texts.
        preference = {c: i for i, (c, _) in enumerate(detected)}
        candidates.sort(key=lambda c: preference.get(c.codec, len(preference)))
    if not candidates or (_best(candidates).rank < _LINE_BAD_SCORE and not raw.count(0)):
        damaged = _damaged(raw, candidates, declared)
        if damaged is not None:
            return damaged
    if not candidates:
        raise DecodeError(
            "no candidate encoding (UTF-8, GB18030, Big5-HKSCS, UTF-16, HZ) decodes the file",
            error_type="undecodable",
        )
    best = _best(candidates)
    # GB18030 decodes any Big5 bytes, so a GB18030 file is always looked at (cheaply); Big5 rejects
    # most GB bytes outright, so a Big5 file only when its score leaves room for a foreign line.
    if (best.codec == "gb18030" or (best.codec in _LEGACY and best.rank < _CLEAN_SCORE)) and _suspect_lines(
        best.text, best.codec
    ):
        by_lines = _decode_by_lines(raw, _LEGACY, best.codec)
        if "mixed_encoding" in by_lines.flags and by_lines.rank > best.rank:
            return _finish(raw, by_lines, "line_by_line", 0.5 * by_lines.rank, declared)
        best.flags.append("implausible_lines")
    distinct = [c for c in candidates if c.text != best.text]
    runner_up = max((c.rank for c in distinct), default=0.0)
    margin = best.rank - runner_up
    evidence = best.counts.signal
    confidence = best.rank * min(1.0, 0.5 + margin) * min(1.0, 0.5 + evidence / (2 * _LOW_EVIDENCE))
    if distinct and margin < _AMBIGUOUS_MARGIN:
        best.flags.append("ambiguous_encoding")
    if distinct and evidence < _LOW_EVIDENCE:
        best.flags.append("low_evidence")
    if consulted is not None and _family(consulted) != _family(best.codec):
        best.flags.append("not_detector_first_choice")
    method: DecodeMethod = "utf16_heuristic" if best.codec.startswith("utf-16") else "detector"
    return _finish(raw, best, method, confidence, declared)


@lru_cache(maxsize=1)
def _cp950_differs() -> re.Pattern[str]:
    """What Big5-HKSCS reads from the ~260 pairs cp950 reads otherwise (～/∼, ‧/•, ￥/¥ ...)."""
    chars: set[str] = set()
    for lead in range(0xA1, 0xFA):
        for trail in (*range(0x40, 0x7F), *range(0xA1, 0xFF)):
            pair = bytes((lead, trail))
            try:
                hkscs = pair.decode("big5hkscs")
            except UnicodeDecodeError:
                continue
            try:
                differs = pair.decode("cp950") != hkscs
            except UnicodeDecodeError:
                differs = False
            if differs:
                chars.add(hkscs)
    return re.compile("[" + "".join(map(re.escape, sorted(chars))) + "]")


def _candidates(raw: bytes, order: list[str]) -> list[_Candidate]:
    found: list[_Candidate] = []
    for codec in order:
        hkscs = next((c for c in found if c.codec == "big5hkscs"), None)
        if codec == "cp950" and hkscs is not None and not _cp950_differs().search(hkscs.text):
            continue  # no byte pair the two read differently: cp950 gives the same text or fails
        candidate = _candidate(raw, codec)
        if candidate is not None:
            found.append(candidate)
    return found


def _doubtful(candidates: list[_Candidate]) -> bool:
    if not candidates:
        return True
    best = _best(candidates)
    distinct = [c.rank for c in candidates if c.text != best.text]
    return (
        best.rank < _CLEAN_SCORE
        or best.counts.signal < 2 * _LOW_EVIDENCE
        or (bool(distinct) and best.rank - max(distinct) < 2 * _AMBIGUOUS_MARGIN)
    )


def _damaged(raw: bytes, strict: list[_Candidate], declared: str | None) -> DecodeResult | None:
    """No codec gives plausible text for the whole file: line by line, else with replacement."""
    legacy = tuple(dict.fromkeys([c.codec for c in strict if c.codec in _LEGACY] + list(_LEGACY)))
    # The codec that reads the whole file most plausibly is the default for each line.
    readings = [
        _Candidate(c, raw.decode(c, "replace"), Profile(0, 0, 0, 0, 0, 0)) for c in (*legacy, "utf-8")
    ]
    for reading in readings:
        reading.counts = profile(reading.text)
    fallback = _best(readings).codec
    by_lines = _decode_by_lines(raw, legacy, fallback)
    if strict and _best(strict).rank >= by_lines.rank:
        return None
    if "mixed_encoding" in by_lines.flags:
        return _finish(raw, by_lines, "line_by_line", 0.5 * by_lines.rank, declared)
    return _finish(raw, by_lines, "replacement", 0.5 * by_lines.rank, declared)


def _decode_utf8(raw: bytes, text: str, truncated: bool, declared: str | None) -> DecodeResult:
    flags = ["truncated_final_character"] if truncated else []
    if text.isascii():
        if b"~{" in raw:
            hz = _candidate(raw, "hz")
            if hz is not None and hz.text != text and hz.counts.han >= 2 and hz.rank >= 0.9:
                confidence = hz.rank * min(1.0, 0.5 + hz.counts.signal / (2 * _LOW_EVIDENCE))
                return _finish(raw, hz, "detector", confidence, declared)
            flags.append("hz_escapes_not_decoded")
        if len(raw) <= _SHORT_ASCII and len(raw) % 2 == 0:
            # A few characters of UTF-16 can be ASCII bytes ("《" is 0A 30): say when they read well.
            for codec in ("utf-16-le", "utf-16-be"):
                reading = raw.decode(codec, "replace")
                if reading.isascii() or _ascii_controls(reading) or "\ufffd" in reading:
                    continue
                counts = profile(reading)
                if (counts.score or 0.0) >= 0.9:
                    flags.append(f"ambiguous_encoding:{codec}")
                    break
                if len(raw) <= _TINY:
                    flags.append("low_evidence")
                    break
        chosen = _Candidate("utf-8", text, Profile(len(text), 0, 0, 0, _ascii_controls(text), 0), flags)
        return _finish(raw, chosen, "utf8", 1.0, declared)
    counts = profile(text)
    confidence = 1.0
    if counts.han >= MIN_HAN_FOR_SHARE and counts.common_share < MIN_COMMON_HAN_SHARE:
        # Valid UTF-8 full of rare Han (a classical text, a name list): kept as UTF-8 and flagged,
        # unless a legacy reading of the same bytes is ordinary Chinese.
        rivals = [c for c in _candidates(raw, list(_LEGACY)) if c.counts.han and c.rank >= 0.9]
        if not rivals:
            flags.append(UNCOMMON_HAN_FLAG)
            confidence = 0.8
    if (counts.han == 0 and len(raw) - len(text) < 8) or len(raw.translate(None, _ASCII_BYTES)) < _THIN_UTF8:
        # No Han, or a character or two: a short GB, Big5 or UTF-16 text can be valid UTF-8 by chance.
        others = [*_LEGACY, *(("utf-16-le", "utf-16-be") if len(raw) % 2 == 0 else ())]
        readings = [c for c in _candidates(raw, others) if c.text != text]
        rivals = [c for c in readings if c.counts.han and c.rank >= 0.9]
        if rivals:
            flags.append(f"ambiguous_encoding:{rivals[0].codec}")
            confidence = 0.5
        elif readings and len(raw.translate(None, _ASCII_BYTES)) < _THIN_UTF8:
            flags.append("low_evidence")
            confidence = 0.8
    return _finish(raw, _Candidate("utf-8", text, counts, flags), "utf8", confidence, declared)


_CONTROL_BYTES = bytes((*range(0x00, 0x09), 0x0B, *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F))
_ASCII_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _ascii_controls(text: str) -> int:
    return len(_ASCII_CONTROLS.findall(text))


def decode(raw: bytes) -> DecodeResult:
    """Decode ``raw``; raises ``DecodeError`` when no codec gives plausible text."""
    if not raw:
        raise DecodeError("file is empty", error_type="empty")
    declared = declared_charset(raw)
    for bom, codec, mark in _BOMS:
        if raw == bom:
            raise DecodeError(
                f"file holds only a byte-order mark ({raw.hex(' ')}): empty", error_type="empty"
            )
        if raw.startswith(bom):
            return _decode_bom(raw, bom, codec, mark, declared)
    return _decode_unmarked(raw, declared)


def _decode_unmarked(raw: bytes, declared: str | None) -> DecodeResult:
    """``decode`` for bytes that start with no byte-order mark (or whose mark was set aside)."""
    nuls = raw.count(0)
    # No GB, Big5 or HZ byte is a C0 control, so these are controls in any reading but UTF-16.
    controls = _count(raw, _CONTROL_BYTES)
    # Han in UTF-16 has low bytes that are C0 controls (业 is 1A 4E), even with no ASCII (no NUL).
    if (nuls * 16 >= len(raw) or controls > MAX_CONTROL_SHARE * len(raw)) and (
        _utf16_possible(raw, True) or _utf16_possible(raw, False)
    ):
        # A few stray controls in text that is valid UTF-8 (<html>abc\0defg…): UTF-8 with the
        # controls removed and flagged, not UTF-16 mojibake that ASCII letters make look like Han.
        few = nuls * 16 < len(raw) and not _too_many(controls, len(raw), MAX_CONTROL_SHARE)
        utf8 = _strict(raw, "utf-8") if few else None
        if utf8 is None:
            return _utf16_without_bom(raw, declared)
        return _decode_utf8(raw, *utf8, declared)
    if nuls * 16 >= len(raw) or _too_many(controls, len(raw), MAX_CONTROL_SHARE):
        raise DecodeError(
            f"{controls} of {len(raw)} bytes are control characters ({nuls} NUL): binary, not text",
            error_type="binary",
        )
    utf8 = _strict(raw, "utf-8")
    if utf8 is not None:
        return _decode_utf8(raw, *utf8, declared)
    return _detect(raw, declared)
