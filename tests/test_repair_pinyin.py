"""The pinyin repair's reading table against pypinyin itself, and what it removes and keeps."""

from __future__ import annotations

import re
import subprocess
import sys
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypinyin import Style, pinyin

from zharchive.stages.readings import is_reading as _is_reading
from zharchive.stages.readings import reading_table as _reading_table
from zharchive.stages.readings import readings as _readings
from zharchive.stages.repair import (
    _PINYIN_ANNOTATION,
    RepairedLine,
    _pinyin_annotations,
    count_pinyin_annotations,
    may_need_pinyin_repair,
    normalise_whitespace,
    remove_pinyin_annotations,
    repair_byte_shifts,
    strip_trailing_pipe,
)


def test_readings_are_what_pypinyin_gives_for_every_character_it_knows() -> None:
    table = _reading_table()
    assert len(table) > 40_000
    differ = []
    for code in table:
        char = chr(int(code))
        expected = frozenset(
            unicodedata.normalize("NFC", r).lower()
            for group in pinyin(char, heteronym=True, style=Style.TONE, errors="ignore")
            for r in group
        )
        if _readings(char) != expected:
            differ.append((char, sorted(_readings(char)), sorted(expected)))
    assert differ == []


def test_a_character_without_readings_has_none() -> None:
    assert _readings("A") == frozenset()
    assert _readings("\u3400") <= frozenset({"qiū"})  # a rare one: whatever the table says, no crash


def test_annotations_from_the_seed_are_removed_and_names_kept() -> None:
    fixed = remove_pinyin_annotations("召開會(huì)議，李明(Li Ming)出席(CPPCC)", 3)
    assert fixed.text == "召開會議，李明(Li Ming)出席(CPPCC)"
    assert [(r.before, r.after, r.line_no) for r in fixed.repairs] == [
        ("召開會(huì)議，李明(Li Ming)出席(CPPCC)", "召開會議，李明(Li Ming)出席(CPPCC)", 3)
    ]


def test_the_repair_does_not_import_pypinyin() -> None:
    # pypinyin's package import loads its phrase dictionary (~55 MiB a worker); only its data file is read.
    code = (
        "import sys; from zharchive.stages.repair import remove_pinyin_annotations as r; "
        "assert r('會(huì)議', 0).text == '會議'; "
        "print(any(m.split('.')[0] == 'pypinyin' for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(
        alphabet=st.sampled_from(list("會議(（)）huìkuài?\ufffd|\u3000\u00a0\ufeff\u200b\u2003 \t擔當的abc")),
        max_size=30,
    )
)
def test_a_line_the_pinyin_repairs_are_skipped_on_would_come_out_unchanged(text: str) -> None:
    if may_need_pinyin_repair(text):
        return
    step = normalise_whitespace(text, 1)
    assert (step.text, step.repairs) == (text, [])
    assert strip_trailing_pipe(text, 1).repairs == []
    shifted = repair_byte_shifts(text, 1)
    assert (shifted.text, shifted.repairs, shifted.flags) == (text, [], [])
    assert remove_pinyin_annotations(text, 1) == RepairedLine(text, [])


def test_a_line_with_many_annotations_is_one_record_of_the_whole_lines_change() -> None:
    # Seed 000's most annotated line, as the cleaner repairs it: one record for the line (issue 22),
    # its before the line with every annotation, its after the line without any.
    from zharchive.stages.clean import clean
    from zharchive.stages.decode import decode

    seed = next((Path(__file__).resolve().parents[1] / "seeds").glob("000_*.txt"))
    cleaned = clean(decode(seed.read_bytes()).text)
    records = [r for r in cleaned.repairs if r.rule_id == "repair.pinyin_annotation"]
    line_no = max(
        {r.line_no for r in records},
        key=lambda n: count_pinyin_annotations(next(r.before for r in records if r.line_no == n)),
    )
    (record,) = [r for r in records if r.line_no == line_no]
    annotations = count_pinyin_annotations(record.before)
    assert annotations >= 20
    assert count_pinyin_annotations(record.after) == 0
    assert record.after == _PINYIN_ANNOTATION.sub(
        lambda m: m["char"] if _is_reading(m["char"], m["syllable"]) else m[0], record.before
    )
    assert record.after in cleaned.body_text
    assert len({r.line_no for r in records}) == len(records)  # one record a line
    assert cleaned.stats["repair.pinyin_annotation"] == len(records)


@settings(max_examples=500)
@given(st.text(alphabet=st.sampled_from(list("會議(（)）huìkuàiyì（(a)中\u3400\u4dbf\u9fffx ")), max_size=40))
def test_counting_finds_the_annotations_removal_finds(text: str) -> None:
    found = [m for m in _PINYIN_ANNOTATION.finditer(text) if _is_reading(m["char"], m["syllable"])]
    assert count_pinyin_annotations(text) == len(found)
    assert count_pinyin_annotations(text, 2) == min(2, len(found))
    assert len(remove_pinyin_annotations(text, 1).repairs) == min(1, len(found))


_ANNOTATED = st.text(
    alphabet=st.sampled_from(list("會議(（)）huìkuàiyì（(a)中\u3400\u4dbf\u9fff\u4e00x ")), max_size=60
)


@settings(max_examples=1000)
@given(_ANNOTATED)
def test_the_bracket_search_finds_what_the_full_pattern_finds(text: str) -> None:
    # The repair searches for brackets and looks back at the character (fast on a page of Han);
    # the full pattern, filtered by the reading table, is the definition it must agree with.
    def keep_character(m: re.Match[str]) -> str:
        return m["char"] if _is_reading(m["char"], m["syllable"]) else m[0]

    expected = [
        (m[0], m["char"]) for m in _PINYIN_ANNOTATION.finditer(text) if _is_reading(m["char"], m["syllable"])
    ]
    assert [(text[start:end], char) for start, end, char in _pinyin_annotations(text)] == expected
    fixed = remove_pinyin_annotations(text, 1)
    assert fixed.text == _PINYIN_ANNOTATION.sub(keep_character, text)
    assert [(r.before, r.after) for r in fixed.repairs] == ([(text, fixed.text)] if expected else [])
