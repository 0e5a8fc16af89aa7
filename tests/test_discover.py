"""Discovery and reading on real file trees: nesting, links, odd names, size caps."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from zharchive.errors import ReadError
from zharchive.sources import source_uri
from zharchive.stages.discover import discover
from zharchive.stages.read import read_source


def test_recursive_sorted_and_every_skip_has_a_reason(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "deep.txt").write_text("深")
    (tmp_path / "top.txt").write_text("顶")
    (tmp_path / "page.html").write_text("<p>")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "folder.txt").mkdir()
    (tmp_path / "folder.txt" / "inside.txt").write_text("内")
    (tmp_path / "link.txt").symlink_to(tmp_path / "top.txt")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "missing.txt")
    (tmp_path / "loop").symlink_to(tmp_path)
    found = discover([tmp_path, tmp_path / "top.txt"])
    assert [Path(p).relative_to(tmp_path).as_posix() for p in found.files] == [
        "a/b/deep.txt",
        "folder.txt/inside.txt",
        "page.html",
        "top.txt",
    ]
    reasons = {Path(s.path).name: s.reason for s in found.skipped}
    assert "links are not followed" in reasons["link.txt"] and "dangling" in reasons["dangling.txt"]
    assert "links are not followed" in reasons["loop"]
    assert "suffix" in reasons["scan.pdf"]


def test_a_name_that_is_not_utf8_gets_a_percent_encoded_uri(tmp_path: Path) -> None:
    name = os.fsdecode(b"\xb9\xab\xb0\xb2.txt")  # 公安 in GBK bytes
    path = Path(os.fsdecode(bytes(tmp_path))) / name
    path.write_bytes("公安".encode())
    (found,) = discover([tmp_path]).files
    source = read_source(found)
    assert source.source_uri.endswith("/%B9%AB%B0%B2.txt")
    assert "\\xb9\\xab" in source.path
    assert source.source_uri == source_uri(found)


def test_a_file_over_the_cap_is_refused_with_its_hash_and_size(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 5000)
    with pytest.raises(ReadError) as info:
        read_source(big, max_bytes=1000)
    assert info.value.details[0].type == "too_large"
    assert (info.value.size, info.value.raw_sha256) == (5000, hashlib.sha256(b"x" * 5000).hexdigest())


def test_a_missing_source_is_reported_not_raised(tmp_path: Path) -> None:
    found = discover([tmp_path / "nope"])
    assert found.files == [] and found.skipped[0].reason == "source does not exist"


def test_each_file_comes_with_its_size(tmp_path: Path) -> None:
    for name, size in (("b.txt", 5), ("a.txt", 0), ("c/d.txt", 7)):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_bytes(b"x" * size)
    found = discover([tmp_path])
    assert [(Path(f).name, size) for f, size in zip(found.files, found.sizes, strict=True)] == [
        ("a.txt", 0),
        ("b.txt", 5),
        ("d.txt", 7),
    ]


def test_files_come_in_path_order_component_by_component(tmp_path: Path) -> None:
    # As text "a-b/..." sorts before "a/..." ('-' < '/'); as paths "a" comes first, and batches
    # (hence which pages share a batch) follow this order across versions of zharchive.
    for name in ("a-b/1.txt", "a/z.txt", "a/b/2.txt", "a.b/3.txt", "ab.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("公安")
    found = discover([tmp_path]).files
    assert all(isinstance(p, str) for p in found)
    assert found == [str(p) for p in sorted(Path(p) for p in found)]
    assert [Path(p).relative_to(tmp_path).as_posix() for p in found] == [
        "a/b/2.txt",
        "a/z.txt",
        "a-b/1.txt",
        "a.b/3.txt",
        "ab.txt",
    ]


def test_a_file_swapped_for_a_fifo_or_a_link_after_discovery_is_refused_not_followed(tmp_path: Path) -> None:
    # Discovery saw regular files; by the time a worker reads them, they are a FIFO (whose open
    # would block for good) and a link to a file outside the crawl (whose bytes must not be
    # archived under this name).
    secret = tmp_path / "outside.txt"
    secret.write_bytes("不属于这次抓取的文件".encode())
    crawl = tmp_path / "crawl"
    crawl.mkdir()
    fifo, link, kept = crawl / "a.txt", crawl / "b.txt", crawl / "c.txt"
    os.mkfifo(fifo)
    link.symlink_to(secret)
    kept.write_bytes("正文".encode())

    for swapped in (fifo, link):
        with pytest.raises(ReadError) as refused:
            read_source(swapped)
        assert refused.value.details[0].type == "unreadable"
        assert refused.value.raw_sha256 is None
    assert read_source(kept).raw == "正文".encode()


def test_a_directory_that_cannot_be_listed_is_skipped_with_why(tmp_path: Path) -> None:
    # Nested deeper than PATH_MAX (4,096 bytes) allows a path to be: os.walk cannot list the
    # deepest directories, and discovery must say so rather than leave a silent hole.
    crawl = tmp_path / "crawl"
    crawl.mkdir()
    (crawl / "top.txt").write_bytes("顶层".encode())
    level = os.open(crawl, os.O_RDONLY)
    try:
        for _ in range(20):
            os.mkdir("d" * 250, dir_fd=level)
            deeper = os.open("d" * 250, os.O_RDONLY, dir_fd=level)
            os.close(level)
            level = deeper
        with open(os.open("deep.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=level), "wb") as deep:
            deep.write("底层".encode())
    finally:
        os.close(level)

    found = discover([crawl])

    assert found.files == [str(crawl / "top.txt")]
    unlisted = [s for s in found.skipped if s.reason.startswith("directory cannot be listed")]
    assert len(unlisted) == 1 and "File name too long" in unlisted[0].reason
    assert len(os.fsencode(unlisted[0].path)) > 4096


def test_a_file_named_dot_txt_is_a_txt_file(tmp_path: Path) -> None:
    (tmp_path / ".txt").write_text("文")
    (tmp_path / "txt").write_text("文")
    found = discover([tmp_path])
    assert found.files == [str(tmp_path / ".txt")]
    assert [s.reason for s in found.skipped] == ["suffix '(none)' is not one of .txt, .html, .htm"]


def test_a_source_given_as_a_link_to_a_folder_is_walked_by_its_real_path(tmp_path: Path) -> None:
    # "latest" points at this week's crawl; next week it points elsewhere, and this week's pages
    # must keep their identity (source_uri) rather than look replaced.
    crawl = tmp_path / "crawl-2026-11-21"
    (crawl / "site").mkdir(parents=True)
    (crawl / "site" / "a.txt").write_text("文")
    (crawl / "elsewhere").symlink_to(tmp_path)
    latest = tmp_path / "latest"
    latest.symlink_to(crawl)

    found = discover([latest])

    assert found.files == [str(crawl / "site" / "a.txt")]
    assert [(s.path, "not followed" in s.reason) for s in found.skipped] == [(str(crawl / "elsewhere"), True)]
    # A folder, or a file, named through the link: the same real paths.
    assert discover([latest / "site"]).files == discover([latest / "site" / "a.txt"]).files == found.files


def test_the_archive_is_recognised_through_links(tmp_path: Path) -> None:
    crawl = tmp_path / "crawl"
    (crawl / "archive" / "documents").mkdir(parents=True)
    (crawl / "archive" / "documents" / "part.txt").write_text("文")
    (crawl / "a.txt").write_text("文")
    (tmp_path / "latest").symlink_to(crawl)

    found = discover([tmp_path / "latest"], exclude=[tmp_path / "latest" / "archive"])

    assert found.files == [str(crawl / "a.txt")]
    assert [s.reason for s in found.skipped] == ["the archive this run writes to; not read"]


def test_the_archive_inside_a_source_is_not_walked(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("文")
    archive = tmp_path / "archive"
    (archive / "documents" / "_delta_log").mkdir(parents=True)
    (archive / "documents" / "_delta_log" / "00000000000000000000.json").write_text("{}")
    (archive / "notes.txt").write_text("文")

    found = discover([tmp_path], exclude=[archive])

    assert found.files == [str(tmp_path / "a.txt")]
    assert [(s.path, s.reason) for s in found.skipped] == [
        (str(archive), "the archive this run writes to; not read")
    ]


@pytest.mark.parametrize(
    "name",
    ["a b#c?d%e.txt", "中文/页.html", os.fsdecode(b"\xff\xfe.txt"), "x/./y/../z.txt", "a;b=c&d", "t/"],
)
def test_a_source_uri_is_what_pathlib_makes_of_the_absolute_path(name: str, tmp_path: Path) -> None:
    for path in (str(tmp_path / name), name):
        assert source_uri(path) == Path(os.path.abspath(path)).as_uri()


def test_a_read_takes_the_whole_file_whatever_fstat_said_and_stops_at_the_limit(tmp_path: Path) -> None:
    from zharchive.stages.read import _read_up_to

    data = bytes(range(256)) * 1000  # 256,000 bytes
    page = tmp_path / "page.bin"
    page.write_bytes(data)
    for expected, limit, want in (
        (10, 1 << 20, data),  # grown since fstat: read on to the end
        (len(data), 1 << 20, data),
        (1 << 20, 1 << 20, data),  # shrunk since fstat: ends at the end
        (len(data), 1000, data[:1000]),  # the cap (max_bytes + 1) is never passed
        (10, 70_000, data[:70_000]),
    ):
        handle = os.open(page, os.O_RDONLY)
        try:
            assert _read_up_to(handle, limit, expected=expected) == want, (expected, limit)
        finally:
            os.close(handle)
    empty = tmp_path / "empty"
    empty.write_bytes(b"")
    handle = os.open(empty, os.O_RDONLY)
    try:
        assert _read_up_to(handle, 10, expected=0) == b""
    finally:
        os.close(handle)
