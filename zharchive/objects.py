"""Sources on an object store (``s3://bucket/prefix``): listed and read through ``obstore``.

What MinIO, Ceph, R2, OSS and AWS all speak is the S3 API; ``obstore`` (Rust, wheels from the
registry) talks it with the standard ``AWS_*`` variables of the process that reads: endpoint
(``AWS_ENDPOINT_URL``), credentials, region, ``AWS_ALLOW_HTTP=true`` for a server on plain HTTP.
Nothing of them is written anywhere by zharchive: a source is known by its ``s3://bucket/key`` URI
alone, in the archive, its logs and artifacts. A worker process builds its own client (one per
bucket) from its own environment. ``StorePath`` is an archive on the store (``--archive
s3://bucket/prefix``): see ``zharchive.archive.location``.
"""

from __future__ import annotations

import fnmatch
import hashlib
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import PurePosixPath
from typing import Any

from zharchive.sources import OBJECT_SCHEMES


def is_object_uri(source: object) -> bool:
    return isinstance(source, str) and source.startswith(OBJECT_SCHEMES)


def split(uri: str) -> tuple[str, str]:
    """``s3://bucket/a/b.txt`` → (``s3://bucket``, ``a/b.txt``)."""
    scheme, _, rest = uri.partition("://")
    bucket, _, key = rest.partition("/")
    return f"{scheme}://{bucket}", key


def _store(bucket_url: str) -> Any:
    """The client for a bucket, built from the ``AWS_*`` variables as they are now: one per bucket
    and settings, so a process whose variables change (a test's next server) never talks to the
    endpoint an earlier client was built for."""
    return _cached_store(
        bucket_url, tuple(sorted((k, v) for k, v in os.environ.items() if k.startswith("AWS_")))
    )


@lru_cache(maxsize=64)
def _cached_store(bucket_url: str, _environment: tuple[tuple[str, str], ...]) -> Any:
    from obstore.store import from_url

    return from_url(bucket_url)


class ObjectError(OSError):
    """An object that cannot be listed, read or written, said in one line (no credentials in it).
    An ``OSError``: where the archive writes, the store refusing is said as a full disk is
    (``zharchive.errors.cannot_write``)."""


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


def _configured_store(bucket_url: str, options: tuple[tuple[str, str], ...]) -> Any:
    """A client for a bucket with ``options`` (``--storage-option``) over the ``AWS_*`` variables
    obstore reads itself. One per process and bucket: a Dask worker builds its own."""
    if not options:
        return _store(bucket_url)
    environment = tuple(sorted((k, v) for k, v in os.environ.items() if k.startswith("AWS_")))
    return _cached_configured_store(bucket_url, options, environment)


@lru_cache(maxsize=64)
def _cached_configured_store(
    bucket_url: str, options: tuple[tuple[str, str], ...], _environment: tuple[tuple[str, str], ...]
) -> Any:
    from obstore.store import from_url

    return from_url(bucket_url, config={k.lower(): v for k, v in options})  # type: ignore[call-overload]


@dataclass(frozen=True)
class StatResult:
    st_size: int
    st_mtime: float


