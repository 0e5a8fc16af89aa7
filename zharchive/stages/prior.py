"""A language prior for choosing among candidate restorations: jieba's word frequencies.

jieba's ``dict.txt`` (349,046 words with their frequencies in jieba's training corpus) is read from
the installed package without importing jieba (its import sets up logging and a cache file).
A phrase's log probability is that of its best segmentation into dictionary words, jieba's own
unigram model: ``log(freq / total)`` per word. The dictionary is Simplified; Traditional text is
scored through OpenCC's character table (``zharchive.stages.script``), and a character of the other
script than the page's costs ``SCRIPT_MISMATCH`` (both 發 and 发 are 发 to the dictionary).

Loaded once per process, and only when a damaged run is found (``words()`` is cached): ~0.8 s
(``benchmarks/byte_shift.py`` prints it) and ~38 MiB (tracemalloc; a worker's RSS +43-46 MiB): the
words' keys 12 MiB and their dict 10, ``endings``' own keys 5 and its set 8. The tables are keyed
by ``pack``, an int for each word: keyed by the strings they were 58 MiB (RSS +64), the strings 40.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

import numpy as np
import numpy.typing as npt

from zharchive.stages.script import _dictionary, _tables

# The longest dictionary word a segmentation tries (jieba's longest are much longer; a restored
# run is judged by its neighbours, and words beyond this add time, not information).
MAX_WORD = 6
# A character of the other script than the page's (Simplified 发 in a Traditional page).
SCRIPT_MISMATCH = -12.0


# Every table of the prior is keyed by ``pack(word)``: the word's code points, 16 bits each, the last
# character lowest, in one int (its UTF-16 code units). A str of 1-6 CJK characters is 76-86 bytes
# (80-96 allocated), an int of up to 3 characters 32 and of 4-6 36-40 (48): the keys of the 347,202
# words and the 161,141 endings were 40 MiB as strings and are 17 as ints (the dict's entries are 8
# bytes wider with keys that are no strings, +2.7 MiB). Every character of jieba's words of up to
# MAX_WORD is in the BMP and above U+0010 (``words`` checks it), so the key of a word is no other
# word's; a text's character beyond the BMP, prepended by ``extend``, spills into the field above its
# own (a "character" U+0001-U+0010 no table holds), and NUL, which would pack as nothing, is never
# looked up.
BITS = 16
_LOW = (1 << BITS) - 1


def pack(text: str) -> int:
    """``text``'s key in the prior's tables (``BITS``); -1, in none, when a character is NUL or
    beyond the BMP (no word holds one)."""
    units = text.encode("utf-16-be", "surrogatepass")
    if len(units) != 2 * len(text) or "\x00" in text:
        return -1
    return int.from_bytes(units, "big")


def _size(key: int) -> int:
    """The characters of a packed word (its first is not NUL)."""
    return (key.bit_length() + BITS - 1) // BITS


class Words:
    """Log probabilities of jieba's words, and the Han character's fallback; keyed by ``pack``."""

    def __init__(self, logp: dict[int, float], unknown: float) -> None:
        self.logp = logp
        self.unknown = unknown
        by_size: list[list[int]] = [[] for _ in range(MAX_WORD + 1)]
        for word in logp:
            by_size[(word.bit_length() + BITS - 1) // BITS].append(word)  # _size, inline
        # For each character (its code point), the longest word that ends with it: ``extend`` looks
        # no further back (the same scores; fewer look-ups that could find nothing).
        self.longest_ending: dict[int, int] = {}
        for size, group in enumerate(by_size):  # shortest first: the longest is set last
            for word in group:
                self.longest_ending[word & _LOW] = size
        # The strings of 2-5 characters that end a longer word and are no word themselves (161,141),
        # packed: ``extend`` looks no further back than one that is neither, and the search tells
        # by them which restorations no word can join to the text after the run.
        # The words of 2 characters (114,173) are in the set too, the same int objects as their
        # ``logp`` keys: both ask it only of strings that are no word, and the byte-shift search asks
        # it whether two characters may be (the end of) a word (``byteshift._Facts.pairs``, a set of
        # its own of 8 MiB before).
        self.endings = frozenset(_endings(by_size, logp))


def _endings(by_size: list[list[int]], logp: dict[int, float]) -> Iterator[int]:
    """``Words.endings``: the words of 2 characters, then each word's endings that are no word."""
    yield from by_size[2]
    for size in range(3, MAX_WORD + 1):
        for part in range(2, size):
            mask = (1 << BITS * part) - 1
            for word in by_size[size]:
                if (ending := word & mask) not in logp:
                    yield ending


