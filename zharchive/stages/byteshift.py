"""GBK byte shifts made by the pinyin annotator: how they happened, and their repair.

How it happened (derived from the two seeds; ``benchmarks/byte_shift.py`` simulates it):

1. The annotator put ``(pinyin)`` after chosen characters by replacing their GBK bytes in the page's
   bytes, ``raw.replace(gbk(X), gbk(X) + b"(" + pinyin + b")")``, pinyin in GBK, brackets ASCII. A
   byte search does not keep to character boundaries: X's two bytes also match the trail byte of
   one character followed by the lead byte of the next, and the annotation lands *inside* the next
   character, after its lead byte.

   - Seed 001, 擔當的公安鐵軍: 當 的 are ``ae 94 | b5 c4``, and ``94 b5`` is 數 (shù), so the bytes
     became ``ae 94 b5 (shù) c4 b9 ab b0 b2 e8 46 dc 8a``.
   - Seed 000, 要務,: 要 務 are ``d2 aa | 84 d5`` and ``aa 84`` is 獎 (jiǎng). 務 itself was annotated
     first (``84 d5 (wù)``); then 獎 matched across the boundary: ``d2 aa 84 (jiǎng) d5 (wù) 2c``.

   Each page's annotated set is its own (seed 000 annotates 開, seed 001 does not), and every
   occurrence of an annotated character is annotated, as a byte replacement does.

2. The bytes were decoded as GBK by a decoder that takes a lead byte (81-FE) and the byte after
   it as one pair:

   - a pair whose second byte cannot be a trail byte becomes one ``?``, both bytes gone: the
     orphaned lead byte and the ``(`` (``b5 28``, ``84 28``, ``d5 28`` in the seeds);
   - a well-formed pair that is no character is dropped without a trace (``ab b0``, GBK's
     user-defined area, between 墓 and 茶 in seed 001);
   - after the orphaned lead byte the reading is one byte off: each pair is the trail byte of one
     character and the lead byte of the next (``c4 b9`` 墓, ``b2 e8`` 茶) until a trail byte that
     is ASCII (``46`` of 鐵) is read as itself, ``F``, and the reading is on the boundary again.

   Assumed, not seen in the seeds: a control character (a space, a line end) read as a second byte
   is kept and the lead byte before it dropped, as mbstring's CP936 decoder does (its ``?`` for a bad
   pair is what the seeds show); a lone 0x80 or a lead byte at the very end is one ``?``.

3. What reached us is that text (seen in UTF-8), full-width ，：；（） already half-width in the page.

What survives is enough to read most of it back. In ``擔當?shù)墓茶F軍``: the character before the
``?`` is intact, so the lost lead byte ``b`` must make, after 當's trail byte ``94``, a character
read ``shù`` (``94 b5`` 數: b = ``b5``); 墓 茶 give back ``c4 b9`` and ``b2 e8``; ``F`` is a trail byte.
So the run was ``b5 c4 | b9 ? | ? b2 | e8 46``: 的 is certain, and one dropped pair (t, l) from the
user-defined area left 公 and 安 each one byte short. The candidates consistent with every byte
and reading are enumerated, and a language prior (``zharchive.stages.prior``) chooses among them.
"""

from __future__ import annotations

import heapq
import math
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, NamedTuple

# ---------------------------------------------------------------------------------------------
# The damage (forward): what the annotator and the decoder did. Used by the benchmark and tests.
# ---------------------------------------------------------------------------------------------


def annotate(raw: bytes, annotated: list[tuple[str, str]]) -> bytes:
    """The annotator: every occurrence of each character's GBK bytes, in the order given, followed
    by ``(reading)`` in GBK, by plain byte replacement (which matches across character boundaries)."""
    for char, reading in annotated:
        key = char.encode("gbk")
        raw = raw.replace(key, key + b"(" + reading.encode("gbk") + b")")
    return raw


@lru_cache(maxsize=65536)
def _pair(lead: int, trail: int) -> str | None:
    try:
        return bytes((lead, trail)).decode("gbk")
    except UnicodeDecodeError:
        return None


def is_trail_byte(byte: int) -> bool:
    return 0x40 <= byte <= 0xFE and byte != 0x7F


Step = Literal["ascii", "pair", "control", "lost", "dropped"]


def decode_steps(raw: bytes) -> Iterator[tuple[int, Step, str]]:
    """The decoder the annotated bytes went through (see the module doc, step 2), one step at a
    time: the byte index it read from, what it did there, and what it wrote ("" for a dropped
    pair). ``misdecode`` is its text; the damage benchmark follows which bytes survived."""
    i, n = 0, len(raw)
    while i < n:
        byte = raw[i]
        if byte < 0x80:
            yield i, "ascii", chr(byte)
            i += 1
        elif byte in (0x80, 0xFF) or i + 1 == n:
            yield i, "lost", "?"
            i += 1
        else:
            second = raw[i + 1]
            if is_trail_byte(second):
                char = _pair(byte, second)
                # a well-formed pair that is no character is dropped
                yield (i, "pair", char) if char is not None else (i, "dropped", "")
            elif second < 0x21 or second == 0x7F:
                yield i, "control", chr(second)  # a control character is kept, the lead byte dropped
            else:
                yield i, "lost", "?"  # the lead byte and the byte after it are one "?"
            i += 2


def misdecode(raw: bytes) -> str:
    """The text the decoder made of the annotated bytes (``decode_steps``)."""
    return "".join(char for _, _, char in decode_steps(raw))


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# ---------------------------------------------------------------------------------------------
# The repair (inverse): candidates consistent with what survived, chosen by the prior.
# ---------------------------------------------------------------------------------------------

_TONE_MARKED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
# A syllable as the annotator wrote it: tone-marked, or toneless for a neutral tone (们's "men",
# 么's "me"). Toneless ones were once left out as too easily something else; but a run is taken only
# when the character before the "?" and a lost lead byte make a character of that reading, and on
# the simulation's tuning half the runs they started were 15 of the 80 wrong ones left unrecognised.
_SYLLABLE = re.compile(rf"(?:[a-zü]{{0,6}}[{_TONE_MARKED}][a-zü{_TONE_MARKED}]{{0,6}}|[a-zü]{{1,6}})(?=\))")
_ANNOTATION_AFTER = re.compile(rf"\([a-zü{_TONE_MARKED}]{{1,7}}\)")
_BYTES = range(0x81, 0xFF)
_TRAILS = tuple(b for b in range(0x40, 0xFF) if b != 0x7F)
# What a "?" that ends a run may have eaten after the lost trail byte: an ASCII byte that cannot
# be a trail byte (punctuation, digits).
EATEN = tuple(chr(b) for b in range(0x21, 0x40))
MAX_DROPS = 2
# log P of a dropped pair between two read ones (a pair of the user-defined area or a hole).
DROP_COST = 0.0
# log P that a "?" is a lone 0x80 trail byte (a few rare characters end in it) rather than a pair.
EIGHTY_COST = -9.0
BEAM = 16
FINISH_FROM = 8  # the states whose lost trail byte is enumerated
DROP_FROM = 2  # the states a dropped pair is tried after
DROP_KEEP = 4  # and the characters it may have ended, best first
CONTEXT = 6


