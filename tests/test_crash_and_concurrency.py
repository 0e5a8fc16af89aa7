"""Crashes and concurrency (issue 6): kill -9 at any moment, two writers at once, real processes.

Every run here is a real ``.venv/bin/zharchive ingest`` process (exec'd, so nothing is inherited by
fork) talking to this session's Prefect server, on a generated corpus of real files; the lock test
starts its processes with the ``spawn`` context. A killed run is killed with SIGKILL together with
the worker processes it started (each by its pid), the way a machine or container dies.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import re
import signal
import subprocess
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
from deltalake import DeltaTable
from support import cli_env

from zharchive.archive.lock import LOCK_FILE, current_holder
from zharchive.archive.staging import STAGING_DIR
from zharchive.sources import source_uri

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
ZHARCHIVE = ROOT / ".venv" / "bin" / "zharchive"
TABLES = ("documents", "quarantine", "runs")
BATCH_SIZE = "200"
RUN_TIMEOUT = 600.0


def make_corpus(root: Path, files: int) -> dict[str, bytes]:
    """``files`` distinct pages (seeds with a line of their own) in 10 folders, every 25th binary."""
    seeds = [p.read_bytes() for p in sorted(SEEDS.glob("*.txt"))]
    made: dict[str, bytes] = {}
    for i in range(files):
        path = root / f"site{i % 10:02d}" / f"page{i:05d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        if i % 25 == 0:
            data = b"\x00\x01\x02\x03" * 64 + i.to_bytes(4, "big")  # quarantined: binary
        else:
            data = seeds[i % len(seeds)] + f"\n这是第{i}篇测试文章，它的内容与其他文章都不相同。\n".encode()
        path.write_bytes(data)
        made[source_uri(path)] = data
    return made


class Run:
    """One ``zharchive ingest`` process, its output in files (a full pipe would block it)."""

    def __init__(self, crawl: Path, archive: Path, home: Path, name: str) -> None:
        self.log = home.parent / f"{name}.log"
        self.started = time.monotonic()
        self.finished: float | None = None
        with open(self.log, "wb") as out:
            self.process = subprocess.Popen(
                [str(ZHARCHIVE), "ingest", str(crawl), "--archive", str(archive), "--batch-size", BATCH_SIZE],
                env=cli_env(home),
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: its workers can be found and killed
            )

    @property
    def output(self) -> str:
        return self.log.read_text("utf-8", "replace")

    def wait(self, timeout: float = RUN_TIMEOUT) -> int:
        code = self.process.wait(timeout)
        self.finished = self.finished or time.monotonic()
        return code

    def kill_when(self, condition: Callable[[], bool], timeout: float = RUN_TIMEOUT) -> None:
        """SIGKILL the run (and every worker it started) as soon as ``condition()`` holds."""
        deadline = time.monotonic() + timeout
        while self.process.poll() is None and not condition():
            assert time.monotonic() < deadline, "the condition never held"
            time.sleep(0.002)
        group = _process_group(self.process.pid)
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
        for pid in group:
            if pid != self.process.pid:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
        self.wait()
        _wait_gone(group - {self.process.pid})
        assert self.process.returncode == -signal.SIGKILL, (
            f"the run ended on its own (code {self.process.returncode}) before it could be killed:\n"
            + self.output[-2000:]
        )


def _process_group(pgid: int) -> set[int]:
    members = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid:  # fields after the command: state, ppid, pgrp
            members.add(int(entry.name))
    return members


def _wait_gone(pids: set[int], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    for pid in pids:
        while time.monotonic() < deadline:
            try:
                state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
            except OSError:
                break
            if state in ("Z", "X"):
                break
            time.sleep(0.01)


def readable_tables(archive: Path) -> dict[str, list[dict[str, Any]]]:
    """Every table that exists opens at its latest version, which is the last commit in its log, and
    every file that version lists is there and readable."""
    tables: dict[str, list[dict[str, Any]]] = {}
    for name in TABLES:
        path = archive / name
        if not (path / "_delta_log").is_dir():
            continue
        table = DeltaTable(str(path))
        commits = sorted(int(p.name.split(".")[0]) for p in (path / "_delta_log").glob("*.json"))
        assert table.version() == commits[-1], f"{name}: not at its last committed version"
        assert commits == list(range(commits[-1] + 1)), f"{name}: the log has holes: {commits}"
        tables[name] = table.to_pyarrow_table().to_pylist()
    return tables


def assert_no_duplicates(tables: dict[str, list[dict[str, Any]]]) -> None:
    for name in ("documents", "quarantine"):
        counts = Counter(r["source_uri"] for r in tables.get(name, []))
        assert [u for u, n in counts.items() if n > 1] == [], f"a source_uri twice in {name}"
    both = {r["source_uri"] for r in tables.get("documents", [])} & {
        r["source_uri"] for r in tables.get("quarantine", [])
    }
    assert both == set(), f"{len(both)} sources in both documents and quarantine"


def assert_complete(archive: Path, expected: dict[str, bytes]) -> dict[str, list[dict[str, Any]]]:
    tables = readable_tables(archive)
    assert_no_duplicates(tables)
    archived = {
        r["source_uri"]: r["raw"] for name in ("documents", "quarantine") for r in tables.get(name, [])
    }
    assert set(archived) == set(expected), (
        f"missing {len(set(expected) - set(archived))}, unexpected {len(set(archived) - set(expected))}"
    )
    wrong = [u for u, raw in archived.items() if raw != expected[u]]
    assert wrong == [], f"{len(wrong)} rows do not hold their file's bytes, e.g. {wrong[:3]}"
    assert not (archive / STAGING_DIR).exists(), "a finished run left staging behind"
    for name in ("documents", "quarantine"):
        orphans = _data_files(archive, name) - _named_by_any_version(archive, name)
        assert orphans == set(), f"{name}: data files no version names (left by a killed run): {orphans}"
    return tables


def _named_by_any_version(archive: Path, name: str) -> set[str]:
    latest = DeltaTable(str(archive / name)).version()
    named: set[str] = set()
    for version in range(latest + 1):
        actions = pa.table(DeltaTable(str(archive / name), version=version).get_add_actions(flatten=True))
        named.update(actions.column("path").to_pylist())
    return named


def _staged(archive: Path) -> bool:
    return any((archive / STAGING_DIR).glob("*/*/batch-*.parquet"))


def _committed(archive: Path, name: str, version: int) -> bool:
    return (archive / name / "_delta_log" / f"{version:020d}.json").exists()


def _data_files(archive: Path, name: str) -> set[str]:
    return {p.name for p in (archive / name).glob("*.parquet")}


@pytest.mark.slow  # several real CLI runs: ~1–2.5 min with -n 2
def test_kill_9_at_any_moment_leaves_readable_tables_and_the_next_run_completes(
    prefect_server: None, tmp_path: Path
) -> None:
    crawl, archive, home = tmp_path / "crawl", tmp_path / "archive", tmp_path / "home"
    expected = make_corpus(crawl, 1000)

    # 1. One second in: Prefect is still starting.
    run = Run(crawl, archive, home, "kill-at-1s")
    run.kill_when(lambda: time.monotonic() - run.started > 1.0)
    assert_no_duplicates(readable_tables(archive))

    # 2. While batches are being processed and staged.
    run = Run(crawl, archive, home, "kill-while-staging")
    run.kill_when(lambda: _staged(archive))
    assert readable_tables(archive) == {}, "nothing may be committed before every batch is staged"

    # 3. In the commit: documents is written, quarantine and runs not yet.
    run = Run(crawl, archive, home, "kill-in-commit")
    run.kill_when(lambda: _committed(archive, "documents", 0))
    tables = readable_tables(archive)
    assert_no_duplicates(tables)
    assert len(tables["documents"]) > 0

    # 4. The next run completes the work, and a second one finds nothing to do.
    run = Run(crawl, archive, home, "complete")
    assert run.wait() == 0, run.output[-3000:]
    tables = assert_complete(archive, expected)
    assert len(tables["quarantine"]) == 40
    assert not (archive / LOCK_FILE).read_bytes(), "the lock file still names a holder"

    # 5. Half the files change; the run is killed while its MERGE writes data files.
    before = {r["source_uri"]: r["raw_sha256"] for r in tables["documents"]}
    version_before = DeltaTable(str(archive / "documents")).version()
    files_before = _data_files(archive, "documents")
    changed = {}
    for i, (uri, data) in enumerate(sorted(expected.items())):
        if i % 2 and uri in before:
            changed[uri] = data + "\n（本文已更新。）\n".encode()
    for uri, data in changed.items():
        Path(uri.removeprefix("file://")).write_bytes(data)
    expected.update(changed)
    run = Run(crawl, archive, home, "kill-in-merge")
    run.kill_when(lambda: bool(_data_files(archive, "documents") - files_before))
    tables = readable_tables(archive)
    assert_no_duplicates(tables)
    if DeltaTable(str(archive / "documents")).version() == version_before:
        now = {r["source_uri"]: r["raw_sha256"] for r in tables["documents"]}
        assert now == before, "the table changed without a commit"

    # 6. The next run completes it: every changed file replaced, in one new version.
    run = Run(crawl, archive, home, "complete-again")
    assert run.wait() == 0, run.output[-3000:]
    tables = assert_complete(archive, expected)
    assert DeltaTable(str(archive / "documents")).version() <= version_before + 2
    runs = tables["runs"]
    assert len({r["run_id"] for r in runs}) == len(runs)


@pytest.mark.slow  # several real CLI runs: ~1–2.5 min with -n 2
def test_two_ingests_into_one_archive_at_once(prefect_server: None, tmp_path: Path) -> None:
    crawl, archive = tmp_path / "crawl", tmp_path / "archive"
    # Enough pages that the winner's run outlasts the loser's refusal, which comes when the
    # loser's flow takes the lock (the flow is where the lock is taken), a second or two in.
    expected = make_corpus(crawl, 6000)
    first = Run(crawl, archive, tmp_path / "home-1", "first")
    second = Run(crawl, archive, tmp_path / "home-2", "second")
    pending = {first, second}
    deadline = time.monotonic() + RUN_TIMEOUT
    while pending:  # note when each one ends, to tell "stopped at once" from "waited for the other"
        for run in list(pending):
            if run.process.poll() is not None:
                run.wait()
                pending.discard(run)
        assert time.monotonic() < deadline
        time.sleep(0.01)
    codes = {first.process.returncode, second.process.returncode}
    outputs = {"first": first.output, "second": second.output}
    assert 0 in codes, outputs
    for run, other in ((first, second), (second, first)):
        if run.process.returncode == 0:
            continue
        assert run.finished is not None and other.finished is not None
        assert run.finished < other.finished, "the second writer waited for the first instead of stopping"
        said = " ".join(run.output.split())  # Rich wraps long lines
        assert "is being written by" in said and "wait for that run to finish" in said, run.output
    tables = assert_complete(archive, expected)
    succeeded = [run for run in (first, second) if run.process.returncode == 0]
    assert len(tables["runs"]) == len(succeeded), "a refused run recorded itself, or a run is missing"

    final = Run(crawl, archive, tmp_path / "home-3", "final")
    assert final.wait() == 0, final.output[-3000:]
    assert_complete(archive, expected)
    # Last, as it matters least: the refused run's message is not buried under a traceback. (The CLI
    # probes the lock before the flow starts, but two runs started together both pass the probe,
    # and the loser then fails inside the Prefect flow, whose engine logs the traceback.)
    for run in (first, second):
        assert run.process.returncode == 0 or "Traceback" not in run.output, (
            f"the refused run printed a traceback:\n{run.output[-4000:]}"
        )


# --- a worker process dies -----------------------------------------------------------------------


def _alive(pids: set[int]) -> set[int]:
    """Those of ``pids`` that run still (a zombie waits for whoever reaps orphans here)."""
    alive = set()
    for pid in pids:
        with contextlib.suppress(OSError):
            if (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] not in "ZX":
                alive.add(pid)
    return alive


def _pool_worker(run: Run, timeout: float = 120) -> int:
    """The pid of a worker process of the run's pool, once the run has finished a batch."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and run.process.poll() is None:
        if re.search(r"batch \d+: \d+ files", run.output):
            for pid in _process_group(run.process.pid) - {run.process.pid}:
                with contextlib.suppress(OSError):
                    command = (Path("/proc") / str(pid) / "cmdline").read_bytes()
                    if b"spawn_main" in command and b"resource_tracker" not in command:
                        return pid
        time.sleep(0.01)
    raise AssertionError("no batch done in a worker process:\n" + run.output[-2000:])


