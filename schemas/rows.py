"""A model's own validation over plain dicts, a batch of rows in one call.

``ArchivedDocument.model_validate`` builds a model object for every document and for each of its
~30 audit records (removed lines, repairs), and the Parquet writer then dumped them back to dicts:
0.088 ms of CPU a page for both on 2,000 generated pages, against 0.048 for one validation of a
batch's dicts that hands back dicts, and Arrow from those (same table, ``Table.equals``).

The constraints stay where they are written, in the models: ``dict_schema`` takes a model's compiled
core schema (``__pydantic_core_schema__``) and only changes what each model node *returns* — a
``model`` node becomes a ``typed-dict`` node over the very same field schemas, config and extra
behaviour, and a model validator (``@model_validator(mode="after")``) is called on a read-only view
of the dict. The errors are Pydantic's own, with the same ``loc``, ``type`` and ``msg`` as the
model's (tests/test_schemas.py compares them on every field), but for one: a nested record that is
not a dict at all is ``dict_type`` ("Input should be a valid dictionary"), where the model says
``model_type`` ("... or instance of Repair"); the pipeline's records are always dicts.

A document's lists of records (its ~29 removed lines and ~4 repairs on a generated page) can travel
as columns instead, one list a record field (``RowValidator(model, columns)``, ``record_columns``),
each item validated by the record field's own schema and an error given back with the model's
``loc`` and order: no dict a record at all. With Arrow built from the columns, the records'
conversion, validation, Arrow and zstd Parquet take 0.087 CPU ms a page, against 0.163 for the
model path (3,000 generated pages, interleaved: benchmarks/columnar_same.py, removed with the
model path; ``benchmarks/staged_same.py --against`` compares whole trees' staged tables now).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from pydantic import BaseModel
from pydantic_core import CoreSchema, SchemaValidator, ValidationError
from pydantic_core import core_schema as cs

Row = dict[str, Any]


class _View:
    """A row seen as the model object a model validator expects (``self.raw``...), read-only."""

    __slots__ = ("_row",)

    def __init__(self, row: Mapping[str, Any]) -> None:
        self._row = row

    def __getattr__(self, name: str) -> Any:
        try:
            return self._row[name]
        except KeyError:
            raise AttributeError(name) from None


def _after_on_view(function: Mapping[str, Any]) -> Callable[..., Any]:
    """A model's after-validator, called on a view of the row; the row is what it returns (a model
    validator may only check: one that replaced ``self`` cannot be run on a row)."""
    validate = function["function"]
    if function["type"] == "with-info":

        def with_info(row: Row, info: Any) -> Row:
            validate(_View(row), info)
            return row

        return with_info

    def no_info(row: Row) -> Row:
        validate(_View(row))
        return row

    return no_info


def dict_schema(schema: Any, columns: Mapping[str, type[BaseModel]] | None = None) -> Any:
    """``schema`` (a core schema, or a part of one) with every model node returning a dict.

    ``columns``: fields of the outermost model, each a list of records of a model, that are given
    (and returned) as the record model's columns instead: ``{"line_no": [...], "text": [...]}``,
    each column validated by the record field's own schema (``record_columns``)."""
    if isinstance(schema, list):
        return [dict_schema(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    kind = schema.get("type")
    if kind == "model":
        if schema.get("custom_init") or schema.get("root_model") or schema.get("post_init"):
            name = schema["cls"].__name__
            raise TypeError(f"{name}: a custom __init__, root model or post-init has no dict form")
        fields = schema["schema"]
        if fields["type"] != "model-fields" or fields.get("computed_fields"):
            raise TypeError(f"{schema['cls'].__name__}: only plain fields have a dict form")
        config = schema.get("config", {})
        return cs.typed_dict_schema(
            {
                name: cs.typed_dict_field(
                    record_columns(columns[name])
                    if columns and name in columns
                    else dict_schema(spec["schema"]),
                    # A field with a default is filled in by the model: no dict form says what with.
                    required=_required(schema["cls"].__name__, name, spec["schema"]),
                    validation_alias=spec.get("validation_alias"),
                )
                for name, spec in fields["fields"].items()
            },
            extra_behavior=config.get("extra_fields_behavior"),
            total=True,
            ref=_ref(schema.get("ref")),
            config=config,
        )
    if kind in ("function-after", "function-before", "function-wrap") and _is_model(schema["schema"]):
        if kind != "function-after":
            raise TypeError(f"a {kind} model validator has no dict form (it is handed the model)")
        after = _after_on_view(schema["function"])
        inner = dict_schema(schema["schema"], columns)
        ref = _ref(schema.get("ref"))
        if schema["function"]["type"] == "with-info":
            return cs.with_info_after_validator_function(after, inner, ref=ref)
        return cs.no_info_after_validator_function(after, inner, ref=ref)
    return {
        key: _ref(value)
        if key in ("ref", "schema_ref")
        else dict_schema(value, columns if key == "schema" and kind == "definitions" else None)
        for key, value in schema.items()
    }


def record_columns(model: type[BaseModel]) -> CoreSchema:
    """A list of ``model`` records as columns: a dict of one list a field, each item validated by the
    field's own schema. A failed item's ``loc`` is (column, position); ``RowValidator`` gives it
    back as the model's (position, field)."""
    schema = model.__pydantic_core_schema__
    if not _is_model(schema):  # a model validator would be handed a whole record
        raise TypeError(f"{model.__name__}: only a record of plain fields has a column form")
    record = cast(Mapping[str, Any], dict_schema(schema))
    return cs.typed_dict_schema(
        {
            name: cs.typed_dict_field(cs.list_schema(spec["schema"]), required=True)
            for name, spec in record["fields"].items()
        },
        extra_behavior="forbid",
        total=True,
    )


def _ref(ref: str | None) -> str | None:
    """A model's schema's name (``ref``; a model used twice is defined once and referred to), for its
    dict form: another schema, another name."""
    return None if ref is None else f"{ref}:dict"


def _is_model(schema: Any) -> bool:
    return isinstance(schema, dict) and schema.get("type") == "model"


def _required(model: str, name: str, schema: Mapping[str, Any]) -> bool:
    if schema.get("type") == "default":
        raise TypeError(f"{model}.{name} has a default: rows are validated with every field given")
    return True


@dataclass
class Checked:
    """A batch's rows after validation: the valid ones as Pydantic returned them (in order, with
    their index in the batch), and each failed row's errors (index → Pydantic's error details, their
    ``loc`` as the model's: without the row's index)."""

    rows: list[Row] = field(default_factory=list)
    indices: list[int] = field(default_factory=list)
    failed: dict[int, list[Any]] = field(default_factory=dict)


class RowValidator:
    """``model``'s validation over a batch of dicts, returning dicts; ``columns``: see
    ``dict_schema``."""

    def __init__(self, model: type[BaseModel], columns: Mapping[str, type[BaseModel]] | None = None) -> None:
        self.model = model
        one = cast(CoreSchema, dict_schema(model.__pydantic_core_schema__, columns))
        self._batch = SchemaValidator(cs.list_schema(one))
        self._order = {name: i for i, name in enumerate(model.model_fields)}
        self._columns = {name: list(record.model_fields) for name, record in (columns or {}).items()}

    def validate(self, rows: Sequence[Row]) -> Checked:
        """One call for the whole batch; when a row fails, the others are validated again without it."""
        try:
            return Checked(rows=self._batch.validate_python(rows), indices=list(range(len(rows))))
        except ValidationError as exc:
            failed: dict[int, list[Any]] = {}
            for error in exc.errors(include_url=False):
                index, *loc = error["loc"]
                if len(loc) >= 3 and loc[0] in self._columns:  # (field, column, k) → (field, k, column)
                    loc[1], loc[2] = loc[2], loc[1]
                failed.setdefault(cast(int, index), []).append({**error, "loc": tuple(loc)})
            if self._columns:
                failed = {index: self._as_the_model_reports(errors) for index, errors in failed.items()}
        indices = [i for i in range(len(rows)) if i not in failed]
        kept = self._batch.validate_python([rows[i] for i in indices]) if indices else []
        return Checked(rows=kept, indices=indices, failed=failed)

    def _as_the_model_reports(self, errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """A row's errors in the model's order — its fields in order, a list's records in order,
        a record's fields in order, then unknown keys, then the model validator's — and without the
        model validator's when a record column failed (the model would not have run it)."""
        if any(e["loc"] and e["loc"][0] in self._columns for e in errors):
            errors = [e for e in errors if e["loc"]]
        last = len(self._order)

        def place(error: dict[str, Any]) -> tuple[int, int, int]:
            loc = error["loc"]
            if not loc:
                return (last + 1, 0, 0)
            where = self._order.get(loc[0], last)
            names = self._columns.get(loc[0])
            if names is not None and len(loc) >= 3 and loc[2] in names:
                return (where, loc[1], names.index(loc[2]))
            return (where, 0, 0)

        return sorted(errors, key=place)
