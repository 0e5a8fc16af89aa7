"""A Prefect API for the run: the configured server, or one temporary server started for the run.

Every process of a run that runs Prefect tasks (local Dask workers) must report to one API; without
``PREFECT_API_URL`` each would start a temporary server of its own.
"""

import os
import random
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from typing import Any

import httpx
import prefect
from prefect.logging import get_logger
from prefect.logging.handlers import APILogHandler
from prefect.settings import PREFECT_API_URL, get_current_settings, temporary_settings

from zharchive import progress
from zharchive.errors import ZharchiveError, one_line


@contextmanager
def one_prefect_api(startup_timeout: int = 120) -> Iterator[str]:
    """Make every process of the run that runs Prefect tasks (local Dask workers) report to one API.

    Such processes read PREFECT_API_URL from their environment; without it each would start a
    temporary server of its own (seconds of start-up and hundreds of MB each). With no server
    configured, start one temporary server for the whole run (``TemporaryServer``: without
    importing Prefect's server app into this process).
    """
    configured = PREFECT_API_URL.value()
    server: TemporaryServer | None = None
    if configured:
        check_answers(configured)
    else:
        # Started on the thread that waits here for the whole run: the server's parent-death
        # signal follows the thread that started it, not the process (see _UVICORN_BOUND_TO_PARENT).
        server = TemporaryServer()
        server.start(timeout=startup_timeout)
        configured = server.api_url
    previous = os.environ.get("PREFECT_API_URL")
    os.environ["PREFECT_API_URL"] = configured
    try:
        with temporary_settings({PREFECT_API_URL: configured}):
            yield configured
    finally:
        if previous is None:
            os.environ.pop("PREFECT_API_URL", None)
        else:
            os.environ["PREFECT_API_URL"] = previous
        if server is not None:
            # Send the run's last log lines while the server is still there to take them.
            APILogHandler().flush()
            server.stop()


class PrefectServerUnreachable(ZharchiveError):
    """PREFECT_API_URL names a server that refuses connections (or cannot be reached) at the start."""


def check_answers(api_url: str) -> None:
    """Refuse, in one line, a configured server that is not there, before a flow run starts: Prefect
    would end in a traceback (``RuntimeError: Failed to reach API``, from its version check)."""
    reason = _refused(api_url)
    if reason is not None:
        raise PrefectServerUnreachable(
            f"no Prefect server answers at {api_url} (PREFECT_API_URL): {reason}; start it "
            "(`.venv/bin/prefect server start`) or unset PREFECT_API_URL for a temporary server, "
            "then run again; nothing was written"
        )


def _refused(api_url: str, timeout: float = 5) -> str | None:
    """Why nothing answers at ``api_url`` (connection refused, no such host, no route or no answer
    to a connection attempt within ``timeout``), or None when something does: a server that is
    only slow to reply has taken the connection, and is not taken for gone."""
    try:
        httpx.get(f"{api_url}/health", timeout=timeout)
    except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
        return one_line(str(exc)) or type(exc).__name__
    except httpx.HTTPError:
        return None
    return None


# --- the temporary API server ---------------------------------------------------------------------
# Prefect's SubprocessASGIServer does the same, but importing it loads the whole server application
# (FastAPI, SQLAlchemy models, every route) into the flow process: ~3 s and ~80 MiB that the flow
# never uses, since the server runs in a process of its own anyway. TemporaryServer starts the
# process Prefect 3.9 starts, as 3.8 did (uvicorn with the factory prefect.server.api.server:create_app,
# the UI off, the ephemeral flags and this process's Prefect settings) and waits for its health check.

_server_logger = get_logger()  # "prefect", as Prefect's own temporary-server messages are

# uvicorn's exit code when the app cannot start, e.g. the port was taken between check and bind.
STARTUP_FAILURE = 3
MAX_RELAUNCHES = 3


