"""A language prior for choosing among candidate restorations: jieba's word frequencies.

jieba's ``dict.txt`` (349,046 words with their frequencies in jieba's training corpus) is read from
the installed package without importing jieba (its import sets up logging and a cache file).
A phrase's log probability is that of its best segmentation into dictionary words, jieba's own
unigram model: ``log(freq / total)`` per word. The dictionary is Simplified; Traditional text is
scored through OpenCC's character table (``zharchive.stages.script``), and a character of the other
script than the page's costs ``SCRIPT_MISMATCH`` (both 發 and 发 are 发 to the dictionary).

Loaded once per process, and only when a damaged run is found (``words()`` is cached): ~0.8 s and
~35 MiB (measured in ``benchmarks/byte_shift.py``, which prints it).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from zharchive.stages.script import _dictionary, _tables

# The longest dictionary word a segmentation tries (jieba's longest are much longer; a restored
# run is judged by its neighbours, and words beyond this add time, not information).
MAX_WORD = 6
# A character of the other script than the page's (Simplified 发 in a Traditional page).
SCRIPT_MISMATCH = -12.0


class Words:
    """Log probabilities of jieba's words, and the Han character's fallback."""

    def __init__(self, logp: dict[str, float], unknown: float) -> None:
        self.logp = logp
        self.unknown = unknown
        # For each character, the longest word that ends with it: ``extend`` looks no further back
        # (the same scores; fewer look-ups that could find nothing).
        self.longest_ending: dict[str, int] = {}
        for word in logp:
            if len(word) > self.longest_ending.get(word[-1], 0):
                self.longest_ending[word[-1]] = len(word)
        # The strings of 2-5 characters that end a longer word and are no word themselves (161,141;
        # ~20 MiB): ``extend`` looks no further back than one that is neither, and the search
        # tells by them which restorations no word can join to the text after the run.
        self.endings = frozenset(
            ending for word in logp for size in range(2, len(word)) if (ending := word[-size:]) not in logp
        )


@lru_cache(maxsize=1)
def words() -> Words:
    spec = find_spec("jieba")  # finds the package without importing it
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("jieba is not installed: the byte-shift repair needs its dictionary")
    path = Path(next(iter(spec.submodule_search_locations))) / "dict.txt"
    freq: dict[str, int] = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            word, count, _ = line.split(" ", 2)
            if len(word) <= MAX_WORD:
                freq[word] = freq.get(word, 0) + int(count)
    log_total = math.log(sum(freq.values()))
    logp = {w: math.log(c) - log_total if c > 0 else -log_total for w, c in freq.items()}
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
    if char.isdigit() or "０" <= char <= "９":
        return _DIGIT
    if char.isascii() and char.isalpha():
        return _LETTER
    return _OTHER


@lru_cache(maxsize=1)
def _simplified_only() -> frozenset[str]:
    """Characters only Simplified text uses: they convert to Traditional and are no Traditional form."""
    st = _dictionary("STCharacters.txt")
    ts = _dictionary("TSCharacters.txt")
    return frozenset(c for c, t in st.items() if t != c and c not in ts)


def script_cost(char: str, traditional: bool) -> float:
    """``SCRIPT_MISMATCH`` for a character of the other script than the page's, else 0."""
    if traditional:
        return SCRIPT_MISMATCH if char in _simplified_only() else 0.0
    return SCRIPT_MISMATCH if char in _tables().traditional_only else 0.0


def to_simplified_chars(text: str) -> str:
    """Character by character t2s (OpenCC's table): what the dictionary is looked up with."""
    return text.translate(_tables().characters)


def extend(
    best: Sequence[float], text: str, char: str, model: Words, cache: dict[str, float] | None = None
) -> float:
    """The best segmentation's log probability of ``text + char``, given ``best``: that of every
    prefix of ``text`` (``best[i]`` for ``text[:i]``, ``best[0] == 0``; Simplified text).

    ``cache``: log probabilities of words the rest of the page uses (``page_cache``), which
    replace the dictionary's where higher.
    """
    if not ("\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"):
        return best[-1] + symbol_logp(char)
    logp = model.logp
    score = best[-1] + logp.get(char, model.unknown)
    end = len(text) + 1
    longest = model.longest_ending.get(char, 1)
    cached_longest = CACHE_MAX if cache else 0  # the page's words are of 2-4 characters
    top = min(MAX_WORD, end, max(longest, cached_longest))
    endings = model.endings
    word = char
    for size in range(2, top + 1):
        word = text[end - size] + word
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


def page_cache(simplified: str) -> dict[str, float]:
    """Log probabilities for the Han words of 2-4 characters that ``simplified`` (the page's intact
    text, Simplified) uses more than once: ``log(CACHE_WEIGHT * count / len)``."""
    counts: dict[str, int] = {}
    n = len(simplified)
    for size in range(2, CACHE_MAX + 1):
        for i in range(n - size + 1):
            word = simplified[i : i + size]
            counts[word] = counts.get(word, 0) + 1
    scale = math.log(CACHE_WEIGHT / max(n, 1))
    return {w: math.log(c) + scale for w, c in counts.items() if c > 1 and all(_is_han(ch) for ch in w)}


def phrase_logp(text: str, model: Words | None = None, cache: dict[str, float] | None = None) -> float:
    """The best segmentation's log probability of Simplified ``text``."""
    model = model or words()
    best: list[float] = [0.0]
    for i, char in enumerate(text):
        best.append(extend(best, text[:i], char, model, cache))
    return best[-1]
