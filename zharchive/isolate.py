"""A batch whose worker process dies: find the file that killed it, quarantine that file alone, and
archive the rest as the batch would have.

Runs in the flow process, over a ``LeanPool`` (whose dead worker is already replaced). The batch is
retried once, file by file: each file goes alone through the whole pipeline in a worker, staging
nothing (``probe``); a file that kills its worker again is the culprit. Then the batch runs once
more without the culprits (replacing what the dead worker staged), so the other files are cleaned
with their site's repeated lines known, exactly as without the culprits, and the culprits become
``worker_died`` quarantine rows with their bytes. A death the files alone do not repeat (another
process took the memory, a stray kill) only costs the retry. A batch that dies again without its
culprits stops the run, naming it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any

from zharchive.batch import BatchSummary
from zharchive.pool import LeanPool, WorkerDiedError

BatchFunction = Callable[..., BatchSummary]


def run_isolating(
    pool: LeanPool,
    fn: BatchFunction,
    index: int,
    items: Sequence[str],
    *rest: Any,
    report: Callable[[str], None] | None = None,
) -> BatchSummary:
    """``fn(index, items, *rest)`` in ``pool`` (``ingest_batch`` or ``reprocess_batch``); on a
    worker's death, the retry above, told to ``report`` (the flow's log) as it starts."""
    try:
        return pool.run(fn, index, items, *rest)
    except WorkerDiedError as first:
        batch_died = first.cause
    if report is not None:
        report(
            f"batch {index}: its worker process died ({batch_died}) and was replaced; "
            f"retrying its {len(items)} files one by one to find the file that killed it"
        )
    died: dict[str, str] = {}
    for item in items:
        try:
            pool.run(functools.partial(fn, probe=True), index, [item], *rest)
        except WorkerDiedError as exc:
            died[item] = exc.cause
    rest_of_batch = [item for item in items if item not in died]
    try:
        return pool.run(functools.partial(fn, died=died), index, rest_of_batch, *rest)
    except WorkerDiedError as exc:
        raise WorkerDiedError(
            f"batch {index} ({len(items)} files, from {items[0]}) killed its worker process twice "
            f"({batch_died}; then {exc.cause}), though no file of it alone "
            + ("did" if not died else f"did but {', '.join(died)}")
            + ": the run stops and commits nothing; lower --batch-size or --max-bytes, or raise "
            "--worker-memory, and run it again",
            cause=exc.cause,
        ) from exc
