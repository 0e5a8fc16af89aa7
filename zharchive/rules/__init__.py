"""The cleaning rules: what a rule is (``model``), how a page's lines are matched against them
(``match``), and the TOML files beside this module that hold them (``load``).

Add or change a rule in ``chrome.toml`` (page furniture) or ``metadata.toml`` (labelled fields);
every rule has an id, a note and real lines it must remove and keep (tests/test_rules.py runs them).
"""

from zharchive.rules.load import RULE_FILES, build_rules, load_rules
from zharchive.rules.match import LONGEST_CHROME_LINE, RuleSet, first_chars
from zharchive.rules.model import (
    ANY_ZONE,
    LINE_ZONES,
    Dateline,
    LabelFamily,
    LineRule,
    RuleKind,
    RulesError,
    Zone,
    zone_applies,
)

__all__ = [
    "ANY_ZONE",
    "LINE_ZONES",
    "LONGEST_CHROME_LINE",
    "RULE_FILES",
    "Dateline",
    "LabelFamily",
    "LineRule",
    "RuleKind",
    "RuleSet",
    "RulesError",
    "Zone",
    "build_rules",
    "first_chars",
    "load_rules",
    "zone_applies",
]
