"""What `zharchive ingest` shows: the real command in a pseudo-terminal, and piped.

On a terminal Prefect's log lines and the progress bar share one console, so no line is torn; a
status line shows while the temporary server starts; the bar counts files. Piped, the output stays
plain lines without escape codes.
"""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

from tests.support import cli_env, standalone_env

WIDTH = 120
LOG_LINE = re.compile(r"\d\d:\d\d:\d\d\.\d{3} \| ")  # Prefect's console format: "14:55:57.309 | INFO"
CSI = re.compile(r"\x1b\[([0-9;?]*)([A-Za-z])")


def run_in_terminal(argv: list[str], env: dict[str, str], timeout: float = 300) -> tuple[int, str]:
    """Run ``argv`` on a pseudo-terminal of WIDTH columns; its exit code and everything it wrote."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: its stdin, stdout and stderr are the terminal
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 50, WIDTH, 0, 0))
        os.execve(argv[0], argv, env)
    output = bytearray()
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            if select.select([fd], [], [], 1)[0]:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:  # EIO: the child closed the terminal
                    break
                if not chunk:
                    break
                output += chunk
        else:
            os.kill(pid, signal.SIGKILL)
    finally:
        os.close(fd)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), output.decode("utf-8", errors="replace")


def screen(output: str) -> list[str]:
    """The lines a terminal ends up showing (scrollback included) for ``output``: carriage
    returns, line feeds, "erase line" and "cursor up" as a terminal does them, other escape codes
    dropped. A log line printed after the bar without going back to the line's start stays glued
    to the bar, as it was on the screen."""
    lines: list[list[str]] = [[]]
    row = col = 0
    position = 0
    for match in [*CSI.finditer(output), None]:
        end = match.start() if match else len(output)
        for char in output[position:end]:
            if char == "\r":
                col = 0
            elif char == "\n":
                row += 1
                if row == len(lines):
                    lines.append([])
            elif char >= " ":
                line = lines[row]
                line.extend(" " * (col - len(line) + 1))
                line[col] = char
                col += 1
        if match is None:
            break
        position = match.end()
        parameter, command = match.groups()
        if command == "K" and parameter == "2":
            lines[row] = []
        elif command == "A":
            row = max(0, row - int(parameter or 1))
    return ["".join(line).rstrip() for line in lines]


def test_a_terminal_shows_the_server_start_log_lines_above_a_bar_of_files(
    three_site_crawl: Path, tmp_path: Path
) -> None:
    """The real command on a pseudo-terminal, with the temporary server it starts itself."""
    env = standalone_env(tmp_path / "home", TERM="xterm-256color", COLUMNS=str(WIDTH))
    command = [sys.executable, "-m", "zharchive.cli", "ingest", str(three_site_crawl)]
    command += ["--archive", str(tmp_path / "archive"), "--batch-size", "3", "--runner", "threads"]
    code, output = run_in_terminal(command, env)
    lines = screen(output)
    shown = "\n".join(lines)
    assert code == 0, shown[-3000:]
    assert "\x1b[" in output  # a terminal: colours and a live display

    # Shown at once while the server starts, and how long it took.
    assert "starting a temporary Prefect server on http://127.0.0.1:" in output, shown[-3000:]
    assert re.search(r"Temporary server on http://\S+ started in \d+\.\d s", shown), shown[-3000:]

    # No log line glued to the bar, and Prefect's log lines are all there, each on a line.
    torn = [line for line in lines if "━" in line and LOG_LINE.search(line)]
    assert not torn, torn
    batch_logs = [line for line in lines if LOG_LINE.match(line) and re.search(r"batch \d+: 3 files", line)]
    assert len(batch_logs) == 5, shown[-3000:]

    # The bar counts the 15 files (5 batches of 3), with a rate, and ends at 100 %.
    bars = [line for line in lines if line.startswith("ingesting ") and "━" in line]
    assert bars, shown[-3000:]
    assert re.search(r"100% +15/15 files [\d.,]+ files/s", bars[-1]), bars[-1]
    assert all(re.search(r"\d+/15 files", bar) for bar in bars), bars
    assert "documents written │ 15" in shown, shown[-3000:]


def test_a_piped_run_prints_plain_lines_and_json_stays_json(
    prefect_server: None, seeds_dir: Path, tmp_path: Path
) -> None:
    """Piped (logs, CI): no bar, no escape codes; the plain batch lines as before; --json prints
    one JSON line on stdout and nothing else."""
    env = cli_env(tmp_path / "home")
    archive = tmp_path / "archive"
    base = [sys.executable, "-m", "zharchive.cli", "ingest", str(seeds_dir), "--archive", str(archive)]
    base += ["--batch-size", "2", "--runner", "threads"]
    done = subprocess.run(base, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    for stream in (done.stdout, done.stderr):
        assert "\x1b" not in stream and "━" not in stream, stream[-3000:]
    assert [line for line in done.stdout.splitlines() if line.startswith("batches")] == [
        "batches 1/3 done",
        "batches 2/3 done",
        "batches 3/3 done",
    ]
    assert "starting a temporary Prefect server" not in done.stdout + done.stderr  # a configured API
    assert re.search(r"^" + LOG_LINE.pattern + r"INFO +\| Flow run .* - Finished in state", done.stderr, re.M)

    as_json = subprocess.run(
        [*base, "--json"], env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert as_json.returncode == 0, as_json.stderr[-3000:]
    (line,) = as_json.stdout.splitlines()
    assert json.loads(line)["archive"] == str(archive)
    assert "\x1b" not in as_json.stderr and "━" not in as_json.stderr


def test_a_local_dask_cluster_s_workers_do_not_print_across_the_bar(
    prefect_server: None, three_site_crawl: Path, tmp_path: Path
) -> None:
    """The batch tasks run in Dask worker processes, whose Prefect log lines went straight to the
    terminal across the bar, and distributed printed a traceback as the cluster closed."""
    env = cli_env(tmp_path / "home") | {"TERM": "xterm-256color", "COLUMNS": str(WIDTH)}
    env.pop("DASK_LOGGING__DISTRIBUTED", None)
    command = [sys.executable, "-m", "zharchive.cli", "ingest", str(three_site_crawl)]
    command += ["--archive", str(tmp_path / "archive"), "--batch-size", "3", "--runner", "dask"]
    code, output = run_in_terminal([*command, "--workers", "2"], env)
    lines = screen(output)
    shown = "\n".join(lines)
    assert code == 0, shown[-3000:]
    assert "Traceback" not in shown, shown[-5000:]
    torn = [line for line in lines if "━" in line and LOG_LINE.search(line)]
    assert not torn, torn
    bars = [line for line in lines if line.startswith("ingesting ") and "━" in line]
    assert len(bars) == 1 and re.search(r"100% +15/15 files", bars[0]), shown[-3000:]
    assert not [line for line in lines if re.search(r"Task run 'process-batch", line)], shown[-3000:]
    assert re.search(r"Flow run .* - Finished in state Completed", shown), "the flow's own lines are gone"
    assert "documents written │ 15" in shown, shown[-3000:]  # (a flake once under load: its screen)
