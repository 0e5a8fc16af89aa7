"""Bad input: a clear record, never a crash, nothing lost (issue 6).

A real folder of hostile files goes through the real Prefect flow (and the real CLI) into real
Delta tables. Every regular file must end up in exactly one of ``documents`` and ``quarantine``
with its exact bytes (a file over the size cap: its sha256 and size), every quarantine row must say
why in words, every path that is not read must be listed in the run's ``skipped`` with why, and a
second run must add nothing.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import stat
import struct
import subprocess
import sys
import time
import zlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from deltalake import DeltaTable
from support import cli_env

from flows.ingest import ingest
from zharchive.sources import source_uri

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
ZHARCHIVE = ROOT / ".venv" / "bin" / "zharchive"
CAP = 1_000_000
BIG_BYTES = 21 * 1024 * 1024

ARTICLE = (
    "标题：市政府召开全市安全生产工作会议\n"
    "发布时间：2024年03月05日 10:30\n"
    "来源：市政府办公室\n"
    "3月5日上午，市政府召开全市安全生产工作会议，总结去年工作，部署今年任务。"
    "市长在会上强调，各级各部门要切实增强做好安全生产工作的责任感和紧迫感。\n"
    "会议指出，要坚持人民至上、生命至上，统筹发展和安全，扎实推进安全生产专项整治三年行动，"
    "坚决遏制重特大事故发生。\n"
    "会议要求，要压紧压实各方责任，加强重点行业领域监管执法，确保全市安全生产形势持续稳定向好。\n"
)
NOT_UTF8_NAME = b"\xb9\xab\xb0\xb2-\xff.txt"  # 公安 in GBK, then a byte no encoding of a name allows
NOT_UTF8_LINK = b"\xff\xfe-dangling.txt"


def png() -> bytes:
    """A real 64×64 RGB PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + bytes((x * 7 + y * 3) % 256 for x in range(64 * 3)) for y in range(64))
    header = struct.pack(">IIBBBBB", 64, 64, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def article(topic: str) -> str:
    return ARTICLE.replace("安全生产", topic)


def hostile_files(big_bytes: int) -> dict[str, bytes]:
    """Relative path → exact bytes of every regular file of the hostile folder."""
    utf8 = article("安全生产").encode()
    return {
        "empty.txt": b"",
        "whitespace.txt": b" \t\r\n\n   \n\t\n" + "\u3000\u3000\n\u00a0\n".encode(),
        "image.txt": png(),
        "nul.txt": b"\x00" * 4096,
        "truncated_utf8.txt": article("防灾减灾").encode() + "中".encode()[:2],
        "invalid_mid.txt": utf8[:150] + b"\xff\xfe\xc0\x80" + utf8[150:],
        "gb_with_utf8_tail.txt": article("环境保护").encode("gb18030")
        + "责任编辑：张三\n本文转载自新华网，版权归原作者所有。\n".encode(),
        "english_chrome.txt": b"Home | News | About us | Contact\n"
        b"Copyright (c) 2024 Example Co. All rights reserved.\nPrivacy Policy | Terms of Use\n",
        "html_page.txt": (
            '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>市政府召开全市交通运输工作会议</title>'
            "</head><body><div class=nav><a href=/>首页</a> | <a href=/news>新闻</a></div>"
            + "".join(f"<p>{line}</p>" for line in article("交通运输").splitlines()[3:])
            + "</body></html>\n"
        ).encode(),
        "big.txt": (article("大文件") * (big_bytes // len(article("大文件").encode()) + 1)).encode()[
            :big_bytes
        ],
        "one_line.txt": article("乡村振兴").replace("\n", "").encode(),
        "controls.txt": article("食品安全")
        .replace("，", "，\x01", 3)
        .replace("。", "。\x1b[0m\x07", 2)
        .encode(),
        "bom_then_gb18030.txt": codecs.BOM_UTF8 + article("教育").encode("gb18030"),
        "utf16_odd_length.txt": codecs.BOM_UTF16_LE + article("卫生健康").encode("utf-16-le") + b"\x4e",
        "utf16_mark_then_gb18030.txt": codecs.BOM_UTF16_LE + article("科学技术").encode("gb18030"),
        "only_a_mark.txt": codecs.BOM_UTF16_LE,
        "dup_a.txt": utf8,
        "dup_b.txt": utf8,
        "nested/a/b/c/deep.txt": article("防汛抗旱").encode(),
        "x.txt/inside.txt": article("消防安全").encode(),
    }


def build_hostile(root: Path, *, big_bytes: int = BIG_BYTES) -> Path:
    """The folder of the issue: hostile files, odd names, links, loops, a pipe, a directory named x.txt."""
    for relative, data in hostile_files(big_bytes).items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    with open(os.path.join(os.fsencode(root), NOT_UTF8_NAME), "wb") as handle:
        handle.write(article("公共安全").encode())
    (root / "empty_dir.txt").mkdir()
    (root / "loop_a.txt").symlink_to(root / "loop_b.txt")
    (root / "loop_b.txt").symlink_to(root / "loop_a.txt")
    (root / "nested" / "up").symlink_to(root)  # a directory loop
    (root / "dangling.txt").symlink_to(root / "missing.txt")
    os.symlink(b"/nonexistent", os.path.join(os.fsencode(root), NOT_UTF8_LINK))
    (root / "link_to_dup.txt").symlink_to(root / "dup_a.txt")
    os.mkfifo(root / "pipe.txt")  # opening it to read would block forever
    (root / "photo.png").write_bytes(png())
    return root


def regular_txt_files(root: Path) -> dict[str, bytes]:
    """source_uri → bytes of every regular ``.txt`` file under ``root``, walking with bytes names."""
    found: dict[str, bytes] = {}
    for dirpath, _, filenames in os.walk(os.fsencode(root), followlinks=False):
        for name in filenames:
            path = os.path.join(dirpath, name)
            if stat.S_ISREG(os.lstat(path).st_mode) and name.lower().endswith(b".txt"):
                with open(path, "rb") as handle:
                    found[source_uri(Path(os.fsdecode(path)))] = handle.read()
    return found


def rows(archive: Path, name: str) -> list[dict[str, Any]]:
    path = archive / name
    if not DeltaTable.is_deltatable(str(path)):
        return []
    return DeltaTable(str(path)).to_pyarrow_table().to_pylist()


def version(archive: Path, name: str) -> int | None:
    path = archive / name
    return DeltaTable(str(path)).version() if DeltaTable.is_deltatable(str(path)) else None


_EXCEPTION_NAME = re.compile(r"^[A-Za-z_.]*(?:Error|Exception|Warning)\b")


def readable(reason: str) -> bool:
    """One line a person understands: words, not a bare exception name, not a traceback."""
    return (
        len(reason) >= 12
        and "\n" not in reason
        and len(reason.split()) >= 3
        and "Traceback" not in reason
        and _EXCEPTION_NAME.match(reason) is None
    )


def by_name(table_rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {r["source_uri"].rsplit("/", 1)[1]: r for r in table_rows}


@dataclass
class Ingested:
    crawl: Path
    archive: Path
    expected: dict[str, bytes]
    first: Any
    second: Any
    versions_after_first: dict[str, int | None]
    versions_after_second: dict[str, int | None]
    documents: list[dict[str, Any]]
    quarantine: list[dict[str, Any]]


@pytest.fixture(scope="module")
def hostile(prefect_server: None, tmp_path_factory: pytest.TempPathFactory) -> Ingested:
    """The hostile folder ingested twice by the real flow, with a 1 MB cap so big.txt is too large."""
    base = tmp_path_factory.mktemp("hostile")
    crawl = build_hostile(base / "crawl")
    archive = base / "archive"
    expected = regular_txt_files(crawl)
    first = ingest(sources=[str(crawl)], archive=str(archive), max_bytes=CAP)
    after_first = {name: version(archive, name) for name in ("documents", "quarantine", "runs")}
    documents, quarantine = rows(archive, "documents"), rows(archive, "quarantine")
    second = ingest(sources=[str(crawl)], archive=str(archive), max_bytes=CAP)
    after_second = {name: version(archive, name) for name in ("documents", "quarantine", "runs")}
    return Ingested(crawl, archive, expected, first, second, after_first, after_second, documents, quarantine)


def test_every_regular_file_is_in_exactly_one_table_with_its_exact_bytes(hostile: Ingested) -> None:
    documents = Counter(r["source_uri"] for r in hostile.documents)
    quarantine = Counter(r["source_uri"] for r in hostile.quarantine)
    assert [u for u, n in documents.items() if n > 1] == [], "a source_uri twice in documents"
    assert [u for u, n in quarantine.items() if n > 1] == [], "a source_uri twice in quarantine"
    assert set(documents) & set(quarantine) == set(), "a source in both tables"
    assert set(documents) | set(quarantine) == set(hostile.expected), (
        f"lost: {sorted(set(hostile.expected) - set(documents) - set(quarantine))}; "
        f"unexpected: {sorted(set(documents) | set(quarantine) - set(hostile.expected))}"
    )
    assert hostile.first.input_files == len(hostile.expected) == 21
    assert hostile.first.documents_written + hostile.first.quarantined == len(hostile.expected)
    for row in hostile.documents + hostile.quarantine:
        data = hostile.expected[row["source_uri"]]
        assert row["raw_sha256"] == hashlib.sha256(data).hexdigest(), row["source_uri"]
        assert row["size"] == len(data), row["source_uri"]
        if row["source_uri"].endswith("/big.txt"):
            continue
        assert row["raw"] == data, f"{row['source_uri']}: the archived bytes are not the file's"


def test_a_file_over_the_cap_is_quarantined_as_too_large_with_its_hash_and_size(hostile: Ingested) -> None:
    big = by_name(hostile.quarantine)["big.txt"]
    data = (hostile.crawl / "big.txt").read_bytes()
    assert len(data) > 20 * 1024 * 1024
    assert big["raw"] is None and big["size"] == len(data)
    assert big["raw_sha256"] == hashlib.sha256(data).hexdigest()
    assert big["stage"] == "read" and "too_large" in [e["type"] for e in big["errors"]]
    assert readable(big["reason"]) and f"{len(data):,}" in big["reason"] and f"{CAP:,}" in big["reason"]


def test_every_quarantine_reason_is_a_sentence_and_each_input_lands_where_it_should(
    hostile: Ingested,
) -> None:
    quarantine, documents = by_name(hostile.quarantine), by_name(hostile.documents)
    for name, row in quarantine.items():
        assert readable(row["reason"]), f"{name}: reason {row['reason']!r} is not a sentence for a person"
        assert row["errors"] and all(e["msg"] for e in row["errors"]), name
        assert row["stage"] in ("read", "decode", "clean", "extract", "validate"), name
    # Nothing in these is an article: they must not pass as documents.
    assert "empty" in quarantine["empty.txt"]["reason"]
    assert quarantine["empty.txt"]["stage"] == "decode"
    assert quarantine["whitespace.txt"]["stage"] in ("decode", "validate")
    for binary in ("image.txt", "nul.txt"):
        assert quarantine[binary]["stage"] == "decode" and "binary" in quarantine[binary]["reason"], binary
    # Real articles in damaged or unusual forms are documents, with their damage flagged.
    truncated = documents["truncated_utf8.txt"]
    assert "truncated_final_character" in truncated["decode_flags"] and "防灾减灾" in truncated["body"]
    mixed = documents["gb_with_utf8_tail.txt"]
    assert "环境保护" in mixed["body"] and "mixed_encoding" in mixed["decode_flags"]
    assert "教育" in documents["bom_then_gb18030.txt"]["body"], "UTF-8 BOM + GB18030 read as mojibake"
    assert "卫生健康" in documents["utf16_odd_length.txt"]["body"]
    lying_mark = documents["utf16_mark_then_gb18030.txt"]
    assert "科学技术" in lying_mark["body"] and "bom_mismatch:utf-16-le" in lying_mark["decode_flags"]
    assert quarantine["only_a_mark.txt"]["stage"] == "decode"
    assert "only a byte-order mark" in quarantine["only_a_mark.txt"]["reason"]
    html = documents["html_page.txt"]
    assert "交通运输" in html["body"] and "<p>" not in html["body"] and html["title"]
    assert "乡村振兴" in documents["one_line.txt"]["body"]
    assert "防汛抗旱" in documents["deep.txt"]["body"] and "消防安全" in documents["inside.txt"]["body"]
    weird = documents["%B9%AB%B0%B2-%FF.txt"]
    assert "公共安全" in weird["body"]
    # Identical bytes under two names are two sources: two rows, one hash, two ids.
    a, b = documents["dup_a.txt"], documents["dup_b.txt"]
    assert a["raw_sha256"] == b["raw_sha256"] and a["doc_id"] != b["doc_id"]
    # Damaged but readable text: either a flagged document or a quarantine row that says why.
    for name in ("invalid_mid.txt", "controls.txt"):
        assert (name in documents) != (name in quarantine), name
        if name in documents:
            assert documents[name]["decode_flags"] or documents[name]["clean_flags"], name


def test_english_only_page_chrome_is_not_archived_as_an_article(hostile: Ingested) -> None:
    quarantine = by_name(hostile.quarantine)
    assert "english_chrome.txt" in quarantine, (
        by_name(hostile.documents).get("english_chrome.txt", {}).get("body")
    )
    assert quarantine["english_chrome.txt"]["stage"] == "clean"
    assert "no Chinese text is left after cleaning" in quarantine["english_chrome.txt"]["reason"]


def test_links_pipes_and_other_suffixes_are_listed_as_skipped_with_why(hostile: Ingested) -> None:
    (run,) = [r for r in rows(hostile.archive, "runs") if r["run_id"] == hostile.first.run_id]
    skipped = {Path(s["path"]).name: s["reason"] for s in run["skipped"]}
    assert run["skipped"] == [s.model_dump() for s in hostile.first.skipped]
    for link in ("loop_a.txt", "loop_b.txt", "link_to_dup.txt", "dangling.txt", "up"):
        assert "link" in skipped[link] and "not followed" in skipped[link], (link, skipped.get(link))
    assert "dangling" in skipped["dangling.txt"]
    assert "loop" in skipped["loop_a.txt"] and "loop" in skipped["loop_b.txt"]
    assert "dangling" in skipped["\\xff\\xfe-dangling.txt"], skipped
    assert "not a regular file" in skipped["pipe.txt"]
    assert "suffix" in skipped["photo.png"]
    assert all(readable(reason) or reason == "directory" for reason in skipped.values()), skipped
    # The directory named x.txt is walked, not read as a file, and not lost.
    assert not any(r["source_uri"].endswith("/x.txt") for r in hostile.documents + hostile.quarantine)


def test_a_symlink_loop_is_called_a_loop_not_a_dangling_link(hostile: Ingested) -> None:
    skipped = {Path(s.path).name: s.reason for s in hostile.first.skipped}
    for name in ("loop_a.txt", "loop_b.txt"):
        assert "loop" in skipped[name] and "dangling" not in skipped[name], (name, skipped[name])


def test_a_second_run_adds_nothing(hostile: Ingested) -> None:
    second = hostile.second
    assert (second.documents_written, second.quarantined) == (0, 0)
    assert second.unchanged == second.input_files == len(hostile.expected)
    assert (second.documents_version, second.quarantine_version) == (None, None)
    for name in ("documents", "quarantine"):
        assert hostile.versions_after_second[name] == hostile.versions_after_first[name], name
    assert rows(hostile.archive, "documents") == hostile.documents
    assert rows(hostile.archive, "quarantine") == hostile.quarantine
    assert not (hostile.archive / "_staging").exists()


def test_the_cli_ingests_the_hostile_folder_without_a_traceback(prefect_server: None, tmp_path: Path) -> None:
    crawl = build_hostile(tmp_path / "crawl", big_bytes=2 * CAP)
    archive = tmp_path / "archive"
    command = [str(ZHARCHIVE), "ingest", str(crawl), "--archive", str(archive), "--max-bytes", str(CAP)]
    result = subprocess.run(
        command, env=cli_env(tmp_path / "home"), capture_output=True, text=True, timeout=600, check=False
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    assert "Traceback" not in output, output[-3000:]
    summary = dict(
        (cells[0].strip(), cells[1].strip())
        for cells in (line.strip("│ ").split("│", 1) for line in result.stdout.splitlines() if "│" in line)
        if len(cells) == 2
    )
    assert summary["files"] == "21"
    assert int(summary["documents written"]) + int(summary["quarantined"]) == 21
    assert "symbolic link" in summary["skipped"] and "not a regular file" in summary["skipped"], summary
    again = subprocess.run(
        command, env=cli_env(tmp_path / "home"), capture_output=True, text=True, timeout=600, check=False
    )
    assert again.returncode == 0 and "(no change)" in again.stdout, again.stdout + again.stderr
    assert "unchanged" in again.stdout and re.search(r"unchanged\s*│\s*21\b", again.stdout), again.stdout


def test_a_20_megabyte_file_under_the_default_cap_becomes_a_document(
    prefect_server: None, tmp_path: Path
) -> None:
    """The default cap is 64 MB: a 20+ MB page is archived whole, in bounded time and memory."""
    crawl = tmp_path / "crawl"
    crawl.mkdir()
    seeds = b"".join(p.read_bytes() for p in sorted(SEEDS.glob("*.txt")))
    data = (seeds * (BIG_BYTES // len(seeds) + 1))[:BIG_BYTES]
    data = data[: len(data.decode("utf-8", "ignore").encode())]  # end on a whole character
    (crawl / "big.txt").write_bytes(data)
    archive = tmp_path / "archive"
    command = [str(ZHARCHIVE), "ingest", str(crawl), "--archive", str(archive)]
    started = time.perf_counter()
    process = subprocess.Popen(
        command, env=cli_env(tmp_path / "home"), stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    assert process.stdout is not None
    output = process.stdout.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    assert process.returncode == 0 and "Traceback" not in output, output[-3000:]
    (document,) = rows(archive, "documents")
    assert document["raw"] == data and document["size"] == len(data) > 20 * 1024 * 1024
    assert document["raw_sha256"] == hashlib.sha256(data).hexdigest()
    lines = re.split(r"\r\n|\r|\n", data.decode("utf-8"))
    assert document["body"] and len(document["body"].split("\n")) + len(document["removed"]) == len(lines), (
        "every line of the page is in the body or in removed, with its rule"
    )
    assert rows(archive, "quarantine") == []
    peak_mb = usage.ru_maxrss / 1024
    print(f"20 MB file: {seconds:.1f} s, peak RSS {peak_mb:.0f} MB", file=sys.stderr)
    assert seconds < 180, f"{seconds:.0f} s for one 20 MB file"
    assert peak_mb < 2048, f"peak RSS {peak_mb:.0f} MB for one 20 MB file"


# --- a bug in cleaning: the document is quarantined with the stage and the traceback; the batch goes on


BUG_MARKER = "本文触发清洗缺陷"


def test_a_document_whose_cleaning_raises_is_quarantined_and_the_batch_goes_on(
    prefect_server: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No real input makes cleaning raise today, so a bug is planted in our own cleaner (not a mock of
    anything we could run: the real cleaner runs for every other file)."""
    import zharchive.pipeline

    real_clean = zharchive.pipeline.clean

    def clean_with_a_bug(text: str, **kwargs: Any) -> Any:
        if BUG_MARKER in text:
            return {}["no such key: a planted bug"]
        return real_clean(text, **kwargs)

    monkeypatch.setattr(zharchive.pipeline, "clean", clean_with_a_bug)
    crawl = tmp_path / "crawl"
    crawl.mkdir()
    for seed in sorted(SEEDS.glob("*.txt")):
        (crawl / seed.name).write_bytes(seed.read_bytes())
    buggy = article("安全生产").replace("会议要求", BUG_MARKER + "。会议要求").encode()
    (crawl / "buggy.txt").write_bytes(buggy)
    (crawl / "after.txt").write_bytes(article("防汛抗旱").encode())
    archive = tmp_path / "archive"

    run = ingest(sources=[str(crawl)], archive=str(archive))

    assert (run.input_files, run.documents_written, run.quarantined) == (7, 6, 1)
    (row,) = rows(archive, "quarantine")
    assert row["source_uri"] == source_uri(crawl / "buggy.txt") and row["raw"] == buggy
    assert row["stage"] == "clean"
    assert readable(row["reason"]) and "internal error" in row["reason"] and "KeyError" in row["reason"]
    (error,) = row["errors"]
    assert error["type"] == "bug.KeyError"
    assert "Traceback" in error["msg"] and "clean_with_a_bug" in error["msg"], error["msg"]
    assert "test_hostile_inputs.py" in error["msg"]
    names = sorted(r["source_uri"].rsplit("/", 1)[1] for r in rows(archive, "documents"))
    assert names == sorted([*(p.name for p in SEEDS.glob("*.txt")), "after.txt"])
    assert {c.key: c.count for c in run.quarantine_stages if c.count} == {"clean": 1}
