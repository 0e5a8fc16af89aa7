"""Named failures. A ``StageError`` becomes a quarantine row; it never escapes a batch."""

from __future__ import annotations

import errno
from collections.abc import Iterator
from contextlib import contextmanager

from schemas import ErrorDetail, Stage


class ZharchiveError(Exception):
    """Base class of everything zharchive raises on purpose."""


# A reason is read in a table cell and a log line: one line, and not a page long.
MAX_REASON_CHARS = 500


def one_line(reason: str) -> str:
    """``reason`` with its line breaks and runs of white space as single spaces, cut at
    ``MAX_REASON_CHARS`` (an exception's message, a file name with a newline in it)."""
    line = " ".join(reason.split())
    return line if len(line) <= MAX_REASON_CHARS else line[: MAX_REASON_CHARS - 1] + "…"


class StageError(ZharchiveError):
    """A file cannot go on past ``stage``; ``reason`` is the line a person reads in quarantine
    (``one_line``: what the archive stores and later runs compare), the full text in ``details``."""

    stage: Stage = "validate"

    def __init__(self, reason: str, *, error_type: str, details: list[ErrorDetail] | None = None) -> None:
        super().__init__(reason)
        self.reason = one_line(reason)
        self.error_type = error_type
        self.details = details or [ErrorDetail(loc=[self.stage], msg=reason, type=error_type)]


class ReadError(StageError):
    """The file's bytes cannot be archived: unreadable, or above the size cap (then hashed by streaming)."""

    stage = "read"

    def __init__(
        self, reason: str, *, error_type: str, size: int | None = None, raw_sha256: str | None = None
    ) -> None:
        super().__init__(reason, error_type=error_type)
        self.size = size
        self.raw_sha256 = raw_sha256


class DecodeError(StageError):
    stage = "decode"


class CleanError(StageError):
    stage = "clean"


class ArchiveError(ZharchiveError):
    """The archive cannot be read or written (a table is missing columns, or is not a Delta table)."""


class ArchiveWriteError(ArchiveError):
    """Writing the archive failed at the file system (a full disk, a quota, permissions): said in one
    line naming where and what to do; raised by ``cannot_write``."""


@contextmanager
def cannot_write(what: str, where: object) -> Iterator[None]:
    """Turn an ``OSError`` of the file system while doing ``what`` in ``where`` into one line that
    says what was left and what to do (issue 18: a full disk while staging gave a traceback)."""
    try:
        yield
    except OSError as exc:
        why = exc.strerror or str(exc)
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            advice = "free space on that disk (or raise the quota)"
        else:
            advice = "fix that"
        raise ArchiveWriteError(
            f"cannot {what} in {where}: {one_line(why)}; {advice} and run the same command again "
            "(the tables are at their last committed version, and the batches already staged are "
            "adopted by that run)"
        ) from exc


class RunInterrupted(ZharchiveError):
    """The run was stopped by Ctrl-C: what a Cancelled flow run raises to its caller (an Exception,
    not the KeyboardInterrupt itself, which would stop the event loop thread Prefect reads the state
    on)."""
