"""The real Prefect flow on a real (temporary) Prefect server, writing real Delta tables."""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import polars as pl
import psutil
import pyarrow.parquet as pq
import pytest
from deltalake import DeltaTable
from prefect.exceptions import ParameterTypeError

from flows.ingest import ingest, ingest_deployment, run_ingest
from flows.task_runner import LeanProcessTaskRunner, task_runner
from zharchive import pipeline_version
from zharchive import pool as pool_module
from zharchive.batch import ingest_batch
from zharchive.errors import ArchiveError
from zharchive.pipeline import RunContext
from zharchive.plan import plan_batches
from zharchive.pool import LeanPool, WorkerDiedError, worker_info
from zharchive.rules import load_rules
from zharchive.sources import source_uri

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
    # Nothing of the seeds is quarantined, and the quarantine table is there all the same.
    quarantine = pl.read_delta(str(seeds_archive / "quarantine"))
    assert quarantine.height == 0 and {"source_uri", "raw", "stage", "reason"} <= set(quarantine.columns)
    assert runs["quarantine_version"].tolist() == [0]


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


def test_each_attempt_of_a_flow_run_is_a_run_of_its_own() -> None:
    # An attempt sharing its predecessor's run id would take that attempt's commit of one table
    # (its app transaction) for its own, and skip it; with ids of their own, the lock settles the
    # earlier attempt like any run that died (tests/test_archive.py).
    from datetime import UTC, datetime

    from flows.ingest import run_id_for

    when = datetime(2026, 11, 21, 23, 45, tzinfo=UTC)
    flow_run = "16cf4296-27af-41c7-ba4c-eb2d0d3a565d"
    first = run_id_for(when, flow_run, 1)
    assert first == "20261121T234500Z-16cf4296" == run_id_for(when, flow_run, None)  # ids as before
    assert len({first, run_id_for(when, flow_run, 2), run_id_for(when, flow_run, 3)}) == 3
    assert run_id_for(when, None, 1) != run_id_for(when, None, 1)  # no flow run: never shared


def test_batches_hold_at_most_a_count_of_files_and_a_budget_of_bytes() -> None:
    files = ["a", "b", "c", "d", "e", "f"]
    sizes = [10, 10, 100, 10, 10, 10]
    assert plan_batches(files, sizes, count=3, max_bytes=1000) == [["a", "b", "c"], ["d", "e", "f"]]
    # A file over the budget goes alone; the files around it are not held with it.
    assert plan_batches(files, sizes, count=3, max_bytes=30) == [["a", "b"], ["c"], ["d", "e", "f"]]
    assert plan_batches(files, sizes, count=1000, max_bytes=20) == [["a", "b"], ["c"], ["d", "e"], ["f"]]
    assert plan_batches([], [], count=3, max_bytes=30) == []


@pytest.mark.parametrize(
    "bad", [{"max_bytes": -1}, {"batch_size": 0}, {"workers": 0}, {"site_key": "domain"}]
)
def test_a_deployment_with_out_of_range_parameters_fails_before_it_starts(
    bad: dict[str, object], prefect_server: None, tmp_path: Path
) -> None:
    # The CLI checks its options; a deployment's parameters come from a form or a schedule.
    archive = tmp_path / "archive"
    with pytest.raises(ParameterTypeError, match=next(iter(bad))):
        ingest_deployment(sources=[str(SEEDS)], archive=str(archive), **bad)
    assert not archive.exists()


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


# --- the batch work in lean worker processes -------------------------------------------------------


class _Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def _documents(archive: Path) -> list[dict[str, Any]]:
    """Every column of every document, less what differs between two runs of the same files."""
    rows = DeltaTable(str(archive / "documents")).to_pyarrow_table().drop(["run_id", "ingested_at"])
    return sorted(rows.to_pylist(), key=lambda r: r["doc_id"])


def _pool_workers() -> list[psutil.Process]:
    """This process's children that multiprocessing spawned (its resource tracker aside)."""
    found = []
    for child in psutil.Process().children(recursive=True):
        try:
            command = " ".join(child.cmdline())
        except psutil.Error:
            continue
        if "spawn_main" in command and "resource_tracker" not in command:
            found.append(child)
    return found


def test_a_multi_batch_run_works_in_lean_worker_processes_and_gives_the_same_documents(
    prefect_server: None, tmp_path: Path, three_site_crawl: Path
) -> None:
    crawl = three_site_crawl
    assert isinstance(task_runner("auto", workers=2), LeanProcessTaskRunner)
    threads = run_ingest([str(crawl)], str(tmp_path / "threads"), batch_size=4, runner="threads")

    logged = _Lines()
    task_runs = logging.getLogger("prefect.task_runs")
    task_runs.addHandler(logged)
    try:
        lean = run_ingest([str(crawl)], str(tmp_path / "lean"), batch_size=4, runner="auto", workers=2)
    finally:
        task_runs.removeHandler(logged)

    assert (lean.input_files, lean.documents_written) == (threads.input_files, threads.documents_written)
    assert lean.documents_written == 15
    assert _documents(tmp_path / "lean") == _documents(tmp_path / "threads")
    # Each batch is still a Prefect task with its log line, but another process did its work.
    batches = [line for line in logged.lines if re.match(r"batch \d+: ", line)]
    pids = {int(m[1]) for line in batches if (m := re.search(r"\(process (\d+)\)$", line))}
    assert len(batches) == 4 and os.getpid() not in pids and 1 <= len(pids) <= 2, batches
    assert _pool_workers() == [], "the flow run ended and left its worker processes behind"


