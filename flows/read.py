"""Stage 2: read a file's exact bytes and hash them. The only stage that touches the source tree."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from flows.discover import display_path
from flows.errors import ReadError
from schemas import SourceFile

DEFAULT_MAX_BYTES = 64 * 1024 * 1024


def source_uri(path: str | Path) -> str:
    """``file://`` URI of the absolute path; bytes that are not URL-safe are percent-encoded."""
    return Path(os.path.abspath(path)).as_uri()


def _stream_hash(path: str | Path, chunk: int = 1 << 20) -> tuple[int, str]:
    digest, size = hashlib.sha256(), 0
    with open(path, "rb") as handle:
        while block := handle.read(chunk):
            digest.update(block)
            size += len(block)
    return size, digest.hexdigest()


def read_source(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceFile:
    """The file's bytes with their sha256. Raises ``ReadError`` when it cannot be read whole."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read(max_bytes + 1)
    except OSError as exc:
        raise ReadError(
            f"cannot read {display_path(path)}: {exc.strerror or exc}", error_type="unreadable"
        ) from exc
    if len(raw) > max_bytes:
        size, digest = _stream_hash(path)
        raise ReadError(
            f"file is {size:,} bytes, above the {max_bytes:,}-byte cap (--max-bytes); "
            "kept as its hash and size",
            error_type="too_large",
            size=size,
            raw_sha256=digest,
        )
    return SourceFile(
        source_uri=source_uri(path),
        path=display_path(path),
        size=len(raw),
        raw_sha256=hashlib.sha256(raw).hexdigest(),
        raw=raw,
    )
