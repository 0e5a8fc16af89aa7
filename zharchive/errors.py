"""Named failures. A ``StageError`` becomes a quarantine row; it never escapes a batch."""

from __future__ import annotations

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


class RunInterrupted(ZharchiveError):
    """The run was stopped by Ctrl-C: what a Cancelled flow run raises to its caller (an Exception,
    not the KeyboardInterrupt itself, which would stop the event loop thread Prefect reads the state
    on)."""
