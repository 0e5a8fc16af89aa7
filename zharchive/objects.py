"""Sources on an object store (``s3://bucket/prefix``): listed and read through ``obstore``.

What MinIO, Ceph, R2, OSS and AWS all speak is the S3 API; ``obstore`` (Rust, wheels from the
registry) talks it with the standard ``AWS_*`` variables of the process that reads: endpoint
(``AWS_ENDPOINT_URL``), credentials, region, ``AWS_ALLOW_HTTP=true`` for a server on plain HTTP.
Nothing of them is written anywhere by zharchive: a source is known by its ``s3://bucket/key`` URI
alone, in the archive, its logs and artifacts. A worker process builds its own client (one per
bucket) from its own environment. The archive itself stays on a local path (issue 20 asks for it
on the store too: not built yet).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from zharchive.sources import OBJECT_SCHEMES


def is_object_uri(source: object) -> bool:
    return isinstance(source, str) and source.startswith(OBJECT_SCHEMES)


def split(uri: str) -> tuple[str, str]:
    """``s3://bucket/a/b.txt`` → (``s3://bucket``, ``a/b.txt``)."""
    scheme, _, rest = uri.partition("://")
    bucket, _, key = rest.partition("/")
    return f"{scheme}://{bucket}", key


@lru_cache(maxsize=64)
def _store(bucket_url: str) -> Any:
    from obstore.store import from_url

    return from_url(bucket_url)


class ObjectError(Exception):
    """An object that cannot be listed or read, said in one line (no credentials in it)."""


def _why(exc: Exception) -> str:
    # obstore's messages carry a request's whole debug dump: its first line is the reason.
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return first[:300]


def list_objects(prefix_uri: str) -> Iterator[tuple[str, int]]:
    """(URI, size) of every object under ``prefix_uri`` (a "folder" ends in ``/``, or is made one:
    ``s3://b/crawl`` lists ``crawl/…``, not ``crawl2/…``). Raises ``ObjectError``."""
    import obstore

    bucket_url, key = split(prefix_uri)
    prefix = key if not key or key.endswith("/") else key + "/"
    try:
        for chunk in obstore.list(_store(bucket_url), prefix=prefix or None):
            for meta in chunk:
                yield f"{bucket_url}/{meta['path']}", int(meta["size"])
    except Exception as exc:
        raise ObjectError(f"cannot list {prefix_uri}: {_why(exc)}") from exc


def read_object(uri: str, *, max_bytes: int) -> tuple[bytes | None, int, str]:
    """(bytes, size, sha256) of the object; bytes None when it is over ``max_bytes`` (then it is
    hashed as it streams, never held whole). Raises ``ObjectError``."""
    import obstore

    bucket_url, key = split(uri)
    try:
        result = obstore.get(_store(bucket_url), key)
        size = int(result.meta["size"])
        if size <= max_bytes:
            data = bytes(result.bytes())
            return data, len(data), hashlib.sha256(data).hexdigest()
        digest = hashlib.sha256()
        held = 0
        for chunk in result.stream():
            digest.update(chunk)
            held += len(chunk)
        return None, held, digest.hexdigest()
    except Exception as exc:
        raise ObjectError(f"cannot read {uri}: {_why(exc)}") from exc
