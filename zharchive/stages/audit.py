"""The audit trail's records as the stages make them: plain named tuples.

A page yields dozens of them (every removed line, every repair), so they are not Pydantic models
while they are made (building a model from Python costs several times a tuple); they are validated
once, inside their document's row, as ``schemas.RemovedLine`` and ``schemas.Repair`` (same
fields), as columns (``as_columns``).
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


def as_columns(items: list[LineRemoved] | list[LineRepaired], kind: type[tuple[Any, ...]]) -> dict[str, Any]:
    """The same records as columns, one tuple a field (``kind``: LineRemoved or LineRepaired, whose
    fields are the record model's): what a batch validates and stages
    (``schemas.rows.record_columns``), with no object a record at all."""
    fields: tuple[str, ...] = kind._fields  # type: ignore[attr-defined]
    if not items:
        return {name: () for name in fields}
    return dict(zip(fields, zip(*items, strict=True), strict=True))
