"""Helpers the test modules share (not tests themselves)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from schemas import ArchivedDocument, QuarantineRecord


def standalone_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment for a real zharchive/prefect subprocess with no Prefect setting of this
    session's (it starts a temporary server of its own), analytics off, ``extra`` on top."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(PREFECT_SERVER_ANALYTICS_ENABLED="false", DO_NOT_TRACK="1", PREFECT_HOME=str(home), **extra)
    return env


def cli_env(home: Path) -> dict[str, str]:
    """The environment for a real zharchive/prefect subprocess that talks to this session's
    Prefect server (the test harness's), instead of starting a 15 s temporary server of its own."""
    from prefect.settings import PREFECT_API_URL

    return standalone_env(home, PREFECT_API_URL=str(PREFECT_API_URL.value()), COLUMNS="200")


def stage_batch(
    archive: Path,
    run_id: str,
    batch_index: int,
    rows: Sequence[dict[str, Any]],
    quarantined: Sequence[QuarantineRecord],
) -> None:
    """Stage a batch's rows as a batch worker's stager does, from rows a test already holds
    (``BatchOutput.rows``)."""
    from zharchive.archive.staging import BatchStager

    stager = BatchStager(archive, run_id, batch_index)
    if rows:
        stager.add_rows(list(rows))
    stager.finish(quarantined)


def documents(rows: Sequence[dict[str, Any]]) -> list[ArchivedDocument]:
    """A batch's rows (``BatchOutput.rows``) as the models a reader of the archive gets: their
    Arrow table, as staged, each row validated by ``ArchivedDocument``."""
    from schemas import RECORD_COLUMNS
    from zharchive.archive.staging import rows_to_arrow

    table = rows_to_arrow(list(rows), "documents", columns=RECORD_COLUMNS)
    return [ArchivedDocument.model_validate(row) for row in table.to_pylist()]


def assert_page_comes_out(page: str, expected: dict[str, Any]) -> None:
    """A review's page (tests/test_rule_edges*.py) through cleaning and the metadata stage: its
    body's ``first`` / ``last`` line starts so, ``in_body`` / ``not_in_body`` text (or texts), ``not_first``
    line, ``not_<field>`` a value the field must not have, ``date`` shown in Shanghai to the
    expected string's precision, any other field equal."""
    from datetime import UTC, datetime

    from zharchive.stages.clean import clean
    from zharchive.stages.extract import SHANGHAI, extract

    cleaned = clean(page, hints={})
    metadata = extract(cleaned, hints={}, now=lambda: datetime(2026, 12, 5, tzinfo=UTC))
    body = cleaned.body_text.splitlines()
    for key, value in expected.items():
        if key == "first":
            assert body[0].startswith(value)
        elif key == "last":
            assert body[-1].startswith(value)
        elif key == "not_first":
            assert body[0] != value
        elif key == "in_body":  # a text, or a list of texts each in the body
            for text in [value] if isinstance(value, str) else value:
                assert text in cleaned.body_text
        elif key == "not_in_body":
            for text in [value] if isinstance(value, str) else value:
                assert text not in cleaned.body_text
        elif key.startswith("not_"):  # not_author: a field that must not come out as ``value``
            assert getattr(metadata, key[4:]) != value
        elif key == "date":
            shown = metadata.published_at and metadata.published_at.astimezone(SHANGHAI).strftime(
                "%Y-%m-%d %H:%M:%S"
            )
            assert (shown and shown[: len(value)] if value else shown) == value
        else:
            assert getattr(metadata, key) == value
