"""Where an archive is: a local folder (``pathlib.Path``) or a prefix on an object store
(``zharchive.objects.StorePath``, for ``--archive s3://bucket/prefix``); one code path for both.

Every archive module takes ``archive`` as either and reaches what is under it through
``archive_root``; the few operations a file system and an object store do differently are here,
each saying what it costs on the store: writing a file whole (a temporary name and a rename on
disk; one PUT on the store, which is atomic already), moving one (a rename; a copy and a delete),
removing a folder, reading and writing Parquet. deltalake is given ``storage_uri`` and
``storage_options`` (the same ``object_store`` keys obstore takes); the endpoint and credentials
otherwise come from the ``AWS_*`` variables of each process, read by obstore and deltalake
themselves, so nothing of them is ever in the archive, its log or a run's record.
"""

from __future__ import annotations

import io
import os
import shutil
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from zharchive.objects import StorePath, is_object_uri

ArchivePath = Path | StorePath


def archive_root(archive: ArchivePath | str) -> ArchivePath:
    """The archive's root: a resolved local path, or the store prefix as given."""
    if isinstance(archive, StorePath):
        return archive
    if isinstance(archive, str) and is_object_uri(archive):
        return StorePath.parse(archive)
    return Path(archive).resolve()


# ``--storage-option`` pairs of this process (the CLI sets them): never a flow parameter, which
# Prefect would keep in its database and show in its UI.
_PROCESS_OPTIONS: dict[str, str] = {}


def set_storage_options(options: Mapping[str, str]) -> None:
    _PROCESS_OPTIONS.clear()
    _PROCESS_OPTIONS.update(options)


def parse_archive(text: str | Path, *, storage_options: Mapping[str, str] | None = None) -> ArchivePath:
    """``--archive``'s value: ``s3://bucket/prefix`` (with this process's ``--storage-option``
    pairs, or ``storage_options``) or a folder."""
    if isinstance(text, str) and is_object_uri(text):
        return StorePath.parse(text, _PROCESS_OPTIONS if storage_options is None else storage_options)
    return Path(text).resolve()


def on_store(archive: ArchivePath | str) -> bool:
    return isinstance(archive_root(archive), StorePath)


def storage_options(archive: ArchivePath | str) -> dict[str, str] | None:
    """What deltalake is given beside a table's URI: None for a local table (as before)."""
    root = archive_root(archive)
    return root.storage_options if isinstance(root, StorePath) else None


def entries(folder: ArchivePath, pattern: str = "*") -> list[ArchivePath]:
    """What is directly under ``folder`` (matching ``pattern``), in name order; none when it is not
    there."""
    if not folder.is_dir():
        return []
    found: list[ArchivePath] = list(folder.glob(pattern)) if pattern != "*" else list(folder.iterdir())
    return sorted(found, key=str)


def write_whole(target: ArchivePath, data: bytes) -> None:
    """``data`` as ``target``, never half there under its name: on disk through a temporary name
    and a rename (a crash mid-write leaves the partial, removed on failure here); on the store in
    one PUT."""
    if isinstance(target, StorePath):
        target.write_bytes(data)
        return
    partial = target.with_name(target.name + ".partial")
    try:
        partial.write_bytes(data)
        partial.replace(target)
    except OSError:
        partial.unlink(missing_ok=True)
        raise


def write_parquet(table: pa.Table, target: ArchivePath, **options: Any) -> None:
    """``pq.write_table`` to ``target``, as it is on disk (callers handle their partial names); on
    the store the file is made in memory and PUT whole (a staged batch is a few MB)."""
    if isinstance(target, StorePath):
        sink = io.BytesIO()
        pq.write_table(table, sink, **options)
        target.write_bytes(sink.getvalue())
        return
    pq.write_table(table, target, **options)


def _source(path: ArchivePath | str) -> Any:
    if isinstance(path, StorePath):
        return pa.BufferReader(path.read_bytes())
    return path


def read_parquet(path: ArchivePath | str, **options: Any) -> pa.Table:
    return pq.read_table(_source(path), **options)


def parquet_file(path: ArchivePath | str) -> pq.ParquetFile:
    return pq.ParquetFile(_source(path))


def move(source: ArchivePath, target: ArchivePath) -> None:
    """``os.replace`` on disk (atomic); on the store a copy then a delete (not atomic: a crash in
    between leaves the object under both names, and every caller's recovery treats a batch found
    in both places as the same rows — ``settle_dead_run`` and a retried commit look by name)."""
    if isinstance(source, StorePath) and isinstance(target, StorePath):
        source.copy_to(target)
        source.unlink(missing_ok=True)
        return
    assert isinstance(source, Path) and isinstance(target, Path)
    os.replace(source, target)


def remove_tree(folder: ArchivePath) -> None:
    """``shutil.rmtree(ignore_errors=True)``; on the store every object under the prefix."""
    if isinstance(folder, StorePath):
        for path, _size in folder.walk_files():
            path.unlink(missing_ok=True)
        return
    shutil.rmtree(folder, ignore_errors=True)


def remove_if_empty(folder: ArchivePath) -> None:
    """An emptied local folder goes; a prefix on the store is gone with its last object."""
    if isinstance(folder, Path) and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()


def sha256_of(path: ArchivePath) -> str:
    import hashlib

    digest = hashlib.sha256()
    if isinstance(path, StorePath):
        digest.update(path.read_bytes())
        return digest.hexdigest()
    with open(path, "rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def as_paths(files: Sequence[str | ArchivePath], like: ArchivePath) -> list[ArchivePath]:
    """Files named as text (a URI on the store) back as paths of ``like``'s kind."""
    if isinstance(like, StorePath):
        return [
            f if isinstance(f, StorePath) else StorePath.parse(str(f), like.storage_options) for f in files
        ]
    return [f if isinstance(f, Path) else Path(str(f)) for f in files]