@lru_cache(maxsize=1)
def _drop_next() -> dict[int, tuple[int, ...]]:
    """For each first byte, the second bytes (lead bytes 81-FE) that make a pair the decoder drops.

    Read from ``_pairs_by_lead``: through ``_pair`` the 15,876 pairs stayed in its cache for the
    worker's life (~4 MiB)."""
    pairs = _pairs_by_lead()
    table = {t: tuple(lead for lead in _BYTES if pairs[t][lead] is None) for t in _BYTES}
    return {t: leads for t, leads in table.items() if leads}


def _is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"


@lru_cache(maxsize=4096)
def lost_leads(trail: int, syllable: str) -> tuple[int, ...]:
    """Lead bytes ``b`` such that ``(trail, b)`` is a Han character read ``syllable``: the lead bytes
    the annotation may have followed."""
    from zharchive.stages.readings import is_reading as _is_reading

    found = []
    toneless = not any(c in _TONE_MARKED for c in syllable)
    for b in _BYTES:
        char = _pair(trail, b)
        if char is None or not _is_han(char) or not _is_reading(char, syllable):
            continue
        if toneless and not _neutral_default(char, syllable):
            continue
        found.append(b)
    return tuple(found)


def _neutral_default(char: str, syllable: str) -> bool:
    """Whether a toneless ``syllable`` is what an annotator writes for ``char``: its first reading
    in pypinyin's table (a neutral tone is the default only of particles and suffixes, 们 么 了 吗),
    and of a character the prior knows. A rare one with a neutral first reading (脦 *de*) after a
    Han character is likelier a question mark and Latin letters (``好?de)``) than a straddle."""
    from zharchive.stages.readings import reading_table

    first = reading_table().get(str(ord(char)), "").split(",")[0]
    return nfc(first).lower() == syllable and _known(char)


@dataclass(frozen=True)
class Token:
    """One thing read after the annotation, in the shifted reading.

    kind: ``pair`` (a trail byte and the next lead byte, ``t``/``l``), or how the run ended:
    ``ascii`` (a trail byte in 40-7E, read as itself, ``t``; ``syllable`` when the character
    was annotated: its ``(reading)`` follows), ``pair_ascii`` (a trail byte and an
    ASCII byte ``z`` of the page: ``t``/``l``), ``eaten`` (a ``?``: the last trail byte and one ASCII
    byte gone; ``syllable`` when that byte was the ``(`` of an annotation of the character),
    ``cut`` (a control character or the line's end: the last trail byte gone), ``unknown``; and
    inside a run, ``relost``: a character read ``syllable`` lost its trail byte with an annotation's
    "(", and that trail byte with a lost lead byte made a character read ``second``.
    """

    kind: str
    t: int = 0
    l: int = 0  # noqa: E741
    syllable: str = ""
    second: str = ""  # ``relost``: the reading of the straddle its lost trail byte began


@dataclass(frozen=True)
class DamagedRun:
    start: int  # the "?" of the annotation
    end: int  # after what the run's repair replaces
    before: str  # the intact text before it (annotations taken out), for the prior
    after: str  # the intact text after it
    leads: tuple[int, ...]
    tokens: tuple[Token, ...]


def _strip_annotations(text: str) -> str:
    return _ANNOTATION_AFTER.sub("", text)


def find_runs(text: str) -> list[DamagedRun]:
    """The damaged runs of a line: each ``?`` + syllable + ``)`` after an intact double-byte
    character whose trail byte makes, with some lead byte, a character of that reading."""
    runs: list[DamagedRun] = []
    position = 0
    for mark in re.finditer(r"[?\ufffd]", text):
        q = mark.start()
        if q < position:
            continue
        syllable = _SYLLABLE.match(text, q + 1)
        if syllable is None:
            continue
        a = q - 1
        if a >= 0 and text[a] == ")":  # A(pA)?p): the straddle was made before A's annotation
            opening = text.rfind("(", 0, a)
            if opening > 0 and _ANNOTATION_AFTER.fullmatch(text, opening, a + 1):
                a = opening - 1
        if a < 0:
            continue
        try:
            encoded = text[a].encode("gbk")
        except UnicodeEncodeError:
            continue
        if len(encoded) != 2:
            continue
        leads = lost_leads(encoded[1], nfc(syllable.group()))
        if not leads:
            continue
        tokens, end = _read_shifted(text, syllable.end() + 1)
        before = _strip_annotations(text[max(0, a - 3 * CONTEXT) : a + 1])[-CONTEXT:]
        after = _clean_after(text, end)
        runs.append(DamagedRun(q, end, before, after, leads, tuple(tokens)))
        position = end
    return runs


def _clean_after(text: str, end: int) -> str:
    out = _strip_annotations(text[end : end + 3 * CONTEXT])
    cut = min((out.find(c) for c in "?\ufffd(" if c in out), default=len(out))
    return out[: min(cut, CONTEXT)]


