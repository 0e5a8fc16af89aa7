"""What a rule is: the types a rule file's entries become, and the zones they apply in."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Zone = Literal["header", "footer", "edges", "anywhere"]
RuleKind = Literal["line", "span"]


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


LINE_ZONES = ("header", "body", "footer")
ANY_ZONE = "any"


def zone_applies(rule_zone: Zone, line_zone: str) -> bool:
    """Whether a rule of ``rule_zone`` applies to a line in ``line_zone`` (header, body or footer)."""
    if rule_zone == "anywhere":
        return True
    if rule_zone == "edges":
        return line_zone != "body"
    return rule_zone == line_zone
