"""One writer per archive: ``archive_lock`` is where a run checks the archive's schema, takes the
write lock, and settles what runs that died left behind.

On a local folder the lock is an ``flock`` of ``ARCHIVE/.zharchive.lock``, which the kernel releases
when its holder dies. On an object store nothing is released by a death, so the lock is an object,
``ARCHIVE/.zharchive.lock``, created with a conditional PUT (``If-None-Match: *``: of two runs that
create it at once, the store lets one through) and holding who holds it: run id, host, pid, since
when, and a heartbeat the holder rewrites every ``HEARTBEAT_SECONDS`` (with ``If-Match`` on its own
last version). A lock is taken over only when its holder is known dead: on this host, its pid is
gone; on another host (whose pids cannot be asked), its heartbeat is older than
``LOCK_STALE_SECONDS``; the take-over is a conditional PUT on the version read (``If-Match``), so of
two runs taking over one dead lock, one wins. A holder whose lock was taken over (it stalled past
``LOCK_STALE_SECONDS``, a paused machine) finds out at its next heartbeat or at ``still_held``, and
commits nothing. ``zharchive unlock`` removes a named run's lock by hand.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import re
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from zharchive.archive.commit import Settled, settle_dead_run
from zharchive.archive.location import ArchivePath, archive_root, entries
from zharchive.archive.staging import STAGING_DIR
from zharchive.archive.tables import check_schema
from zharchive.errors import ArchiveError
from zharchive.objects import StorePath


class ArchiveBusyError(ArchiveError):
    """Another run holds the archive's write lock."""


LOCK_FILE = ".zharchive.lock"
_HOLDER_PID = re.compile(r"\(pid (\d+),")


_log = logging.getLogger(__name__)

# Heartbeats a live holder of a store lock writes; a lock unrefreshed for LOCK_STALE_SECONDS is a
# dead run's. Six missed beats: a busy machine or a slow store never loses a live run its lock.
HEARTBEAT_SECONDS = 20.0
LOCK_STALE_SECONDS = 120.0


def busy_message(folder: ArchivePath, holder: str) -> str:
    return f"{folder} is being written by {holder}; wait for that run to finish, then run again"


def current_holder(archive: ArchivePath) -> str | None:
    """Who holds the archive's lock now, read from the lock file without taking any lock: an early
    answer for the CLI before it starts a run (the run's own ``archive_lock`` is the guard). A
    holder that died (kill -9 leaves its line) is no holder: its pid is checked."""
    root = archive_root(archive)
    if isinstance(root, StorePath):
        held = (root / LOCK_FILE).read_versioned()
        if held is None:
            return None
        record = _parse_record(held[0])
        return None if _stale(record) is not None else _describe(record)
    try:
        text = (root / LOCK_FILE).read_text("utf-8", "replace").strip()
    except OSError:
        return None
    found = _HOLDER_PID.search(text)
    if not text or found is None or not process_alive(int(found[1])):
        return None
    return text


def process_alive(pid: int) -> bool:
    """Whether a process with this pid runs (one of another user's counts)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextmanager
def archive_lock(archive: ArchivePath, *, run_id: str, schema: bool = True) -> Iterator[list[Settled]]:
    """Exclusive right to write ``archive`` for one run; a second run stops at once, clearly.

    The one place a run checks the archive before writing: the lock, then the tables' schema
    (``check_schema``) under it; the flow takes it once per run. flock is released by the kernel
    when the holder dies, even by kill -9, so a crashed run never leaves the archive locked. Runs
    that died leave their staging behind, and maybe files moved into a table they never committed;
    the holder settles both first (``settle_dead_run``) and is given what it found: the dead runs
    whose finished batches stay staged for it to adopt, and rows set aside. ``schema=False``: no
    schema check (``zharchive upgrade``, which is what an archive of an older schema needs).
    """
    if isinstance(archive, StorePath):
        with _store_lock(archive, run_id=run_id):
            if schema:
                check_schema(archive)
            yield _settle(archive)
        return
    folder = Path(archive).resolve()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(folder / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise ArchiveError(f"cannot write the archive at {folder}: {exc.strerror or exc}") from exc
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = os.pread(fd, 512, 0).decode("utf-8", "replace").strip() or "another process"
        os.close(fd)
        raise ArchiveBusyError(busy_message(folder, holder)) from None
    try:
        if schema:
            check_schema(folder)  # under the lock: no other run changes the tables in between
        os.ftruncate(fd, 0)
        since = f"{datetime.now(UTC):%Y-%m-%d %H:%M:%S} UTC"
        os.pwrite(fd, f"run {run_id} (pid {os.getpid()}, since {since})".encode(), 0)
        yield _settle(folder)
    finally:
        os.ftruncate(fd, 0)
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def _settle(root: ArchivePath) -> list[Settled]:
    # Nothing is staged yet under this lock: any staging is a run's that died (an earlier
    # attempt of this flow run among them: each attempt has a run id of its own).
    stale = entries(root / STAGING_DIR)
    return [settle_dead_run(root, entry.name) for entry in stale if entry.is_dir()]


def _now() -> datetime:
    return datetime.now(UTC)


def _parse_record(data: bytes) -> dict[str, Any]:
    """The lock object's record; an unreadable one is a holder nobody can name (taken as dead only
    by its age, ``_stale``)."""
    try:
        record = json.loads(data)
    except ValueError:
        return {}
    return record if isinstance(record, dict) else {}


def _stale(record: dict[str, Any]) -> str | None:
    """Why the lock's holder is dead, or None while it may be alive."""
    host, pid = record.get("host"), record.get("pid")
    if host == socket.gethostname() and isinstance(pid, int) and not process_alive(pid):
        return f"its process (pid {pid} on this host, {host}) is gone"
    try:
        beat = datetime.fromisoformat(str(record["heartbeat"]))
    except (KeyError, ValueError):
        return "its lock object does not say who holds it"
    age = (_now() - beat).total_seconds()
    if age > LOCK_STALE_SECONDS:
        return f"its heartbeat is {age:.0f} s old (a live holder rewrites it every {HEARTBEAT_SECONDS:.0f} s)"
    return None


