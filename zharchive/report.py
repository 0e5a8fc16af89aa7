"""What a run did, from its batches' counts: the ``runs`` row and the summary people read.

Plain functions over ``BatchSummary`` lists; ``flows.artifacts`` publishes the summary to Prefect and
the CLI prints the row.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from schemas import SCHEMA_VERSION, RunRecord, Skipped
from zharchive.archive.commit import CommitResult
from zharchive.archive.runs import iter_counts
from zharchive.batch import BatchSummary
from zharchive.sources import OBJECT_SCHEMES


@dataclass(frozen=True)
class RunTotals:
    """The batches' counts added up: rule, encoding and quarantine counters, and every quarantined
    file as (source_uri, stage, reason), sorted."""

    stats: Counter[str]
    quarantine_reasons: list[tuple[str, str, str]]

    @classmethod
    def of(cls, summaries: Sequence[BatchSummary]) -> RunTotals:
        stats: Counter[str] = Counter()
        for summary in summaries:
            stats.update(summary.stats)
        return cls(stats, sorted(r for s in summaries for r in s.quarantine_reasons))


def _counts(stats: Counter[str], prefix: str) -> list[dict[str, Any]]:
    return iter_counts((k.removeprefix(prefix), v) for k, v in stats.items() if k.startswith(prefix))


def run_record(
    *,
    run_id: str,
    flow_run_id: str | None,
    started_at: datetime,
    sources: Sequence[str],
    archive: object,  # a local folder, or an s3:// prefix (its text names no credential)
    parameters: dict[str, Any],
    summaries: Sequence[BatchSummary],
    totals: RunTotals,
    skipped: Sequence[Skipped],
    committed: CommitResult,
    pipeline_version: str,
    rules_version: str,
) -> RunRecord:
    """The run's row of the ``runs`` table (validated by its Pydantic model)."""
    return RunRecord.model_validate(
        {
            "run_id": run_id,
            "flow_run_id": flow_run_id,
            "started_at": started_at,
            "finished_at": datetime.now(UTC),
            "sources": [s if s.startswith(OBJECT_SCHEMES) else str(Path(s).resolve()) for s in sources],
            "archive": str(archive),
            "parameters": json.dumps(parameters, sort_keys=True),
            "input_files": sum(s.files for s in summaries),
            "documents_written": sum(s.documents for s in summaries),
            "quarantined": sum(s.quarantined for s in summaries),
            "unchanged": sum(s.unchanged for s in summaries),
            "skipped": [
                *skipped,
                *(row for s in sorted(summaries, key=lambda s: s.index) for row in s.skipped),
            ],
            "documents_version": committed.documents_version,
            "quarantine_version": committed.quarantine_version,
            "added_files": committed.added_files,
            "encodings": _counts(totals.stats, "encoding."),
            "decode_methods": _counts(totals.stats, "method."),
            "rules_fired": _counts(totals.stats, "removed."),
            "quarantine_stages": _counts(totals.stats, "quarantine."),
            "pipeline_version": pipeline_version,
            "rules_version": rules_version,
            "schema_version": SCHEMA_VERSION,
        }
    )


def summary_markdown(run: RunRecord) -> str:
    """The run as a Markdown page (the Prefect UI's run summary artifact)."""

    def rows(counts: Sequence[Any], limit: int = 15) -> str:
        ordered = sorted(counts, key=lambda c: -c.count)[:limit]
        return "\n".join(f"| `{c.key}` | {c.count} |" for c in ordered) or "| — | 0 |"

    return f"""# zharchive run `{run.run_id}`

| | |
| --- | --- |
| archive | `{run.archive}` |
| files | {run.input_files} |
| documents written | {run.documents_written} |
| quarantined | {run.quarantined} |
| unchanged | {run.unchanged} |
| skipped paths | {len(run.skipped)} |
| documents version | {run.documents_version if run.documents_version is not None else "no change"} |
| quarantine version | {run.quarantine_version if run.quarantine_version is not None else "no change"} |
| pipeline version | `{run.pipeline_version}` |
| rules version | `{run.rules_version}` |

## Encodings
| encoding | files |
| --- | --- |
{rows(run.encodings)}

## Decode methods
| method | files |
| --- | --- |
{rows(run.decode_methods)}

## Rules fired (top 15)
| rule | lines removed |
| --- | --- |
{rows(run.rules_fired)}

## Quarantine by stage
| stage | files |
| --- | --- |
{rows(run.quarantine_stages)}
"""
