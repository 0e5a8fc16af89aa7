from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError, model_validator

from schemas import SCHEMA_VERSION, ArchivedDocument, DecodeResult, RemovedLine, Repair, SourceFile
from schemas.export import schema_files
from schemas.rows import RowValidator
from schemas.versions import SCHEMA_VERSIONS, version_of
from zharchive.archive.staging import MODELS, SCHEMAS, TABLES


def test_exported_json_schemas_are_current() -> None:
    for path, text in schema_files().items():
        assert path.exists(), f"{path.name} is missing: run `make schemas`"
        assert path.read_text(encoding="utf-8") == text, f"{path.name} is stale: run `make schemas`"


@pytest.mark.parametrize("name", list(SCHEMAS))
def test_every_model_field_is_a_table_column_and_back(name: str) -> None:
    assert list(MODELS[name].model_fields) == SCHEMAS[name].names


def test_source_file_rejects_bytes_that_do_not_match_their_hash() -> None:
    raw = "会议".encode()
    good = {"source_uri": "file:///x.txt", "path": "/x.txt", "size": len(raw), "raw": raw}
    SourceFile(**good, raw_sha256=hashlib.sha256(raw).hexdigest())
    with pytest.raises(ValidationError, match="raw_sha256 does not match"):
        SourceFile(**good, raw_sha256=hashlib.sha256(b"other").hexdigest())


def test_decode_result_requires_a_python_codec() -> None:
    DecodeResult(text="a", encoding="gb18030", confidence=1.0, method="detector")
    with pytest.raises(ValidationError, match="not a Python codec"):
        DecodeResult(text="a", encoding="windows-936-ish", confidence=1.0, method="detector")


def test_naive_timestamps_are_refused() -> None:
    from schemas import RunRecord

    fields = {name: None for name in RunRecord.model_fields}
    fields.update(started_at=datetime(2024, 1, 1), finished_at=datetime(2024, 1, 1, tzinfo=UTC))
    with pytest.raises(ValidationError) as info:
        RunRecord.model_validate(fields)
    assert any(e["loc"] == ("started_at",) and "time-zone aware" in e["msg"] for e in info.value.errors())


def test_the_schema_history_adds_up_to_the_current_columns() -> None:
    assert SCHEMA_VERSION == SCHEMA_VERSIONS[-1].version == "1.4.0"
    for name in TABLES:
        added = [c for step in SCHEMA_VERSIONS for c in step.added.get(name, ())]
        assert set(added) <= set(SCHEMAS[name].names)
        assert version_of(name, set()) == "1.4.0"  # today's columns
        assert version_of(name, {"source_uri", "run_id"} & set(SCHEMAS[name].names)) is None
    # 1.3.0 added no column: a table that lacks 1.4.0's is told 1.2.0's by its columns (upgrade
    # then reads the commits' stamp: schemas.versions.stamped_version).
    assert version_of("documents", {"minhash", "near_duplicate_of", "near_duplicate_score"}) == "1.2.0"
    changelog = (Path(__file__).resolve().parents[1] / "schemas" / "CHANGELOG.md").read_text("utf-8")
    for step in SCHEMA_VERSIONS:
        # A version not committed yet when its entry was written names the commit by what it added.
        assert f"## {step.version} — {step.commit or 'the commit that added'}" in changelog
        for columns in step.added.values():
            assert all(f"`{c}`" in changelog for c in columns)


def _document() -> dict[str, Any]:
    raw = "会议通报全市公安工作".encode("gb18030")
    return {
        "doc_id": "0123456789abcdef0123",
        "source_uri": "file:///crawl/a.txt",
        "raw_sha256": hashlib.sha256(raw).hexdigest(),
        "raw": raw,
        "size": len(raw),
        "encoding": "gb18030",
        "encoding_confidence": 0.99,
        "encoding_method": "detector",
        "decode_flags": [],
        "title": "会议",
        "published_at": datetime(2024, 1, 1, tzinfo=UTC),
        "published_precision": "day",
        "publisher": None,
        "author": "王伟",
        "editors": ["李娜"],
        "agency": None,
        "doc_number": None,
        "index_number": None,
        "script": "Hans",
        "body": "会议通报全市公安工作",
        "body_simplified": None,
        "clean_flags": [],
        "removed": [{"line_no": 2, "text": "返回顶部", "rule_id": "chrome.widget"}],
        "repairs": [{"line_no": 1, "rule_id": "ws", "before": " 会议", "after": "会议"}],
        "run_id": "r",
        "pipeline_version": "p",
        "rules_version": "v",
        "schema_version": SCHEMA_VERSION,
        "ingested_at": datetime(2024, 1, 2, tzinfo=UTC),
        "minhash": bytes(512),
        "near_duplicate_of": None,
        "near_duplicate_score": None,
    }


_CHANGES: dict[str, dict[str, Any]] = {
    "valid": {},
    "empty body": {"body": ""},
    "empty title": {"title": ""},
    "bad doc_id": {"doc_id": "XYZ"},
    "not a file uri": {"source_uri": "http://example.com/a"},
    "no such codec": {"encoding": "windows-936-ish"},
    "confidence above 1": {"encoding_confidence": 1.5},
    "unknown method": {"encoding_method": "guess"},
    "naive time": {"published_at": datetime(2024, 1, 1)},
    "time as text (coerced)": {"published_at": "2024-01-01T08:00:00+08:00"},
    "size as text (coerced)": {"size": "20"},
    "line 0 removed": {"removed": [{"line_no": 0, "text": "x", "rule_id": "r"}]},
    "extra key in a record": {"removed": [{"line_no": 1, "text": "x", "rule_id": "r", "why": 1}]},
    "record missing keys": {"repairs": [{"line_no": 1}]},
    "short signature": {"minhash": b"x"},
    "wrong size (model validator)": {"size": 3},
    "wrong size and empty body (no model validator)": {"size": 3, "body": ""},
    "extra column": {"extra": 1},
    "missing column": {"body": None, "title": None},
}