def _read_shifted(text: str, i: int) -> tuple[list[Token], int]:
    tokens: list[Token] = []
    n = len(text)
    while i < n:
        char = text[i]
        code = ord(char)
        if char in "?\ufffd":
            syllable = _SYLLABLE.match(text, i + 1)
            if syllable is not None:
                after = syllable.end() + 1
                lost = text[after : after + 1] in ("?", "\ufffd")
                again = _SYLLABLE.match(text, after + 1) if lost else None
                if again is not None:
                    # Two annotations in a row: the character read ``syllable`` lost its trail byte
                    # with the first "(", and that trail byte and the next lead byte made the second
                    # straddle (轨(guǐ) 斓(lán) in 轨道: ``b9 ec (guǐ) b5 (lán) c0 ..``); the reading
                    # stays shifted after it. Left out, the rest was no run at all: most of the wrong
                    # runs left on the simulation's tuning half once toneless readings were read.
                    tokens.append(Token("relost", syllable=nfc(syllable.group()), second=nfc(again.group())))
                    i = again.end() + 1
                    continue
                tokens.append(Token("eaten", syllable=nfc(syllable.group())))
                return tokens, after
            tokens.append(Token("eaten"))
            return tokens, i + 1
        if code < 0x21 or code == 0x7F:
            tokens.append(Token("cut"))
            return tokens, i  # the control character stays
        if 0x40 <= code <= 0x7E:
            # The character the trail byte ends may have been annotated itself: its "(reading)"
            # follows, and says which of the candidates it was (and is no text of the page).
            if text.startswith("(", i + 1):
                syllable = _SYLLABLE.match(text, i + 2)
                if syllable is not None:
                    tokens.append(Token("ascii", t=code, syllable=nfc(syllable.group())))
                    return tokens, syllable.end() + 1
            tokens.append(Token("ascii", t=code))
            return tokens, i + 1
        try:
            encoded = char.encode("gbk")
        except UnicodeEncodeError:
            encoded = b""
        if len(encoded) != 2:
            tokens.append(Token("unknown"))
            return tokens, i
        t, second = encoded
        if 0x40 <= second <= 0x7E:
            tokens.append(Token("pair_ascii", t=t, l=second))
            return tokens, i + 1
        if second == 0x80:
            tokens.append(Token("unknown"))
            return tokens, i
        tokens.append(Token("pair", t=t, l=second))
        i += 1
        # An annotation of the pair itself: another boundary match, inside the run (the pair is
        # the annotated character read one byte off); the reading stays shifted.
        found = _ANNOTATION_AFTER.match(text, i)
        if found is not None:
            from zharchive.stages.readings import is_reading as _is_reading

            if _is_reading(char, found.group()[1:-1]):
                i = found.end()
    tokens.append(Token("cut"))
    return tokens, n


def _tail(simple: str, best: list[float]) -> tuple[str, list[float]]:
    """What the prior still reads of a state: ``extend`` looks back at most ``MAX_WORD`` characters,
    so the last ``MAX_WORD - 1`` characters and their ``best`` entries score every continuation as
    the whole would (copying the whole line's scores on every candidate was most of the search)."""
    from zharchive.stages.prior import MAX_WORD

    keep = min(len(simple), MAX_WORD - 1)
    return simple[len(simple) - keep :], best[len(best) - keep - 1 :]


class _State(NamedTuple):
    chars: str  # the run as restored so far (the page's script)
    simple: str  # context and restored text in Simplified, what the prior reads
    best: tuple[float, ...]  # the prior's best segmentation of each prefix of ``simple``
    extra: float  # costs outside the prior's segmentation (drops, script)
    leads: tuple[int, ...]  # the lead byte of the next character (several after a dropped pair)
    drops: int

    @property
    def score(self) -> float:
        return self.best[-1] + self.extra


@lru_cache(maxsize=256)
def _known_chars(lead: int) -> tuple[tuple[int, str], ...]:
    """(trail, character) of every character with this lead byte that the prior knows or that is
    a common symbol: where a trail byte is lost, the candidates it may have been."""
    from zharchive.stages.prior import pack, symbol_logp, words

    logp = words().logp
    found = []
    for trail in (*_TRAILS, 0x80):
        char = _pair(lead, trail)
        if char is None:
            continue
        known = _is_han(char) and (pack(char) in logp or pack(to_simple(char)) in logp)
        if known or symbol_logp(char) > -10:
            found.append((trail, char))
    return tuple(found)


@lru_cache(maxsize=1)
def _by_reading() -> dict[str, str]:
    """pypinyin's table turned round: the characters of each reading (a scan of the table for each
    reading was 20 ms of it).

    Each entry's readings are parsed with ``parse_readings``, not through ``readings``: its cache
    would then hold a frozenset for each of the table's 41,923 characters for the worker's life
    (+20 MiB of a worker's RSS; +4 MiB without, RSS after gc and malloc_trim)."""
    from zharchive.stages.readings import parse_readings, reading_table

    found: dict[str, list[str]] = {}
    for code, listed in reading_table().items():
        for reading in parse_readings(listed):
            found.setdefault(reading, []).append(code)
    # The characters of a reading as one str, not a tuple of 1-character strs (80 bytes each; the
    # table's 3.1 MiB of a worker's memory was almost all of them): iterated, it gives the same.
    # Gathered as the table's own keys, each reading's characters made only as it is joined: made
    # all at once, the pools they freed stayed in the worker's RSS.
    return {reading: "".join([chr(int(code)) for code in codes]) for reading, codes in found.items()}


@lru_cache(maxsize=2048)
def _read_as(syllable: str) -> dict[int, tuple[str, ...]]:
    """For each lead byte, the characters ``_known_chars`` gives for it (in its order, trail 0x80
    left out) that read ``syllable``. A run ending in an annotation's "(" after a dropped pair has
    dozens of possible lead bytes; going through each one's ~150 characters for the few of this
    reading was a fifth of the search (9.8 against 6.8 ms a damaged line on the tuning half)."""
    from zharchive.stages.prior import pack, words

    logp = words().logp
    found: dict[int, list[tuple[int, str]]] = {}
    for char in _by_reading().get(syllable, ""):
        if not _is_han(char):
            continue
        try:
            encoded = char.encode("gbk")
        except UnicodeEncodeError:
            continue
        if len(encoded) == 2 and encoded[1] != 0x80 and _pair(encoded[0], encoded[1]) == char:
            if pack(char) not in logp and pack(to_simple(char)) not in logp:
                continue
            found.setdefault(encoded[0], []).append((encoded[1], char))
    return {lead: tuple(c for _, c in sorted(chars)) for lead, chars in found.items()}


def _known(char: str) -> bool:
    from zharchive.stages.prior import pack, symbol_logp, words

    return (_is_han(char) and pack(to_simple(char)) in words().logp) or symbol_logp(char) > -10


@lru_cache(maxsize=65536)
def to_simple(text: str) -> str:
    """Character by character t2s; cached, as the search asks it of the same few characters
    ~1,300 times a damaged run."""
    from zharchive.stages.prior import to_simplified_chars

    return to_simplified_chars(text)