def _describe(record: dict[str, Any]) -> str:
    if not record.get("run_id"):
        return "a holder that left no readable lock record"
    return (
        f"run {record['run_id']} (pid {record.get('pid')} on {record.get('host')}, since "
        f"{record.get('started', '?')}, last heartbeat {record.get('heartbeat', '?')})"
    )


@dataclass
class _StoreHold:
    """A store lock held by this process: the version it last wrote, and its heartbeat."""

    path: StorePath
    record: dict[str, Any]
    e_tag: str
    lost: threading.Event = field(default_factory=threading.Event)
    stop: threading.Event = field(default_factory=threading.Event)

    def beat(self) -> None:
        while not self.stop.wait(HEARTBEAT_SECONDS):
            self.record["heartbeat"] = _now().isoformat()
            try:
                e_tag = self.path.replace_if(json.dumps(self.record).encode(), self.e_tag)
            except OSError:
                continue  # the store did not answer: the next beat tries again
            if e_tag is None:
                self.lost.set()  # taken over: this run stalled past LOCK_STALE_SECONDS
                return
            self.e_tag = e_tag


_HELD: dict[str, _StoreHold] = {}


def still_held(archive: ArchivePath, run_id: str) -> None:
    """Raise ``ArchiveBusyError`` when this run's store lock was taken over since it was taken: what
    the flow asks before each commit. (A local flock cannot be lost while its holder lives.)"""
    root = archive_root(archive)
    if not isinstance(root, StorePath):
        return
    hold = _HELD.get(str(root))
    held = (root / LOCK_FILE).read_versioned()
    record = _parse_record(held[0]) if held is not None else {}
    if hold is None or hold.lost.is_set() or record.get("run_id") != run_id:
        raise ArchiveBusyError(
            f"run {run_id} lost the lock of {root} (it stalled for over {LOCK_STALE_SECONDS:.0f} s and "
            f"{_describe(record) if record else 'nobody'} holds it now): nothing of this run was "
            "committed; its batches stay staged for the next ingest to adopt"
        )


@contextmanager
def _store_lock(root: StorePath, *, run_id: str) -> Iterator[None]:
    path = root / LOCK_FILE
    started = _now().isoformat()
    record = {
        "run_id": run_id,
        "host": socket.gethostname(),
        "pid": os.getpid(),
        "started": started,
        "heartbeat": started,
    }
    data = json.dumps(record).encode()
    e_tag: str | None = None
    try:
        for _attempt in range(5):
            if path.create(data):
                e_tag = path.e_tag()
                break
            held = path.read_versioned()
            if held is None:
                continue  # released between the two requests: try to create it again
            holder = _parse_record(held[0])
            dead = _stale(holder)
            if dead is None:
                raise ArchiveBusyError(busy_message(root, _describe(holder)))
            # A dead holder's lock: replaced only if it is still the version read, so of two runs
            # taking over the same dead lock one wins and the other is told who holds it.
            e_tag = path.replace_if(data, held[1])
            if e_tag is not None:
                _log.warning("took over the lock of %s from %s: %s", root, _describe(holder), dead)
                break
    except OSError as exc:  # the store did not answer (ObjectError): one line, not a traceback
        raise ArchiveError(f"cannot lock the archive at {root}: {exc}") from None
    if e_tag is None:
        raise ArchiveBusyError(busy_message(root, "another run (its lock changed while it was read)"))
    hold = _StoreHold(path, record, e_tag)
    thread = threading.Thread(target=hold.beat, name="zharchive-lock-heartbeat", daemon=True)
    thread.start()
    _HELD[str(root)] = hold
    try:
        yield
    finally:
        hold.stop.set()
        thread.join()
        _HELD.pop(str(root), None)
        if not hold.lost.is_set() and path.e_tag() == hold.e_tag:
            path.unlink(missing_ok=True)


def unlock(archive: ArchivePath, *, run_id: str) -> str:
    """Remove the store lock of ``run_id`` by hand (``zharchive unlock``): for a holder known dead
    before its heartbeat is old enough. Refused when the lock names another run; returns what it
    removed. A local archive's flock needs no such thing (the kernel releases it)."""
    root = archive_root(archive)
    if not isinstance(root, StorePath):
        raise ArchiveError(
            f"{root} is a local archive: its lock is released by the kernel when its holder dies; "
            "nothing to unlock"
        )
    path = root / LOCK_FILE
    held = path.read_versioned()
    if held is None:
        raise ArchiveError(f"{root} is not locked")
    record = _parse_record(held[0])
    if record.get("run_id") != run_id:
        raise ArchiveError(f"{root} is locked by {_describe(record)}, not by run {run_id}; nothing removed")
    # Removed only if it is still that version: a run that took it over since keeps it.
    if path.replace_if(held[0], held[1]) is None:
        raise ArchiveError(f"the lock of {root} changed while it was read; nothing removed")
    path.unlink(missing_ok=True)
    return _describe(record)
