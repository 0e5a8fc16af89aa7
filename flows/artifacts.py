"""What a run shows in the Prefect UI: a progress bar while it runs, its summary and its quarantine
after. The CLI's own progress bar listens to the same batch events (``zharchive.progress``)."""

import hashlib
import re
import uuid

from prefect.artifacts import (
    create_markdown_artifact,
    create_progress_artifact,
    create_table_artifact,
    update_progress_artifact,
)

from schemas import RunRecord
from zharchive import progress as progress_events
from zharchive.archive.location import ArchivePath, archive_root
from zharchive.report import RunTotals, summary_markdown

MAX_QUARANTINE_TABLE_ROWS = 1000


def artifact_key(archive: ArchivePath | str, kind: str) -> str:
    """``zharchive-<archive slug>-<kind>``: an artifact's key names the archive and what it shows,
    so each archive's summaries form their own history in the UI. Keys may hold lowercase letters,
    digits and dashes: the folder's last two names, lowercased, and 8 hex digits of its full path
    (two archives named alike stay apart)."""
    root = archive_root(archive)
    tail = "-".join(root.parts[-2:])
    slug = re.sub(r"[^a-z0-9]+", "-", tail.lower()).strip("-")[:40].strip("-") or "archive"
    digest = hashlib.sha256(str(root).encode()).hexdigest()[:8]
    return f"zharchive-{slug}-{digest}-{kind}"


class BatchProgress:
    """The run's progress artifact, and the batch events the CLI listens to."""

    def __init__(self, run_id: str, batches: int, archive: ArchivePath) -> None:
        self.batches = batches
        self.done = 0
        artifact = create_progress_artifact(
            progress=0.0,
            key=artifact_key(archive, "progress"),
            description=f"zharchive run {run_id}: batches done",
        )
        assert isinstance(artifact, uuid.UUID)  # the sync API inside a sync flow
        self.artifact = artifact
        if not batches:
            update_progress_artifact(self.artifact, progress=100.0)

    def batch_done(self, files: int) -> None:
        self.done += 1
        update_progress_artifact(self.artifact, progress=100.0 * self.done / self.batches)
        progress_events.batch_done(self.done, self.batches, files)


def publish_run(run: RunRecord, totals: RunTotals) -> None:
    """The run's summary, and its quarantined files when there are any."""
    archive = archive_root(run.archive)
    create_markdown_artifact(
        key=artifact_key(archive, "summary"), markdown=summary_markdown(run), description=f"run {run.run_id}"
    )
    if totals.quarantine_reasons:
        create_table_artifact(
            key=artifact_key(archive, "quarantine"),
            table=[
                {"source_uri": u, "stage": s, "reason": r}
                for u, s, r in totals.quarantine_reasons[:MAX_QUARANTINE_TABLE_ROWS]
            ],
            description=f"files quarantined by run {run.run_id} (first {MAX_QUARANTINE_TABLE_ROWS})",
        )