class _Facts:
    """What the search asks the prior of every candidate character, kept once per process (a table
    of the prior's own, never of a run): the 2-character strings a dictionary word is or ends in,
    and for each character and script its Simplified form, its unigram log probability and its
    script cost. ``quick`` asked ``to_simple``, ``logp``, ``endings`` and a per-search cost dict of
    every candidate (~1,400 calls and ~6,000 dict look-ups a simulated run, a third of the search).
    """

    def __init__(self) -> None:
        from zharchive.stages.prior import words

        model = words()
        # the 2-character strings a dictionary word is or ends in (``pack`` keys): ``endings`` holds
        # both (asked only of two characters here, it answers the same as a set of its 2-character
        # members)
        self.pairs = model.endings
        # [traditional]: char -> (the code point of its Simplified form, logp, 0 + script cost) when
        # the character is one Han character in Simplified (what ``quick`` scores), (0, 0.0, 0.0)
        # otherwise. The code point, not the str: the search joins it to the character before as a
        # ``prior.pack`` key (``_Search._joining``) with no ``ord`` of each of ~1,000 candidates a run.
        self.quick: tuple[dict[str, tuple[int, float, float]], ...] = ({}, {})
        self.costs: tuple[dict[str, float], ...] = ({}, {})

    def fill(self, char: str, traditional: bool) -> tuple[int, float, float]:
        from zharchive.stages.prior import script_cost, words

        model = words()
        simple = to_simple(char)
        found: tuple[int, float, float] = (0, 0.0, 0.0)
        if len(simple) == 1 and ("\u4e00" <= simple <= "\u9fff" or "\u3400" <= simple <= "\u4dbf"):
            script: float = 0  # as grow adds it: from int 0
            script += script_cost(char, traditional)
            code = ord(simple)
            found = (code, model.logp.get(code, model.unknown), script)
        self.quick[traditional][char] = found
        return found


@lru_cache(maxsize=1)
def _facts() -> _Facts:
    return _Facts()


