"""Properties of zharchive.stages.decode over generated text and bytes (Hypothesis).

- Chinese text encoded in any supported codec decodes back exactly, or the result says it may not
  (a flag, or a quarantine ``DecodeError``).
- Nothing raises but ``DecodeError``, and every result keeps the promise its flags make about
  ``encoding`` (see the module docstring of zharchive.stages.decode).
- The fast character counts equal a plain loop over the characters.
"""

from __future__ import annotations

import codecs
import os
import re

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from schemas import DecodeResult
from zharchive.errors import DecodeError
from zharchive.stages.decode import common_han, common_han_share, decode, profile
from zharchive.text import is_han

SUPPORTED = (
    "utf-8",
    "utf-8-sig",
    "gb18030",
    "gbk",
    "big5hkscs",
    "cp950",
    "utf-16",
    "utf-16-le",
    "utf-16-be",
    "utf-32",
    "hz",
)

_COMMON = sorted(common_han())
_POOL = (
    _COMMON[::7]  # ordinary characters, simplified and traditional
    + list("㐀㑇䶵鿿𠀀𠮷镕喆堃")  # rare Han, extension A and B, GBK-only
    + list("，。、“”‘’《》！？：；（）—…·")  # full-width punctuation
    + list("abcXYZ0189 ,.-:/()")  # ASCII
    + ["\n", "\n", "€", "é"]
)
chinese_text = st.text(alphabet=st.sampled_from(_POOL), min_size=1, max_size=400)
# A soak run: ZHARCHIVE_DECODE_EXAMPLES=5000 .venv/bin/python -m pytest tests/test_decode_properties.py
EXAMPLES = int(os.environ.get("ZHARCHIVE_DECODE_EXAMPLES", "150"))
PROPERTY_SETTINGS = settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


# What decode removes from a text (zharchive.stages.decode._CONTROLS, spelled out: a test of it).
CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
LINE_BREAKING = re.compile("[\x0b\x1c-\x1e\x85]")  # these become newlines


def _check_promise(raw: bytes, result: DecodeResult) -> None:
    """The text is what ``encoding`` gives back, in the way the flags say."""
    codecs.lookup(result.encoding)
    assert 0.0 <= result.confidence <= 1.0
    flags = set(result.flags)
    mark = next((f.split(":", 1)[1] for f in flags if f.startswith("bom_mismatch:")), None)
    if mark is not None:  # the promise holds for the bytes after the mark
        raw = raw[{"utf-8": 3, "utf-32-le": 4, "utf-32-be": 4}.get(mark, 2) :]
    if "mixed_encoding" in flags or any(f.startswith("mojibake_repaired:") for f in flags):
        return
    if "replacement" in flags:
        given_back = raw.decode(result.encoding, "replace")
    elif "truncated_final_character" in flags:
        given_back = raw.decode(result.encoding, "ignore")
    else:
        given_back = raw.decode(result.encoding)
    if "control_characters_removed" in flags:
        assert given_back != result.text
        given_back = CONTROLS.sub("", LINE_BREAKING.sub("\n", given_back))
    assert given_back == result.text
    assert not CONTROLS.search(result.text), "control characters are removed, always with the flag"


def _decode(raw: bytes) -> DecodeResult | None:
    """decode(), with a quarantine (the deliberate signal) as None; anything else propagates."""
    try:
        result = decode(raw)
    except DecodeError as exc:
        assert exc.reason and exc.details[0].loc == ["decode"]
        return None
    _check_promise(raw, result)
    return result


@PROPERTY_SETTINGS
@given(text=chinese_text, codec=st.sampled_from(SUPPORTED))
def test_encoded_chinese_decodes_back_exactly_or_says_it_may_not(text: str, codec: str) -> None:
    try:
        raw = text.encode(codec)
    except UnicodeEncodeError:
        assume(False)
        return
    result = _decode(raw)
    if result is None or result.flags:
        return
    assert result.text == text


@PROPERTY_SETTINGS
@given(raw=st.binary(min_size=1, max_size=600))
def test_any_bytes_decode_or_are_quarantined(raw: bytes) -> None:
    _decode(raw)


