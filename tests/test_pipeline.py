"""A batch's documents on their way to the archive: the row sink, and the stager's Arrow chunks."""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from support import documents

from schemas import ArchivedDocument, SourceFile
from zharchive import pipeline_version
from zharchive.archive.staging import DOCUMENTS_SCHEMA, STAGING_DIR, BatchStager
from zharchive.errors import MAX_REASON_CHARS
from zharchive.pipeline import (
    MAX_PAGE_LINES,
    MAX_REFERENCE_PAGES,
    ROWS_CHUNK,
    RunContext,
    process_batch,
    process_sources,
)
from zharchive.rules import load_rules
from zharchive.sources import source_uri
from zharchive.stages.decode import FEW_BAD_CHARACTERS
from zharchive.stages.read import read_source
from zharchive.stages.validate import Stamp, quarantine_for_bug


def test_a_row_sink_gets_the_rows_the_batch_would_keep(seeds_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    paths = [*sorted(seeds_dir.glob("*.txt")), tmp_path / "empty.txt"]
    context = RunContext(
        run_id="sink", pipeline_version=pipeline_version(), rules_version=load_rules().version
    )

    kept = process_batch(paths, known={}, context=context)
    handed: list[list[dict[str, Any]]] = []
    sunk = process_batch(paths, known={}, context=context, rows=handed.append)

    assert sunk.rows == [] and sunk.document_count == sum(map(len, handed)) == 5
    assert kept.document_count == len(kept.rows) == 5
    ignore = {"ingested_at"}
    assert [{k: v for k, v in d.items() if k not in ignore} for chunk in handed for d in chunk] == [
        {k: v for k, v in d.items() if k not in ignore} for d in kept.rows
    ]
    assert [q.source_uri for q in sunk.quarantined] == [q.source_uri for q in kept.quarantined] != []
    assert sunk.stats == kept.stats


def test_staged_rows_stay_in_chunks_and_read_back_whole(seeds_dir: Path, tmp_path: Path) -> None:
    # One array of a list-of-struct column cannot exceed 2 GiB (every removed line's text of a
    # batch of huge pages): the stager keeps each chunk the pipeline hands it as its own.
    context = RunContext(
        run_id="chunks", pipeline_version=pipeline_version(), rules_version=load_rules().version
    )
    sources = [read_source(p) for p in sorted(seeds_dir.glob("*.txt"))] * 50
    stager = BatchStager(tmp_path, "chunks", 0)
    handed: list[int] = []

    def add(rows: list[dict[str, Any]]) -> None:
        handed.append(len(rows))
        stager.add_rows(rows)

    out = process_sources(sources, context=context, rows=add)
    stager.finish(out.quarantined)
    assert handed == [ROWS_CHUNK, ROWS_CHUNK, 250 - 2 * ROWS_CHUNK]
    staged = pq.read_table(tmp_path / STAGING_DIR / "chunks" / "documents" / "batch-000000.parquet")
    assert staged.num_rows == 250
    expected = documents(process_sources(sources[:5], context=context).rows)
    assert staged.column("removed").to_pylist() == [d.model_dump()["removed"] for d in expected] * 50


def test_the_stager_writes_each_chunk_as_it_comes_and_names_the_file_at_the_end(
    seeds_dir: Path, tmp_path: Path
) -> None:
    # A worker holds no batch's worth of Arrow chunks: each is a row group of the partial file at
    # once; the staged file takes its name only when the batch is done.
    context = RunContext(
        run_id="stream", pipeline_version=pipeline_version(), rules_version=load_rules().version
    )
    sources = [read_source(p) for p in sorted(seeds_dir.glob("*.txt"))] * 50
    stager = BatchStager(tmp_path, "stream", 0)
    folder = tmp_path / STAGING_DIR / "stream" / "documents"
    seen: list[tuple[int, bool]] = []

    def add(rows: list[dict[str, Any]]) -> None:
        stager.add_rows(rows)
        partial = folder / "batch-000000.parquet.partial"
        seen.append((partial.stat().st_size, (folder / "batch-000000.parquet").exists()))

    out = process_sources(sources, context=context, rows=add)
    assert len(seen) == 3 and all(not named for _, named in seen)
    assert seen[0][0] < seen[1][0] < seen[2][0]  # written as it came, not held
    stager.finish(out.quarantined)
    staged = pq.ParquetFile(folder / "batch-000000.parquet")
    assert [p.name for p in folder.iterdir()] == ["batch-000000.parquet"]
    assert staged.metadata.num_rows == 250 and staged.metadata.num_row_groups == 3
    assert staged.schema_arrow.equals(DOCUMENTS_SCHEMA)


# Pages of one site: prose with a widget line between paragraphs that no rule names, which only its
# repetition across the site's pages gives away.
_PARAGRAPHS = [
    "会上,各县区公安局长汇报集打斗争、追逃、黄标车治理等工作情况,市公安局相关警种负责人通报了全市公安机关相关工作情况。",
    "何永清同志讲评全市公安机关绩效考评情况,要求全市公安机关统一思想,提高认识,增强对绩效考核的责任感、紧迫感。",
    "刘新良同志指出,今年以来,全市公安机关和4200名公安民警保持定力、精准发力、加倍努力,永州公安工作高开高起。",
]
_WIDGET = "本站导航"


def _site_page(number: int) -> bytes:
    lines = [
        f"全市公安机关召开第{number}次视频调度会",
        f"第{number}次会议。" + _PARAGRAPHS[0],
        _WIDGET,
        *_PARAGRAPHS[1:],
    ]
    return "\n".join(lines).encode("gb18030")


def test_a_new_page_of_a_site_is_cleaned_with_the_unchanged_pages_of_its_folder(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    for number in range(1, 9):
        (site / f"page-{number}.txt").write_bytes(_site_page(number))
    (site / "page-0-empty.txt").write_bytes(b"")  # quarantined in the first run
    paths = sorted(site.iterdir())
    context = RunContext(
        run_id="refs", pipeline_version=pipeline_version(), rules_version=load_rules().version
    )

    first_run = process_batch(paths, known={}, context=context)
    widget_removed = {d.source_uri for d in documents(first_run.rows) if _WIDGET not in d.body}
    assert len(widget_removed) == first_run.document_count == 8

    # The next run: page 9 is new, everything else is archived already.
    (site / "page-9.txt").write_bytes(_site_page(9))
    known = {d.source_uri: d.raw_sha256 for d in documents(first_run.rows)}
    known |= {q.source_uri: str(q.raw_sha256) for q in first_run.quarantined}
    second_run = process_batch(sorted(site.iterdir()), known=known, context=context)

    assert (second_run.document_count, second_run.unchanged) == (1, 9)
    (new_page,) = documents(second_run.rows)
    assert new_page.source_uri.endswith("/page-9.txt")
    assert _WIDGET not in new_page.body
    assert ("structure.site_repeat", _WIDGET) in [(r.rule_id, r.text) for r in new_page.removed]
    assert second_run.stats["site_reference.pages"] == 8
    assert second_run.stats["site_reference.undecodable"] == 1

    # Alone, with nothing to compare it with, the widget stays: what the references are for.
    alone = process_batch([site / "page-9.txt"], known={}, context=context)
    assert _WIDGET in documents(alone.rows)[0].body


def test_reference_pages_are_at_most_max_reference_pages_a_site(tmp_path: Path) -> None:
    # A folder of many unchanged pages and one new one: the new page needs a few to compare with,
    # not the whole folder decoded again.
    site = tmp_path / "site"
    site.mkdir()
    for number in range(MAX_REFERENCE_PAGES + 10):
        (site / f"page-{number:03d}.txt").write_bytes(_site_page(number))
    known = {source_uri(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in site.iterdir()}
    (site / "page-new.txt").write_bytes(_site_page(999))
    context = RunContext(
        run_id="cap", pipeline_version=pipeline_version(), rules_version=load_rules().version
    )

    out = process_batch(sorted(site.iterdir()), known=known, context=context)

    assert (out.document_count, out.unchanged) == (1, MAX_REFERENCE_PAGES + 10)
    assert out.stats["site_reference.pages"] == MAX_REFERENCE_PAGES
    assert _WIDGET not in documents(out.rows)[0].body


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("newlines.txt", b"\n" * 1_000_000),  # 1 MB: ~900 MB of cleaning bookkeeping before the cap
        ("carriage-returns.txt", "标题\r".encode() * (MAX_PAGE_LINES + 1)),
        ("blocks.html", b"<html><body>" + "<p>段</p>".encode() * (MAX_PAGE_LINES + 1) + b"</body></html>"),
    ],
)
def test_a_page_of_more_lines_than_any_article_is_quarantined_whole(
    name: str, content: bytes, tmp_path: Path
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    context = RunContext(
        run_id="lines", pipeline_version=pipeline_version(), rules_version=load_rules().version
    )

    out = process_batch([path], known={}, context=context)

    (row,) = out.quarantined
    assert (row.stage, row.errors[0].type, row.raw) == ("clean", "too_many_lines", content)
    assert f"more than the {MAX_PAGE_LINES:,}" in row.reason


def test_a_page_of_as_many_lines_as_the_cap_is_cleaned(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    lines = ["全市公安机关召开视频调度会", *_PARAGRAPHS * 2]
    path.write_bytes("\n".join(lines + [""] * (MAX_PAGE_LINES - len(lines))).encode())
    context = RunContext(
        run_id="lines", pipeline_version=pipeline_version(), rules_version=load_rules().version
    )

    out = process_batch([path], known={}, context=context)

    assert out.document_count == 1 and out.quarantined == []


_ARTICLE = (
    "标题：市政府召开全市安全生产工作会议\n"
    "发布时间：2024年03月05日 10:30\n"
    "来源：市政府办公室\n"
    "3月5日上午，市政府召开全市安全生产工作会议，总结去年工作，部署今年任务。"
    "市长在会上强调，各级各部门要切实增强做好安全生产工作的责任感和紧迫感。\n"
    "会议指出，要坚持人民至上、生命至上，统筹发展和安全，扎实推进安全生产专项整治三年行动。\n"
)


def _one(tmp_path: Path, raw: bytes) -> ArchivedDocument:
    path = tmp_path / "page.txt"
    path.write_bytes(raw)
    context = RunContext(run_id="d", pipeline_version=pipeline_version(), rules_version=load_rules().version)
    out = process_batch([path], known={}, context=context)
    assert out.quarantined == [], [q.reason for q in out.quarantined]
    return documents(out.rows)[0]


@pytest.mark.parametrize("bad", [b"\xed\xa0\x80", b"\xc0\xaf"], ids=["encoded-surrogate", "overlong"])
def test_an_invalid_utf8_sequence_in_a_utf8_line_is_replaced_not_read_as_gb(
    bad: bytes, tmp_path: Path
) -> None:
    # Inside 布 of 发布时间: GB18030 reads the damaged line "strictly" as 鍙戝…, which became the title.
    raw = _ARTICLE.encode()
    cut = raw.index("布".encode()) + 2
    document = _one(tmp_path, raw[:cut] + bad + raw[cut:])

    assert (document.encoding, document.decode_flags) == ("utf-8", ["replacement"])
    assert document.title == "市政府召开全市安全生产工作会议"
    assert "\ufffd" in "".join(r.text for r in document.removed) + document.body
    assert "鍙" not in document.body + "".join(r.text for r in document.removed)


def test_a_few_control_characters_are_removed_with_a_flag_not_quarantined(tmp_path: Path) -> None:
    # A NUL inside 10:30 hid the time; ESC [0m put colour codes in the text. Seven of them in a
    # short article (over 1 % of its characters) made it "binary".
    text = _ARTICLE.replace("10:30", "1\x000:30").replace("。", "。\x1b\x07", 2).replace("，", "，\x01", 2)
    document = _one(tmp_path, text.encode())

    assert document.decode_flags == ["control_characters_removed"]
    assert (
        document.published_at is not None and document.published_at.isoformat() == "2024-03-05T02:30:00+00:00"
    )
    everything = document.body + "".join(r.text for r in document.removed) + (document.title or "")
    assert not re.search("[\x00-\x08\x0b\x0e-\x1f\x7f]", everything)


def test_a_quarantine_reason_is_one_line_however_the_error_reads(tmp_path: Path) -> None:
    stamp = Stamp("r", "p", datetime.now(UTC))
    source = SourceFile(
        source_uri="file:///x.txt",
        path="/x.txt",
        size=1,
        raw_sha256=hashlib.sha256(b"x").hexdigest(),
        raw=b"x",
    )
    message = "the first line\n  the second\n" + "and on " * 500
    bug = quarantine_for_bug(source, ValueError(message), "clean", stamp=stamp)
    assert "\n" not in bug.reason and len(bug.reason) == MAX_REASON_CHARS
    assert bug.reason.startswith(
        "internal error in the clean stage: ValueError: the first line the second and on"
    )
    assert message.splitlines()[1] in bug.errors[0].msg  # the whole message and traceback stay in errors

    # A file name with a newline in it, gone before it was read.
    out = process_batch(
        [tmp_path / "new\nline.txt"],
        known={},
        context=RunContext(run_id="r", pipeline_version="p", rules_version=load_rules().version),
    )
    (row,) = out.quarantined
    assert "\n" not in row.reason and "new line.txt" in row.reason


def test_a_page_the_html_parser_did_not_read_whole_is_flagged(tmp_path: Path) -> None:
    body = "".join(f"<p>{line}</p>" for line in _ARTICLE.splitlines())
    markup = f"<html><head><title>市政府召开全市安全生产工作会议</title></head><body>{body}"
    markup += "<div class=footer>" + "<font>" * 300 + "版权所有</div></body></html>"
    path = tmp_path / "page.html"
    path.write_text(markup, encoding="utf-8")
    context = RunContext(run_id="h", pipeline_version=pipeline_version(), rules_version=load_rules().version)
    (document,) = documents(process_batch([path], known={}, context=context).rows)
    assert "html_parser_limit" in document.clean_flags and "安全生产专项整治" in document.body


def test_a_control_character_that_breaks_a_line_becomes_a_newline(tmp_path: Path) -> None:
    # Word exports break lines with a vertical tab: the headline must not run into the date line.
    text = _ARTICLE.replace("会议\n发布时间", "会议\x0b发布时间", 1)
    document = _one(tmp_path, text.encode())
    assert document.decode_flags == ["control_characters_removed"]
    assert document.title == "市政府召开全市安全生产工作会议"
    assert document.published_at is not None


def test_the_line_cap_counts_an_html_pages_blocks_not_its_source_lines(tmp_path: Path) -> None:
    script = "\n".join(f"var x{i} = {i};" for i in range(MAX_PAGE_LINES + 10_000))
    body = "".join(f"<p>{line}</p>" for line in _ARTICLE.splitlines())
    path = tmp_path / "page.html"
    path.write_text(
        f"<html><head><script>{script}</script></head><body>{body}</body></html>", encoding="utf-8"
    )
    context = RunContext(run_id="h", pipeline_version=pipeline_version(), rules_version=load_rules().version)
    out = process_batch([path], known={}, context=context)
    assert out.quarantined == [] and out.document_count == 1


@pytest.mark.parametrize("controls", [FEW_BAD_CHARACTERS, FEW_BAD_CHARACTERS + 1])
def test_a_short_article_tolerates_few_bad_characters_and_no_more(controls: int, tmp_path: Path) -> None:
    # Under 200 characters, 1 % is 2: FEW_BAD_CHARACTERS is what decides, on each side of it.
    text = _ARTICLE.replace("总结去年工作", "总结" + "\x01" * controls + "去年工作", 1)
    path = tmp_path / "page.txt"
    path.write_bytes(text.encode())
    context = RunContext(run_id="c", pipeline_version=pipeline_version(), rules_version=load_rules().version)
    out = process_batch([path], known={}, context=context)
    if controls <= FEW_BAD_CHARACTERS:
        assert out.document_count == 1 and "总结去年工作" in documents(out.rows)[0].body
    else:
        (row,) = out.quarantined
        assert (row.stage, row.errors[0].type) == ("decode", "binary")
        assert "9 of" in row.reason and "control characters" in row.reason