class _Search:
    """The beam search over a run's tokens.

    With the prior, a candidate is scored before it is made a state: the beam keeps 16 of the
    hundreds of characters that may follow a dropped pair, and building a state (its Simplified
    tail, its scores) for each was most of the search (cProfile on ``benchmarks/byte_shift.py
    --limit 30``: ``add`` 29.8 of 64 s). The scores, the order among equal scores and so every
    restoration are the same as building every state (``benchmarks/byte_shift_same.py``).
    """

    def __init__(
        self,
        run: DamagedRun,
        traditional: bool,
        use_prior: bool = True,
        cache: dict[int, float] | None = None,
    ) -> None:
        from zharchive.stages.prior import BITS, extend, script_cost, words

        self.run = run
        self._bits = BITS
        self.traditional = traditional
        self.use_prior = use_prior
        self.model = words() if use_prior else None
        self.cache = cache
        self._extend = extend
        self._script_cost = script_cost
        if use_prior:
            facts = _facts()
            self._costs = facts.costs[traditional]
            self._quick = facts.quick[traditional]
            self._fill = facts.fill
            self._pairs = facts.pairs
        else:
            self._costs = {}

    def _joining(self, simple: str) -> int:
        """The ``prior.pack`` key of ``simple``'s last character shifted to have one character more
        after it (``| ord(char)`` makes the pair's key); 0, which joins nothing, when there is none.
        NUL too is 0: the pair it would make is in no table, and with 0 none is asked (the same)."""
        return ord(simple[-1]) << self._bits if simple else 0

    def add(self, state: _State, char: str, extra: float = 0.0, leads: tuple[int, ...] = ()) -> _State:
        from zharchive.stages.prior import extend, script_cost

        simple = state.simple
        best = list(state.best)
        cost = extra
        if self.model is not None:
            cost += sum(script_cost(c, self.traditional) for c in char)
            for c in to_simple(char):
                best.append(extend(best, simple, c, self.model, self.cache))
                simple += c
            simple, best = _tail(simple, best)
        return _State(state.chars + char, simple, tuple(best), state.extra + cost, leads, state.drops)

    def grow(self, state: _State, char: str, extra: float, leads: tuple[int, ...] = ()) -> _Grown:
        """``add`` with the prior, scored but not yet a state: the same floats in the same order."""
        cost = extra
        script: float = 0  # as sum() adds them: from int 0
        costs = self._costs
        for c in char:
            found = costs.get(c)
            if found is None:
                found = costs[c] = self._script_cost(c, self.traditional)
            script += found
        cost += script
        total = state.extra + cost
        simple = to_simple(char)
        assert self.model is not None
        if len(simple) == 1:
            value = self._extend(state.best, state.simple, simple, self.model, self.cache)
            return _Grown(value + total, state, char, total, (value,), simple, leads)
        best = list(state.best)
        text = state.simple
        for c in simple:
            best.append(self._extend(best, text, c, self.model, self.cache))
            text += c
        return _Grown(best[-1] + total, state, char, total, tuple(best[len(state.best) :]), simple, leads)

    @staticmethod
    def made(grown: _Grown, drops: int) -> _State:
        """The state ``add`` would have made of ``grown``."""
        state = grown.state
        simple, best = _tail(state.simple + grown.simple, [*state.best, *grown.values])
        return _State(state.chars + grown.char, simple, tuple(best), grown.extra, grown.leads, drops)

    def start(self) -> _State:
        from zharchive.stages.prior import extend, to_simplified_chars

        # the run's context converted as it is, not through ``to_simple``'s cache (no cache is keyed
        # on a damaged run's text: the throughput benchmark's pages repeat the seeds' runs)
        simple = to_simplified_chars(self.run.before) if self.model is not None else ""
        best = [0.0]
        # The best segmentation of each prefix in one pass (the phrase's own dynamic programme);
        # scoring each prefix anew made this quadratic in the text before the run.
        model = self.model
        for i, char in enumerate(simple):
            best.append(extend(best, simple[:i], char, model, self.cache) if model is not None else 0.0)
        simple, best = _tail(simple, best)
        return _State("", simple, tuple(best), 0.0, self.run.leads, 0)

    def prune(self, states: list[_State], width: int = BEAM) -> list[_State]:
        if self.model is None:
            return states
        states.sort(key=lambda s: s.score, reverse=True)
        return states[:width]

    def dropped(self, states: list[_State]) -> list[_State]:
        """The states after one more dropped pair: its first byte ends the current character."""
        out: list[_State] = []
        for state in self.prune(list(states), DROP_FROM):
            if state.drops >= MAX_DROPS or (len(state.leads) > 1 and state.drops > 0):
                # After a dropped pair the next lead byte is one of many: another drop at once would
                # leave a character with no byte known. The several lead bytes an annotation's
                # reading allows at a run's start are few, and a pair dropped right after them
                # (等服务: 确 què, then fe ce dropped) was no candidate at all, so 恶 won alone.
                continue
            ranked = _ranked_drop(state.leads, self.traditional)
            for _, pos, grown in self.select([(state, ranked)], DROP_KEEP, DROP_COST):
                out.append(self.made(grown._replace(leads=ranked.options[pos][1]), state.drops + 1))
        return out

    def consume(self, states: list[_State], token: Token) -> list[_State]:
        """The states after a pair, pruned to the beam: the beam's 16 chosen (``select``) and made
        states (the same floats)."""
        if self.model is None:
            return self.consume_all(states, token)
        groups: list[tuple[_State, _Ranked | tuple[str, ...]]] = []
        for state in states:
            if len(state.leads) == 1:
                char = _pair(state.leads[0], token.t)
                groups.append((state, (char,) if char is not None else ()))
            else:
                # after a dropped pair: the next character is any the prior knows with this trail byte
                groups.append((state, _ranked_after(state.leads, token.t, self.traditional)))
        leads = (token.l,)
        return [
            self.made(grown._replace(leads=leads), groups[number][0].drops)
            for number, _, grown in self.select(groups, BEAM, 0.0)
        ]

    def select(
        self, groups: list[tuple[_State, _Ranked | tuple[str, ...]]], width: int, extra: float
    ) -> list[tuple[int, int, _Grown]]:
        """The ``width`` best (group, position, ``grow(state, char, extra)``) by score, equal
        scores in the order made: what a stable sort of every candidate keeps, without scoring or
        growing them all.

        A ranked group's one Han characters are in order of their unigram log probability, apart
        by script cost; for those no word joins to the character before (``quick``), the score
        is that log probability plus constants of the state, so it never rises along the order,
        and the first below the ``width``-th best so far ends the rest. The others (words that
        join, symbols) are grown. A kept quick one is made as ``grow`` would make it (one value:
        the state's score and the character's log probability). Scoring every character after a
        dropped pair, then growing the kept ones again, was half the search on the simulated
        damage (``scores`` 1.34 M characters and 197,765 ``grow``, 1,030 runs).
        """
        table, fill, pairs, cache = self._quick, self._fill, self._pairs, self.cache
        # (score, group, position, the grown candidate or (value, cost outside the prior, the code
        # point of the Simplified character))
        pool: list[tuple[float, int, int, _Grown | tuple[float, float, int]]] = []
        heap: list[float] = []  # the best ``width`` scores so far, least first
        heappush, heapreplace = heapq.heappush, heapq.heapreplace
        for number, (state, ranked) in enumerate(groups):
            base, outside = state.best[-1], state.extra
            prev = self._joining(state.simple)
            found: list[tuple[float, int, int, _Grown | tuple[float, float, int]]] = []
            if not isinstance(ranked, _Ranked):
                for pos, char in enumerate(ranked):
                    facts = table.get(char)
                    if facts is None:
                        facts = fill(char, self.traditional)
                    code, logp, script = facts
                    if code and (not prev or not ((w := prev | code) in pairs or (cache and w in cache))):
                        value, total = base + logp, outside + (extra + script)
                        found.append((value + total, number, pos, (value, total, code)))
                    else:
                        grown = self.grow(state, char, extra)
                        found.append((grown.score, number, pos, grown))
                joined: set[int] | frozenset[int] = frozenset()
            else:
                joined = (
                    {x for x in ranked.simples if (w := prev | x) in pairs or (cache and w in cache)}
                    if prev
                    else frozenset()
                )
                exact = list(ranked.exact)
                for x in joined:
                    exact += ranked.by_simple[x]
                for pos in exact:
                    grown = self.grow(state, ranked.chars[pos], extra)
                    found.append((grown.score, number, pos, grown))
            for item in found:
                pool.append(item)
                if len(heap) < width:
                    heappush(heap, item[0])
                elif item[0] > heap[0]:
                    heapreplace(heap, item[0])
            if not isinstance(ranked, _Ranked):
                continue
            for script, entries in ranked.parts:
                constant = outside + (extra + script)
                for logp, pos, code in entries:
                    if code in joined:
                        continue
                    value = base + logp
                    score = value + constant
                    if len(heap) < width:
                        heappush(heap, score)
                    elif score < heap[0]:
                        break  # and every later one of this script cost scores no more
                    elif score > heap[0]:
                        heapreplace(heap, score)
                    pool.append((score, number, pos, (value, constant, code)))
        pool.sort(key=_select_order)
        out = []
        for score, number, pos, made in pool[:width]:
            if not isinstance(made, _Grown):
                state, ranked = groups[number]
                char = ranked.chars[pos] if isinstance(ranked, _Ranked) else ranked[pos]
                value, total, code = made
                made = _Grown(score, state, char, total, (value,), chr(code), ())
            out.append((number, pos, made))
        return out

    def scores(self, state: _State, chars: Sequence[str], extra: float) -> list[float]:
        """``grow(state, char, extra).score`` of each of ``chars``, the one Han characters that no
        word ends in together with the one before them scored in the loop (``quick``: most of the
        hundreds of candidates after a dropped pair), the others grown."""
        table, fill, pairs, cache = self._quick, self._fill, self._pairs, self.cache
        base, outside = state.best[-1], state.extra
        before = self._joining(state.simple)
        out: list[float] = []
        for char in chars:
            facts = table.get(char)
            if facts is None:
                facts = fill(char, self.traditional)
            code, logp, script = facts
            if code and (not before or not ((word := before | code) in pairs or (cache and word in cache))):
                out.append((base + logp) + (outside + (extra + script)))
                continue
            out.append(self.grow(state, char, extra).score)
        return out

    def quick(self, state: _State, char: str, extra: float) -> tuple[float, float] | None:
        """``grow(state, char, extra)``'s prior score and cost outside it, when ``char`` is one Han
        character that no word ends in together with the one before it: ``extend`` would look up
        that pair, find nothing and score the character as itself (most of the hundreds of
        candidates after a dropped pair). None otherwise."""
        facts = self._quick.get(char)
        if facts is None:
            facts = self._fill(char, self.traditional)
        code, logp, script = facts
        if not code:
            return None
        before = self._joining(state.simple)
        if before:
            word = before | code
            if word in self._pairs or (self.cache and word in self.cache):
                return None
        return state.best[-1] + logp, state.extra + (extra + script)

    def consume_all(self, states: list[_State], token: Token) -> list[_State]:
        out: list[_State] = []
        for state in states:
            if len(state.leads) == 1:
                char = _pair(state.leads[0], token.t)
                if char is not None:
                    out.append(self.add(state, char, leads=(token.l,)))
                continue
            for lead in state.leads:
                char = _pair(lead, token.t)
                if char is not None and _known(char):
                    out.append(self.add(state, char, leads=(token.l,)))
        return out

    def relost(self, states: list[_State], token: Token) -> list[_State]:
        """The states after a ``relost`` token: a character of ``token.syllable`` whose trail byte
        and some lead byte make a character of ``token.second``; that lead byte is the next's."""
        from zharchive.stages.readings import is_reading as _is_reading

        out: list[_State] = []
        for state in states:
            for lead in state.leads:
                options = _known_chars(lead) if self.model is not None else _all_chars(lead)
                for trail, char in options:
                    if trail == 0x80 or not _is_reading(char, token.syllable):
                        continue
                    leads = lost_leads(trail, token.second)
                    if leads:
                        out.append(self.add(state, char, leads=leads))
        return out

    def finish(self, states: list[_State], token: Token) -> list[tuple[_State, str, float]]:
        """What may end the run after each state: (state, characters, extra cost), not yet added."""
        out: list[tuple[_State, str, float]] = []
        if token.kind in ("eaten", "cut"):
            states = self.prune(states, FINISH_FROM)
        for state in states:
            if len(state.leads) > 1 and state.drops and token.kind in ("eaten", "cut") and not token.syllable:
                # a dropped pair and then a lost trail byte: too little left to choose, unless the
                # annotation's reading says which character it was. Only after a drop: the few
                # lead bytes a run's first reading allows (新?lǜ) at a line's end: 虑 律 率 绿 氯,
                # so c7 c8 c9 ca cc) are no drop, and the prior chooses among their characters
                # (新区 by 8.5 nats). Skipped too, such runs were a gap with no candidate at all:
                # on the simulation's tuning half 4 more runs exact, wrong ones the same (9).
                continue
            out += [
                (state, char, extra) for char, extra in _finishes(token, state.leads, self.model is not None)
            ]
        if not out and token.kind == "ascii" and token.syllable:
            # No candidate has the annotation's reading: the bytes alone decide, as without it.
            return self.finish(states, Token("ascii", t=token.t))
        return out

    def candidates(self) -> list[tuple[float, str]]:
        states = [self.start()]
        ends: list[tuple[_State, str, float]] = []
        for token in self.run.tokens:
            if token.kind == "unknown":
                return []
            with_drop = self.dropped(states) if self.model is not None else []
            if token.kind == "pair":
                states = self.prune(self.consume(states + with_drop, token))
            elif token.kind == "relost":
                states = self.prune(self.relost(states + with_drop, token))
            else:
                ends = self.finish(states + with_drop, token)
                states = []
        ends += [(state, "", 0.0) for state in states]
        scored: dict[str, float] = {}
        if self.model is None:
            for state, char, extra in ends:
                score = self.add(state, char, extra).score
                chars = state.chars + char
                if score > scored.get(chars, -math.inf):
                    scored[chars] = score
            return sorted(((s, c) for c, s in scored.items()), reverse=True)
        return self.scored_ends(ends)

    def scored_ends(self, ends: list[tuple[_State, str, float]]) -> list[tuple[float, str]]:
        """Each end scored with the text after the run, as ``add`` and ``extend`` would score it;
        only those that can matter to ``restore`` (the best, the runner-up and every candidate
        within MARGIN of the best) are sure to be in the list.

        An end no dictionary or page word can join to the text after the run (no word ends in its
        last character and the text's first characters) scores as a function of its score before
        that text alone, and one that never decreases: among such ends of the same cost outside
        the prior, the first below what can matter ends the rest. Scoring the text after every
        end was half the search (``extend`` 1.35 M of 2.59 M calls on 8 articles' damage).
        """
        from zharchive.stages.prior import BITS, MAX_WORD, pack, symbol_logp, to_simplified_chars

        assert self.model is not None
        after = to_simplified_chars(self.run.after)  # not cached on the run's text (``start``)
        extend, model, cache = self._extend, self.model, self.cache
        logp, endings = model.logp, model.endings
        # (the ``pack`` key of each of the first characters after the run, the shift of one before)
        heads: list[tuple[int, int]] = []
        for size in range(1, min(len(after), MAX_WORD - 1) + 1):
            head = pack(after[:size])
            if head < 0:
                break  # a NUL or a character beyond the BMP: in no word, nor is any longer head
            heads.append((head, BITS * size))
        scored: dict[str, float] = {}

        def score(state: _State, char: str, grown: _Grown | None) -> float:
            if grown is None:
                best, simple, total = list(state.best), state.simple, state.extra
            else:
                best, simple, total = [*state.best, *grown.values], state.simple + grown.simple, grown.extra
            for c in after:
                best.append(extend(best, simple, c, model, cache))
                simple += c
            found = best[-1] + total
            chars = state.chars + char
            if found > scored.get(chars, -math.inf):
                scored[chars] = found
            return found

        def joined(last: int) -> bool:
            """Whether a word may end in ``last`` (``pack`` of the last character) and the first
            characters after the run."""
            if last < 0:
                return False  # a NUL or a character beyond the BMP, in no word
            for head, shift in heads:
                word = last << shift | head
                if word in logp or word in endings or (cache and word in cache):
                    return True
            return False

        apart: dict[float, list[tuple[float, _State, str, float, _Grown | None]]] = {}
        joins: dict[int, bool] = {}  # the same last characters end many states' runs
        table, fill, pairs = self._quick, self._fill, self._pairs
        gap_logp, gap_script = symbol_logp(GAP), self._script_cost(GAP, self.traditional)
        current: _State | None = None
        prev, base, outside = 0, 0.0, 0.0
        for state, char, extra in ends:
            if not char:
                score(state, char, None)
                continue
            if state is not current:  # ends come state by state: its facts once
                current, prev, base, outside = state, self._joining(state.simple), state.best[-1], state.extra
            # ``quick``, inline (it was called ~1,000 times a run), for one Han character and for
            # one followed by the gap of an eaten byte (scored by ``grow`` as the character, then
            # the gap's symbol_logp; the gap's script cost added after the character's)
            gapped = len(char) == 2 and char[1] == GAP
            key = char[0] if gapped else char
            facts = table.get(key)
            if facts is None:
                facts = fill(key, self.traditional)
            code, logp_c, script = facts
            if code and (not prev or not ((word := prev | code) in pairs or (cache and word in cache))):
                grown = None
                if gapped:
                    last, before, total = (
                        _GAP_CODE,
                        (base + logp_c) + gap_logp,
                        outside + (extra + (script + gap_script)),
                    )
                else:
                    last, before, total = code, base + logp_c, outside + (extra + script)
            else:
                grown = self.grow(state, char, extra)
                last = pack((state.simple + grown.simple)[-1:])
                before = grown.values[-1] if grown.values else base
                total = grown.extra
            join = joins.get(last)
            if join is None:
                join = joins[last] = joined(last)
            if join:
                score(state, char, grown or self.grow(state, char, extra))
            else:
                group = apart.get(total)
                if group is None:
                    group = apart[total] = []
                group.append((before, state, char, extra, grown))
        top = heapq.nlargest(2, scored.values())
        for group in apart.values():
            group.sort(key=_first, reverse=True)
            for _before, state, char, extra, grown in group:
                found = score(state, char, grown or self.grow(state, char, extra))
                if len(top) < 2 or found >= top[1]:
                    top = heapq.nlargest(2, scored.values())  # only a score this high changes them
                if len(top) == 2 and found < min(top[0] - MARGIN, top[1]):
                    break  # and every later one of the group scores no more
        return sorted(((s, c) for c, s in scored.items()), reverse=True)