@pytest.mark.slow  # a real CLI run of 3,000 files: ~40 s with -n 2
def test_a_killed_worker_process_is_replaced_and_its_batch_retried_so_the_run_completes(
    prefect_server: None, tmp_path: Path
) -> None:
    """A worker killed from outside (as the OOM killer does, mid-run): the pool replaces it, its batch
    is retried file by file (no file of it kills a worker alone, so none is quarantined for it), the
    run says so and commits every file (before 03d5da4 such a run failed and committed nothing)."""
    crawl, archive, home = tmp_path / "crawl", tmp_path / "archive", tmp_path / "home"
    expected = make_corpus(crawl, 3000)
    run = Run(crawl, archive, home, "worker-killed")  # 15 batches: the lean process pool
    os.kill(_pool_worker(run), signal.SIGKILL)
    code = run.wait(timeout=240)  # not a hang
    said = " ".join(run.output.split())
    assert code == 0, run.output[-3000:]
    assert "worker process died" in said and "retrying its" in said, run.output[-3000:]
    tables = assert_complete(archive, expected)
    died = [
        r["source_uri"]
        for r in tables.get("quarantine", [])
        if "worker" in str(r["reason"]) + str(r["errors"])
    ]
    assert died == [], died  # the kill came from outside: no file is blamed for it
    _wait_gone(_process_group(run.process.pid))
    assert _alive(_process_group(run.process.pid)) == set(), "a worker outlived the run"


