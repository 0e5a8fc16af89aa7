"""The real Prefect flow on a real (temporary) Prefect server, writing real Delta tables."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pandas as pd
import polars as pl
from deltalake import DeltaTable

from flows.ingest import ingest

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def test_seeds_archive_loads_in_pandas_polars_and_duckdb(seeds_archive: Path) -> None:
    docs = DeltaTable(str(seeds_archive / "documents")).to_pandas()
    assert len(docs) == 5 and docs["doc_id"].is_unique
    assert (
        isinstance(docs["published_at"].dtype, pd.DatetimeTZDtype)
        and str(docs["published_at"].dt.tz) == "UTC"
    )
    lazy = pl.scan_delta(str(seeds_archive / "documents")).filter(pl.col("publisher") == "中国网").collect()
    assert lazy["title"].to_list() == ["四川省公安厅召开全省公安政治工作视频会"]
    files = DeltaTable(str(seeds_archive / "documents")).file_uris()
    rows = duckdb.sql(f"select count(*) from read_parquet({files!r}) where body like '%會議%'").fetchall()
    assert rows == [(2,)]
    runs = DeltaTable(str(seeds_archive / "runs")).to_pandas()
    assert runs["documents_written"].tolist() == [5]
    assert runs["flow_run_id"].notna().all(), "the Prefect flow-run id is recorded"


def test_two_runs_give_one_version_with_data_and_the_second_is_a_no_op(
    prefect_server: None, tmp_path: Path
) -> None:
    archive = tmp_path / "archive"
    first = ingest(sources=[str(SEEDS)], archive=str(archive))
    second = ingest(sources=[str(SEEDS)], archive=str(archive))
    assert (first.documents_written, first.documents_version) == (5, 0)
    assert (second.documents_written, second.unchanged, second.documents_version) == (0, 5, None)
    assert DeltaTable(str(archive / "documents")).version() == 0
    commit = DeltaTable(str(archive / "documents")).history()[0]
    assert commit["zharchive.run_id"] == first.run_id and commit["zharchive.flow_run_id"] == first.flow_run_id
    runs = DeltaTable(str(archive / "runs")).to_pandas().sort_values("started_at")
    assert runs["run_id"].tolist() == [first.run_id, second.run_id]


def test_an_undecodable_file_goes_to_quarantine_with_its_bytes(prefect_server: None, tmp_path: Path) -> None:
    crawl = tmp_path / "crawl"
    shutil.copytree(SEEDS, crawl)
    garbage = bytes(range(256)) * 8
    (crawl / "broken.txt").write_bytes(garbage)
    (crawl / "blank.txt").write_bytes("\u3000\n \n".encode())
    run = ingest(sources=[str(crawl)], archive=str(tmp_path / "archive"))
    assert (run.input_files, run.documents_written, run.quarantined) == (7, 5, 2)
    rows = {
        Path(r["source_uri"]).name: r
        for r in DeltaTable(str(tmp_path / "archive" / "quarantine")).to_pyarrow_table().to_pylist()
    }
    assert rows["broken.txt"]["raw"] == garbage and rows["broken.txt"]["stage"] == "decode"
    assert rows["blank.txt"]["stage"] == "validate"
    assert (
        rows["blank.txt"]["errors"][0]["loc"] == ["body"]
        and rows["blank.txt"]["errors"][0]["type"] == "string_too_short"
    )
    assert "no article text" in rows["blank.txt"]["reason"]


def test_saved_html_pages_are_ingested_through_the_dom(prefect_server: None, tmp_path: Path) -> None:
    crawl = tmp_path / "crawl"
    crawl.mkdir()
    article = (SEEDS / next(p.name for p in SEEDS.iterdir() if p.name.startswith("002"))).read_text(
        encoding="utf-8"
    )
    paragraphs = "".join(f"<p>{line}</p>" for line in article.splitlines()[4:] if line.strip())
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
        "<title>四川省公安厅召开全省公安政治工作视频会_中国网</title>"
        '<meta name="ContentSource" content="中国网"></head><body>'
        '<div class="nav"><a href="/">首页</a> <a href="/a">新闻</a> <a href="/b">图片</a></div>'
        f"<h1>四川省公安厅召开全省公安政治工作视频会</h1><div class='content'>{paragraphs}</div>"
        '<div class="footer">版权所有 中国网 京ICP证040089号</div></body></html>'
    )
    (crawl / "page.htm").write_bytes(page.encode("gb18030"))
    run = ingest(sources=[str(crawl)], archive=str(tmp_path / "archive"))
    assert run.documents_written == 1, run
    (doc,) = DeltaTable(str(tmp_path / "archive" / "documents")).to_pyarrow_table().to_pylist()
    assert doc["encoding"] == "gb18030" and doc["title"] == "四川省公安厅召开全省公安政治工作视频会"
    assert doc["publisher"] == "中国网"
    assert doc["body"].startswith("4月10日,省公安厅召开") and "京ICP证" not in doc["body"]
    assert "首页" not in doc["body"]