_UNKEYED = re.compile(rb"[\x00-\x09\x0b-\x10\xf0-\xff]")


@lru_cache(maxsize=1)
def words() -> Words:
    spec = find_spec("jieba")  # finds the package without importing it
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("jieba is not installed: the byte-shift repair needs its dictionary")
    path = Path(next(iter(spec.submodule_search_locations))) / "dict.txt"
    # No character pack() cannot key apart (U+0000-U+0010 but the line end, or beyond the BMP, whose
    # UTF-8 begins with f0-f4), checked on the file's bytes at once: for each word it was a tenth of
    # the load.
    if _UNKEYED.search(path.read_bytes()):
        raise ValueError(f"{path} has a character pack() cannot key apart")
    # Packed as each line is read: the words' strings are never held (all of them at once, as
    # the keys were before, left the worker's RSS at the peak they made with the packed tables).
    logp: dict[int, float] = {}  # each word's count (an int) first, then its log probability
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            word, count, _ = line.split(" ", 2)
            if len(word) <= MAX_WORD:
                key = int.from_bytes(word.encode("utf-16-be"), "big")  # pack(word), inline
                logp[key] = logp.get(key, 0) + int(count)
    log_total = math.log(sum(logp.values()))
    # One float object per distinct count (5,083 of them), not per word (347,202): the same
    # values, and 10 MiB less in each worker that loads the prior. The counts are replaced in
    # place: a second dict of the 347,202 keys would be ~10 MiB more at the peak.
    by_count: dict[float, float] = {}
    for key, c in logp.items():
        value = by_count.get(c)
        if value is None:
            value = by_count[c] = math.log(c) - log_total if c > 0 else -log_total
        logp[key] = value
    del by_count
    # A Han character jieba does not know is rarer than any it knows.
    return Words(logp, -log_total - 2.0)


# Punctuation and symbols a candidate may hold, as a share of running text (jieba has none).
# Common CJK punctuation costs about what it does in news text; other symbols are improbable.
_PUNCT = {
    "。": -3.5, "，": -3.0, "、": -4.0, "“": -4.5, "”": -4.5, "：": -5.0, "；": -6.0, "《": -5.5,
    "》": -5.5, "（": -5.5, "）": -5.5, "—": -6.5, "…": -7.0, "·": -7.0, "！": -6.5, "？": -6.5,
    "‘": -7.5, "’": -7.5, "【": -7.5, "】": -7.5, "％": -8.0, "〈": -9.0, "〉": -9.0, "」": -8.0, "「": -8.0,
    ",": -3.0, ":": -5.0, ";": -6.0, "(": -5.5, ")": -5.5, "!": -6.5, "?": -6.5, ".": -6.0, "%": -6.5,
    '"': -7.0, "-": -7.0, "/": -7.5, " ": -6.0,
}  # fmt: skip
# A gap left where an ASCII character was eaten: what punctuation usually costs.
GAP_LOGP = -3.0
_DIGIT = -5.0
# Any other digit: full-width ０-９ (the pages' full-width ASCII is half-width by the time the
# annotator's damage is read), circled and bracketed ①⑴⒈ (GBK's row a2, reached by a shifted pair).
# They were scored as _DIGIT, and in a shifted run a ③ or ６ cost no more than a digit: runners-up
# such as 強了些③安新區 beside 強了雄安新區 (3.2 nats) kept runs a gap, and a ６ in the best
# candidate made it wrong. In the seeds' and both corpora's page texts and gold bodies (1,001,932
# characters) there are 9 such digits, all circled, and no full-width one: log(9 / 1,001,932) for
# the lot, less log 10 for which one it is. benchmarks/byte_shift.py, report half: wrong runs
# 0.63 -> 0.53 %, exact 21.2 -> 21.3 % (tune half: 20.6 % exact either way, wrong 9 -> 10 runs).
_RARE_DIGIT = -14.0
_LETTER = -7.0
_OTHER = -16.0


