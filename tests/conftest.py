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


def require_shared(path: Path) -> Path:
    """``path``, a folder under ``../shared`` (the corpora), or the test skipped when it is absent: a
    user's clone has no ``../shared``, and ``make test`` runs there all it can. Under CI (``CI=true``,
    as ``.ci/run`` is run), whose clone sits beside ``../shared``, a missing folder fails the test
    instead, so the checks that read the real pages can never pass without reading them."""
    if path.is_dir():
        return path
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true but {path} is missing: CI clones the repository beside ../shared")
    pytest.skip(f"{path} is not here (the shared corpora sit beside the repository in CI)")


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def dev_corpus() -> Path:
    return require_shared(SHARED / "corpus" / "dev")


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
