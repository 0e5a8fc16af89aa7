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

import contextlib
import ctypes
import gc
import multiprocessing
import os
import queue
import resource
import signal
import sys
import threading
import time
import types
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool, _RemoteTraceback
from contextlib import contextmanager
from multiprocessing.process import BaseProcess
from typing import Any, TypeVar

import pyarrow as pa

from zharchive.budgets import MEMORY_CHECK_SECONDS, WORKER_MEMORY_LIMIT
from zharchive.errors import ZharchiveError
from zharchive.nopandas import keep_pandas_out
from zharchive.rules import load_rules

T = TypeVar("T")


# Imported by a worker, each costs tens of MiB in every worker; a batch needs none of them.
HEAVY_MODULES = ("prefect", "deltalake", "pyarrow.dataset", "pypinyin", "pandas")


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
    """A worker process died under a call (killed, out of memory, over ``memory_limit``); its
    process is replaced, and ``cause`` says how it died, in words."""

    def __init__(self, message: str, *, cause: str) -> None:
        super().__init__(message)
        self.cause = cause


class _Slot:
    """One worker process, as a one-process executor: a worker's death breaks only the call it was
    running (a shared ``ProcessPoolExecutor`` fails every call in flight when any worker dies, so a
    death could not be pinned on a batch)."""

    def __init__(self, parent: int) -> None:
        self.executor = ProcessPoolExecutor(
            max_workers=1,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=(parent,),
        )
        self.killed_at_rss: int | None = None  # set by the memory watch before it kills the process
        # The executor spawns its process at the first submission: made now, while __main__ is hidden.
        with _main_hidden():
            self.executor.submit(worker_info).result()
        processes: dict[int, BaseProcess] = getattr(self.executor, "_processes", None) or {}
        self.process: BaseProcess | None = next(iter(processes.values()), None)

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process is not None else None

    def how_it_died(self, memory_limit: int | None) -> str:
        if self.killed_at_rss is not None and memory_limit is not None:
            return (
                f"killed by zharchive at {self.killed_at_rss / 2**20:,.0f} MiB of resident memory, over "
                f"the {memory_limit / 2**20:,.0f} MiB a worker may hold (--worker-memory)"
            )
        code = None
        if self.process is not None:
            self.process.join(timeout=5)
            code = self.process.exitcode
            # The executor's own thread reaps the dead process too: the thread that loses the race
            # to waitpid reads no status (ECHILD), until the winner has set it on the shared
            # process object a moment later (seen under load: "its exit status unknown").
            deadline = time.monotonic() + 2
            while code is None and time.monotonic() < deadline:
                time.sleep(0.01)
                code = self.process.exitcode
        if code is not None and code < 0:
            try:
                name = signal.Signals(-code).name
            except ValueError:
                name = f"signal {-code}"
            hint = " (the kernel's out-of-memory killer, or kill -9)" if -code == signal.SIGKILL else ""
            return f"killed by {name}{hint}"
        return f"exited with code {code}" if code is not None else "ended, its exit status unknown"

    def shutdown(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


class LeanPool:
    """``workers`` spawned processes for the batch work; a context manager that ends them all.

    The processes are started at once (they import the pipeline while the flow discovers files),
    without the parent's ``__main__``: a spawned child imports its parent's main module, which for
    a scheduled run is ``prefect.engine`` and would bring Prefect back into every worker.

    A worker that dies (or that the memory watch kills: over ``memory_limit`` bytes of resident
    memory) fails only the call it was running, with a ``WorkerDiedError``, and is replaced by a new
    process; ``zharchive.isolate`` then finds the file that killed it.
    """

    def __init__(self, workers: int, *, memory_limit: int | None = WORKER_MEMORY_LIMIT) -> None:
        if workers < 1:
            raise ValueError(f"a pool needs at least one worker, not {workers}")
        if memory_limit is not None and memory_limit < 1:
            raise ValueError(f"a worker's memory limit must be positive, not {memory_limit}")
        self.workers = workers
        self.memory_limit = memory_limit
        self._slots: list[_Slot] = []
        self._idle: queue.SimpleQueue[_Slot] = queue.SimpleQueue()
        self._running = False
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._watch: threading.Thread | None = None

    def __enter__(self) -> LeanPool:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()

    def start(self) -> None:
        if self._running:
            return
        self._running = True
        self._stop.clear()
        try:
            for _ in range(self.workers):
                self._add_slot()
        except BaseException:
            self.shutdown()
            raise
        if self.memory_limit is not None and os.path.exists("/proc/self/statm"):
            self._watch = threading.Thread(target=self._watch_memory, name="worker-memory-watch", daemon=True)
            self._watch.start()

    def _add_slot(self) -> _Slot:
        try:
            slot = _Slot(os.getpid())
        except (BrokenProcessPool, OSError) as exc:
            raise WorkerDiedError(f"a worker process could not start: {exc}", cause=str(exc)) from exc
        with self._lock:
            self._slots.append(slot)
        self._idle.put(slot)
        return slot

    def run(self, fn: Callable[..., T], *args: Any) -> T:
        """``fn(*args)`` in a worker process; a worker's death is a ``WorkerDiedError``, never a hang,
        and the worker is replaced before it is raised."""
        if not self._running:
            raise RuntimeError("the worker pool is not running")
        slot: _Slot | None = self._idle.get()
        assert slot is not None
        try:
            future: Future[T] = slot.executor.submit(_call_and_release, fn, *args)
            return future.result()
        except (BrokenProcessPool, OSError) as exc:
            if not isinstance(exc, BrokenProcessPool) and isinstance(exc.__cause__, _RemoteTraceback):
                raise  # raised by ``fn`` in a worker that lives on (a full disk): not a death
            # OSError: the process died while the call was being sent to it.
            cause = slot.how_it_died(self.memory_limit)
            dead, slot = slot, None
            self._retire(dead)
            slot = self._add_slot_quietly()
            raise WorkerDiedError(
                f"a batch worker process died ({cause}; {type(exc).__name__}); it was replaced",
                cause=cause,
            ) from exc
        finally:
            if slot is not None:
                self._idle.put(slot)

    def _retire(self, slot: _Slot) -> None:
        with self._lock:
            if slot in self._slots:
                self._slots.remove(slot)
        slot.shutdown()

    def _add_slot_quietly(self) -> _Slot | None:
        """A new worker for one that died; ``None`` once the pool is shut down."""
        if not self._running:
            return None
        slot = _Slot(os.getpid())
        with self._lock:
            self._slots.append(slot)
        return slot

    def pids(self) -> list[int]:
        """The worker processes' ids (for the tests)."""
        with self._lock:
            return [pid for slot in self._slots if (pid := slot.pid) is not None]

    def _watch_memory(self) -> None:
        """Kill a worker whose resident memory passes ``memory_limit``: the page it works on would
        take the machine's memory (a parse of millions of elements grows by ~100 MiB a second)."""
        assert self.memory_limit is not None
        page = os.sysconf("SC_PAGE_SIZE")
        while not self._stop.wait(MEMORY_CHECK_SECONDS):
            with self._lock:
                slots = list(self._slots)
            for slot in slots:
                pid = slot.pid
                if pid is None or slot.killed_at_rss is not None:
                    continue
                try:
                    with open(f"/proc/{pid}/statm", "rb") as statm:
                        rss = int(statm.read().split()[1]) * page
                except (OSError, ValueError, IndexError):
                    continue  # ended
                if rss > self.memory_limit:
                    slot.killed_at_rss = rss
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(pid, signal.SIGKILL)

    def shutdown(self) -> None:
        """Stop the workers and wait for them: calls not started yet are cancelled, running ones finish."""
        self._running = False
        self._stop.set()
        watch, self._watch = self._watch, None
        if watch is not None:
            watch.join()
        with self._lock:
            slots, self._slots = self._slots, []
        for slot in slots:
            slot.shutdown()
        self._idle = queue.SimpleQueue()


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
    keep_pandas_out()  # before pyarrow first builds an array (zharchive/nopandas.py: ~30 MiB a worker)
    # The modules and compiled rules live as long as the worker: kept out of the garbage
    # collector's generations, its full collections during a batch scan only the batch's objects
    # (~10 % of a batch's CPU on the generated corpus).
    import zharchive.batch  # noqa: F401  (the batch work's modules, imported before the first batch)

    load_rules()
    gc.freeze()
    gc.set_threshold(*WORKER_GC_THRESHOLDS)


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