def test_lean_workers_never_import_prefect_even_when_the_main_module_does(tmp_path: Path) -> None:
    with LeanPool(2) as pool:
        infos = [pool.run(worker_info) for _ in range(4)]
    assert [info["prefect"] for info in infos] == [False] * 4
    assert os.getpid() not in {info["pid"] for info in infos}

    # A scheduled run's main module is prefect.engine, and a spawned child imports its parent's main
    # module (by name for `python -m`, by path for a script) unless the pool hides it.
    (tmp_path / "prefect_main.py").write_text(
        "import json\n"
        "import prefect\n"
        "from zharchive.pool import LeanPool, worker_info\n"
        "if __name__ == '__main__':\n"
        "    with LeanPool(1) as pool:\n"
        "        print(json.dumps(pool.run(worker_info)))\n"
    )
    for how in (["-m", "prefect_main"], [str(tmp_path / "prefect_main.py")]):
        done = subprocess.run(
            [sys.executable, *how], cwd=tmp_path, capture_output=True, text=True, timeout=300, check=False
        )
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout.splitlines()[-1])["prefect"] is False, how


def test_a_worker_stages_a_batch_without_the_heavy_modules(tmp_path: Path) -> None:
    # The seeds include the pinyin-damaged page, so the batch reads pinyin readings too.
    context = RunContext(
        run_id="lean", pipeline_version=pipeline_version(), rules_version=load_rules().version
    )
    gone = tmp_path / "archived-then-deleted.txt"  # archived by an earlier run, gone now
    with LeanPool(1) as pool:
        summary = pool.run(
            ingest_batch, 0, [*sorted(SEEDS.iterdir()), gone], {source_uri(gone): "0" * 64}, context, tmp_path
        )
        info = pool.run(worker_info)
    assert summary.documents == 5 and summary.pid == info["pid"]
    assert [row.path for row in summary.skipped] == [str(gone)]
    assert summary.stats["repair.pinyin_annotation"] > 0
    assert info["heavy"] == []
    assert pq.read_table(tmp_path / "_staging" / "lean" / "documents" / "batch-000000.parquet").num_rows == 5
    # Raised collector thresholds, and a full collection once the batch is done: no collection of
    # an older generation is pending when the next call starts.
    assert info["gc_thresholds"] == pool_module.WORKER_GC_THRESHOLDS
    assert info["gc_counts"][1:] == (0, 0)


def test_a_worker_that_dies_is_a_clear_error_not_a_hang() -> None:
    with LeanPool(1) as pool:
        with pytest.raises(WorkerDiedError, match=r"worker process died \(exited with code 1"):
            pool.run(os._exit, 1)
        assert pool.run(worker_info)["pid"]  # replaced (tests/test_complex_pages.py)


def test_a_failed_run_ends_its_worker_processes(prefect_server: None, tmp_path: Path) -> None:
    not_a_folder = tmp_path / "archive"
    not_a_folder.write_text("")
    # The flow fails at the archive lock, after its pool started.
    with pytest.raises(ArchiveError, match="cannot write the archive"):
        run_ingest([str(SEEDS)], str(not_a_folder), batch_size=2, runner="processes", workers=2)
    assert _pool_workers() == []


@pytest.mark.skipif(pool_module._malloc_trim is None, reason="the C library has no malloc_trim (not glibc)")
def test_a_worker_gives_its_batch_memory_back_when_the_batch_is_done(tmp_path: Path) -> None:
    # 1,000 pages (a batch): the seeds, each with a line of its own.
    crawl = tmp_path / "crawl"
    crawl.mkdir()
    seeds = [p.read_bytes() for p in sorted(SEEDS.glob("*.txt"))]
    for i in range(1000):
        (crawl / f"{i:04d}.txt").write_bytes(seeds[i % 5] + f"\n第{i}篇。\n".encode())
    context = RunContext(
        run_id="mem", pipeline_version=pipeline_version(), rules_version=load_rules().version
    )
    paths = sorted(str(p) for p in crawl.iterdir())
    with LeanPool(1) as pool:
        pool.run(ingest_batch, 0, paths, {}, context, tmp_path / "archive")  # the lazy tables load
        pool.run(ingest_batch, 1, paths, {}, context, tmp_path / "archive")
        info = pool.run(worker_info)
        after = psutil.Process(info["pid"]).memory_info().rss
    # Measured: the batch peaks ~80 MiB above what the worker holds once it gave the memory back;
    # kept, the worker would stay within a few MiB of its peak.
    assert info["peak_rss"] - after > 40 * 2**20, (
        f"the worker holds {after >> 20} MiB after its batch, peak {info['peak_rss'] >> 20} MiB"
    )