@dataclass(frozen=True, order=True)
class StorePath:
    """A place on an object store, used where the archive code holds a ``pathlib.Path``: the archive
    root and everything under it (tables, staging, the lock) when ``--archive s3://bucket/prefix``.

    It answers the few ``Path`` questions the archive code asks (``/``, ``name``, ``iterdir``,
    ``read_bytes``, ``unlink``…) with object-store calls, so one code path serves both; what an
    object store cannot do as a file system does (an atomic rename) is done by the helpers of
    ``zharchive.archive.location``, which say so. ``options``: the ``--storage-option`` pairs, for
    obstore and deltalake alike (both are the Rust ``object_store`` crate's configuration keys);
    never in its text or repr, so a path in a log line or a runs row carries no credential.
    """

    bucket_url: str  # s3://bucket
    key: str  # archive/documents: no leading or trailing slash ("" is the bucket itself)
    options: tuple[tuple[str, str], ...] = field(default=(), repr=False, compare=False)
    # What the listing that found this object said of it: ``stat`` answers from it instead of a
    # request per object (a table's log is listed, then every commit file's size looked at, each
    # time a table is opened). A path made by hand has none and asks the store.
    listed: StatResult | None = field(default=None, repr=False, compare=False)

    @classmethod
    def parse(cls, uri: str, options: Mapping[str, str] | None = None) -> StorePath:
        bucket_url, key = split(uri.rstrip("/"))
        return cls(bucket_url, key.strip("/"), tuple(sorted((options or {}).items())))

    def __str__(self) -> str:
        return f"{self.bucket_url}/{self.key}" if self.key else self.bucket_url

    def __truediv__(self, part: str | PurePosixPath) -> StorePath:
        part = str(part).strip("/")
        return StorePath(self.bucket_url, f"{self.key}/{part}" if self.key else part, self.options)

    @property
    def store(self) -> Any:
        return _configured_store(self.bucket_url, self.options)

    @property
    def storage_options(self) -> dict[str, str]:
        return dict(self.options)

    @property
    def name(self) -> str:
        return self.key.rsplit("/", 1)[-1]

    @property
    def stem(self) -> str:
        return PurePosixPath(self.name).stem

    @property
    def suffix(self) -> str:
        return PurePosixPath(self.name).suffix

    @property
    def parent(self) -> StorePath:
        return StorePath(self.bucket_url, self.key.rsplit("/", 1)[0] if "/" in self.key else "", self.options)

    @property
    def parts(self) -> tuple[str, ...]:
        return (self.bucket_url, *self.key.split("/"))

    def with_name(self, name: str) -> StorePath:
        return self.parent / name

    def with_suffix(self, suffix: str) -> StorePath:
        return self.with_name(self.stem + suffix)

    def resolve(self) -> StorePath:
        return self

    def _fail(self, what: str, exc: Exception) -> ObjectError:
        return ObjectError(f"cannot {what} {self}: {_why(exc)}")

    def stat(self) -> StatResult:
        return self.listed if self.listed is not None else self._head()

    def _head(self) -> StatResult:
        import obstore

        try:
            meta = obstore.head(self.store, self.key)
        except FileNotFoundError:
            raise
        except Exception as exc:
            raise self._fail("look up", exc) from exc
        return StatResult(int(meta["size"]), meta["last_modified"].timestamp())

    def is_file(self) -> bool:
        try:
            self._head()  # asked now, never from a listing: the object may be gone since
        except FileNotFoundError:
            return False
        return True

    def is_dir(self) -> bool:
        """A "folder" exists while an object is under it (an object store has no empty folder)."""
        import obstore

        try:
            for chunk in obstore.list(self.store, prefix=self.key + "/", chunk_size=1):
                return bool(chunk)
        except Exception as exc:
            raise self._fail("list", exc) from exc
        return False

    def exists(self) -> bool:
        return self.is_file() or self.is_dir()

    def iterdir(self) -> Iterator[StorePath]:
        """Objects and "folders" directly under this one, in key order."""
        import obstore

        try:
            listed = obstore.list_with_delimiter(self.store, prefix=self.key + "/" if self.key else None)
        except Exception as exc:
            raise self._fail("list", exc) from exc
        found = [
            StorePath(self.bucket_url, key.rstrip("/"), self.options) for key in listed["common_prefixes"]
        ]
        for meta in listed["objects"]:
            stat = StatResult(int(meta["size"]), meta["last_modified"].timestamp())
            found.append(StorePath(self.bucket_url, meta["path"], self.options, stat))
        yield from sorted(found, key=lambda path: path.key)

    def glob(self, pattern: str) -> Iterator[StorePath]:
        """Entries directly under this one whose name matches ``pattern`` (no ``**``)."""
        return (path for path in self.iterdir() if fnmatch.fnmatchcase(path.name, pattern))

    def walk_files(self) -> list[tuple[StorePath, int]]:
        """Every object under this "folder", at any depth, with its size."""
        import obstore

        try:
            return [
                (StorePath(self.bucket_url, meta["path"], self.options), int(meta["size"]))
                for chunk in obstore.list(self.store, prefix=self.key + "/")
                for meta in chunk
            ]
        except Exception as exc:
            raise self._fail("list", exc) from exc

    def read_bytes(self) -> bytes:
        import obstore

        try:
            return bytes(obstore.get(self.store, self.key).bytes())
        except FileNotFoundError:
            raise
        except Exception as exc:
            raise self._fail("read", exc) from exc

    def read_text(self, encoding: str = "utf-8", errors: str = "strict") -> str:
        return self.read_bytes().decode(encoding, errors)

    def write_bytes(self, data: bytes) -> int:
        """One PUT: an object is there whole or not at all (no partial name needed)."""
        import obstore

        try:
            obstore.put(self.store, self.key, data)
        except Exception as exc:
            raise self._fail("write", exc) from exc
        return len(data)

    def write_text(self, text: str, encoding: str = "utf-8") -> int:
        return self.write_bytes(text.encode(encoding))

    def create(self, data: bytes) -> bool:
        """Write the object only if there is none (a conditional PUT, ``If-None-Match: *``);
        False when one exists. What the archive's lock is made of."""
        import obstore

        try:
            obstore.put(self.store, self.key, data, mode="create")
        except FileExistsError:
            return False
        except Exception as exc:
            if type(exc).__name__ == "AlreadyExistsError":
                return False
            raise self._fail("create", exc) from exc
        return True

    def replace_if(self, data: bytes, e_tag: str) -> str | None:
        """Overwrite the object only if it is still the version ``e_tag`` (``If-Match``); its new
        e_tag, or None when it changed meanwhile (or is gone)."""
        import obstore

        try:
            result = obstore.put(self.store, self.key, data, mode={"e_tag": e_tag})
        except Exception as exc:
            if type(exc).__name__ in (
                "PreconditionError",
                "NotFoundError",
                "AlreadyExistsError",
            ) or isinstance(exc, FileNotFoundError):
                return None
            raise self._fail("update", exc) from exc
        return str(result["e_tag"]) if result.get("e_tag") else None

    def read_versioned(self) -> tuple[bytes, str] | None:
        """(bytes, e_tag) of the object as one read; None when there is none."""
        import obstore

        try:
            result = obstore.get(self.store, self.key)
            return bytes(result.bytes()), str(result.meta["e_tag"])
        except FileNotFoundError:
            return None
        except Exception as exc:
            raise self._fail("read", exc) from exc

    def e_tag(self) -> str | None:
        import obstore

        try:
            return str(obstore.head(self.store, self.key)["e_tag"])
        except FileNotFoundError:
            return None

    def unlink(self, missing_ok: bool = False) -> None:
        import obstore

        if not missing_ok and not self.is_file():
            raise FileNotFoundError(str(self))
        try:
            obstore.delete(self.store, self.key)  # S3 answers a missing key's delete with success
        except FileNotFoundError:
            if not missing_ok:
                raise
        except Exception as exc:
            raise self._fail("delete", exc) from exc

    def mkdir(self, parents: bool = False, exist_ok: bool = False) -> None:
        """Nothing to do: an object store's "folders" are key prefixes."""

    def copy_to(self, target: StorePath) -> None:
        import obstore

        try:
            obstore.copy(self.store, self.key, target.key)
        except Exception as exc:
            raise self._fail("copy", exc) from exc
