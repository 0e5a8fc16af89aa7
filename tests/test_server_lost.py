"""A Prefect server that is not there, or is killed mid-run (issue 18, item 8): one line naming it,
exit 2 within seconds, no traceback, and an archive that ``zharchive verify`` finds intact.

Real processes: a real ``prefect server start`` on a free loopback port of its own, real
``zharchive ingest`` processes talking to it, the server killed with SIGKILL.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import httpx
import pytest
from support import standalone_env

from zharchive.archive.staging import STAGING_DIR

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
PREFECT = ROOT / ".venv" / "bin" / "prefect"
ZHARCHIVE = ROOT / ".venv" / "bin" / "zharchive"
# Before the fix, a killed server cost ~180 s of Prefect's retries and queue draining, then a
# traceback; now ~8 s. The bound leaves room for a busy 2-core machine.
EXIT_BOUND = 60.0


def _free_port() -> int:
    with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def prefect_server(home: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """``prefect server start`` on a free loopback port, in a session of its own; its API URL."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}/api"
    log = home.parent / "server.log"
    with open(log, "wb") as out:
        server = subprocess.Popen(
            [str(PREFECT), "server", "start", "--host", "127.0.0.1", "--port", str(port), "--no-ui"],
            env=standalone_env(home),
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: killed whole, as a machine loses it
        )
    try:
        deadline = time.monotonic() + 180
        while True:
            assert server.poll() is None, log.read_text("utf-8", "replace")[-2000:]
            assert time.monotonic() < deadline, "the Prefect server did not answer within 180 s"
            try:
                if httpx.get(f"{url}/health", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        yield url, server
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def _env(home: Path, url: str) -> dict[str, str]:
    return standalone_env(home, PREFECT_API_URL=url, COLUMNS="200")


def _zharchive(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(ZHARCHIVE), *args], capture_output=True, text=True, env=env, timeout=600, check=False
    )


def _corpus(root: Path, files: int) -> None:
    """``files`` distinct pages: the seeds, each with a line of its own."""
    seeds = [p.read_bytes() for p in sorted(SEEDS.glob("*.txt"))]
    for i in range(files):
        page = root / f"site{i % 10}" / f"page{i:05d}.txt"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_bytes(seeds[i % len(seeds)] + f"\n这是第{i}篇测试文章。\n".encode())


def _assert_one_line(code: int, stdout: str, stderr: str, *said: str) -> str:
    """Exit 2, no traceback, and one ``error:`` line, the last, holding ``said``; that line."""
    assert "Traceback" not in stdout + stderr and "╭" not in stderr, stderr[-3000:]
    assert code == 2, (code, stderr[-3000:])
    errors = [line for line in stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, stderr[-3000:]
    assert stderr.rstrip().splitlines()[-1] == errors[0], stderr[-3000:]
    for words in said:
        assert words in errors[0], errors[0]
    return errors[0]


def _wait_for(condition: Callable[[], bool], run: subprocess.Popen[str], log: Path, what: str) -> None:
    deadline = time.monotonic() + 300
    while not condition():
        assert run.poll() is None, f"the run ended before {what}:\n{log.read_text()[-3000:]}"
        assert time.monotonic() < deadline, f"no {what} within 300 s"
        time.sleep(0.005)


# Where the server is killed, and what the run's one line must then say of the archive.
KILLED_AT = {
    # While batches stage: the run is far from its commit, and commits nothing.
    "batches": ("nothing of the run was committed, and the batches it finished stay staged",),
    # Once its documents commit is made: the run ends its commits and its row in runs (none of that
    # calls the API), then finds the server gone when it publishes its artifacts.
    "commit": ("was committed (documents v1, runs v1)", "the archive holds the whole run"),
}


@pytest.mark.slow  # a real Prefect server, two ingests: ~40 s
@pytest.mark.parametrize("killed_at", KILLED_AT)
def test_a_server_killed_mid_run_is_one_line_and_the_archive_stays_intact(
    tmp_path: Path, killed_at: str
) -> None:
    home = tmp_path / "home"
    archive = tmp_path / "archive"
    crawl = tmp_path / "crawl"
    _corpus(crawl, 3000)
    with prefect_server(home) as (url, server):
        env = _env(home, url)
        first = _zharchive("ingest", str(SEEDS), "--archive", str(archive), env=env)
        assert first.returncode == 0, first.stderr[-3000:]  # documents, quarantine and runs at v0
        log = tmp_path / "ingest.err"
        with open(log, "w") as err, open(tmp_path / "ingest.out", "w") as out:
            run = subprocess.Popen(
                [str(ZHARCHIVE), "ingest", str(crawl), "--archive", str(archive), "--batch-size", "100"],
                env=env,
                stdout=out,
                stderr=err,
                text=True,
            )
        if killed_at == "batches":
            staging = archive / STAGING_DIR
            _wait_for(lambda: staging.is_dir() and any(staging.rglob("*.parquet")), run, log, "staged batch")
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        else:
            second_commit = archive / "documents" / "_delta_log" / f"{1:020d}.json"
            _wait_for(second_commit.exists, run, log, "documents commit")
            # Held still while the server dies, so that no call of its reaches the server after that.
            run.send_signal(signal.SIGSTOP)
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
            run.send_signal(signal.SIGCONT)
        killed = time.monotonic()
        try:
            code = run.wait(EXIT_BOUND)
        except subprocess.TimeoutExpired:
            run.kill()
            run.wait()
            pytest.fail(
                f"ingest still ran {EXIT_BOUND:.0f} s after its server was killed:\n{log.read_text()[-3000:]}"
            )
        seconds = time.monotonic() - killed
    line = _assert_one_line(
        code, (tmp_path / "ingest.out").read_text(), log.read_text(), url, *KILLED_AT[killed_at]
    )
    print(f"ended {seconds:.1f} s after the server was killed: {line}")
    if killed_at == "batches":  # kept for the next ingest of the same files to adopt
        assert list((archive / STAGING_DIR).glob("*/batches/batch-*.json")), "no finished batch stayed"
    verify = _zharchive("verify", "--archive", str(archive), env=env)
    assert verify.returncode == 0 and verify.stdout.startswith("intact:"), verify.stdout + verify.stderr
    documents_version = 1 if killed_at == "commit" else 0
    assert f"at documents version {documents_version}:" in verify.stdout, verify.stdout


def test_a_server_that_is_not_there_is_one_line_before_the_run(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{_free_port()}/api"  # nothing listens there
    archive = tmp_path / "archive"
    started = time.monotonic()
    done = _zharchive("ingest", str(SEEDS), "--archive", str(archive), env=_env(tmp_path / "home", url))
    seconds = time.monotonic() - started
    _assert_one_line(done.returncode, done.stdout, done.stderr, url, "PREFECT_API_URL")
    assert seconds < EXIT_BOUND, seconds
    assert not (archive / "documents").exists()
