"""A Prefect server that is not there (issue 18, item 8): one line naming it, exit 2 within seconds,
no traceback. Real ``zharchive ingest`` processes.
"""

from __future__ import annotations

import socket
import subprocess
import time
from contextlib import closing
from pathlib import Path

from support import standalone_env

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
ZHARCHIVE = ROOT / ".venv" / "bin" / "zharchive"
EXIT_BOUND = 60.0  # seconds: room for a busy 2-core machine


def _free_port() -> int:
    with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _env(home: Path, url: str) -> dict[str, str]:
    return standalone_env(home, PREFECT_API_URL=url, COLUMNS="200")


def _zharchive(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(ZHARCHIVE), *args], capture_output=True, text=True, env=env, timeout=600, check=False
    )


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


def test_a_server_that_is_not_there_is_one_line_before_the_run(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{_free_port()}/api"  # nothing listens there
    archive = tmp_path / "archive"
    started = time.monotonic()
    done = _zharchive("ingest", str(SEEDS), "--archive", str(archive), env=_env(tmp_path / "home", url))
    seconds = time.monotonic() - started
    _assert_one_line(done.returncode, done.stdout, done.stderr, url, "PREFECT_API_URL")
    assert seconds < EXIT_BOUND, seconds
    assert not (archive / "documents").exists()
