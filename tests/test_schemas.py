from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pydantic import ValidationError

from schemas import SCHEMA_VERSION, DecodeResult, SourceFile
from schemas.export import schema_files
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