# ``python -m uvicorn`` that ends with its parent, however the parent ends (kill -9 included), so a
# server in a session of its own is never left behind: on Linux the kernel sends it SIGTERM when
# the thread that started it ends, with its process or not (PR_SET_PDEATHSIG, set after exec, not
# in a pre-exec hook, which is unsafe in a process with threads). argv[1] is the parent's pid.
_UVICORN_BOUND_TO_PARENT = """
import os, runpy, signal, sys
parent = int(sys.argv.pop(1))
if sys.platform.startswith("linux"):
    import ctypes
    ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # 1: PR_SET_PDEATHSIG
if os.getppid() != parent:
    sys.exit(1)  # the parent was gone before the signal was armed
runpy.run_module("uvicorn", run_name="__main__", alter_sys=True)
"""


class TemporaryServer:
    """A Prefect API server for the lifetime of one run (``start``, then ``stop``)."""

    port_range = range(8000, 9000)

    def __init__(self) -> None:
        self.port: int | None = None
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def start(self, timeout: float) -> None:
        """Start the server and wait until it answers its health check, ``timeout`` seconds at most."""
        started = time.monotonic()
        deadline = started + timeout
        self._launch()
        _server_logger.info("Starting temporary server on %s", self.api_url.removesuffix("/api"))
        progress.publish(progress.ServerStarting(self.api_url.removesuffix("/api")))
        relaunches = 0
        try:
            with httpx.Client() as client:
                while True:
                    assert self.process is not None
                    code = self.process.poll()
                    if code == STARTUP_FAILURE and relaunches < MAX_RELAUNCHES:
                        relaunches += 1
                        self._launch()  # most likely a port someone else took: another one
                        continue
                    if code is not None:
                        raise RuntimeError(f"the temporary Prefect server exited with code {code} at start")
                    try:
                        if client.get(f"{self.api_url}/health", timeout=5).status_code == 200:
                            self._started(time.monotonic() - started)
                            return
                    except httpx.TransportError:
                        pass
                    if time.monotonic() > deadline:
                        raise RuntimeError(
                            f"the temporary Prefect server did not answer on {self.api_url} within "
                            f"{timeout:.0f} s (set PREFECT_API_URL to use a running server instead)"
                        )
                    time.sleep(0.1)
        except BaseException:
            self.stop()
            raise

    def _started(self, seconds: float) -> None:
        url = self.api_url.removesuffix("/api")
        _server_logger.info("Temporary server on %s started in %.1f s", url, seconds)
        progress.publish(progress.ServerStarted(url, seconds))

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is None:
            return
        _server_logger.info("Stopping temporary server on %s", self.api_url.removesuffix("/api"))
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def _launch(self) -> None:
        self.port = _free_port(self.port_range)
        environment: dict[str, Any] = {
            **os.environ,
            "PREFECT_UI_ENABLED": "0",
            "PREFECT__SERVER_EPHEMERAL": "1",
            "PREFECT__SERVER_FINAL": "1",
            **get_current_settings().to_environment_variables(exclude_unset=True),
        }
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-c",
                _UVICORN_BOUND_TO_PARENT,
                str(os.getpid()),
                "--app-dir",
                str(prefect.__module_path__.parent),
                "--factory",
                "prefect.server.api.server:create_app",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--log-level",
                "error",
                "--lifespan",
                "on",
            ],
            env={key: str(value) for key, value in environment.items()},
            # Its own session: Ctrl-C on the terminal reaches the CLI, whose flow must still report
            # the interrupted run to this server before stopping it (in the CLI's process group the
            # server died first and Prefect retried it for minutes).
            start_new_session=True,
        )


def _free_port(ports: range, attempts: int = 10) -> int:
    for _ in range(attempts):
        port = random.choice(ports)
        with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                time.sleep(random.uniform(0.1, 0.5))
                continue
            return port
    raise RuntimeError(f"no free port for the temporary Prefect server in {ports.start}-{ports.stop - 1}")