# --- a run refused by the lock, as a user sees it ------------------------------------------------


@pytest.fixture(scope="module")
def refused(prefect_server: None, tmp_path_factory: pytest.TempPathFactory) -> tuple[Run, float]:
    """``zharchive ingest`` into an archive whose lock another (spawned) process holds."""
    base = tmp_path_factory.mktemp("refused")
    crawl, archive = base / "crawl", base / "archive"
    make_corpus(crawl, 10)
    context = multiprocessing.get_context("spawn")
    ready, told = context.Pipe(duplex=False)
    holder = context.Process(target=_hold_lock, args=(str(archive), told))
    holder.start()
    try:
        assert ready.poll(120) and ready.recv() == "locked"
        run = Run(crawl, archive, base / "home", "refused")
        run.wait()
        seconds = time.monotonic() - run.started
    finally:
        holder.kill()
        holder.join(60)
    return run, seconds


def test_a_run_refused_by_the_lock_says_why_at_once_without_a_traceback(refused: tuple[Run, float]) -> None:
    run, seconds = refused
    said = " ".join(run.output.split())
    assert run.process.returncode == 2, run.output
    assert "error:" in said and "is being written by run holder (pid" in said, run.output
    assert "wait for that run to finish, then run again" in said
    assert "Traceback" not in run.output, run.output
    # Before Prefect starts: the CLI reads the holder from the lock file (the flow's take is the
    # guard when two start together, test_two_ingests_into_one_archive_at_once).
    assert seconds < 15, f"{seconds:.0f} s to refuse"
    assert not DeltaTable.is_deltatable(str(run.log.parent / "archive" / "documents"))


