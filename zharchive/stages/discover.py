"""Stage 1: find the files to ingest under the given sources, and say why anything else is skipped."""

from __future__ import annotations

import errno
import os
import stat
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from schemas import Skipped
from zharchive.objects import ObjectError, is_object_uri, list_objects
from zharchive.sources import display_path, real_path

# Scraper text dumps, and saved pages (turned into lines with the DOM's help, see stages/html.py).
DEFAULT_SUFFIXES: tuple[str, ...] = (".txt", ".html", ".htm")


@dataclass(frozen=True)
class Discovery:
    # Absolute paths as text: a crawl's file list stays in the flow process for the whole run, and
    # a pathlib.Path costs ~400 bytes more than its text (~80 MB at 200,000 files).
    files: list[str]
    skipped: list[Skipped] = field(default_factory=list)
    sizes: array[int] = field(default_factory=lambda: array("q"))  # of each file, as listed


def _link_target(path: str) -> str:
    try:
        Path(path).resolve(strict=True)
    except RuntimeError:  # Python 3.11 raises this for a loop
        return "a loop of links"
    except OSError as exc:
        return "a loop of links" if exc.errno == errno.ELOOP else "dangling"
    return "to " + display_path(os.readlink(path))


def _classify(path: str, suffixes: Sequence[str]) -> str | int:
    """The size of ``path`` when it is a file to read, else why it is skipped."""
    try:
        st = os.lstat(path)
    except OSError as exc:
        return f"cannot stat: {exc.strerror or exc}"
    if stat.S_ISLNK(st.st_mode):
        # Links are not followed: a link's target is archived under its own path if it is in a
        # source, and following links invites loops and files from outside the crawl.
        return f"symbolic link ({_link_target(path)}); links are not followed"
    if stat.S_ISDIR(st.st_mode):
        return "directory"
    if not stat.S_ISREG(st.st_mode):
        return "not a regular file (device, socket or pipe)"
    # By the name's ending, so that a file named ".txt" is a .txt file (pathlib calls it suffixless).
    if not os.path.basename(path).lower().endswith(tuple(suffixes)):
        suffix = Path(path).suffix
        return f"suffix {suffix or '(none)'!r} is not one of {', '.join(suffixes)}"
    return st.st_size


def _unlisted(errors: list[OSError]) -> Iterator[tuple[str, str]]:
    while errors:
        error = errors.pop(0)
        yield str(error.filename), f"directory cannot be listed: {error.strerror or error}"


def _walk(
    sources: Iterable[str | Path], wanted: tuple[str, ...], exclude: Iterable[str | Path] = ()
) -> Iterator[tuple[str, str | int]]:
    """Every path under ``sources`` with its size (a file to read) or why it is skipped, as found."""
    excluded = {os.path.realpath(folder) for folder in exclude if not is_object_uri(str(folder))}
    on_store = [str(folder).rstrip("/") + "/" for folder in exclude if is_object_uri(str(folder))]
    for source in sources:
        if is_object_uri(source):
            yield from _listed(str(source), wanted, on_store)
            continue
        root = os.path.abspath(source)
        if not os.path.lexists(root):
            yield root, "source does not exist"
            continue
        # Files are known by their real paths: a source named through a link ("latest" -> this
        # week's crawl, or a folder under it) must not make this week's pages look replaced when
        # the link moves. A source that is a link to a directory is followed (as find -H does);
        # links under the sources are not.
        if os.path.isdir(root):
            root = os.path.realpath(root)
            # A directory that cannot be listed (no permission, a path over PATH_MAX, gone since)
            # is a skipped row, not a silent hole in the crawl.
            unlisted: list[OSError] = []
            for dirpath, dirnames, filenames in os.walk(root, followlinks=False, onerror=unlisted.append):
                yield from _unlisted(unlisted)
                for name in list(dirnames):
                    path = os.path.join(dirpath, name)
                    if os.path.islink(path):
                        yield path, _classify(path, wanted)  # a link: always a reason
                    elif path in excluded:  # real already: the walk starts real, follows no link
                        dirnames.remove(name)  # the archive inside a source: not walked
                        yield path, "the archive this run writes to; not read"
                for name in filenames:
                    path = os.path.join(dirpath, name)
                    yield path, _classify(path, wanted)
            yield from _unlisted(unlisted)
            continue
        root = real_path(root)
        yield root, _classify(root, wanted)


def _listed(
    prefix: str, wanted: tuple[str, ...], excluded: Sequence[str] = ()
) -> Iterator[tuple[str, str | int]]:
    """The objects under an ``s3://`` prefix, as ``_walk`` gives files: size, or why skipped.
    Objects under an ``excluded`` prefix (``s3://b/archive/``: the archive inside the crawl's
    prefix) are one skipped row, as a local archive folder is: its Parquet files, log and staged
    batches are not the crawl's pages, and a row each would bury the crawl's own skips."""
    try:
        objects = list(list_objects(prefix))
    except ObjectError as exc:
        yield prefix, f"source cannot be listed: {exc}"
        return
    if not objects:
        yield prefix, "source does not exist (no object under it)"
    told: set[str] = set()
    for uri, size in objects:
        inside = next((folder for folder in excluded if uri.startswith(folder)), None)
        if inside is not None:
            if inside not in told:
                told.add(inside)
                yield inside.rstrip("/"), "the archive this run writes to; not read"
            continue
        name = uri.rsplit("/", 1)[-1]
        if not name.lower().endswith(wanted):
            suffix = os.path.splitext(name)[1]
            yield uri, f"suffix {suffix or '(none)'!r} is not one of {', '.join(wanted)}"
        else:
            yield uri, size


def _path_order(path: str) -> list[str]:
    # The order of pathlib paths (component by component: "a/b" before "a-b/c"), without a Path each.
    return path.split(os.sep)


def discover(
    sources: Iterable[str | Path],
    *,
    suffixes: Sequence[str] = DEFAULT_SUFFIXES,
    exclude: Iterable[str | Path] = (),
) -> Discovery:
    """Every regular file with one of ``suffixes`` under ``sources`` (recursively), sorted, deduplicated.

    A source may be a file or a directory, or a link to a directory (walked under its real path).
    Other links are never followed; directories whose names end in ``.txt`` are walked like any
    other directory; the folders in ``exclude`` (the archive) are not walked.
    """
    found: dict[str, int] = {}
    skipped: list[Skipped] = []
    for path, outcome in _walk(sources, tuple(s.lower() for s in suffixes), exclude):
        if isinstance(outcome, int):
            found[path] = outcome
        else:
            skipped.append(Skipped(path=display_path(path), reason=outcome))
    files = sorted(found, key=_path_order)
    return Discovery(files=files, skipped=skipped, sizes=array("q", (found[f] for f in files)))
