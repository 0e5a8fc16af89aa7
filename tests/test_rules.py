"""Every rule removes the real lines it names and keeps the real body lines it names."""

from __future__ import annotations

import pytest

from zharchive.rules import LineRule, RulesError, build_rules, load_rules
from zharchive.stages.clean import clean, parse_label_pairs

RULES = load_rules()
# A real article paragraph (seed 003), so that the page has an article block to place lines around.
PROSE = (
    "会上,各县区公安局长汇报集打斗争、追逃、黄标车治理等工作情况,"
    "市公安局相关警种负责人通报了全市公安机关相关工作情况。"
)
ZONE_OF = {"header": "header", "edges": "header", "footer": "footer", "anywhere": "body"}


def _page(line: str, zone: str) -> tuple[str, int]:
    """A page with ``line`` in ``zone``; returns the text and the line's 1-based number."""
    if zone == "header":
        return "\n".join([line, PROSE, PROSE]), 1
    if zone == "footer":
        return "\n".join([PROSE, PROSE, line]), 3
    return "\n".join([PROSE, line, PROSE]), 2


def _removed_by(text: str, line_no: int) -> str | None:
    return next((r.rule_id for r in clean(text).removed if r.line_no == line_no), None)


LINE_CASES = [(r.id, r, ex) for r in RULES.line_rules for ex in r.remove]
KEEP_CASES = [(r.id, r, ex) for r in RULES.line_rules for ex in r.keep]


@pytest.mark.parametrize(
    ("rule_id", "rule", "line"), LINE_CASES, ids=[f"{c[0]}:{c[2][:12]}" for c in LINE_CASES]
)
def test_chrome_rule_removes_its_real_line_in_its_zone(rule_id: str, rule: LineRule, line: str) -> None:
    text, line_no = _page(line, ZONE_OF[rule.zone])
    removed_by = _removed_by(text, line_no)
    assert removed_by is not None, f"{rule_id} did not remove {line!r}"
    # A line may carry two kinds of chrome; the rule must at least match it on its own.
    assert rule.search(line.strip()) or removed_by == rule_id


@pytest.mark.parametrize(
    ("rule_id", "rule", "line"), KEEP_CASES, ids=[f"{c[0]}:{c[2][:12]}" for c in KEEP_CASES]
)
def test_chrome_rule_keeps_its_real_body_line(rule_id: str, rule: LineRule, line: str) -> None:
    assert rule.search(line) is None, f"{rule_id} matches the body line {line!r}"
    text, line_no = _page(line, "body")
    assert _removed_by(text, line_no) is None
    assert line in clean(text).body_text


LABEL_REMOVE = [(f.rule, f.field, ex) for f in RULES.labels for ex in f.remove]
LABEL_KEEP = [(f.rule, f.field, ex) for f in RULES.labels for ex in f.keep]


@pytest.mark.parametrize(
    ("rule_id", "field", "line"), LABEL_REMOVE, ids=[f"{c[1]}:{c[2][:12]}" for c in LABEL_REMOVE]
)
def test_metadata_label_line_is_removed_in_the_header(rule_id: str, field: str, line: str) -> None:
    text, line_no = _page(line, "header")
    assert _removed_by(text, line_no) == rule_id


@pytest.mark.parametrize(
    ("rule_id", "field", "line"), LABEL_KEEP, ids=[f"{c[1]}:{c[2][:12]}" for c in LABEL_KEEP]
)
def test_metadata_label_rule_keeps_a_body_sentence_starting_with_its_word(
    rule_id: str, field: str, line: str
) -> None:
    assert parse_label_pairs(line, RULES) is None
    for zone in ("header", "body"):
        text, line_no = _page(line, zone)
        assert _removed_by(text, line_no) is None, f"{line!r} removed in {zone}"


def test_dateline_examples() -> None:
    for line in RULES.dateline.remove:
        text, line_no = _page(line, "header")
        assert _removed_by(text, line_no) == RULES.dateline.rule
    for line in RULES.dateline.keep:
        text, line_no = _page(line, "header")
        assert _removed_by(text, line_no) is None


def test_label_values_split_at_the_next_label() -> None:
    pairs = parse_label_pairs("来源:中国网 时间:2020-04-10 16:05:33 编辑:刘映红 点击:", RULES)
    assert pairs == [("来源", "中国网"), ("时间", "2020-04-10 16:05:33"), ("编辑", "刘映红"), ("点击", "")]


def test_every_rule_has_a_real_example_both_ways() -> None:
    for rule in RULES.line_rules:
        assert rule.remove and rule.keep and rule.note, rule.id
    for family in RULES.labels:
        assert family.remove and family.keep and family.note, family.field


def test_a_bad_regex_is_reported_with_its_rule() -> None:
    bad = {
        "x.toml": {
            "rule": [
                {
                    "id": "bad",
                    "kind": "line",
                    "zone": "header",
                    "note": "n",
                    "patterns": ["(("],
                    "remove": [],
                    "keep": [],
                }
            ]
        }
    }
    with pytest.raises(RulesError, match=r"x.toml rule #1 \(bad\): pattern"):
        build_rules(bad, "v")


def test_a_span_rule_cannot_be_a_barrier() -> None:
    entry = {
        "id": "s",
        "kind": "span",
        "zone": "header",
        "note": "n",
        "patterns": ["x"],
        "remove": [],
        "keep": [],
    }
    with pytest.raises(RulesError, match=r"barrier must be a line rule"):
        build_rules({"x.toml": {"rule": [{**entry, "barrier": True}]}}, "v")


def test_rules_version_is_a_hash_of_the_rule_files() -> None:
    assert len(RULES.version) == 12
    assert int(RULES.version, 16) >= 0
