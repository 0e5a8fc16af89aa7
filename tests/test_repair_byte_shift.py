"""Byte shifts: an annotation inserted inside a GBK character, the damage simulated as the seeds
show it happened, and restored only where the prior is clearly for one candidate."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import require_shared
from zharchive.stages import byteshift
from zharchive.stages.byteshift import GAP, MARGIN, annotate, find_runs, misdecode, restore
from zharchive.stages.repair import (
    BYTE_SHIFT_FLAG,
    BYTE_SHIFT_RESTORED,
    BYTE_SHIFT_RULE,
    RUNNER_UP_RULE,
    remove_pinyin_annotations,
    repair_byte_shifts,
)

SEED_001 = next((Path(__file__).resolve().parents[1] / "seeds").glob("001_*.txt"))


def _damage(text: str, annotated: list[tuple[str, str]]) -> str:
    return misdecode(annotate(text.encode("gbk"), annotated))


def test_the_mechanism_reproduces_both_seeds_byte_for_byte() -> None:
    # Seed 001: 當的 is ae 94 | b5 c4, and 94 b5 is 數 (shù), which the page annotates.
    assert (
        _damage("著力鍛造忠誠干凈擔當的公安鐵軍。", [("數", "shù")]) == "著力鍛造忠誠干凈擔當?shù)墓茶F軍。"
    )
    # Seed 000: 務 annotated first, then 獎 (aa 84) matched across 要|務.
    damaged = _damage("主動服務發展第一要務,忠實", [("務", "wù"), ("獎", "jiǎng")])
    assert damaged == "主動服務(wù)發展第一要?jiǎng)?wù),忠實"
    # In the other order 務 is no longer whole when its turn comes, and the comma is eaten.
    assert _damage("第一要務,忠實", [("獎", "jiǎng"), ("務", "wù")]) == "第一要?jiǎng)?忠實"


def test_the_decoder_drops_a_pair_that_is_no_character() -> None:
    assert misdecode(bytes.fromhex("c4b9abb0b2e846")) == "墓茶F"  # ab b0: user-defined area
    assert misdecode(b"\xb5(" + b"x") == "?x"  # a lead byte and "(" are one "?"
    assert misdecode(b"\xb5\n") == "\n"  # a control character survives its lead byte


def test_seed_001_the_prior_prefers_the_page_but_not_by_the_margin() -> None:
    (line,) = [line for line in SEED_001.read_text(encoding="utf-8").splitlines() if "?shù)" in line]
    (found,) = restore(line)
    # 公安 (which the paragraph uses again) first, the plain reading 共 second; not by MARGIN.
    assert (found.best, found.runner_up, found.exact) == ("的公安鐵", "的共鐵", False)
    assert found.after.endswith("\ufffd鐵")  # what every candidate near the best agrees on
    assert 2.0 < found.margin < MARGIN
    fixed = repair_byte_shifts(line, 6)
    assert f"擔當{found.after}軍。" in fixed.text and fixed.flags == [BYTE_SHIFT_FLAG]
    assert fixed.repairs == [(6, BYTE_SHIFT_RULE, line, fixed.text)]  # the line, before and after


def test_a_restoration_records_its_runner_up_beside_it() -> None:
    # 部 is b2 bf and 門 is e9 54: bf e9 is 块 (kuài), annotated across the boundary.
    damaged = _damage("主管部門的負責人表示,將繼續推進", [("块", "kuài")])
    assert damaged == "主管部?kuài)T的負責人表示,將繼續推進"
    fixed = repair_byte_shifts(damaged, 2)
    assert fixed.text == "主管部門的負責人表示,將繼續推進" and fixed.flags == [BYTE_SHIFT_RESTORED]
    # One record for the line, before and after, and the line as the runner-up would make it.
    assert fixed.repairs == [
        (2, BYTE_SHIFT_RULE, damaged, fixed.text),
        (2, RUNNER_UP_RULE, damaged, "主管部齌的負責人表示,將繼續推進"),
    ]


@pytest.mark.parametrize(
    ("page", "straddle", "reading"),
    [
        ("他說這項工作的進展順利", "鞯", "jiān"),
        ("經濟發展的質量和效益", "馁", "něi"),
    ],
)
def test_runs_the_prior_is_sure_of_are_read_back(page: str, straddle: str, reading: str) -> None:
    damaged = _damage(page, [(straddle, reading)])
    assert damaged != page
    assert repair_byte_shifts(damaged, 1).text == page


def test_seed_000_both_halves_of_one_character() -> None:
    fixed = repair_byte_shifts(")發(fā)展第一要?jiǎng)?wù),忠實(shí)履", 1)
    assert fixed.text == ")發(fā)展第一要務,忠實(shí)履"
    assert fixed.flags == [BYTE_SHIFT_RESTORED]


def test_a_character_the_bytes_cannot_tell_is_a_gap_never_made_up() -> None:
    # 的 + "," : the comma (an ASCII byte) was eaten with 的's trail byte, and which ASCII
    # character it was the bytes do not say: a gap, flagged inexact.
    damaged = _damage("這是擔當的,全市公安工作", [("數", "shù")])
    assert damaged == "這是擔當?shù)?全市公安工作"
    fixed = repair_byte_shifts(damaged, 3)
    assert GAP in fixed.text and fixed.flags == [BYTE_SHIFT_FLAG]
    assert fixed.text.startswith("這是擔當") and fixed.text.endswith("全市公安工作")
    assert all(c in "這是擔當的,全市公安工作" + GAP for c in fixed.text)


def test_without_the_prior_the_plain_reading_is_a_candidate_not_a_restoration() -> None:
    (found,) = restore("著力鍛造忠誠干凈擔當?shù)墓茶F軍。", use_prior=False)
    assert found.after == "的共鐵"  # what the bytes say read as they are (the old repair's 共)
    (found,) = restore("著力鍛造忠誠干凈擔當?shù)墓茶F軍。")
    assert found.after != "的共鐵"


@pytest.mark.parametrize(
    "text",
    [
        "李明(Li Ming)是谁?",
        "为什么?(CPPCC)",
        "真的吗?是的)",
        "what?(yes)",
        "是吗?ok)好",
        "好?de)",
        "?shù)",
        "問題?wù)",
        "(a)?b)",
    ],
)
def test_question_marks_and_english_brackets_are_left_alone(text: str) -> None:
    fixed = repair_byte_shifts(text, 1)
    assert fixed.text == text and not fixed.repairs and not fixed.flags


def test_a_reading_no_character_after_that_trail_byte_has_is_no_run() -> None:
    # 當's trail byte 94 makes no character read "hǎo" with any lead byte: not a shifted annotation.
    assert find_runs("擔當?hǎo)墓茶F軍") == []


def test_the_prior_loads_only_when_a_damaged_run_is_found() -> None:
    code = (
        "import sys; from zharchive.stages.repair import repair_byte_shifts as r; "
        "r('為什麼?(yes)', 1); r('會(huì)議', 1); "
        "print('zharchive.stages.prior' in sys.modules, 'jieba' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_extend_looks_back_only_as_far_as_a_word_can_reach_and_scores_the_same() -> None:
    from zharchive.stages.prior import (
        CACHE_MAX,
        MAX_WORD,
        _is_han,
        _size,
        extend,
        pack,
        page_cache,
        symbol_logp,
        words,
    )

    def every_length(best: list[float], text: str, char: str, cache: dict[int, float]) -> float:
        """Every word ending in ``char`` looked up whole (``pack`` of the string, -1 for a NUL or a
        character beyond the BMP): no stop rule, no key grown a character at a time."""
        model = words()
        whole, end = text + char, len(text) + 1
        if not _is_han(char):
            return best[-1] + symbol_logp(char)
        score = best[-1] + model.logp.get(pack(char), model.unknown)
        for size in range(2, min(MAX_WORD, end) + 1):
            word = pack(whole[end - size :])
            found = model.logp.get(word)
            cached = cache.get(word)
            if cached is not None and (found is None or cached > found):
                found = cached
            if found is not None:
                score = max(score, best[end - size] + found)
        return score

    line = "公安机关全面加强队伍建设，锻造忠诚干净担当的公安铁军。"
    # NUL and characters beyond the BMP before words (packed one at a time, NUL would leave the
    # shorter word's key, and one beyond the BMP spills into the field above its own)
    for text in (line * 3, f"{line}\x00公安\x00\x00机关𠀀公安\U0010ffff铁军𠀀\x00担当。公安"):
        cache = page_cache(text)
        assert cache and max(map(_size, cache)) <= CACHE_MAX
        for with_cache in (cache, {}):
            best: list[float] = [0.0]
            for i, char in enumerate(text):
                want = every_length(best, text[:i], char, with_cache)
                assert extend(best, text[:i], char, words(), with_cache or None) == want, (i, char)
                best.append(want)


def _gold_line(fragment: str) -> str:
    """The line of a gold body of ../shared/corpus that holds ``fragment``, in Traditional (as the
    damage benchmark reads it; OpenCC s2t)."""
    import json

    from opencc import OpenCC

    gold = require_shared(Path(__file__).resolve().parents[2] / "shared" / "corpus")
    for path in sorted(gold.glob("*/gold/*.json")):
        body = json.loads(path.read_text(encoding="utf-8"))["body"]
        for line in body.split("\n"):
            if fragment in line:
                return str(OpenCC("s2t").convert(line))
    raise AssertionError(f"no gold line holds {fragment}")


def test_an_annotated_character_read_one_byte_off_gives_its_reading_and_a_gap_takes_its_annotation(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # 參與雄安新區規劃設計的專家、(dev/gold/06586406af5a4d94): 設 (d4 4f) annotated, then 澰 (9d d4:
    # the trail byte of 劃, 84 9d, and the lead byte of 設): 設's lead byte is lost with the "(",
    # its trail byte 4f is read as "O", and 設's own annotation follows it.
    line = _gold_line("规划设计的专家")
    assert line == "參與雄安新區規劃設計的專家、"
    damaged = _damage(line, [("設", "shè"), ("澰", "liàn")])
    assert damaged == "參與雄安新區規劃?liàn)O(shè)計的專家、"
    (run,) = find_runs(damaged)
    assert run.tokens[-1].kind == "ascii" and run.tokens[-1].syllable == "shè"  # the reading is read
    (found,) = restore(damaged)
    assert found.best is not None and found.best.endswith("設")  # every candidate is read shè
    assert found.runner_up is not None and found.runner_up.endswith("設")
    # A dropped pair may hide another character (曾設): the prior prefers 設 alone, by more than
    # the margin, and the line reads as the page did.
    assert (found.best, found.exact) == ("設", True) and found.margin >= MARGIN
    fixed = repair_byte_shifts(damaged, 1)
    assert fixed.flags == [BYTE_SHIFT_RESTORED] and fixed.text == line
    # Where the prior is not that sure, a gap, and the annotation of the character it stands for
    # goes with it, not left as the page's text.
    monkeypatch.setattr(byteshift, "MARGIN", found.margin + 1.0)
    fixed = repair_byte_shifts(damaged, 1)
    assert fixed.flags == [BYTE_SHIFT_FLAG]
    assert fixed.text == "參與雄安新區規劃\ufffd計的專家、"


def _only_page_characters(line: str, damaged: str) -> str:
    fixed = remove_pinyin_annotations(repair_byte_shifts(damaged, 1).text, 1).text
    assert all(c in line + GAP for c in fixed), [c for c in fixed if c not in line + GAP]
    return fixed


def test_a_toneless_reading_starts_a_run_when_it_is_the_characters_own() -> None:
    # 好 ba c3 | 前 c7 b0: c3 c7 is 们, whose reading (pypinyin's first) is the toneless "men".
    line = "展现了城市发展的美好前景,令人振奋。"
    damaged = _damage(line, [("们", "men")])
    assert damaged == "展现了城市发展的美好?men)熬?令人振奋。"
    (run,) = find_runs(damaged)
    assert run.leads == (0xC7,)
    assert _only_page_characters(line, damaged) == "展现了城市发展的美好\ufffd令人振奋。"


def test_two_annotations_in_a_row_inside_a_run_keep_it_going() -> None:
    # 斓 (ec b5) is 轨's trail byte and the lead byte of 电 and of 道; annotated before 轨 (b9 ec),
    # in 城市轨道 the reading is already one byte off: 轨's trail byte goes with the "(" of its own
    # annotation, and the lead byte of 道 with that of 斓's.
    line = "上世纪初,有轨电车这一城市轨道交通制式就被引入中国。"
    damaged = _damage(line, [("斓", "lán"), ("轨", "guǐ")])
    assert "泄?guǐ)?lán)澜煌" in damaged
    (run,) = find_runs(damaged)
    assert [t.kind for t in run.tokens].count("relost") == 1
    (found,) = restore(damaged)
    assert found.best is not None and found.best.startswith("电车这一城市轨道交通")
    _only_page_characters(line, damaged)


def test_a_pair_dropped_right_after_an_ambiguous_lost_lead_byte_is_a_candidate() -> None:
    # 等 b5 c8 | 服 b7 fe | 务 ce f1: c8 b7 is 确 (què); fe ce is dropped; f1 went with 务's "(".
    # The lost lead byte may be that of several què characters; before a dropped pair was tried
    # after them, 恶 (b6 f1, wù) was the only candidate and won, made up.
    line = "为用户提供还款催缴等服务。另外,公司"
    damaged = _damage(line, [("确", "què"), ("务", "wù")])
    assert damaged == "为用户提供还款催缴等?què)?wù)。另外,公司"
    (found,) = restore(damaged)
    assert found.runner_up is not None and not found.exact
    _only_page_characters(line, damaged)
