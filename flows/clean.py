"""Stage 4: decoded text → the article's lines, with every other line accounted for.

The page is read as lines. Repairs run first (white space, stray ``|``, pinyin annotations). Then the
article block is found (the first to the last prose line: long, Han-dense, punctuated), which splits
the page into zones: header (before it), body, footer (after it). Each line is then, in this order:
blank, chrome (spans or whole lines, by rule), a metadata line (label pairs, a date line), the title,
or body. Every line that is not body goes to ``removed`` with the id of the rule that took it, so
"where did line 31 go?" is answered by one lookup.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from flows.repair import (
    MIN_PINYIN_ANNOTATIONS,
    count_pinyin_annotations,
    normalise_whitespace,
    remove_pinyin_annotations,
    strip_trailing_pipe,
)
from flows.rules import LineRule, RuleSet, Zone, load_rules
from schemas import RemovedLine, Repair

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_PROSE_PUNCTUATION = re.compile(r"[。！？；，!?;]")
_SUBSTANCE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff0-9A-Za-z]")
DATE_PATTERN = (
    r"(?P<year>(?:19|20)\d{2})\s*(?:年|[-/.])\s*(?P<month>\d{1,2})\s*(?:月|[-/.])\s*(?P<day>\d{1,2})\s*日?"
    r"(?:\s*(?P<hour>\d{1,2})\s*[:：]\s*(?P<minute>\d{2})(?:\s*[:：]\s*(?P<second>\d{2}))?)?"
)
_DATELINE = re.compile(rf"^{DATE_PATTERN}(?P<rest>.*)$")
MIN_PROSE_HAN = 12
MIN_TITLE_HAN = 4
MAX_TITLE_CHARS = 100
MAX_LABEL_VALUE_CHARS = 80


@dataclass(frozen=True)
class BodyLine:
    line_no: int
    text: str


@dataclass
class CleanedText:
    """The article's lines and everything learnt on the way; ``fields`` holds raw metadata values."""

    body: list[BodyLine]
    removed: list[RemovedLine]
    repairs: list[Repair]
    title: str | None
    fields: dict[str, list[str]] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)
    stats: Counter[str] = field(default_factory=Counter)

    @property
    def body_text(self) -> str:
        return "\n".join(line.text for line in self.body)


def _zone_applies(rule_zone: Zone, line_zone: str) -> bool:
    if rule_zone == "anywhere":
        return True
    if rule_zone == "edges":
        return line_zone != "body"
    return rule_zone == line_zone


def is_prose(text: str) -> bool:
    """A line of article text: enough Han characters and sentence punctuation."""
    return len(_HAN.findall(text)) >= MIN_PROSE_HAN and _PROSE_PUNCTUATION.search(text) is not None


def parse_label_pairs(text: str, rules: RuleSet) -> list[tuple[str, str]] | None:
    """``[(label, value), ...]`` when the whole line is label pairs starting at its first character."""
    matches = list(rules.label_pattern.finditer(text))
    if not matches or matches[0].start() != 0:
        return None
    pairs: list[tuple[str, str]] = []
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        value = text[match.end() : end].strip()
        if len(value) > MAX_LABEL_VALUE_CHARS:
            return None
        pairs.append(("".join(match["label"].split()), value))
    return pairs


