"""The readings of a Han character, from pypinyin's table: whether "(huì)" after 會 is a reading of it.

Shared by the pinyin-annotation repair and the byte-shift repair (``zharchive.stages.repair``,
``zharchive.stages.byteshift``), which both ask it; kept apart so neither imports the other.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path


@lru_cache(maxsize=1)
def reading_table() -> dict[str, str]:
    """pypinyin's table of each character's readings ("會" → "huì,kuài"), read from its data file.

    Importing pypinyin itself loads its phrase dictionary too (~55 MiB in every worker); a single
    character's readings are this table's entry, which is what ``pinyin(char, heteronym=True)``
    returns (tests/test_repair_pinyin.py checks that for every character in it).
    """
    spec = find_spec("pypinyin")  # finds the package without importing it
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("pypinyin is not installed: the pinyin repair needs its reading table")
    folder = Path(next(iter(spec.submodule_search_locations)))
    text = (folder / "pinyin_dict.json").read_text(encoding="utf-8")
    # One str for each distinct list of readings (8,598 for the 41,923 characters): ``json.loads``
    # made one a character, 3.2 MiB of a worker's memory where these are 0.7. Read entry by entry
    # (the file is one flat object of plain strings; tests/test_prior_memory.py checks the table
    # equals ``json.loads``'s), a duplicate freed as soon as it is read.
    table: dict[str, str] = {}
    shared: dict[str, str] = {}
    for entry in _ENTRY.finditer(text):
        code, listed = entry.groups()
        table[code] = shared.setdefault(listed, listed)
    return table


_ENTRY = re.compile(r'"([0-9]+)": ?"([^"\\]*)"')


@lru_cache(maxsize=65536)
def readings(char: str) -> frozenset[str]:
    return parse_readings(reading_table().get(str(ord(char)), ""))


def parse_readings(listed: str) -> frozenset[str]:
    """A table entry's readings ("huì,kuài"), each NFC and lower-case; not cached (``readings``
    is, for the characters pages ask about)."""
    return frozenset(unicodedata.normalize("NFC", r).lower() for r in listed.split(",") if r)


@lru_cache(maxsize=65536)
def is_reading(char: str, syllable: str) -> bool:
    return unicodedata.normalize("NFC", syllable).lower() in readings(char)
