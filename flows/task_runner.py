"""The engines the batch tasks run on: threads, a lean process pool, or Dask.

On the process engine a batch task runs on a thread of the flow process and hands its CPU work to
a worker process that imports no Prefect (``zharchive.pool.LeanPool``); on Dask the task itself
goes to a worker.
"""

import os
from collections.abc import Callable
from typing import Any, Literal

from prefect.context import FlowRunContext
from prefect.logging import get_run_logger
from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner

from zharchive.batch import BatchSummary
from zharchive.budgets import WORKER_MEMORY_LIMIT
from zharchive.isolate import run_isolating
from zharchive.pool import LeanPool

Runner = Literal["auto", "threads", "processes", "dask"]
PoolStart = Literal["at_once", "when_needed"]


class LeanProcessTaskRunner(ThreadPoolTaskRunner[Any]):
    """Batch tasks on threads of the flow process, their CPU work in a ``LeanPool`` of ``workers``
    processes that import no Prefect; the pool lives as long as the flow run, failed or not.

    ``start="at_once"`` starts the pool with the flow run (its workers import the pipeline while
    the flow discovers files); ``"when_needed"`` waits for the flow to say it has more than one
    batch (``use_worker_processes``): a single batch runs on its thread, with no process start-up
    to pay, and the flow learns that from its own plan instead of a walk of the sources before it.
    """

    def __init__(
        self,
        max_workers: int | None = None,
        *,
        start: PoolStart = "at_once",
        memory_limit: int | None = WORKER_MEMORY_LIMIT,
    ) -> None:
        workers = max_workers or os.cpu_count() or 1
        super().__init__(max_workers=workers)  # a thread per worker process: no batch waits in a queue
        self.workers = workers
        self.start = start
        self.memory_limit = memory_limit
        self.pool: LeanPool | None = None

    def duplicate(self) -> "LeanProcessTaskRunner":
        return type(self)(max_workers=self.workers, start=self.start, memory_limit=self.memory_limit)

    def start_pool(self) -> None:
        if self.pool is not None:
            return
        pool = self.pool = LeanPool(self.workers, memory_limit=self.memory_limit)
        try:
            pool.start()
        except BaseException:
            self.pool = None
            pool.shutdown()
            raise

    def __enter__(self) -> "LeanProcessTaskRunner":
        if self.start == "at_once":
            self.start_pool()
        try:
            super().__enter__()
        except BaseException:
            self.stop_pool()
            raise
        return self

    def __exit__(self, exc_type: Any, exc_value: Any, traceback: Any) -> None:
        try:
            super().__exit__(exc_type, exc_value, traceback)  # batches not started are cancelled
        finally:
            self.stop_pool()

    def stop_pool(self) -> None:
        pool, self.pool = self.pool, None
        if pool is not None:
            pool.shutdown()

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, LeanProcessTaskRunner)
            and type(other) is type(self)
            and (other.workers, other.start, other.memory_limit)
            == (self.workers, self.start, self.memory_limit)
        )

    def __hash__(self) -> int:
        return hash((type(self), self.workers, self.start, self.memory_limit))

    def __getstate__(self) -> dict[str, Any]:
        state = super().__getstate__()
        state["pool"] = None  # processes do not travel
        return state


def _lean_runner() -> LeanProcessTaskRunner | None:
    """The current flow run's task runner when it is a lean process pool."""
    context = FlowRunContext.get()
    runner = context.task_runner if context is not None else None
    return runner if isinstance(runner, LeanProcessTaskRunner) else None


def use_worker_processes(more_than_one_batch: bool) -> None:
    """Start the lean worker processes of a ``when_needed`` runner if the run has more than one batch."""
    runner = _lean_runner()
    if runner is not None and more_than_one_batch:
        runner.start_pool()


def release_worker_processes() -> None:
    """End the lean worker processes once every batch is staged: the commit then reads the staged
    files in the flow process without the workers' memory still held beside it."""
    runner = _lean_runner()
    if runner is not None:
        runner.stop_pool()


def run_batch(fn: Callable[..., BatchSummary], index: int, items: list[str], *rest: Any) -> BatchSummary:
    """``fn(index, items, *rest)`` in the flow's lean worker pool if it runs on one (a worker that
    dies there is replaced and the batch retried file by file: ``zharchive.isolate``), else right
    here (a thread of the flow process, or a Dask worker)."""
    runner = _lean_runner()
    pool = runner.pool if runner is not None else None
    if pool is not None:
        return run_isolating(pool, fn, index, items, *rest, report=get_run_logger().warning)
    return fn(index, items, *rest)


def task_runner(
    runner: Runner,
    *,
    workers: int | None = None,
    dask_address: str | None = None,
    worker_memory: int | None = WORKER_MEMORY_LIMIT,
) -> TaskRunner[Any]:
    """The engine the batch tasks run on.

    ``auto``: a lean process pool over every core, started only when the run has more than one
    batch (cleaning is CPU-bound Python; threads would share one core). ``processes``: that pool of
    ``workers`` processes from the start. ``threads``: threads of the flow process. ``dask``: the
    cluster at ``dask_address``, or a local cluster of ``workers`` processes. ``worker_memory``: the
    resident bytes a lean worker may hold before it is killed (threads and Dask have no such watch).
    """
    if runner == "dask" or dask_address:
        # distributed's own INFO lines (workers registering, a connection closed at shutdown, with
        # its traceback) are for debugging Dask; its warnings still show. Set before distributed
        # is imported, which reads it; its local workers inherit it. A user's own setting wins.
        os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "warning")
        from prefect_dask.task_runners import DaskTaskRunner

        if dask_address:
            return DaskTaskRunner(address=dask_address)
        return DaskTaskRunner(
            cluster_kwargs={
                "n_workers": workers or os.cpu_count() or 1,
                "threads_per_worker": 1,
                "processes": True,
            }
        )
    if runner == "threads":
        return ThreadPoolTaskRunner(max_workers=workers or 4)
    start: PoolStart = "at_once" if runner == "processes" else "when_needed"
    return LeanProcessTaskRunner(
        max_workers=workers or os.cpu_count() or 1, start=start, memory_limit=worker_memory
    )
