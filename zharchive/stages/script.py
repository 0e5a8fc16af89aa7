"""Simplified or Traditional, and a Simplified copy of Traditional text, at str.translate speed.

The data are OpenCC's own dictionaries (shipped with opencc-python-reimplemented): TSPhrases for the
few words whose conversion depends on the word, then TSCharacters character by character. The
package's converter walks a parse tree in Python (~10 ms for a 2,000-character page, most of an
ingest's time), while this does the same conversion with one regex pass over the phrases and one
``str.translate``; ``tests/test_script.py`` checks both give the same text.

The character pass and the count of Traditional-only characters look each code point up in a numpy
table (the text as UTF-32, one array index): on the gold bodies (2,100 characters on average) the
count went from 44 to 7 µs and the character pass from 80 to 9 µs (CPU, one process, issue 22).
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Literal

import numpy as np
import numpy.typing as npt

from zharchive.text import han_count

Script = Literal["Hans", "Hant"]
SAMPLE_CHARS = 2000
# Above this share of Han characters that only Traditional text uses, a text is Traditional.
TRADITIONAL_SHARE = 0.05


@dataclass(frozen=True)
class _Tables:
    characters: dict[int, str]
    # The same for every BMP code point, unmapped ones to themselves: str.translate with the dict
    # raises and clears a KeyError for every character it does not map (most of them).
    bmp_characters: array[int]
    phrases: dict[str, str]
    phrase_pattern: re.Pattern[str] | None
    traditional_only: frozenset[str]


def _dictionary(name: str) -> dict[str, str]:
    text = resources.files("opencc").joinpath("dictionary", name).read_text(encoding="utf-8")
    pairs: dict[str, str] = {}
    for line in text.splitlines():
        if "\t" in line:
            source, targets = line.split("\t", 1)
            pairs[source] = targets.split(" ")[0]
    return pairs


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    characters = _dictionary("TSCharacters.txt")
    phrases = _dictionary("TSPhrases.txt")
    simplified_keys = set(_dictionary("STCharacters.txt"))
    simplified_forms = set(characters.values())
    # Characters Simplified text never uses: they convert, and are no one's simplified form.
    traditional_only = frozenset(
        c for c, s in characters.items() if s != c and c not in simplified_keys and c not in simplified_forms
    )
    ordered = sorted(phrases, key=len, reverse=True)
    pattern = re.compile("|".join(map(re.escape, ordered))) if ordered else None
    by_code = {ord(k): v for k, v in characters.items() if len(k) == 1}
    return _Tables(
        by_code,
        array("I", (ord(by_code.get(code, chr(code))) for code in range(0x10000))),
        phrases,
        pattern,
        traditional_only,
    )


@lru_cache(maxsize=1)
def _arrays() -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.uint32]]:
    """Whether each code point is Traditional-only (all planes: 1.1 MB), and each BMP code point's
    Simplified form (256 KiB; an astral character takes the dict)."""
    tables = _tables()
    traditional = np.zeros(0x110000, dtype=np.bool_)
    traditional[[ord(c) for c in tables.traditional_only]] = True
    return traditional, np.array(tables.bmp_characters, dtype=np.uint32)


def _code_points(text: str) -> npt.NDArray[np.uint32]:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")


def traditional_only_count(text: str) -> int:
    """How many characters of ``text`` only Traditional text uses."""
    return int(np.count_nonzero(_arrays()[0][_code_points(text)]))


def _characters_to_simplified(text: str) -> str:
    """TSCharacters, code point by code point."""
    points = _code_points(text)
    if points.size and int(points.max()) > 0xFFFF:
        return text.translate(_tables().characters)  # astral text (rare): the dict
    return _arrays()[1][points].tobytes().decode("utf-32-le", "surrogatepass")


def to_simplified(text: str) -> str:
    """OpenCC t2s: phrases first (longest match), then characters."""
    tables = _tables()
    if tables.phrase_pattern is None:
        return _characters_to_simplified(text)
    # Phrase output is already Simplified: protect it from the character pass by taking the gaps
    # between phrase matches from the character pass of the whole text (one code point for one:
    # the same positions), the phrases from their table.
    characters = _characters_to_simplified(text)
    parts: list[str] = []
    last = 0
    for match in tables.phrase_pattern.finditer(text):
        parts.append(characters[last : match.start()])
        parts.append(tables.phrases[match.group()])
        last = match.end()
    parts.append(characters[last:])
    return "".join(parts)


def script_of(body: str) -> tuple[Script | None, str | None]:
    """("Hans" | "Hant" | None without Han text, the body in Simplified when it is Traditional)."""
    sample = body[:SAMPLE_CHARS]
    han = han_count(sample)
    if not han:
        return None, None
    # One count of the sample: its head's count is never more, so a head over the share would
    # mean a sample over it too (the head was counted first when the count was a regex pass).
    if traditional_only_count(sample) / han <= TRADITIONAL_SHARE:
        return "Hans", None
    return "Hant", to_simplified(body)