def _first(item: tuple[float, _State, str, float, _Grown | None]) -> float:
    return item[0]


class _Grown(NamedTuple):
    """A state with characters appended, scored by the prior but not yet made a state."""

    score: float
    state: _State
    char: str
    extra: float
    values: tuple[float, ...]  # the prior's best score after each appended Simplified character
    simple: str
    leads: tuple[int, ...]


@lru_cache(maxsize=1)
def _pairs_by_lead() -> tuple[tuple[str | None, ...], ...]:
    """GBK's table: ``_pairs_by_lead()[lead][trail]`` is ``_pair(lead, trail)``, every pair decoded
    once a process (~40 ms; not through ``_pair``, whose cache would then hold all 65,536), then
    read without a call."""

    def decoded(lead: int, trail: int) -> str | None:
        try:
            return bytes((lead, trail)).decode("gbk")
        except UnicodeDecodeError:
            return None

    return tuple(tuple(decoded(lead, trail) for trail in range(256)) for lead in range(256))


def _finishes(token: Token, leads: tuple[int, ...], prior: bool) -> list[tuple[str, float]]:
    """What may end a run after a state whose next lead byte is one of ``leads``: (characters,
    extra cost), in the order of ``leads``. Going through a seed run's ~100 lead bytes one cached
    ``_pair`` call at a time was a fifth of its search; the table is read instead (no cache keyed
    on a run's bytes: the throughput benchmark repeats the seeds' runs)."""
    from zharchive.stages.readings import is_reading as _is_reading

    out: list[tuple[str, float]] = []
    if token.kind == "ascii" and not token.syllable:
        table = _pairs_by_lead()
        return [(char, 0.0) for lead in leads if (char := table[lead][token.t]) is not None]
    for lead in leads:
        if token.kind == "ascii":
            char = _pair(lead, token.t)
            if char is not None and (not token.syllable or _is_reading(char, token.syllable)):
                out.append((char, 0.0))
        elif token.kind == "pair_ascii":
            char = _pair(lead, token.t)
            if char is not None:
                out.append((char + chr(token.l), 0.0))
        elif token.kind == "eaten" and token.syllable and prior:
            # the characters of this lead byte and reading, as the loop below finds them
            out += [(char, 0.0) for char in _read_as(token.syllable).get(lead, ())]
        elif token.kind in ("eaten", "cut"):
            options = _known_chars(lead) if prior else _all_chars(lead)
            for trail, char in options:
                if token.kind == "eaten" and token.syllable:
                    if trail != 0x80 and _is_reading(char, token.syllable):
                        out.append((char, 0.0))
                elif token.kind == "eaten":
                    # the byte eaten with the trail byte is unknown: a gap (0x80 ate none)
                    if trail == 0x80:
                        out.append((char, EIGHTY_COST))
                    else:
                        out.append((char + GAP, 0.0))
                elif trail != 0x80:
                    out.append((char, 0.0))
    return out


