"""Byte shifts: an annotation inserted inside a GBK character, realigned, recorded and flagged."""

from __future__ import annotations

from zharchive.stages.repair import BYTE_SHIFT_FLAG, repair_byte_shifts


def _damage(before: str, char: str, syllable: str, after: str) -> str:
    """What the annotator did: "(syllable)" between the two GBK bytes of ``char``, read back as GBK."""
    lead, trail = char.encode("gbk")
    raw = (
        before.encode("gbk")
        + bytes([lead])
        + f"({syllable})".encode("gb18030")
        + bytes([trail])
        + after.encode("gbk")
    )
    # The orphaned lead byte and "(" become one "?" (as in the seeds), the rest is read one byte off.
    return raw.replace(bytes([lead]) + b"(", b"?").decode("gbk", errors="replace")


def test_the_run_after_the_annotation_is_read_back_on_the_right_boundary() -> None:
    damaged = _damage("擔當", "的", "shù", "全市公安工作")
    assert damaged == "擔當?shù)娜\ufffd市公安工作"  # 娜 is the trail of 的 + the lead of 全
    fixed = repair_byte_shifts(damaged, 3)
    # 的 lost its lead byte and 全 its trail byte (the decoder dropped it); nothing else is wrong.
    assert fixed.text == "擔當\ufffd\ufffd市公安工作"
    assert fixed.flags == [BYTE_SHIFT_FLAG]  # the lead byte is gone: 的 cannot be known
    assert [(r.line_no, r.rule_id) for r in fixed.repairs] == [(3, "repair.byte_shift")]


def test_a_realigning_ascii_trail_byte_is_read_back() -> None:
    # Seed 001: 擔當?shù)墓茶F軍 (墓 茶 F are 的公安鐵 one byte off; F is the trail byte of 鐵).
    fixed = repair_byte_shifts("擔當?shù)墓茶F軍", 1)
    assert fixed.text.endswith("鐵軍") and "墓" not in fixed.text and "F" not in fixed.text


def test_seed_000_two_orphans_are_one_lost_character() -> None:
    fixed = repair_byte_shifts(")發(fā)展第一要?jiǎng)?wù),忠實(shí)履", 1)
    assert fixed.text == ")發(fā)展第一要\ufffd,忠實(shí)履"


def test_question_marks_and_english_brackets_are_left_alone() -> None:
    for text in ["李明(Li Ming)是谁?", "为什么?(CPPCC)", "真的吗?是的)", "what?(yes)"]:
        fixed = repair_byte_shifts(text, 1)
        assert fixed.text == text and not fixed.repairs and not fixed.flags
