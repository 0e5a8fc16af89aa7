"""zharchive.stages.decode, rule by rule, with real chardet and the real corpus where it is present."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

from schemas import DecodeResult
from zharchive.errors import DecodeError
from zharchive.stages.decode import (
    UNCOMMON_HAN_FLAG,
    common_han,
    common_han_share,
    declared_charset,
    decode,
    profile,
)
from zharchive.text import is_han

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEV = SHARED / "corpus" / "dev"
SEEDS = Path(__file__).resolve().parents[1] / "seeds"

SIMPLIFIED = (
    "四川省公安厅召开全省公安政治工作会议。会议的主要任务是学习贯彻全国公安厅局长会议精神，"
    "总结去年全省公安政治工作，安排部署今年的工作。“坚持党对公安工作的绝对领导”，全面从严管党治警。\n"
    "会议强调，要深入开展政治建警，推动公安队伍革命化、正规化、专业化、职业化建设。\n"
)
TRADITIONAL = (
    "四川省公安廳召開全省公安政治工作會議。會議的主要任務是學習貫徹全國公安廳局長會議精神，"
    "總結去年全省公安政治工作，安排部署今年的工作。「堅持黨對公安工作的絕對領導」，全面從嚴管黨治警。\n"
    "會議強調，要深入開展政治建警，推動公安隊伍革命化、正規化、專業化、職業化建設。\n"
)


def _decode_error(raw: bytes) -> DecodeError:
    with pytest.raises(DecodeError) as caught:
        decode(raw)
    return caught.value


def _error_type(raw: bytes) -> str:
    return _decode_error(raw).details[0].type


# --- marks, UTF-16, UTF-8 ------------------------------------------------------------------------


def test_empty_input_is_quarantined_as_empty() -> None:
    assert _error_type(b"") == "empty"


@pytest.mark.parametrize(
    "mark", [codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF32_BE, b"\x84\x31\x95\x33"]
)
def test_a_file_of_only_a_byte_order_mark_is_empty(mark: bytes) -> None:
    error = _decode_error(mark)
    assert error.details[0].type == "empty"
    assert "only a byte-order mark" in str(error)


@pytest.mark.parametrize(
    ("raw", "encoding"),
    [
        (codecs.BOM_UTF8 + SIMPLIFIED.encode(), "utf-8-sig"),
        (SIMPLIFIED.encode("utf-16"), "utf-16"),
        (codecs.BOM_UTF16_BE + SIMPLIFIED.encode("utf-16-be"), "utf-16"),
        (SIMPLIFIED.encode("utf-32"), "utf-32"),
        (codecs.BOM_UTF32_BE + SIMPLIFIED.encode("utf-32-be"), "utf-32"),
    ],
)
def test_a_byte_order_mark_decides_and_is_removed(raw: bytes, encoding: str) -> None:
    result = decode(raw)
    assert (result.text, result.encoding, result.method, result.confidence) == (
        SIMPLIFIED,
        encoding,
        "bom",
        1.0,
    )
    assert raw.decode(result.encoding) == result.text


def test_a_gb18030_mark_stays_in_the_text_so_the_codec_gives_it_back() -> None:
    raw = b"\x84\x31\x95\x33" + SIMPLIFIED.encode("gb18030")
    result = decode(raw)
    assert (result.encoding, result.method) == ("gb18030", "bom")
    assert result.text == "\ufeff" + SIMPLIFIED == raw.decode("gb18030")


def test_a_mark_followed_by_damage_keeps_its_codec_and_says_so() -> None:
    raw = codecs.BOM_UTF8 + SIMPLIFIED.encode() + b"\xff" + SIMPLIFIED.encode()
    result = decode(raw)
    assert result.encoding == "utf-8-sig" and "replacement" in result.flags
    assert result.text == raw.decode("utf-8-sig", "replace")


@pytest.mark.parametrize(
    ("mark", "mark_name"),
    [
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
    ],
)
@pytest.mark.parametrize(
    ("text", "codec", "odd_byte"),
    [
        (SIMPLIFIED, "gb18030", b""),
        (SIMPLIFIED, "gb18030", b"x"),  # odd length: not even decodable as UTF-16
        (SIMPLIFIED, "utf-8", b""),
        (TRADITIONAL, "big5hkscs", b""),
    ],
)
def test_a_wide_mark_before_other_text_is_set_aside_and_flagged(
    mark: bytes, mark_name: str, text: str, codec: str, odd_byte: bytes
) -> None:
    raw = mark + text.encode(codec) + odd_byte
    result = decode(raw)
    assert result.text == text + odd_byte.decode()
    assert result.encoding == codec
    assert result.flags[-1] == f"bom_mismatch:{mark_name}"
    assert result.confidence <= 0.8
    # The promise the other flags make holds for the bytes after the mark.
    assert raw[len(mark) :].decode(result.encoding) == result.text


@pytest.mark.parametrize(
    ("mark", "codec"), [(codecs.BOM_UTF16_LE, "utf-16-be"), (codecs.BOM_UTF16_BE, "utf-16-le")]
)
def test_a_utf16_mark_of_the_wrong_byte_order_is_set_aside(mark: bytes, codec: str) -> None:
    result = decode(mark + SIMPLIFIED.encode(codec))
    assert (result.text, result.encoding) == (SIMPLIFIED, codec)
    assert result.flags[-1].startswith("bom_mismatch:utf-16-")


def test_a_wide_mark_stands_when_the_bytes_after_it_are_no_better_text() -> None:
    # Kana are "odd" characters to the score, so this reading ranks low; without the mark the bytes
    # are no plausible text at all. The mark's reading is kept, as before.
    japanese = "これはテストです。ひらがなとカタカナの文章です。\n" * 4
    result = decode(japanese.encode("utf-16"))
    assert (result.text, result.encoding, result.method) == (japanese, "utf-16", "bom")
    assert not any(f.startswith("bom_mismatch") for f in result.flags)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [SIMPLIFIED, SIMPLIFIED.replace("\n", ""), "Beijing 北京 2024\n" * 3])
def test_utf16_without_a_mark_is_found_with_or_without_nul_bytes(codec: str, text: str) -> None:
    result = decode(text.encode(codec))
    assert (result.text, result.encoding, result.method) == (text, codec, "utf16_heuristic")


def test_nul_bytes_without_plausible_utf16_are_binary() -> None:
    raw = bytes(range(256)) * 8
    assert _error_type(raw) == "binary"
    assert _error_type(b"\x89PNG\r\n\x1a\n" + bytes(400)) == "binary"


def test_valid_utf8_is_taken_at_once() -> None:
    result = decode(SIMPLIFIED.encode())
    assert result == DecodeResult(text=SIMPLIFIED, encoding="utf-8", confidence=1.0, method="utf8", flags=[])


def test_pure_ascii_is_utf8_with_full_confidence() -> None:
    result = decode(b"Xinhua News Agency, 2024-05-01\n")
    assert (result.encoding, result.method, result.confidence, result.flags) == ("utf-8", "utf8", 1.0, [])


@pytest.mark.parametrize("codec", ["utf-8", "gb18030", "big5hkscs", "utf-16-le"])
def test_an_incomplete_last_character_is_dropped_and_flagged(codec: str) -> None:
    text = (TRADITIONAL if codec == "big5hkscs" else SIMPLIFIED).rstrip("\n")
    raw = text.encode(codec)[:-1]
    result = decode(raw)
    assert result.text == text[:-1]
    assert result.encoding == codec and "truncated_final_character" in result.flags
    assert raw.decode(result.encoding, "ignore") == result.text


# --- HZ, GB, Big5 ----------------------------------------------------------------------------------


def test_hz_escapes_in_ascii_are_decoded() -> None:
    text = "己所不欲，勿施于人。学而时习之，不亦说乎？\n"
    result = decode(text.encode("hz"))
    assert (result.text, result.encoding, result.method) == (text, "hz", "detector")


def test_tilde_brace_that_is_not_hz_stays_ascii_and_is_flagged() -> None:
    raw = b"if (x) ~{ y; }~ // not Chinese at all\n"
    result = decode(raw)
    assert result.text == raw.decode() and result.encoding == "utf-8"
    assert "hz_escapes_not_decoded" in result.flags


@pytest.mark.parametrize("codec", ["gb18030", "gbk", "gb2312"])
def test_gb_pages_decode_as_gb18030(codec: str) -> None:
    result = decode(SIMPLIFIED.encode(codec))
    assert (result.text, result.encoding, result.method, result.flags) == (
        SIMPLIFIED,
        "gb18030",
        "detector",
        [],
    )
    assert result.confidence > 0.9


def test_traditional_text_in_gb18030_is_still_gb18030() -> None:
    result = decode(TRADITIONAL.encode("gb18030"))
    assert (result.text, result.encoding, result.flags) == (TRADITIONAL, "gb18030", [])


@pytest.mark.parametrize("codec", ["big5", "big5hkscs", "cp950"])
def test_big5_pages_decode_as_a_big5_superset(codec: str) -> None:
    result = decode(TRADITIONAL.encode(codec))
    assert result.text == TRADITIONAL and result.encoding in ("big5hkscs", "cp950")
    assert result.flags == []


def test_hkscs_characters_need_big5hkscs() -> None:
    text = TRADITIONAL + "香港粵語：佢哋喺度食緊嘢。\n"
    raw = text.encode("big5hkscs")
    with pytest.raises(UnicodeDecodeError):
        raw.decode("cp950")
    result = decode(raw)
    assert (result.text, result.encoding) == (text, "big5hkscs")


def test_gb18030_only_characters_survive() -> None:
    text = SIMPLIFIED + "𠀀𠮷€㑇\n"
    result = decode(text.encode("gb18030"))
    assert (result.text, result.encoding) == (text, "gb18030")


@pytest.mark.parametrize(
    ("text", "codec"), [("北京市人民政府新闻办公室", "gb18030"), ("臺北市政府新聞處公告", "big5hkscs")]
)
def test_short_titles_decode(text: str, codec: str) -> None:
    result = decode(text.encode(codec))
    assert (result.text, result.encoding) == (text, codec)


# --- damage ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("codec", "text"), [("utf-8", SIMPLIFIED), ("gb18030", SIMPLIFIED), ("big5hkscs", TRADITIONAL)]
)
@pytest.mark.parametrize("bad", [b"\xff", b"\x80"])
def test_one_invalid_byte_becomes_one_flagged_replacement_character(
    codec: str, text: str, bad: bytes
) -> None:
    k = len(text) // 2
    raw = text[:k].encode(codec) + bad + text[k:].encode(codec)
    result = decode(raw)
    assert result.text == text[:k] + "\ufffd" + text[k:]
    assert (result.encoding, result.method) == (codec, "replacement")
    assert "replacement" in result.flags and result.confidence < 1.0
    assert raw.decode(result.encoding, "replace") == result.text


@pytest.mark.parametrize(
    ("first", "second"), [("utf-8", "gb18030"), ("gb18030", "utf-8"), ("gb18030", "big5hkscs")]
)
def test_two_encodings_joined_at_a_line_break(first: str, second: str) -> None:
    tail = TRADITIONAL if second == "big5hkscs" else SIMPLIFIED
    raw = (SIMPLIFIED * 2).encode(first) + tail.encode(second)
    result = decode(raw)
    assert result.text == SIMPLIFIED * 2 + tail
    assert (result.encoding, result.method) == (first, "line_by_line")
    assert "mixed_encoding" in result.flags


def test_two_encodings_joined_mid_line() -> None:
    line = SIMPLIFIED.replace("\n", "")
    raw = line[:40].encode() + line[40:90].encode("gb18030") + line[90:].encode() + b"\n"
    result = decode(raw)
    assert result.text == line + "\n"
    assert "mixed_encoding" in result.flags and result.method == "line_by_line"


@pytest.mark.parametrize("sequences", [1, 2, 3])
def test_a_utf8_line_among_gb_lines_takes_two_invalid_sequences_at_most(sequences: int) -> None:
    # An encoded surrogate (ED A0 80) is three U+FFFD: two of them are stray damage in a UTF-8 line;
    # three are no longer "a few", and GB18030's strict mojibake reading of the line is refused.
    line = SIMPLIFIED.replace("\n", "")
    pieces = [line[i * 10 : (i + 1) * 10] for i in range(sequences)] + [line[sequences * 10 :]]
    damaged = b"\xed\xa0\x80".join(piece.encode() for piece in pieces)
    gb = "标题：四川省公安厅召开全省公安政治工作会议\n".encode("gb18030")
    raw = gb + damaged + b"\n" + gb
    if sequences <= 2:
        result = decode(raw)
        second = result.text.split("\n")[1]
        assert second.replace("\ufffd", "") == line and second.count("\ufffd") == 3 * sequences
        assert {"mixed_encoding", "replacement"} <= set(result.flags)
    else:
        assert _error_type(raw) == "unrecoverable_mojibake"


def test_many_replacement_characters_are_quarantined() -> None:
    raw = SIMPLIFIED.encode() + ("\ufffd" * 10).encode()
    error = _decode_error(raw)
    assert error.details[0].type in ("replacement_characters", "unrecoverable_mojibake")
    assert error.details[0].loc == ["decode"]


def test_control_characters_are_quarantined() -> None:
    assert _error_type(b"report\x01\x02\x03 " * 20) == "binary"


def test_han_that_is_mostly_rare_is_quarantined_as_a_wrong_codec() -> None:
    rare = "".join(chr(c) for c in range(0x3400, 0x3420))  # extension A: never ordinary text
    # A legacy codec's guess that reads as rare Han is a wrong guess (issue 18 kept this).
    assert _error_type(rare.encode("gb18030")) == "implausible_text"


def test_valid_utf8_that_is_mostly_rare_han_is_kept_and_flagged() -> None:
    # Strict UTF-8 decoded it, and no legacy reading is ordinary Chinese: the text is what it is
    # (a classical text, a list of rare names); it was quarantined as "encoding probably wrong".
    rare = "《说文》：" + "".join(chr(c) for c in range(0x3400, 0x3420)) + "。"
    result = decode(rare.encode())
    assert result.text == rare and result.encoding == "utf-8"
    assert UNCOMMON_HAN_FLAG in result.flags and result.confidence < 1.0


def test_a_short_ascii_page_with_a_nul_is_utf8_without_it_not_utf16() -> None:
    # Issue 18: read as UTF-16-BE mojibake (㱨瑭氾…) with confidence 0.40 and no flag.
    result = decode(b"<html><body>abc\x00defg</body></html>")
    assert result.text == "<html><body>abcdefg</body></html>" and result.encoding == "utf-8"
    assert "control_characters_removed" in result.flags


# --- mojibake --------------------------------------------------------------------------------------


def test_utf8_read_as_gbk_is_repaired_and_flagged() -> None:
    text = "底色,筑牢理想信念根基,在政治建警上取得"  # its UTF-8 bytes happen to be valid GBK throughout
    mojibake = text.encode().decode("gbk")
    result = decode(mojibake.encode())
    assert result.text == text
    assert result.encoding == "utf-8" and "mojibake_repaired:gbk" in result.flags


def test_utf8_read_as_cp1252_is_repaired_without_touching_full_width_punctuation() -> None:
    text = "新闻：“标题”，《报道》——完。"
    mojibake = "".join(bytes((b,)).decode("cp1252", "ignore") or chr(b) for b in text.encode())
    result = decode(mojibake.encode())
    assert result.text == text  # ftfy's default fixer would have made “” and ， ASCII
    assert "mojibake_repaired:cp1252" in result.flags


def test_lossy_mojibake_is_quarantined() -> None:
    lossy = SIMPLIFIED.encode().decode("gbk", "replace")
    assert _error_type(lossy.encode()) in ("unrecoverable_mojibake", "replacement_characters")


# --- HTML ------------------------------------------------------------------------------------------


def test_meta_charset_is_read_but_not_trusted() -> None:
    page = f'<html><head><meta charset="gb2312"><title>新闻</title></head><body>{SIMPLIFIED}</body></html>'
    assert declared_charset(page.encode()) == "gb2312"
    honest = decode(page.encode("gb18030"))
    assert (honest.text, honest.encoding, honest.flags) == (page, "gb18030", [])
    lying = decode(page.encode("utf-8"))
    assert lying.text == page and lying.encoding == "utf-8"
    assert "declared_charset_mismatch:gb2312" in lying.flags


def test_http_equiv_content_type_is_read() -> None:
    head = b'<meta http-equiv="Content-Type" content="text/html; charset=GBK">'
    assert declared_charset(head) == "gbk"
    assert declared_charset(b"no markup here") is None


@pytest.mark.skipif(not DEV.is_dir(), reason=f"{DEV} is absent (shared dev corpus not checked out)")
def test_corpus_html_whose_meta_lies_is_decoded_by_its_bytes() -> None:
    checked = 0
    for path in sorted((DEV / "html").glob("*.html")):
        raw = path.read_bytes()
        declared = declared_charset(raw)
        result = decode(raw)
        assert result.encoding == "utf-8", path.name
        if declared is not None and not declared.startswith("utf"):
            assert f"declared_charset_mismatch:{declared}" in result.flags, path.name
            checked += 1
    assert checked >= 3


# --- the real pages -----------------------------------------------------------------------------


def _family(codec: str) -> str:
    name = codecs.lookup(codec).name
    return {
        "gb2312": "gb",
        "gbk": "gb",
        "gb18030": "gb",
        "big5": "big5",
        "big5hkscs": "big5",
        "cp950": "big5",
    }.get(name, "utf-8" if name.startswith("utf-8") else name)


@pytest.mark.skipif(not DEV.is_dir(), reason=f"{DEV} is absent (shared dev corpus not checked out)")
def test_corpus_pages_decode_to_the_family_their_gold_names() -> None:
    pages = sorted((DEV / "text").glob("*.txt"))
    assert pages
    for page in pages:
        gold = json.loads((DEV / "gold" / f"{page.stem}.json").read_text(encoding="utf-8"))
        raw = page.read_bytes()
        result = decode(raw)
        assert _family(result.encoding) == _family(gold["encoding"]), page.name
        assert raw.decode(result.encoding) == result.text


def test_seeds_decode_as_utf8() -> None:
    for seed in sorted(SEEDS.glob("*.txt")):
        result = decode(seed.read_bytes())
        assert (result.encoding, result.method, result.flags) == ("utf-8", "utf8", []), seed.name


# --- the character tables -----------------------------------------------------------------------


def test_common_han_is_gb2312_level1_and_big5_level1() -> None:
    common = common_han()
    assert "的" in common and "們" in common and "中" in common
    assert "㐀" not in common and "々" not in common
    assert len({c for c in common if is_han(c)}) == len(common)
    assert 5401 <= len(common) <= 3755 + 5401


def test_common_han_share_counts_every_occurrence_exactly() -> None:
    common = common_han()
    for text in (SIMPLIFIED, TRADITIONAL, SIMPLIFIED.encode().decode("gbk", "replace"), "abc", "𠀀𠮷中"):
        han = [c for c in text if is_han(c)]
        expected = (len(han), sum(c in common for c in han) / len(han) if han else 1.0)
        assert common_han_share(text) == pytest.approx(expected)


def test_profile_counts_the_characters_of_wrong_decodes() -> None:
    counts = profile("中文\ue000가あ\x01\ufffd䷀")
    assert (counts.han, counts.common, counts.odd, counts.controls, counts.replacements) == (2, 2, 4, 1, 1)


def test_is_han() -> None:
    assert all(map(is_han, "中㐀𠀀"))
    assert not any(map(is_han, "a，。々あ가"))