def _select_order(item: tuple[float, int, int, object]) -> tuple[float, int, int]:
    return -item[0], item[1], item[2]


class _Ranked(NamedTuple):
    """Candidate characters made ready for ``_Search.select``."""

    chars: tuple[str, ...]
    options: tuple[tuple[str, tuple[int, ...]], ...]  # after a dropped pair: with the leads it leaves
    exact: tuple[int, ...]  # positions of the characters ``quick`` cannot score (grown)
    simples: frozenset[int]  # the Simplified forms of the others (code points)
    by_simple: dict[int, tuple[int, ...]]  # their positions, by Simplified form
    parts: tuple[tuple[float, tuple[tuple[float, int, int], ...]], ...]  # (script cost, by logp)


def _rank(
    chars: tuple[str, ...], traditional: bool, options: tuple[tuple[str, tuple[int, ...]], ...] = ()
) -> _Ranked:
    facts = _facts()
    table = facts.quick[traditional]
    exact: list[int] = []
    by_simple: dict[int, list[int]] = {}
    parts: dict[float, list[tuple[float, int, int]]] = {}
    for pos, char in enumerate(chars):
        found = table.get(char)
        code, logp, script = found if found is not None else facts.fill(char, traditional)
        if not code:
            exact.append(pos)
            continue
        by_simple.setdefault(code, []).append(pos)
        parts.setdefault(script, []).append((logp, pos, code))
    ordered = tuple(
        (script, tuple(sorted(entries, key=lambda e: (-e[0], e[1])))) for script, entries in parts.items()
    )
    return _Ranked(
        chars,
        options,
        tuple(exact),
        frozenset(by_simple),
        {x: tuple(p) for x, p in by_simple.items()},
        ordered,
    )


@lru_cache(maxsize=4096)
def _ranked_after(leads: tuple[int, ...], trail: int, traditional: bool) -> _Ranked:
    """``_known_after(leads, trail)`` ranked (a table of the code and the prior, never of a run)."""
    return _rank(_known_after(leads, trail), traditional)