def _is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"


def symbol_logp(char: str) -> float:
    """Log probability of a character that is not Han (the dictionary has none)."""
    if char in _PUNCT:
        return _PUNCT[char]
    if char == "\ufffd":
        return GAP_LOGP
    if "0" <= char <= "9":
        return _DIGIT
    if char.isdigit():
        return _RARE_DIGIT
    if char.isascii() and char.isalpha():
        return _LETTER
    return _OTHER


@lru_cache(maxsize=1)
def _simplified_only() -> frozenset[str]:
    """Characters only Simplified text uses: they convert to Traditional and are no Traditional form."""
    st = _dictionary("STCharacters.txt")
    ts = _dictionary("TSCharacters.txt")
    return frozenset(c for c, t in st.items() if t != c and c not in ts)


@lru_cache(maxsize=1)
def _simplified_only_table() -> npt.NDArray[np.bool_]:
    """``_simplified_only`` as a table over every code point (1.1 MB)."""
    table = np.zeros(0x110000, dtype=np.bool_)
    table[[ord(c) for c in _simplified_only()]] = True
    return table


def simplified_only_count(text: str) -> int:
    """How many characters of ``text`` only Simplified text uses: counted over code points, as
    ``script.traditional_only_count`` counts the others (a generator over a seed page's damaged
    line of 1,433 characters was ~0.1 ms)."""
    points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    return int(np.count_nonzero(_simplified_only_table()[points]))


def script_cost(char: str, traditional: bool) -> float:
    """``SCRIPT_MISMATCH`` for a character of the other script than the page's, else 0."""
    if traditional:
        return SCRIPT_MISMATCH if char in _simplified_only() else 0.0
    return SCRIPT_MISMATCH if char in _tables().traditional_only else 0.0


def to_simplified_chars(text: str) -> str:
    """Character by character t2s (OpenCC's table): what the dictionary is looked up with."""
    return text.translate(_tables().characters)


def to_simplified_text(text: str) -> str:
    """``to_simplified_chars`` of a long text (a line): over code points with numpy, the same table
    (0.075 -> 0.009 ms for 1,433 characters; ``translate`` is quicker for a few characters)."""
    from zharchive.stages.script import _characters_to_simplified

    return _characters_to_simplified(text)


def extend(
    best: Sequence[float], text: str, char: str, model: Words, cache: dict[int, float] | None = None
) -> float:
    """The best segmentation's log probability of ``text + char``, given ``best``: that of every
    prefix of ``text`` (``best[i]`` for ``text[:i]``, ``best[0] == 0``; Simplified text).

    ``cache``: log probabilities of words the rest of the page uses (``page_cache``), which
    replace the dictionary's where higher.
    """
    if not ("\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"):
        return best[-1] + symbol_logp(char)
    logp = model.logp
    word = ord(char)  # pack(text[end - size:] + char), grown one character to the left at a time
    score = best[-1] + logp.get(word, model.unknown)
    end = len(text) + 1
    longest = model.longest_ending.get(word, 1)
    cached_longest = CACHE_MAX if cache else 0  # the page's words are of 2-4 characters
    top = min(MAX_WORD, end, max(longest, cached_longest))
    endings = model.endings
    shift = 0
    for size in range(2, top + 1):
        code = ord(text[end - size])
        if not code:
            break  # NUL is in no word (and packed it would leave the shorter word's key)
        shift += BITS
        word |= code << shift
        found = logp.get(word) if size <= longest else None
        if cache and size <= cached_longest:
            cached = cache.get(word)
            if cached is not None and (found is None or cached > found):
                found = cached
        if found is not None:
            value = best[end - size] + found
            if value > score:
                score = value
        elif word not in endings:
            # No dictionary word ends in ``word``, and none of the page's (its words of n
            # characters end in words of n - 1 that repeat as often): longer ones cannot match.
            # extend is most of the search (2.6 M calls on 8 articles' simulated damage); this
            # stop took a fifth off it (4.4-5.5 -> 4.1-4.6 CPU-s, 3 articles' damage).
            break
    return score


