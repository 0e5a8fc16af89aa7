"""Shared fixtures: the real seeds, the shared dev corpus, and a real Prefect server per test worker."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
os.environ["DO_NOT_TRACK"] = "1"

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def dev_corpus() -> Path:
    corpus = SHARED / "corpus" / "dev"
    if not corpus.is_dir():
        pytest.skip(f"the shared dev corpus is not at {corpus}")
    return corpus


@pytest.fixture(scope="session")
def prefect_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """A real Prefect server and database under a temporary PREFECT_HOME, for the whole session."""
    home = tmp_path_factory.mktemp("prefect-home")
    os.environ["PREFECT_HOME"] = str(home)
    from prefect.logging.configuration import ensure_logging_setup
    from prefect.testing.utilities import prefect_test_harness

    # Prefect configures its console log handler on first use, bound to whatever sys.stderr is
    # then: inside a CliRunner.invoke that is a stream closed after it, and every later log line of
    # the process failed with "--- Logging error ---" (tests/test_cli.py in one process). Here,
    # it is pytest's own.
    ensure_logging_setup()

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture(scope="session")
def seeds_archive(prefect_server: None, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The archive a real flow run makes of seeds/ (what `make run` makes)."""
    from flows.ingest import ingest

    archive = tmp_path_factory.mktemp("seeds-archive")
    ingest(sources=[str(SEEDS)], archive=str(archive))
    return archive


@pytest.fixture
def three_site_crawl(tmp_path: Path) -> Path:
    """The seeds copied into three site folders: 15 files, several batches at a batch size of 4."""
    crawl = tmp_path / "crawl"
    for i in range(3):
        shutil.copytree(SEEDS, crawl / f"site{i}")
    return crawl