class _PageCleaner:
    def __init__(self, text: str, rules: RuleSet) -> None:
        self.rules = rules
        self.raw_lines = _LINE_BREAK.split(text)
        self.result = CleanedText(body=[], removed=[], repairs=[], title=None)
        self._span_rules = [r for r in rules.line_rules if r.kind == "span"]
        self._line_rules = [r for r in rules.line_rules if r.kind == "line"]

    def remove(self, line_no: int, original: str, rule_id: str) -> None:
        self.result.removed.append(RemovedLine(line_no=line_no, text=original, rule_id=rule_id))
        self.result.stats[f"removed.{rule_id}"] += 1

    def add_field(self, name: str, value: str) -> None:
        if value and name != "ignore":
            self.result.fields.setdefault(name, []).append(value)

    def repaired_lines(self) -> list[str]:
        fix_pinyin = count_pinyin_annotations("\n".join(self.raw_lines)) >= MIN_PINYIN_ANNOTATIONS
        lines: list[str] = []
        for line_no, original in enumerate(self.raw_lines, start=1):
            step = normalise_whitespace(original, line_no)
            text, repairs = step.text, list(step.repairs)
            step = strip_trailing_pipe(text, line_no)
            text, repairs = step.text, repairs + step.repairs
            if fix_pinyin:
                step = remove_pinyin_annotations(text, line_no)
                text, repairs = step.text, repairs + step.repairs
            for repair in repairs:
                self.result.stats[repair.rule_id] += 1
            self.result.repairs.extend(repairs)
            lines.append(text)
        return lines

    def anywhere_rule(self, text: str) -> LineRule | None:
        for rule in self._line_rules:
            if rule.zone == "anywhere" and rule.search(text):
                return rule
        return None

    def article_bounds(self, lines: list[str]) -> tuple[int, int]:
        prose = [
            i
            for i, text in enumerate(lines)
            if is_prose(text)
            and self.anywhere_rule(text) is None
            and parse_label_pairs(text, self.rules) is None
        ]
        if not prose:
            return 0, len(lines) - 1
        return prose[0], prose[-1]

    def strip_spans(self, text: str, zone: str) -> tuple[str, str | None]:
        """The line without chrome spans, and the id of the last span rule that removed something."""
        fired: str | None = None
        for rule in self._span_rules:
            if not _zone_applies(rule.zone, zone):
                continue
            for pattern in rule.patterns:
                stripped = pattern.sub(" ", text).strip()
                if stripped != text.strip():
                    text, fired = stripped, rule.id
        return text, fired

    def metadata_rule(self, text: str, zone: str) -> str | None:
        pairs = parse_label_pairs(text, self.rules)
        if pairs is None:
            return None
        first = self.rules.label_field[pairs[0][0]]
        if not _zone_applies(first.zone, zone) or (
            first.max_chars is not None and len(text) > first.max_chars
        ):
            return None
        for label, value in pairs:
            self.add_field(self.rules.label_field[label].field, value)
        return first.rule

    def dateline_rule(self, text: str, zone: str) -> str | None:
        dateline = self.rules.dateline
        found = _DATELINE.match(text)
        if found is None or not _zone_applies(dateline.zone, zone):
            return None
        rest = found["rest"].strip()
        if len(rest) > dateline.max_rest_chars:
            return None
        pairs = parse_label_pairs(rest, self.rules) if rest else []
        if pairs is None:
            if _SUBSTANCE.search(rest) and not re.fullmatch(r"[\u3400-\u9fff\w·]{2,30}", rest):
                return None
            self.add_field("dateline_publisher", rest)
            pairs = []
        self.add_field("dateline", text[: found.start("rest")].strip())
        for label, value in pairs:
            self.add_field(self.rules.label_field[label].field, value)
        return dateline.rule

    def chrome_rule(self, text: str, zone: str) -> str | None:
        for rule in self._line_rules:
            if _zone_applies(rule.zone, zone) and rule.search(text):
                return rule.id
        return None

    def is_title_candidate(self, text: str) -> bool:
        return (
            len(_HAN.findall(text)) >= MIN_TITLE_HAN
            and len(text) <= MAX_TITLE_CHARS
            and not text.endswith(("。", "！", "？", ".", "!", "?"))
        )

    def run(self) -> CleanedText:
        lines = self.repaired_lines()
        start, end = self.article_bounds(lines)
        titles: set[str] = set()
        for index, text in enumerate(lines):
            line_no, original = index + 1, self.raw_lines[index]
            zone = "header" if index < start else "footer" if index > end else "body"
            if not text:
                self.remove(line_no, original, "blank")
                continue
            stripped, span_rule = self.strip_spans(text, zone)
            if span_rule and not _SUBSTANCE.search(stripped):
                self.remove(line_no, original, span_rule)
                continue
            rule_id = (
                self.metadata_rule(stripped, zone)
                or self.dateline_rule(stripped, zone)
                or self.chrome_rule(stripped, zone)
            )
            if rule_id:
                self.remove(line_no, original, rule_id)
                continue
            if stripped != text:
                assert span_rule is not None
                self.result.repairs.append(
                    Repair(line_no=line_no, rule_id=span_rule, before=text, after=stripped)
                )
            named_titles = {t for t in self.result.fields.get("title", [])}
            if stripped in titles or (stripped in named_titles and zone != "footer"):
                self.remove(line_no, original, "meta.title_repeat")
                titles.add(stripped)
                continue
            if zone == "header" and not titles and self.is_title_candidate(stripped):
                titles.add(stripped)
                self.result.title = stripped
                self.remove(line_no, original, "meta.title")
                continue
            self.result.body.append(BodyLine(line_no, stripped))
        if self.result.title is None and self.result.fields.get("title"):
            self.result.title = self.result.fields["title"][0]
        self.result.stats["lines"] += len(lines)
        self.result.stats["body_lines"] += len(self.result.body)
        return self.result


def clean(text: str, *, rules: RuleSet | None = None) -> CleanedText:
    """Split ``text`` into the article's lines and the removed ones (with rule ids), repairing as it goes."""
    return _PageCleaner(text, rules or load_rules()).run()
