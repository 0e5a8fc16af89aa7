"""Stage 2: read a file's exact bytes and hash them. The only stage that touches the source tree."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from schemas import SourceFile
from zharchive.errors import ReadError
from zharchive.sources import display_path, source_uri

DEFAULT_MAX_BYTES = 64 * 1024 * 1024

# The path is opened as discovery saw it, a regular file: a link or a FIFO put in its place since
# then is refused, not followed (a FIFO would block the open and the read for good).
_OPEN_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)


def read_source(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceFile:
    """The file's bytes with their sha256. Raises ``ReadError`` when it cannot be read whole."""
    if max_bytes < 0:
        raise ValueError(f"max_bytes must be 0 or more, not {max_bytes}")
    try:
        handle = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise ReadError(
            f"cannot read {display_path(path)}: {exc.strerror or exc}", error_type="unreadable"
        ) from exc
    # One descriptor for every read, the hash of an over-cap file included: the path may change.
    with open(handle, "rb") as file:
        try:
            if not stat.S_ISREG(os.fstat(handle).st_mode):
                raise ReadError(
                    f"cannot read {display_path(path)}: no longer a regular file", error_type="unreadable"
                )
            raw = file.read(max_bytes + 1)
            if len(raw) > max_bytes:
                file.seek(0)
                digest = hashlib.file_digest(file, "sha256").hexdigest()
                size = file.tell()
                raise ReadError(
                    f"file is {size:,} bytes, above the {max_bytes:,}-byte cap (--max-bytes); "
                    "kept as its hash and size",
                    error_type="too_large",
                    size=size,
                    raw_sha256=digest,
                )
        except OSError as exc:
            raise ReadError(
                f"cannot read {display_path(path)}: {exc.strerror or exc}", error_type="unreadable"
            ) from exc
    return SourceFile(
        source_uri=source_uri(path),
        path=display_path(path),
        size=len(raw),
        raw_sha256=hashlib.sha256(raw).hexdigest(),
        raw=raw,
    )
