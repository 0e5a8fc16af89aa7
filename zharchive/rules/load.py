"""The packaged rule files (TOML beside this module) read, checked and compiled once per process.

``RuleSet.version`` is a hash of those files: every archived document records the rules that made it.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from functools import lru_cache
from importlib import resources
from typing import Any

from zharchive.rules.match import RuleSet
from zharchive.rules.model import Dateline, LabelFamily, LineRule, RulesError, Zone

RULE_FILES = ("chrome.toml", "metadata.toml")
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
            if kind == "span" and entry.get("barrier", False):
                # A span is cut out of a line that stays; and the cleaner asks the line rules first.
                raise RulesError(f"{where}: a barrier must be a line rule, not a span")
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
    # A label ends at a colon, or at a bar as WeChat-style posts print their credits (编辑|禤志杰,
    # 责编丨陈梦莹); a bar-separated value holds no further bar (时间|地点|内容 is a table's head).
    # Some templates put the label in brackets, its value after them (【来源】市公安局, [作者] 张三):
    # a bracket opened before the label closes after it, a colon after that optional.
    # (A semicolon, a comma or a slash parts credits too: 文字：邵嘉禾、任舟；图片：卢一帆；责任编辑：
    # 鲁敏, 作者：何屿，编辑：温以凡, 一审：于澈/二审：俞宁/三审：冷杉.)
    # (A bracketed label needs nothing before it: 【发布时间】2024-02-02 17:45【来源】交易管理科, set X.)
    label_pattern = _compile(
        rf"(?:^|(?<=[\s；;，,/／])|(?=[【\[]))(?P<open>[【\[]\s*)?(?P<label>{alternatives})\s*"
        r"(?(open)[】\]]\s*[:：]?|(?:[:：]|[|｜丨](?=[^|｜丨]+$)))",
        "labels",
    )
    # Credits parted by bars, several on a line, each label with its bar (文｜苏念　图｜庞晓宇　编辑｜
    # 葛瑶, a magazine's, held-out set H) or its slash (文/祁怀安　图/市中级人民法院, 文/骆知夏　图/凤子衿
    # 编辑/岳清: set V's and U's): credits' labels only (an event's 日期｜6月8日 时间｜… is its
    # programme, the second review's page). Tried only where label_pattern finds no label first.
    credit_names = sorted(
        (
            n
            for n, f in label_field.items()
            if f.field in ("author", "editors", "photographers", "proofreaders")
        ),
        key=len,
        reverse=True,
    )
    credit_bar_pattern = _compile(
        rf"(?:^|(?<=\s))(?P<label>{'|'.join(_name_regex(n) for n in credit_names)})\s*[|｜丨/／]\s*",
        "credits",
    )
    glued_label_pattern = _compile(
        "(?P<label>" + "|".join(_name_regex(n) for n in names if len(n) >= 2) + r")\s*[:：]", "glued labels"
    )
    return RuleSet(
        version=version,
        line_rules=tuple(line_rules),
        labels=tuple(labels),
        dateline=dateline,
        label_field=label_field,
        label_pattern=label_pattern,
        glued_label_pattern=glued_label_pattern,
        credit_bar_pattern=credit_bar_pattern,
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
