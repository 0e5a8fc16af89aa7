"""What a source file is called: its URI in the archive, its path as text, its real path; and what
the archive already knows of a source that it could not read.

Every stage, the archive and the CLI name files the same way through these.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple
from urllib.parse import quote_from_bytes

from zharchive.errors import ReadError

# Sources that are objects on a store, not paths (zharchive.objects reads them).
OBJECT_SCHEMES = ("s3://",)


def source_uri(path: str | Path) -> str:
    """``file://`` URI of the absolute path; bytes that are not URL-safe are percent-encoded.

    What ``Path(...).as_uri()`` gives (tests/test_discover.py compares them on awkward names),
    without building a Path: 27 -> 2 µs, and it is asked for every file several times a run."""
    if isinstance(path, str) and path.startswith(OBJECT_SCHEMES):
        return path  # an object's URI already (zharchive.objects)
    return "file://" + quote_from_bytes(os.fsencode(os.path.abspath(path)))


def display_path(path: Path | str) -> str:
    """The path as text that always encodes to UTF-8 (a name that is not UTF-8 keeps its bytes as \\xNN)."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def real_path(path: str | Path) -> str:
    """``path`` absolute, with its folder's links resolved and its last component kept (a link
    stays a link): how discovery names a file, so the archive knows it by that name."""
    folder, name = os.path.split(os.path.abspath(path))
    return os.path.join(os.path.realpath(folder), name)


class ArchivedReadFailure(NamedTuple):
    """A quarantine row of the read stage (unreadable, too large): the archive has no bytes of it."""

    reason: str
    raw_sha256: str | None

    def same_as(self, exc: ReadError) -> bool:
        """Whether reading the file again failed the same way on the same bytes (nothing to record)."""
        return self.reason == exc.reason and self.raw_sha256 == exc.raw_sha256
