"""The pinyin repair's reading table against pypinyin itself, and what it removes and keeps."""

from __future__ import annotations

import subprocess
import sys
import unicodedata

from pypinyin import Style, pinyin

from flows.repair import _reading_table, _readings, remove_pinyin_annotations


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
    assert [(r.before, r.after, r.line_no) for r in fixed.repairs] == [("會(huì)", "會", 3)]


def test_the_repair_does_not_import_pypinyin() -> None:
    # pypinyin's package import loads its phrase dictionary (~55 MiB a worker); only its data file is read.
    code = (
        "import sys; from flows.repair import remove_pinyin_annotations as r; "
        "assert r('會(huì)議', 0).text == '會議'; "
        "print(any(m.split('.')[0] == 'pypinyin' for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
