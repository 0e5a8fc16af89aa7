"""Site profiles across runs (issue 19, part 2): a page's body does not depend on which other pages
of its site were in its batch. Real batches, staged and committed into real Delta tables (the flow's
own functions, without Prefect: hundreds of runs), and a real flow run for the options."""

from __future__ import annotations

import json
import random
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from deltalake import DeltaTable

from tests.conftest import SEEDS
from zharchive import pipeline_version
from zharchive.archive.commit import Provenance, commit_run
from zharchive.archive.index import archive_index
from zharchive.archive.sites import live_files, sites_uri
from zharchive.batch import ingest_batch, reprocess_batch
from zharchive.pipeline import RunContext
from zharchive.rules import load_rules
from zharchive.sites import PAGES_ROW, SiteProfile, line_hash, site_chrome, site_of
from zharchive.sources import source_uri

# A county government site's chrome. Its menus and footer cleaning finds on one page alone; the
# promotions it puts inside every article (INLINE) no rule knows: only their repetition across the
# site's pages says they are not the article.
CHROME_TOP = [
    "某某县人民政府门户网站 | 政务公开 | 办事服务 | 互动交流 | 走进某某",
    "当前位置：首页 > 要闻动态 > 本县要闻",
]
CHROME_BOTTOM = [
    "主办：某某县人民政府办公室 承办：某某县大数据中心",
    "地址：某某县人民路88号 邮编：620000 电话：0833-1234567",
]
INLINE = [
    "【某某县政务服务便民热线12345 竭诚为您服务】",
    # (No rule names these inside an article: 扫一扫在手机打开当前页, which stood here, is a QR widget
    # the edges rule now removes inside the block too.)
    "欢迎关注某某县融媒体中心官方账号",
    "微信公众号：某某发布  抖音号：某某县融媒",
]
_SENTENCE = re.compile(r"(?<=[。！？])")


def sentences() -> list[str]:
    found = []
    for seed in sorted(SEEDS.glob("*.txt")):
        for line in seed.read_text("utf-8").splitlines():
            found.extend(s for s in _SENTENCE.split(line.strip()) if len(s) >= 20 and s.endswith("。"))
    return found


def page(number: int, pool: list[str]) -> str:
    """Page ``number`` of the county site: its chrome around an article of its own."""
    rng = random.Random(number)
    body = ["".join(rng.sample(pool, 3)) for _ in range(4)]
    title = f"某某县召开第{number}次重点工作推进会"
    date = f"发布时间：2024-03-{number % 28 + 1:02d}"
    return "\n".join([*CHROME_TOP, title, date, *body[:2], *INLINE, *body[2:], *CHROME_BOTTOM]) + "\n"