# --- the lock itself, between processes started with spawn ----------------------------------------


def _hold_lock(archive: str, ready: Any) -> None:
    """Take the lock, stage something, say so, and hold on until killed."""
    from zharchive.archive.lock import archive_lock
    from zharchive.archive.staging import staging_dir

    with archive_lock(Path(archive), run_id="holder"):
        (staging_dir(Path(archive), "holder") / "documents").mkdir(parents=True)
        ready.send("locked")
        time.sleep(600)


def _try_lock(archive: str, results: Any) -> None:
    from zharchive.archive.lock import ArchiveBusyError, archive_lock

    started = time.perf_counter()
    try:
        with archive_lock(Path(archive), run_id="second"):
            results.put(("acquired", time.perf_counter() - started, ""))
    except ArchiveBusyError as exc:
        results.put(("busy", time.perf_counter() - started, str(exc)))


def test_a_second_writer_stops_at_once_and_a_killed_holder_frees_the_archive(tmp_path: Path) -> None:
    context = multiprocessing.get_context("spawn")
    archive = str(tmp_path / "archive")
    ready, told = context.Pipe(duplex=False)
    results = context.Queue()
    holder = context.Process(target=_hold_lock, args=(archive, told))
    holder.start()
    try:
        assert ready.poll(120) and ready.recv() == "locked", "the holder never took the lock"
        contender = context.Process(target=_try_lock, args=(archive, results))
        contender.start()
        outcome, seconds, message = results.get(timeout=120)
        contender.join(60)
        assert outcome == "busy" and seconds < 1.0, (outcome, seconds)
        assert f"is being written by run holder (pid {holder.pid}" in message, message
        assert "wait for that run to finish" in message
        # The CLI's early answer reads the same holder from the lock file, without locking.
        assert f"run holder (pid {holder.pid}" in (current_holder(Path(archive)) or "")

        holder.kill()  # SIGKILL: the kernel drops the flock with the process
        holder.join(60)
        assert holder.exitcode == -signal.SIGKILL
        # Its line is still in the lock file, but its process is gone: no holder.
        assert (Path(archive) / LOCK_FILE).read_text() and current_holder(Path(archive)) is None
        after = context.Process(target=_try_lock, args=(archive, results))
        after.start()
        outcome, _, message = results.get(timeout=120)
        after.join(60)
        assert outcome == "acquired", message
        assert not (Path(archive) / STAGING_DIR / "holder").exists(), "the dead run's staging was left"
    finally:
        if holder.is_alive():
            holder.kill()
        holder.join(60)


