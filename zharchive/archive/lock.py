"""One writer per archive: ``archive_lock`` is where a run checks the archive's schema, takes the
write lock, and settles what runs that died left behind.
"""

from __future__ import annotations

import fcntl
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from zharchive.archive.commit import Settled, settle_dead_run
from zharchive.archive.staging import STAGING_DIR
from zharchive.archive.tables import check_schema
from zharchive.errors import ArchiveError


class ArchiveBusyError(ArchiveError):
    """Another run holds the archive's write lock."""


LOCK_FILE = ".zharchive.lock"
_HOLDER_PID = re.compile(r"\(pid (\d+),")


def busy_message(folder: Path, holder: str) -> str:
    return f"{folder} is being written by {holder}; wait for that run to finish, then run again"


def current_holder(archive: Path) -> str | None:
    """Who holds the archive's lock now, read from the lock file without taking any lock: an early
    answer for the CLI before it starts a run (the run's own ``archive_lock`` is the guard). A
    holder that died (kill -9 leaves its line) is no holder: its pid is checked."""
    try:
        text = (Path(archive).resolve() / LOCK_FILE).read_text("utf-8", "replace").strip()
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
def archive_lock(archive: Path, *, run_id: str, schema: bool = True) -> Iterator[list[Settled]]:
    """Exclusive right to write ``archive`` for one run; a second run stops at once, clearly.

    The one place a run checks the archive before writing: the lock, then the tables' schema
    (``check_schema``) under it; the flow takes it once per run. flock is released by the kernel
    when the holder dies, even by kill -9, so a crashed run never leaves the archive locked. Runs
    that died leave their staging behind, and maybe files moved into a table they never committed;
    the holder settles both first (``settle_dead_run``) and is given what it found: the dead runs
    whose finished batches stay staged for it to adopt, and rows set aside. ``schema=False``: no
    schema check (``zharchive upgrade``, which is what an archive of an older schema needs).
    """
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
        # Nothing is staged yet under this lock: any staging is a run's that died (an earlier
        # attempt of this flow run among them: each attempt has a run id of its own).
        stale = sorted((folder / STAGING_DIR).iterdir()) if (folder / STAGING_DIR).is_dir() else []
        yield [settle_dead_run(folder, entry.name) for entry in stale if entry.is_dir()]
    finally:
        os.ftruncate(fd, 0)
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