def write_pages(folder: Path, numbers: range | list[int], pool: list[str]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in numbers:
        path = folder / f"{number:04d}.txt"
        path.write_text(page(number, pool), "utf-8")
        paths.append(path)
    return paths


def run(archive: Path, paths: list[Path], name: str, *, site_key: str = "folder") -> None:
    """One ingest run of ``paths`` as the flow makes it: one batch, staged, committed."""
    rules = load_rules().version
    context = RunContext(
        run_id=name,
        pipeline_version=pipeline_version(),
        rules_version=rules,
        site_key=site_key,  # type: ignore[arg-type]
        profile_files=tuple(live_files(archive)),
    )
    known, failures = archive_index(archive).for_batch(map(source_uri, paths))
    ingest_batch(0, paths, known, context, archive, failures)
    commit_run(archive, Provenance(name, None, context.pipeline_version, rules, context.schema_version))


def reprocess(archive: Path, uris: list[str], name: str) -> None:
    rules = load_rules().version
    context = RunContext(
        run_id=name,
        pipeline_version=pipeline_version(),
        rules_version=rules,
        profile_files=tuple(live_files(archive)),
    )
    versions = (DeltaTable(str(archive / "documents")).version(), None)
    reprocess_batch(0, uris, versions, context, archive)
    commit_run(archive, Provenance(name, None, context.pipeline_version, rules, context.schema_version))


def body_of(archive: Path, path: Path) -> str:
    rows = DeltaTable(str(archive / "documents")).to_pyarrow_table(columns=["source_uri", "body"]).to_pylist()
    (body,) = [r["body"] for r in rows if r["source_uri"] == source_uri(path)]
    return str(body)


def sites_rows(archive: Path) -> dict[tuple[str, str], dict[str, Any]]:
    rows = DeltaTable(sites_uri(archive)).to_pyarrow_table().to_pylist()
    return {(r["site"], r["line_hash"]): r for r in rows}


def the_same_page_three_ways(tmp_path: Path, trickle: int) -> None:
    pool = sentences()
    crawl = tmp_path / "crawl" / "county"
    first = write_pages(crawl, range(30), pool)
    [target] = write_pages(crawl, [9999], pool)
    later = write_pages(crawl, range(30, 30 + trickle), pool)

    # Alone in an archive that has never seen its site: the inline chrome stays (nothing to compare).
    fresh = tmp_path / "fresh"
    run(fresh, [target], "fresh")
    assert all(line in body_of(fresh, target) for line in INLINE)

    # 1. In one batch with 30 pages of its site.
    batch = tmp_path / "batch"
    run(batch, [*first, target], "batch")
    # 2. Alone, a run after those 30 pages.
    alone = tmp_path / "alone"
    run(alone, first, "alone-1")
    run(alone, [target], "alone-2")
    # 3. Alone, after ``trickle`` more pages of the site arrived one a run.
    late = tmp_path / "late"
    run(late, first, "late-0")
    for number, path in enumerate(later, 1):
        run(late, [path], f"late-{number}")
    run(late, [target], "late-target")

    bodies = {
        name: body_of(archive, target)
        for name, archive in (("batch", batch), ("alone", alone), ("late", late))
    }
    assert bodies["batch"] == bodies["alone"] == bodies["late"], bodies
    assert not any(line in bodies["batch"] for line in CHROME_TOP + INLINE + CHROME_BOTTOM)
    assert bodies["batch"] != body_of(fresh, target)

    # The profile: the site's pages, and each chrome line on every one of them; one version a run.
    site = site_of(source_uri(target), {}, key="folder")
    rows = sites_rows(late)
    assert rows[(site, PAGES_ROW)]["pages_seen"] == 30 + trickle + 1
    chrome = rows[(site, line_hash("".join(INLINE[0].split())))]
    assert chrome["pages_seen"] == 30 + trickle + 1
    assert chrome["first_seen"] < chrome["last_seen"] and chrome["run_id"] == "late-target"
    assert DeltaTable(sites_uri(late)).version() == trickle + 1  # runs late-0 .. late-target
    # No prose is kept: an article sentence has no row.
    assert (site, line_hash("".join(pool[0].split()))) not in rows

    # --reprocess uses the profile as it stands: the same body, and the profile does not change.
    before = sites_rows(alone)
    reprocess(alone, [source_uri(p) for p in [*first, target]], "alone-reprocess")
    assert body_of(alone, target) == bodies["alone"]
    assert sites_rows(alone) == before


def test_the_same_page_gets_the_same_body_alone_in_a_batch_and_after_pages_arrived_one_by_one(
    tmp_path: Path,
) -> None:
    the_same_page_three_ways(tmp_path, trickle=12)


@pytest.mark.slow  # 500 committed runs: ~minutes
def test_the_same_page_after_500_pages_arrived_one_a_run(tmp_path: Path) -> None:
    the_same_page_three_ways(tmp_path, trickle=500)


def test_site_chrome_counts_the_profile_with_the_batch() -> None:
    top = "某某县人民政府门户网站|政务公开"
    profile = SiteProfile(pages=9, lines={line_hash(top): 9})
    text = f"{top}\n本页独有的一行说明文字\n"
    assert site_chrome([text], profile) == frozenset({top})
    assert site_chrome([text], None) == frozenset()  # one page, no profile: nothing repeats
    # On 4 of the 10 pages (the profile's 3 and this one), under half: not chrome.
    assert site_chrome([text], replace(profile, lines={line_hash(top): 3})) == frozenset()
    # --reprocess: the profile alone (it counted this page when it was archived).
    assert site_chrome([text], replace(profile, lines={line_hash(top): 5}), count_batch=False) == frozenset(
        {top}
    )


def test_the_site_of_an_html_page_is_the_host_it_declares_unless_folder_is_asked() -> None:
    hints = {"url": "https://www.gov.example.cn/xxgk/2024/0101.html"}
    assert site_of("file:///crawl/a/p.html", hints, key="host") == "host:www.gov.example.cn"
    assert site_of("file:///crawl/a/p.html", hints, key="folder") == "file:///crawl/a"
    assert site_of("file:///crawl/a/p.txt", {}, key="host") == "file:///crawl/a"
    assert site_of("file:///crawl/a/p.html", {"url": "/relative/p.html"}, key="host") == "file:///crawl/a"


def html_page(number: int, pool: list[str], host: str) -> str:
    lines = page(number, pool).splitlines()
    paragraphs = "".join(f"<p>{line}</p>" for line in lines)
    return (
        f'<html><head><title>某某县第{number}次会议</title><link rel="canonical" '
        f'href="https://{host}/xw/{number}.html"></head><body>{paragraphs}</body></html>'
    )


@pytest.mark.parametrize("site_key", ["host", "folder"])
def test_the_flow_keys_sites_by_the_host_an_html_page_declares_or_by_folder(
    site_key: str, prefect_server: None, tmp_path: Path
) -> None:
    """The county's pages crawled into two folders: by host, a page of the second folder is
    cleaned with the profile of the first; by folder, it is a site of one page."""
    from flows.ingest import ingest

    pool = sentences()
    crawl, archive = tmp_path / "crawl", tmp_path / "archive"
    for folder, numbers in (("mirror-a", range(30)), ("mirror-b", [9999])):
        (crawl / folder).mkdir(parents=True)
        for number in numbers:
            (crawl / folder / f"{number}.html").write_text(
                html_page(number, pool, "www.county.gov.cn"), "utf-8"
            )
    first = ingest(sources=[str(crawl / "mirror-a")], archive=str(archive), site_key=site_key)
    assert first.documents_written == 30
    second = ingest(sources=[str(crawl / "mirror-b")], archive=str(archive), site_key=site_key)
    assert json.loads(second.parameters)["site_key"] == site_key
    body = body_of(archive, crawl / "mirror-b" / "9999.html")
    removed = not any(line in body for line in INLINE)
    assert removed == (site_key == "host"), body
    sites = {site for site, _ in sites_rows(archive)}
    assert sites == (
        {"host:www.county.gov.cn"}
        if site_key == "host"
        else {source_uri(crawl / "mirror-a" / "x")[:-2], source_uri(crawl / "mirror-b" / "x")[:-2]}
    )
