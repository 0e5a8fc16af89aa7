"""The audit trail's records as the stages make them: plain named tuples.

A page yields dozens of them (every removed line, every repair), so they are not Pydantic models
while they are made (building a model from Python costs several times a tuple); they are validated
once, inside their document, as ``schemas.RemovedLine`` and ``schemas.Repair`` (same fields): as
dicts (``as_records``, the model path) or as columns (``as_columns``, the columnar path).
"""

from __future__ import annotations

from typing import Any, NamedTuple


class LineRemoved(NamedTuple):
    """A line of the decoded text that is not in the body, and the rule that took it out."""

    line_no: int
    text: str
    rule_id: str


class LineRepaired(NamedTuple):
    """A change made to the text of a kept line."""

    line_no: int
    rule_id: str
    before: str
    after: str


def as_records(items: list[LineRemoved] | list[LineRepaired]) -> list[dict[str, Any]]:
    """What the document's schema validates: one dict per record."""
    # Dict displays, not ``_asdict()``: a page has dozens of records, and _asdict costs three times.
    if not items:
        return []
    if isinstance(items[0], LineRemoved):
        return [{"line_no": n, "text": text, "rule_id": rule} for n, text, rule in items]
    return [{"line_no": n, "rule_id": rule, "before": b, "after": a} for n, rule, b, a in items]


def as_columns(items: list[LineRemoved] | list[LineRepaired], kind: type[tuple[Any, ...]]) -> dict[str, Any]:
    """The same records as columns, one tuple a field (``kind``: LineRemoved or LineRepaired, whose
    fields are the record model's): what the columnar path validates and stages
    (``schemas.rows.record_columns``), with no object a record at all."""
    fields: tuple[str, ...] = kind._fields  # type: ignore[attr-defined]
    if not items:
        return {name: () for name in fields}
    return dict(zip(fields, zip(*items, strict=True), strict=True))