@PROPERTY_SETTINGS
@given(
    text=chinese_text,
    codec=st.sampled_from(("utf-8", "gb18030", "big5hkscs", "utf-16-le")),
    position=st.floats(0.0, 1.0),
    junk=st.binary(min_size=1, max_size=3),
)
# Found by Hypothesis: a UTF-8 mark before a GB18030 character read as GB18030 without saying the
# mark was set aside (the text was not raw.decode(encoding)).
@example(text="塋", codec="gb18030", position=0.0, junk=b"\xef\xbb\xbf")
@example(text="·", codec="gb18030", position=0.0, junk=b"\xef\xbb\xbf")
def test_damaged_files_never_raise_and_keep_the_promise(
    text: str, codec: str, position: float, junk: bytes
) -> None:
    try:
        raw = text.encode(codec)
    except UnicodeEncodeError:
        assume(False)
        return
    cut = int(position * len(raw))
    _decode(raw[:cut] + junk + raw[cut:])
    if cut:
        _decode(raw[:cut])


@PROPERTY_SETTINGS
@given(
    first=chinese_text,
    second=chinese_text,
    codecs_pair=st.sampled_from(
        (("utf-8", "gb18030"), ("gb18030", "utf-8"), ("gb18030", "big5hkscs"), ("utf-8", "big5hkscs"))
    ),
    newline=st.booleans(),
)
def test_two_codecs_in_one_file_never_raise(
    first: str, second: str, codecs_pair: tuple[str, str], newline: bool
) -> None:
    try:
        raw = first.encode(codecs_pair[0]) + (b"\n" if newline else b"") + second.encode(codecs_pair[1])
    except UnicodeEncodeError:
        assume(False)
        return
    result = _decode(raw)
    if result is not None and not result.flags:
        # Unflagged means one codec reads it all: then that reading must be the text we wrote,
        # unless one part was ASCII (the same in both) or the two codecs agree on these bytes.
        joined = first + ("\n" if newline else "") + second
        same = all(part.isascii() for part in (first, second))
        assert result.text == joined or same or raw.decode(result.encoding) == result.text


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=200))
def test_fast_counts_equal_a_plain_loop(text: str) -> None:
    common = common_han()
    han = [c for c in text if is_han(c)]
    expected_share = sum(c in common for c in han) / len(han) if han else 1.0
    assert common_han_share(text) == (len(han), pytest.approx(expected_share))
    counts = profile(text)
    assert counts.han == len(han)
    assert counts.replacements == text.count("\ufffd")
    assert counts.common <= sum(c in common for c in han)  # a lower bound unless exact


# Characters the plausibility score counts against a reading: kana, Hangul, hexagrams, rare Han.
_RARE_BUT_REAL = (
    [chr(c) for c in range(0x3041, 0x3097, 3)]
    + [chr(c) for c in range(0xAC00, 0xD7A4, 97)]
    + [chr(c) for c in range(0x4DC0, 0x4E00, 5)]
    + [chr(c) for c in range(0x3400, 0x4DB6, 41)]
    + list("𠀀𠮷堃彧喆镕")
    + list("，。 ab\n")
)


@PROPERTY_SETTINGS
@given(
    text=st.text(alphabet=st.sampled_from(_RARE_BUT_REAL), min_size=1, max_size=60),
    codec=st.sampled_from(["utf-16", "utf-16-be-marked", "utf-32"]),
)
def test_a_genuine_wide_mark_is_never_set_aside(text: str, codec: str) -> None:
    # A text the score finds implausible as Chinese, in the UTF-16/32 its mark says: the bytes after
    # the mark may read as a few common Han in GB18030, which must not win over the mark.
    raw = (
        codecs.BOM_UTF16_BE + text.encode("utf-16-be") if codec == "utf-16-be-marked" else text.encode(codec)
    )
    try:
        result = decode(raw)
    except DecodeError:
        return  # quarantined, saying why: not a wrong text
    assert not any(f.startswith("bom_mismatch") for f in result.flags), (text, result)
    assert result.text == CONTROLS.sub("", LINE_BREAKING.sub("\n", text)), (text, result)