# The share of a page's words that its own repeated words are taken to be (a cache model: an
# article repeats its topic's words, 公安 in a police report, 雄安 in an article on Xiong'an).
CACHE_WEIGHT = 0.5
CACHE_MAX = 4


def page_cache(simplified: str) -> dict[int, float]:
    """Log probabilities for the Han words of 2-4 characters that ``simplified`` (the page's intact
    text, Simplified) uses more than once: ``log(CACHE_WEIGHT * count / len)``, keyed by ``pack``.

    Counted over code points with numpy: a word of 3 or 4 repeats only where each of its 2-character
    words repeats, so only those places are counted again. Counting every substring in a dict was
    0.52 ms of a seed page's 1,433-character damaged line; this is 0.20 (CPU, both on the same
    lines, ``benchmarks/byte_shift_same.py`` checks the restorations equal).
    """
    n = len(simplified)
    scale = math.log(CACHE_WEIGHT / max(n, 1))
    points = np.frombuffer(simplified.encode("utf-32-le", "surrogatepass"), dtype="<u4").astype(np.int64)
    out: dict[int, float] = {}
    if points.size < 2:
        return out
    han = ((points >= 0x4E00) & (points <= 0x9FFF)) | ((points >= 0x3400) & (points <= 0x4DBF))
    pairs = (points[:-1] << 21) | points[1:]  # a code point is < 2**21: every pair its own key
    _, inverse, counts = np.unique(pairs, return_inverse=True, return_counts=True)
    repeated = (counts[inverse] > 1) & han[:-1] & han[1:]  # at each place: a Han pair seen twice
    # where both are Han (BMP), the pair's ``pack`` key, as distinct as ``pairs``
    packed = (points[:-1] << BITS) | points[1:]
    for key, count in _repeats(packed[repeated]):
        out[key] = math.log(count) + scale
    if n >= 3:
        at = np.flatnonzero(repeated[:-1] & repeated[1:])
        for key, count in _repeats((packed[at] << BITS) | points[at + 2]):
            out[key] = math.log(count) + scale
    if n >= 4:
        at = np.flatnonzero(repeated[:-2] & repeated[1:-1] & repeated[2:])
        # four BMP characters are 64 bits: one uint64 key, not rows of two (``np.unique`` over
        # rows, ``axis=0``, was a third of this function: 0.20 -> 0.10 ms on seed 000's line)
        four = (packed[at].astype(np.uint64) << np.uint64(2 * BITS)) | packed[at + 2].astype(np.uint64)
        for key, count in _repeats(four):
            out[key] = math.log(count) + scale
    return out


def _repeats(keys: npt.NDArray[np.int64] | npt.NDArray[np.uint64]) -> list[tuple[int, int]]:
    """(key, count) of each key that occurs more than once."""
    if not keys.size:
        return []
    unique, counts = np.unique(keys, return_counts=True)
    more = counts > 1
    return list(zip(unique[more].tolist(), counts[more].tolist(), strict=True))


def phrase_logp(text: str, model: Words | None = None, cache: dict[int, float] | None = None) -> float:
    """The best segmentation's log probability of Simplified ``text``."""
    model = model or words()
    best: list[float] = [0.0]
    for i, char in enumerate(text):
        best.append(extend(best, text[:i], char, model, cache))
    return best[-1]
