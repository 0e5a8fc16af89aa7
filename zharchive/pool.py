"""Lean worker processes for the batch work (``zharchive.batch``): the pipeline and the archive's
staging, never Prefect.

Prefect's ProcessPoolTaskRunner unpickles each task by reference to the flow's module in its
workers, so every worker imported Prefect and its server app: seconds of imports and ~500 MiB a
worker. Here a batch stays one Prefect task, on a thread of the flow process (its state and log
line in the UI), and hands the CPU work to a plain ``ProcessPoolExecutor`` of spawned processes
that import this module and the batch work: the pipeline and pyarrow (deltalake only to
reprocess). ``flows.task_runner`` wraps this pool as a Prefect task runner. Nothing here may
import Prefect (tests/test_flow.py checks it in real worker processes).

A worker stages its batch's rows as Parquet and returns counts only, as a Dask worker does.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import resource
import signal
import sys
import threading
import time
import types
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import Any, TypeVar

import pyarrow as pa

from zharchive.errors import ZharchiveError
from zharchive.rules import load_rules

T = TypeVar("T")


# Imported by a worker, each costs tens of MiB in every worker; a batch needs none of them.
HEAVY_MODULES = ("prefect", "deltalake", "pyarrow.dataset", "pypinyin")


def worker_info() -> dict[str, Any]:
    """Which process this is and which heavy modules were ever imported into it (for the tests)."""
    heavy = sorted(
        {m for m in HEAVY_MODULES for name in sys.modules if name == m or name.startswith(f"{m}.")}
    )
    peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux gives KiB
    return {
        "pid": os.getpid(),
        "prefect": "prefect" in heavy,
        "heavy": heavy,
        "peak_rss": peak_rss,
        "gc_thresholds": gc.get_threshold(),
        "gc_counts": gc.get_count(),
    }


class WorkerDiedError(ZharchiveError):
    """A worker process of the pool died (killed, out of memory): the run stops, committing nothing."""


class LeanPool:
    """``workers`` spawned processes for the batch work; a context manager that ends them all.

    The processes are started at once (they import the pipeline while the flow discovers files),
    without the parent's ``__main__``: a spawned child imports its parent's main module, which for
    a scheduled run is ``prefect.engine`` and would bring Prefect back into every worker.
    """

    def __init__(self, workers: int) -> None:
        if workers < 1:
            raise ValueError(f"a pool needs at least one worker, not {workers}")
        self.workers = workers
        self._executor: ProcessPoolExecutor | None = None

    def __enter__(self) -> LeanPool:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()

    def start(self) -> None:
        if self._executor is not None:
            return
        self._executor = ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=(os.getpid(),),
        )
        # The executor spawns a process per submission while none is idle: one warm-up call per
        # worker starts them all now, while __main__ is hidden.
        try:
            with _main_hidden():
                for _ in range(self.workers):
                    self.submit(worker_info)
        except BaseException:
            self.shutdown()
            raise

    def submit(self, fn: Callable[..., T], *args: Any) -> Future[T]:
        if self._executor is None:
            raise RuntimeError("the worker pool is not running")
        try:
            return self._executor.submit(fn, *args)
        except (BrokenProcessPool, OSError) as exc:
            # OSError: a worker died while another was being spawned, and took the queues with it.
            raise _died(exc) from exc

    def run(self, fn: Callable[..., T], *args: Any) -> T:
        """``fn(*args)`` in a worker process; a worker's death is a ``WorkerDiedError``, never a hang."""
        future: Future[T] = self.submit(_call_and_release, fn, *args)
        try:
            return future.result()
        except BrokenProcessPool as exc:
            raise _died(exc) from exc

    def shutdown(self) -> None:
        """Stop the workers and wait for them: calls not started yet are cancelled, running ones finish."""
        executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)


def _call_and_release(fn: Callable[..., T], *args: Any) -> T:
    try:
        return fn(*args)
    finally:
        _release_memory()


def _release_memory() -> None:
    # The batch's reference cycles (few: a traceback kept by a quarantine for a bug) go first,
    # since the raised thresholds below leave them to this collection.
    gc.collect()
    # A batch's memory, once freed, stays in Arrow's pool and the C heap as the worker's RSS until
    # the next batch: given back, an idle worker is its import size (~160 MiB, not ~240).
    pa.default_memory_pool().release_unused()
    if _malloc_trim is not None:
        _malloc_trim(0)


_malloc_trim = getattr(ctypes.CDLL(None), "malloc_trim", None)  # glibc only

# A batch makes millions of short-lived containers and almost no reference cycles (none on the
# generated corpus): with Python's default thresholds (700, 10, 10) a worker ran ~2,700 young and
# ~20 full collections per 5,000 pages, ~3 % of its instructions (cachegrind), for nothing. The
# collection after each batch (``_release_memory``) bounds what the raised thresholds leave behind.
WORKER_GC_THRESHOLDS = (50_000, 20, 100)


# How often a worker looks whether the flow process that started it is still there.
PARENT_CHECK_SECONDS = 0.5


def _exit_with(parent: int) -> None:
    # A flow process killed with SIGKILL cannot end its pool: its workers, re-parented, would wait
    # for batches forever. (Not PR_SET_PDEATHSIG: it fires when the *thread* that spawned the worker
    # ends, and a pool may be started from a task's thread.)
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


def _start_worker(parent: int) -> None:
    # Ctrl-C reaches the whole process group: the flow process handles it and ends the pool; a
    # worker that died of it mid-batch would only add a traceback and a broken pool to the story.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with, args=(parent,), name="exit-with-flow-process", daemon=True).start()
    # The modules and compiled rules live as long as the worker: kept out of the garbage
    # collector's generations, its full collections during a batch scan only the batch's objects
    # (~10 % of a batch's CPU on the generated corpus).
    import zharchive.batch  # noqa: F401  (the batch work's modules, imported before the first batch)

    load_rules()
    gc.freeze()
    gc.set_threshold(*WORKER_GC_THRESHOLDS)


def _died(exc: BaseException) -> WorkerDiedError:
    return WorkerDiedError(
        "a batch worker process died (killed, or out of memory?), so the run stops and commits "
        f"nothing; run it again ({type(exc).__name__}: {exc})"
    )


_main_lock = threading.Lock()


@contextmanager
def _main_hidden() -> Iterator[None]:
    """While processes are spawned: a stand-in ``__main__`` with neither a module name nor a file,
    so the children do not re-import the parent's main module (see ``LeanPool``)."""
    with _main_lock:
        main = sys.modules["__main__"]
        sys.modules["__main__"] = types.ModuleType("__main__")
        try:
            yield
        finally:
            sys.modules["__main__"] = main