@pytest.mark.parametrize("change", list(_CHANGES))
def test_rows_are_validated_as_the_model_validates_them(change: str) -> None:
    # schemas/rows.py: the model's own core schema returning dicts: the same rows out, the same
    # errors (loc, type, msg), whatever is wrong, with valid rows around the changed one.
    values = {**_document(), **_CHANGES[change]}
    if change == "missing column":
        del values["body"], values["title"]
    checked = RowValidator(ArchivedDocument).validate([_document(), values, _document()])
    assert checked.indices[0] == 0 and checked.indices[-1] == 2
    assert checked.rows[0] == checked.rows[-1] == ArchivedDocument.model_validate(_document()).model_dump()
    try:
        expected = ArchivedDocument.model_validate(values).model_dump()
    except ValidationError as exc:
        assert 1 not in checked.indices and len(checked.rows) == 2
        assert [(e["loc"], e["type"], e["msg"]) for e in checked.failed[1]] == [
            (e["loc"], e["type"], e["msg"]) for e in exc.errors()
        ]
    else:
        assert checked.failed == {} and checked.indices == [0, 1, 2]
        assert checked.rows[1] == expected
        assert type(checked.rows[1]["removed"][0]) is dict


def test_a_record_that_is_not_a_dict_is_told_so_in_the_dict_forms_words() -> None:
    # The one difference (schemas/rows.py says so): what the model calls "not a valid dictionary or
    # instance of Repair" (model_type), the dict form calls "not a valid dictionary" (dict_type).
    # The pipeline only hands over columns of plain values (zharchive.stages.audit.as_columns).
    values = {**_document(), "repairs": ["a repair"]}
    with pytest.raises(ValidationError) as info:
        ArchivedDocument.model_validate(values)
    (model_error,) = info.value.errors()
    (row_error,) = RowValidator(ArchivedDocument).validate([values]).failed[0]
    assert model_error["loc"] == row_error["loc"] == ("repairs", 0)
    assert (model_error["type"], row_error["type"]) == ("model_type", "dict_type")


@pytest.mark.parametrize("name", list(MODELS))
def test_every_table_model_has_a_dict_form(name: str) -> None:
    RowValidator(MODELS[name])


def test_a_model_a_dict_cannot_stand_for_is_refused() -> None:
    class Defaulted(BaseModel):
        a: int = 1

    class Wrapped(BaseModel):
        a: int

        @model_validator(mode="wrap")
        @classmethod
        def _wrap(cls, value: Any, handler: Any) -> Any:
            return handler(value)

    for model in (Defaulted, Wrapped):
        with pytest.raises(TypeError):
            RowValidator(model)


_RECORD_CHANGES: dict[str, dict[str, Any]] = {
    "valid": {},
    "no records": {"removed": [], "repairs": []},
    "line 0 removed": {"removed": [{"line_no": 0, "text": "x", "rule_id": "r"}]},
    "records wrong in many ways": {
        "body": "",
        "removed": [
            {"line_no": 3, "text": "a", "rule_id": "r"},
            {"line_no": 0, "text": b"\xff", "rule_id": 7},
            {"line_no": -1, "text": "b", "rule_id": None},
        ],
        "repairs": [{"line_no": "x", "rule_id": "ws", "before": 1, "after": "a"}],
        "script": "Latn",
    },
    "a record wrong, the model validator's check too": {
        "size": 3,
        "repairs": [{"line_no": 0, "rule_id": "ws", "before": "a", "after": "b"}],
    },
    "coerced in a record": {"removed": [{"line_no": "4", "text": "x", "rule_id": "r"}]},
}


@pytest.mark.parametrize("change", list(_RECORD_CHANGES))
def test_records_as_columns_are_validated_as_the_model_validates_them(change: str) -> None:
    # The columnar path's form (schemas.rows.record_columns): a document's removed lines and
    # repairs as one list a field; the errors come back with the model's loc and in its order.
    values = {**_document(), **_RECORD_CHANGES[change]}
    as_columns = {
        **values,
        **{
            name: {field: [record[field] for record in values[name]] for field in model.model_fields}
            for name, model in (("removed", RemovedLine), ("repairs", Repair))
        },
    }
    columns = {"removed": RemovedLine, "repairs": Repair}
    checked = RowValidator(ArchivedDocument, columns).validate([as_columns])
    try:
        expected = ArchivedDocument.model_validate(values).model_dump()
    except ValidationError as exc:
        assert checked.rows == []
        assert [(e["loc"], e["type"], e["msg"]) for e in checked.failed[0]] == [
            (e["loc"], e["type"], e["msg"]) for e in exc.errors()
        ]
    else:
        (row,) = checked.rows
        for name in columns:
            records = row.pop(name)
            items = zip(*records.values(), strict=True)
            assert [dict(zip(records, item, strict=True)) for item in items] == expected.pop(name)
        assert row == expected
