"""`zharchive report`: the page's counts against the tables read here independently, the command's
refusals, and the page opened in headless Chromium with every plot rendered."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
from collections import Counter
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit
from zoneinfo import ZoneInfo

import pytest
from deltalake import DeltaTable
from lxml import html as lxml_html

from zharchive.report_html import UNDATED, site_names

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
ZHARCHIVE = ROOT / ".venv" / "bin" / "zharchive"
SHANGHAI = ZoneInfo("Asia/Shanghai")


def _write_crawl(
    crawl: Path, site: str, *, encoding: str = "utf-8", dates: dict[str, str] | None = None
) -> None:
    """The seeds as one site's folder of the crawl, re-encoded and with their dates changed."""
    folder = crawl / site
    folder.mkdir(parents=True)
    for seed in sorted(SEEDS.iterdir()):
        text = seed.read_text(encoding="utf-8")
        for old, new in (dates or {}).items():
            text = text.replace(old, new)
        (folder / seed.name).write_bytes(text.encode(encoding))


@pytest.fixture(scope="module")
def archive(prefect_server: None, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two real runs of the flow over a crawl of four sites (the seeds as they are, in GB18030, with
    other dates) and three files that go to quarantine: documents versions 0 and 1."""
    from flows.ingest import ingest

    root = tmp_path_factory.mktemp("report")
    crawl, archive = root / "crawl", root / "archive"
    _write_crawl(crawl, "news.example.cn")
    _write_crawl(crawl, "gov.example.cn", encoding="gb18030")
    # A day-precision date on the first of a month is the last day of the month before in UTC
    # (midnight in Shanghai): the report counts it in March, as the page gives it.
    _write_crawl(crawl, "城市网", dates={"2024年2月29日": "2024年3月1日", "2020-04-10": "2023-06-15"})
    junk = crawl / "junk"
    junk.mkdir()
    (junk / "broken.txt").write_bytes(bytes(range(256)) * 8)
    (junk / "blank.txt").write_bytes("\u3000\n \n".encode())
    (junk / "empty.txt").write_bytes(b"")
    first = ingest(sources=[str(crawl)], archive=str(archive))
    assert (first.documents_version, first.quarantined) == (0, 3)
    _write_crawl(crawl, "late.example.cn", dates={"2017-12-15": "2024-05-20"})
    second = ingest(sources=[str(crawl)], archive=str(archive))
    assert (second.documents_written, second.documents_version) == (5, 1)
    return archive


def _report(archive: Path, out: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(ZHARCHIVE), "report", "--archive", str(archive), "--out", str(out), *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "COLUMNS": "200"},
    )


@pytest.fixture(scope="module")
def pages(archive: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, str]]:
    """The report of the newest version, of --version 0 and of --version 1: (page, stdout)."""
    folder = tmp_path_factory.mktemp("pages")
    made = {}
    for name, args in (("newest", []), ("0", ["--version", "0"]), ("1", ["--version", "1"])):
        done = _report(archive, folder / f"{name}.html", *args)
        assert done.returncode == 0, done.stderr
        made[name] = (folder / f"{name}.html", done.stdout)
    return made


def _site(uri: str, crawl_root: PurePosixPath) -> str:
    return PurePosixPath(unquote(urlsplit(uri).path)).relative_to(crawl_root).parts[0]


def _expected(archive: Path, version: int) -> dict[str, Any]:
    """What the page must say of documents ``version``, from the tables read here."""
    documents = DeltaTable(str(archive / "documents"), version=version).to_pyarrow_table(
        columns=["source_uri", "published_at", "encoding", "encoding_method", "body", "removed"]
    )
    rows = documents.to_pylist()
    runs = (
        DeltaTable(str(archive / "runs"))
        .to_pyarrow_table(columns=["run_id", "documents_version"])
        .to_pylist()
    )
    committed_by = next(r for r in runs if r["documents_version"] == version)["run_id"]
    quarantine_versions = [
        r["quarantine_version"]
        for r in DeltaTable(str(archive / "runs")).to_pyarrow_table().to_pylist()
        if r["documents_version"] is not None
        and r["documents_version"] <= version
        and r["quarantine_version"] is not None
    ]
    quarantine = DeltaTable(str(archive / "quarantine"), version=max(quarantine_versions)).to_pyarrow_table(
        columns=["stage", "errors"]
    )
    # Every site's files are in a folder of its own in the crawl.
    crawl_root = PurePosixPath(os.path.commonpath([unquote(urlsplit(r["source_uri"]).path) for r in rows]))
    months = Counter(
        r["published_at"].astimezone(SHANGHAI).strftime("%Y-%m")
        for r in rows
        if r["published_at"] is not None
    )
    undated = sum(r["published_at"] is None for r in rows)
    return {
        "documents": len(rows),
        "committed_by": committed_by,
        "sites": Counter(_site(r["source_uri"], crawl_root) for r in rows),
        "months": {**months, **({UNDATED: undated} if undated else {})},
        "utc_months": Counter(
            r["published_at"].strftime("%Y-%m") for r in rows if r["published_at"] is not None
        ),
        "pairs": Counter((r["encoding"], r["encoding_method"]) for r in rows),
        "rules": Counter(line["rule_id"] for r in rows for line in r["removed"]),
        "quarantine_stages": Counter(quarantine.column("stage").to_pylist()),
        "quarantine_kinds": Counter(
            (stage, errors[0]["type"])
            for stage, errors in zip(
                quarantine.column("stage").to_pylist(), quarantine.column("errors").to_pylist(), strict=True
            )
        ),
        "characters": sum(len(r["body"]) for r in rows),
        "longest": max(len(r["body"]) for r in rows),
    }


def _number(text: str) -> int:
    return int(text.replace(",", ""))


def _table(page: Any, section: str, index: int = 0) -> list[list[str]]:
    tables = page.xpath(f'//section[@id="{section}"]//table')
    return [
        [cell.text_content().strip() for cell in row.xpath("./td")]
        for row in tables[index].xpath(".//tbody/tr")
    ]


def _counts(rows: list[list[str]], key_columns: int = 1) -> dict[Any, int]:
    counts: dict[Any, int] = {}
    for row in rows:
        key = row[0] if key_columns == 1 else tuple(row[:key_columns])
        counts[key] = _number(row[key_columns])
    return counts


def _header(page: Any) -> dict[str, str]:
    return {
        row.xpath("./th")[0].text_content(): row.xpath("./td")[0].text_content()
        for row in page.xpath('//section[@id="header"]//tr')
    }


@pytest.mark.parametrize("version", [None, 0])
def test_the_page_names_the_counts_of_the_version(
    archive: Path, pages: dict[str, tuple[Path, str]], version: int | None
) -> None:
    out, stdout = pages["newest" if version is None else str(version)]
    shown = 1 if version is None else version
    expected = _expected(archive, shown)
    assert f"documents version {shown}, {expected['documents']} documents, 3 quarantined" in stdout
    page = lxml_html.fromstring(out.read_bytes())

    header = _header(page)
    assert header["archive"] == str(archive.resolve())
    assert header["documents version"].startswith(f"{shown} (")
    assert header["committed by run"] == expected["committed_by"]
    assert _counts(_table(page, "sites")) == expected["sites"]
    months = _counts(_table(page, "months"))
    assert months == expected["months"]
    assert _counts(_table(page, "encodings"), key_columns=2) == expected["pairs"]
    assert _counts(_table(page, "rules")) == expected["rules"]
    quarantine = _table(page, "quarantine")
    assert {(row[0], row[1]): _number(row[2]) for row in quarantine} == expected["quarantine_kinds"]
    lengths = _table(page, "lengths")[0]
    assert (_number(lengths[0]), _number(lengths[5]), _number(lengths[6])) == (
        expected["documents"],
        expected["longest"],
        expected["characters"],
    )
    cards = {
        c.xpath("./span")[0].text_content(): c.xpath("./b")[0].text_content()
        for c in page.xpath('//div[@class="card"]')
    }
    assert _number(cards["documents"]) == expected["documents"]
    assert _number(cards["lines removed"]) == sum(expected["rules"].values())
    assert _number(cards["runs"]) == (2 if version is None else 1)
    # The crawl's sites (one more in version 1); 1 March 2024 counted in March, as the page dated
    # it, not in the UTC instant's February.
    sites = {"news.example.cn", "gov.example.cn", "城市网"} | ({"late.example.cn"} if shown else set())
    assert set(expected["sites"]) == sites
    assert months["2024-03"] == 1 and expected["utc_months"].get("2024-03", 0) == 0
    assert months[UNDATED] == len(sites)  # seed 000 has no date
    assert {row[0] for row in quarantine} == {"decode", "validate"}


def test_the_page_is_the_same_for_the_same_version_and_loads_nothing_from_outside(
    pages: dict[str, tuple[Path, str]],
) -> None:
    newest, by_number = pages["newest"][0], pages["1"][0]
    assert newest.read_bytes() == by_number.read_bytes()
    page = lxml_html.fromstring(newest.read_bytes())
    sources = page.xpath("//img/@src")
    assert len(sources) >= 7 and all(s.startswith("data:image/svg+xml;base64,") for s in sources)
    assert not page.xpath("//link | //script[@src] | //iframe | //object")
    assert "default-src 'none'" in page.xpath('//meta[@http-equiv="Content-Security-Policy"]/@content')[0]


def test_an_existing_page_is_replaced_only_with_force_and_whole(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    out.write_text("an older page")
    refused = _report(archive, out)
    assert refused.returncode == 2 and refused.stderr.strip().splitlines() == [
        f"error: {out} exists; add --force to replace it"
    ]
    assert out.read_text() == "an older page"
    forced = _report(archive, out, "--force")
    assert forced.returncode == 0, forced.stderr
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]  # no temporary file left


@pytest.mark.parametrize(
    ("where", "args", "message"),
    [
        ("missing", [], "error: no archive at {missing}: the folder does not exist"),
        ("empty", [], "error: {empty} has no documents table"),
        ("archive", ["--version", "7"], "error: documents has no version 7; versions are 0 to 1"),
        ("archive", ["--version", "-1"], "error: documents has no version -1; versions are 0 to 1"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    archive: Path, tmp_path: Path, where: str, args: list[str], message: str
) -> None:
    folders = {"missing": tmp_path / "missing", "empty": tmp_path, "archive": archive}
    out = tmp_path / "report.html"
    done = _report(folders[where], out, *args)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(
        message.format(**{k: v.resolve() for k, v in folders.items()})
    )
    assert not out.exists()


def test_an_archive_of_quarantined_files_alone_has_a_page_too(
    prefect_server: None, chromium_or_none: str | None, tmp_path: Path
) -> None:
    from flows.ingest import ingest

    junk = tmp_path / "junk"
    junk.mkdir()
    (junk / "empty.txt").write_bytes(b"")
    (junk / "broken.txt").write_bytes(bytes(range(256)) * 8)
    run = ingest(sources=[str(junk)], archive=str(tmp_path / "archive"))
    assert (run.documents_written, run.quarantined) == (0, 2)
    out = tmp_path / "report.html"
    done = _report(tmp_path / "archive", out)
    assert done.returncode == 0, done.stderr
    assert "documents version 0, 0 documents, 2 quarantined, 1 run" in done.stdout
    page = lxml_html.fromstring(out.read_bytes())
    assert {(row[0], row[1]): _number(row[2]) for row in _table(page, "quarantine")} == {
        ("decode", "empty"): 1,
        ("decode", "binary"): 1,
    }
    assert "None at this version." in page.xpath('string(//section[@id="sites"])')
    assert len(page.xpath("//img")) == 1  # quarantine by stage: nothing else to plot
    if chromium_or_none is not None:
        assert _rendered(chromium_or_none, out, tmp_path / "profile") == "ok 1"


def test_a_data_file_gone_is_named_in_one_line(archive: Path, tmp_path: Path) -> None:
    damaged = tmp_path / "archive"
    shutil.copytree(archive, damaged)
    gone = sorted((damaged / "documents").glob("*.parquet"))[0]
    gone.unlink()
    done = _report(damaged, tmp_path / "report.html")
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"error: {gone} is missing: the Delta log lists this data file but it is not on disk; "
        f"run `zharchive verify --archive {damaged}` to list every damaged file, and "
        "`zharchive verify --repair` to take the lost files out (then an ingest of their sources "
        "makes their rows again)"
    ]


def test_a_site_is_the_first_folder_below_the_shared_one() -> None:
    crawl = PurePosixPath("/data/crawl")
    assert site_names([crawl / "a.cn" / "2024" / "01", crawl / "b.cn", crawl / "b.cn" / "x"]) == {
        crawl / "a.cn" / "2024" / "01": "a.cn",
        crawl / "b.cn": "b.cn",
        crawl / "b.cn" / "x": "b.cn",
    }
    assert site_names([PurePosixPath("/work/seeds")]) == {PurePosixPath("/work/seeds"): "seeds"}


# ---------------------------------------------------------------------------------------------
# In a browser


@pytest.fixture(scope="session")
def chromium() -> str:
    """Debian's chromium. Missing: skipped with the reason, except in CI (CI=true), which installs
    it (.ci/run) and must run this test."""
    path = shutil.which("chromium")
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but no chromium on PATH: .ci/run installs Debian's chromium with apt-get")
        pytest.skip(
            "no chromium on PATH: `apt-get install chromium` (Debian) to open the report in a browser"
        )
    return path


@pytest.fixture
def chromium_or_none() -> str | None:
    return shutil.which("chromium")


def _rendered(chromium: str, page: Path, profile: Path) -> str | None:
    """What the page's own script set on <body> once loaded, in headless Chromium."""
    dom = _chromium(chromium, profile, "--virtual-time-budget=10000", "--dump-dom", page.as_uri())
    marked = re.search(r'<body[^>]*data-plots="([^"]*)"', dom)
    return None if marked is None else marked.group(1)


def _chromium(chromium: str, profile: Path, *args: str) -> str:
    """Run headless Chromium offline; its stdout. Its whole process group is ended if it hangs."""
    command = [
        chromium,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
        *args,
    ]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        stdout, stderr = process.communicate(timeout=90)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise
    assert process.returncode == 0, stderr[-2000:]
    return stdout


def test_chromium_renders_every_plot(
    chromium: str, pages: dict[str, tuple[Path, str]], tmp_path: Path
) -> None:
    out = pages["newest"][0]
    images = len(lxml_html.fromstring(out.read_bytes()).xpath("//img"))
    assert images >= 7  # sites, months, encodings, methods, quarantine, rules, lengths
    # The page's own script marks <body> once loaded: every image decoded, with a width.
    assert _rendered(chromium, out, tmp_path / "profile") == f"ok {images}"

    shot = tmp_path / "report.png"
    _chromium(chromium, tmp_path / "profile", "--window-size=1280,2400", f"--screenshot={shot}", out.as_uri())
    from PIL import Image

    with Image.open(shot) as picture:
        assert picture.size == (1280, 2400)
        colours = picture.convert("RGB").getcolors(maxcolors=1 << 20)
    # Plots drawn, not a blank page: many colours, and the bars' accent among the most used.
    assert colours is not None and len(colours) > 50
    accent = (0x2F, 0x6F, 0x8F)
    assert any(count > 2000 and colour == accent for count, colour in colours)