def _descendants(pid: int) -> set[int]:
    children: dict[int, set[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except OSError:
                continue
            children.setdefault(parent, set()).add(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), set()) - found:
            found.add(child)
            todo.append(child)
    return found


@pytest.mark.slow  # starts its own temporary Prefect server: ~10-20 s
def test_ctrl_c_stops_a_run_with_its_own_server_at_once_and_leaves_no_process(
    prefect_server: None, tmp_path: Path
) -> None:
    crawl, archive, home = tmp_path / "crawl", tmp_path / "archive", tmp_path / "home"
    expected = make_corpus(crawl, 1000)
    env = cli_env(home)
    del env["PREFECT_API_URL"]  # no server configured: the run starts a temporary one of its own
    log = tmp_path / "interrupted.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [str(ZHARCHIVE), "ingest", str(crawl), "--archive", str(archive), "--batch-size", BATCH_SIZE],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # a terminal's foreground group: Ctrl-C signals all of it
        )
    deadline = time.monotonic() + RUN_TIMEOUT
    while process.poll() is None and not _staged(archive):
        assert time.monotonic() < deadline, "no batch was ever staged"
        time.sleep(0.01)
    started = _descendants(process.pid)  # the server (in a session of its own) and the pool workers
    assert process.poll() is None, "the run ended before it could be interrupted:\n" + log.read_text()
    interrupted = time.monotonic()
    os.killpg(process.pid, signal.SIGINT)
    code = process.wait(timeout=120)
    took = time.monotonic() - interrupted
    output = log.read_text("utf-8", "replace")
    assert code == 130, output[-3000:]
    assert "interrupted" in output and "Traceback" not in output, output[-3000:]
    assert took < 60, f"Ctrl-C took {took:.0f} s to stop the run"
    _wait_gone(started)
    alive = [pid for pid in started if Path(f"/proc/{pid}").exists() and _state(pid) not in ("Z", "X")]
    assert alive == [], f"processes left running after Ctrl-C: {alive}"

    assert_no_duplicates(readable_tables(archive))
    assert Run(crawl, archive, home, "after-ctrl-c").wait() == 0
    assert_complete(archive, expected)


@pytest.mark.slow  # one real CLI run, killed while its workers are busy: ~10 s
def test_kill_9_of_the_command_alone_leaves_no_worker_running(prefect_server: None, tmp_path: Path) -> None:
    # A supervisor or the OOM killer kills the process it sees, not its group: the workers, which
    # the dead flow process can no longer end, must notice and go.
    crawl, archive, home = tmp_path / "crawl", tmp_path / "archive", tmp_path / "home"
    make_corpus(crawl, 1000)
    run = Run(crawl, archive, home, "kill-command-only")
    deadline = time.monotonic() + RUN_TIMEOUT
    while run.process.poll() is None and not _staged(archive):
        assert time.monotonic() < deadline, "no batch was ever staged"
        time.sleep(0.01)
    started = _descendants(run.process.pid)
    assert run.process.poll() is None and len(started) >= 2, run.output[-3000:]
    os.kill(run.process.pid, signal.SIGKILL)
    assert run.wait() == -signal.SIGKILL
    _wait_gone(started)
    alive = [pid for pid in started if Path(f"/proc/{pid}").exists() and _state(pid) not in ("Z", "X")]
    assert alive == [], f"processes left running after kill -9 of the command: {alive}"


def _state(pid: int) -> str:
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "X"


@pytest.mark.slow  # starts a temporary Prefect server: ~10 s
def test_a_temporary_server_ends_with_the_process_that_started_it_even_on_kill_9(tmp_path: Path) -> None:
    # The server runs in a session of its own (so Ctrl-C does not stop it under the flow): nothing
    # would end it when its parent is killed, but the parent-death signal it is started with.
    script = (
        "import os, sys, time\n"
        "from flows.server import TemporaryServer\n"
        "server = TemporaryServer()\n"
        "server.start(timeout=120)\n"
        "print(server.process.pid, flush=True)\n"
        "time.sleep(600)\n"
    )
    env = cli_env(tmp_path / "home")
    del env["PREFECT_API_URL"]
    parent = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "python"), "-c", script],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert parent.stdout is not None
    server_pid = int(parent.stdout.readline())
    assert _state(server_pid) not in ("Z", "X")
    parent.kill()
    parent.wait()
    _wait_gone({server_pid})
    assert _state(server_pid) in ("Z", "X"), "the server outlived the process that started it"
