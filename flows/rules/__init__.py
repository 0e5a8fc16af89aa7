"""The cleaning rules, loaded once from the TOML files beside this module and compiled.

``RULES_VERSION`` is a hash of those files: every archived document records the rules that made it.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

Zone = Literal["header", "footer", "edges", "anywhere"]
RuleKind = Literal["line", "span"]
RULE_FILES = ("chrome.toml", "metadata.toml")


class RulesError(ValueError):
    """A rule file is malformed: a missing key, an unknown zone, or a regex that does not compile."""


@dataclass(frozen=True)
class LineRule:
    id: str
    kind: RuleKind
    zone: Zone
    note: str
    patterns: tuple[re.Pattern[str], ...]
    max_chars: int | None
    remove: tuple[str, ...]
    keep: tuple[str, ...]
    # The article never runs across this line: what follows a 相关阅读 heading or a copyright notice is
    # the site's, however much prose it has.
    barrier: bool = False
    # A barrier that may also stand between the headline and the text (a licence notice above a blog
    # post, a comment counter): it ends an article, but does not stop one from starting after it.
    leading: bool = False

    def search(self, line: str) -> re.Match[str] | None:
        if self.max_chars is not None and len(line) > self.max_chars:
            return None
        for pattern in self.patterns:
            found = pattern.search(line)
            if found:
                return found
        return None


@dataclass(frozen=True)
class LabelFamily:
    field: str
    rule: str
    zone: Zone
    note: str
    names: tuple[str, ...]
    max_chars: int | None
    remove: tuple[str, ...]
    keep: tuple[str, ...]
    barrier: bool = False


@dataclass(frozen=True)
class Dateline:
    rule: str
    zone: Zone
    note: str
    max_rest_chars: int
    remove: tuple[str, ...]
    keep: tuple[str, ...]


@dataclass(frozen=True)
class RuleSet:
    version: str
    line_rules: tuple[LineRule, ...]
    labels: tuple[LabelFamily, ...]
    dateline: Dateline
    label_field: dict[str, LabelFamily]
    # "label：" at the start of a line or after white space; names longest first so 发布时间 wins over 时间.
    label_pattern: re.Pattern[str]

    # Per line zone ("header", "body", "footer"): one combined pattern of the rules that apply there,
    # each rule a named group, so a line is tried against all of them in one regex pass.
    _line_matchers: dict[str, _Combined] = field(default_factory=dict, repr=False, compare=False)
    _span_matchers: dict[str, _Combined] = field(default_factory=dict, repr=False, compare=False)
    _barrier_matcher: list[_Combined] = field(default_factory=list, repr=False, compare=False)

    def __post_init__(self) -> None:
        for zone in LINE_ZONES:
            self._line_matchers[zone] = _combine(
                [r for r in self.line_rules if r.kind == "line" and zone_applies(r.zone, zone)]
            )
            self._span_matchers[zone] = _combine(
                [r for r in self.line_rules if r.kind == "span" and zone_applies(r.zone, zone)]
            )
        self._barrier_matcher.append(_combine([r for r in self.line_rules if r.barrier]))
        # Any zone: what the article-block scorer asks (is this line chrome somewhere on a page?).
        self._line_matchers[ANY_ZONE] = _combine([r for r in self.line_rules if r.kind == "line"])

    def rule_ids(self) -> list[str]:
        ids = [r.id for r in self.line_rules] + [f.rule for f in self.labels] + [self.dateline.rule]
        return sorted(set(ids))

    def match_line(self, line: str, zone: str) -> LineRule | None:
        """The first whole-line rule of ``zone`` that matches ``line`` (within its max_chars);
        ``zone`` ``ANY_ZONE`` tries the rules of every zone."""
        combined = self._line_matchers[zone]
        if combined.pattern is None or len(line) > LONGEST_CHROME_LINE:
            return None
        found = combined.pattern.search(line)
        if found is None:
            return None
        rule = combined.rules[found.lastgroup or ""]
        if rule.max_chars is None or len(line) <= rule.max_chars:
            return rule
        # Rare: the rule that matched first is limited to shorter lines; try the others one by one.
        for other in combined.rules.values():
            if other is not rule and other.search(line):
                return other
        return None

    def barrier(self, line: str) -> LineRule | None:
        """The barrier rule (any zone) that matches ``line``: the article block cannot span it."""
        combined = self._barrier_matcher[0]
        if combined.pattern is None or len(line) > LONGEST_CHROME_LINE:
            return None
        found = combined.pattern.search(line)
        if found is None:
            return None
        rule = combined.rules[found.lastgroup or ""]
        return rule if rule.max_chars is None or len(line) <= rule.max_chars else None

    def strip_spans(self, line: str, zone: str) -> tuple[str, str | None]:
        """``line`` without the chrome spans of ``zone``, and the id of the last rule that removed one."""
        combined = self._span_matchers[zone]
        if combined.pattern is None or len(line) > LONGEST_CHROME_LINE:
            return line, None
        fired: list[str] = []

        def cut(found: re.Match[str]) -> str:
            if found.group(0).strip():
                fired.append(found.lastgroup or "")
            return " "

        # A span's match may take the white space the next span needs: cut until nothing changes.
        stripped = line
        for _ in range(MAX_SPAN_PASSES):
            before = stripped
            stripped = combined.pattern.sub(cut, stripped).strip()
            if stripped == before:
                break
        if not fired or stripped == line.strip():
            return line, None
        return _SPACES.sub(" ", stripped), combined.rules[fired[-1]].id


@dataclass(frozen=True)
class _Combined:
    pattern: re.Pattern[str] | None
    rules: dict[str, LineRule]


_SPACES = re.compile(r"\s{2,}")
LINE_ZONES = ("header", "body", "footer")
ANY_ZONE = "any"
# No chrome line or span-carrying line is longer than this; longer lines are text and skip the rules
# (a 1 MB single-line page must not be searched by every alternative at every position).
LONGEST_CHROME_LINE = 500
MAX_SPAN_PASSES = 3


def zone_applies(rule_zone: Zone, line_zone: str) -> bool:
    """Whether a rule of ``rule_zone`` applies to a line in ``line_zone`` (header, body or footer)."""
    if rule_zone == "anywhere":
        return True
    if rule_zone == "edges":
        return line_zone != "body"
    return rule_zone == line_zone


def _combine(rules: list[LineRule]) -> _Combined:
    groups: dict[str, LineRule] = {}
    parts: list[str] = []
    for index, rule in enumerate(rules):
        name = f"r{index}"
        groups[name] = rule
        parts.append(f"(?P<{name}>" + "|".join(f"(?:{p.pattern})" for p in rule.patterns) + ")")
    if not parts:
        return _Combined(None, {})
    return _Combined(re.compile("|".join(parts)), groups)


_ZONES = {"header", "footer", "edges", "anywhere"}


def _require(entry: dict[str, Any], key: str, where: str) -> Any:
    if key not in entry:
        raise RulesError(f"{where}: missing key {key!r}")
    return entry[key]


def _zone(entry: dict[str, Any], where: str) -> Zone:
    zone = _require(entry, "zone", where)
    if zone not in _ZONES:
        raise RulesError(f"{where}: zone {zone!r} is not one of {sorted(_ZONES)}")
    return zone  # type: ignore[no-any-return]


def _compile(pattern: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise RulesError(f"{where}: pattern {pattern!r} does not compile: {exc}") from exc


def _name_regex(name: str) -> str:
    # "索 引 号" in a rule file matches 索引号 with or without the spaces sites put between characters.
    return r"\s*".join(re.escape(ch) for ch in name if not ch.isspace())


def build_rules(documents: dict[str, dict[str, Any]], version: str) -> RuleSet:
    line_rules: list[LineRule] = []
    labels: list[LabelFamily] = []
    dateline: Dateline | None = None
    for file_name, doc in documents.items():
        for i, entry in enumerate(doc.get("rule", [])):
            where = f"{file_name} rule #{i + 1} ({entry.get('id', '?')})"
            kind = _require(entry, "kind", where)
            if kind not in ("line", "span"):
                raise RulesError(f"{where}: kind {kind!r} is not 'line' or 'span'")
            line_rules.append(
                LineRule(
                    id=_require(entry, "id", where),
                    kind=kind,
                    zone=_zone(entry, where),
                    note=_require(entry, "note", where),
                    patterns=tuple(_compile(p, where) for p in _require(entry, "patterns", where)),
                    max_chars=entry.get("max_chars"),
                    remove=tuple(_require(entry, "remove", where)),
                    keep=tuple(_require(entry, "keep", where)),
                    barrier=bool(entry.get("barrier", False)),
                    leading=bool(entry.get("leading", False)),
                )
            )
        for i, entry in enumerate(doc.get("label", [])):
            where = f"{file_name} label #{i + 1} ({entry.get('field', '?')})"
            labels.append(
                LabelFamily(
                    field=_require(entry, "field", where),
                    rule=_require(entry, "rule", where),
                    zone=_zone(entry, where),
                    note=_require(entry, "note", where),
                    names=tuple(_require(entry, "names", where)),
                    max_chars=entry.get("max_chars"),
                    remove=tuple(_require(entry, "remove", where)),
                    keep=tuple(_require(entry, "keep", where)),
                    barrier=bool(entry.get("barrier", False)),
                )
            )
        if "dateline" in doc:
            entry = doc["dateline"]
            where = f"{file_name} dateline"
            dateline = Dateline(
                rule=_require(entry, "rule", where),
                zone=_zone(entry, where),
                note=_require(entry, "note", where),
                max_rest_chars=_require(entry, "max_rest_chars", where),
                remove=tuple(_require(entry, "remove", where)),
                keep=tuple(_require(entry, "keep", where)),
            )
    if dateline is None:
        raise RulesError("no [dateline] section in any rule file")
    seen: set[str] = set()
    for rule in line_rules:
        if rule.id in seen:
            raise RulesError(f"rule id {rule.id!r} is used twice")
        seen.add(rule.id)
    label_field: dict[str, LabelFamily] = {}
    for family in labels:
        for name in family.names:
            label_field["".join(name.split())] = family
    names = sorted(label_field, key=len, reverse=True)
    alternatives = "|".join(_name_regex(n) for n in names)
    label_pattern = _compile(rf"(?:^|(?<=\s))(?P<label>{alternatives})\s*[:：]", "labels")
    return RuleSet(
        version=version,
        line_rules=tuple(line_rules),
        labels=tuple(labels),
        dateline=dateline,
        label_field=label_field,
        label_pattern=label_pattern,
    )


@lru_cache(maxsize=1)
def load_rules() -> RuleSet:
    """The packaged rules, compiled once per process."""
    texts = {
        name: resources.files(__package__).joinpath(name).read_text(encoding="utf-8") for name in RULE_FILES
    }
    digest = hashlib.sha256()
    for name in RULE_FILES:
        digest.update(name.encode() + b"\0" + texts[name].encode("utf-8") + b"\0")
    return build_rules({name: tomllib.loads(text) for name, text in texts.items()}, digest.hexdigest()[:12])