@lru_cache(maxsize=1024)
def _ranked_drop(leads: tuple[int, ...], traditional: bool) -> _Ranked:
    """The characters a dropped pair may end after one of ``leads`` (``_drop_chars``), ranked."""
    options = tuple(option for lead in leads for option in _drop_chars(lead))
    return _rank(tuple(char for char, _ in options), traditional, options)


@lru_cache(maxsize=256)
def _drop_chars(lead: int) -> tuple[tuple[str, tuple[int, ...]], ...]:
    """The characters a dropped pair's first byte may end after ``lead``, with the lead bytes the
    dropped pair leaves possible (in ``_drop_next``'s order, as the search tries them)."""
    return tuple((char, leads) for t, leads in _drop_next().items() if (char := _pair(lead, t)) is not None)


@lru_cache(maxsize=65536)
def _known_after(leads: tuple[int, ...], trail: int) -> tuple[str, ...]:
    """The characters the prior knows that one of ``leads`` and ``trail`` make, in ``leads``' order."""
    return tuple(char for lead in leads if (char := _pair(lead, trail)) is not None and _known(char))


@lru_cache(maxsize=256)
def _all_chars(lead: int) -> tuple[tuple[int, str], ...]:
    return tuple((t, c) for t in (*_TRAILS, 0x80) if (c := _pair(lead, t)) is not None)


# A restoration is made when its score beats the runner-up's by this much (natural log); otherwise
# the run is left with a gap. Set on the tuning half of benchmarks/byte_shift.py (--half tune, once
# gaps kept little beside them): wrong runs 0.53 % at 4, 0.33 % at 5, 0.28 % at 6, 0.25 % at 7,
# 0.14 % at 10; exact 25.0, 22.2, 17.9, 12.2, 6.3 %. 6 is the smallest whose wrong rate leaves
# two standard deviations of a half's count (~0.1 % each) under the 0.5 % the issue allows.
MARGIN = 6.0
GAP = "\ufffd"
_GAP_CODE = ord(GAP)
# Runs searched in one line; a line with more is not a page the annotator made (the rest stay).
MAX_RUNS = 100
GAP_KEEP_TOKENS = 3  # see _keeps_agreed


class Restoration(NamedTuple):
    start: int
    end: int
    before: str
    after: str  # the restoration, or the gap left
    best: str | None  # the candidate that came first (None: there was none)
    runner_up: str | None  # the candidate that came second (None: it was the only one)
    margin: float  # by how much (natural log; inf without a runner-up)
    exact: bool  # the best won by MARGIN and is the restoration; False: a gap was left


def _keeps_agreed(run: DamagedRun) -> bool:
    """Whether a gap keeps what the close candidates agree on beside it (``_gap``), or is the whole
    run. The candidates are what the beam kept, and a dropped pair hides anywhere in a run, so a
    long run's candidates can all be read one character off and agree on a wrong one: on the
    simulation's tuning half, kept characters were 94 of the 99 wrong runs left. Kept only where
    the run is short and its end is back on the boundary (its last trail byte read as ASCII):
    1 wrong run more than keeping nothing (10 -> 11 at MARGIN 6); any such run, 5 more; runs of
    up to 2 tokens however they end, 8 more.
    """
    return len(run.tokens) <= GAP_KEEP_TOKENS and run.tokens[-1].kind in ("ascii", "pair_ascii")


def _gap(candidates: list[tuple[float, str]], best: float) -> str:
    """What every candidate within MARGIN of the best agrees on at both ends, a gap between."""
    close = [c for s, c in candidates if best - s < MARGIN] or [""]
    prefix = close[0]
    suffix = close[0]
    for c in close[1:]:
        while not c.startswith(prefix):
            prefix = prefix[:-1]
        while not c.endswith(suffix):
            suffix = suffix[1:]
    shortest = min(len(c) for c in close)
    if len(prefix) + len(suffix) >= shortest:
        suffix = suffix[len(prefix) + len(suffix) - shortest + 1 :] if shortest else ""
        prefix = prefix[: max(0, shortest - len(suffix) - 1)]
    return prefix + GAP + suffix


def _line_cache(text: str, runs: list[DamagedRun]) -> dict[int, float]:
    """The prior's cache of the line's repeated words, from its intact text (runs left out)."""
    from zharchive.stages.prior import page_cache, to_simplified_text

    pieces = []
    position = 0
    for run in runs:
        pieces.append(text[position : run.start])
        position = run.end
    pieces.append(text[position:])
    # converted here, not through ``to_simple``'s cache: a cache keyed on a damaged line's text
    # would make the throughput benchmark's repeated seed pages cheaper than a crawl's pages
    return page_cache(to_simplified_text(_strip_annotations("\n".join(pieces))))


def is_traditional(text: str) -> bool:
    from zharchive.stages.prior import simplified_only_count
    from zharchive.stages.script import traditional_only_count

    return traditional_only_count(text) > simplified_only_count(text)


def restore(text: str, use_prior: bool = True) -> list[Restoration]:
    """The restorations of a line's damaged runs (see the module doc)."""
    runs = find_runs(text)[:MAX_RUNS]
    if not runs:
        return []
    traditional = is_traditional(text)
    cache = _line_cache(text, runs) if use_prior else None
    out = []
    for run in runs:
        candidates = _Search(run, traditional, use_prior, cache).candidates()
        before = text[run.start : run.end]
        if not candidates:
            out.append(Restoration(run.start, run.end, before, GAP, None, None, 0.0, False))
            continue
        best_score, best = candidates[0]
        runner_up = candidates[1] if len(candidates) > 1 else None
        margin = math.inf if runner_up is None else best_score - runner_up[0]
        second = runner_up[1] if runner_up is not None else None
        if GAP not in best and ((use_prior and margin >= MARGIN) or (not use_prior and runner_up is None)):
            out.append(Restoration(run.start, run.end, before, best, best, second, margin, True))
        else:
            after = _gap(candidates, best_score if use_prior else 0.0) if _keeps_agreed(run) else GAP
            end = run.end
            annotation = _ANNOTATION_AFTER.match(text, end) if after.endswith(GAP) else None
            if annotation is not None and _SYLLABLE.match(text, end + 1):
                # The "(reading)" of the character the gap stands for: the annotator's, no text of
                # the page, and nothing the pinyin repair can take away after a gap.
                end = annotation.end()
                before = text[run.start : end]
            out.append(Restoration(run.start, end, before, after, best, second, margin, False))
    return out
