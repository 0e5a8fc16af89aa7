"""A Prefect API for the run: the configured server, or one temporary server started for the run.

Every process of a run that runs Prefect tasks (local Dask workers) must report to one API; without
``PREFECT_API_URL`` each would start a temporary server of its own.
"""

import logging
import os
import random
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from typing import Any

import httpx
import prefect
from prefect.context import FlowRunContext
from prefect.exceptions import PrefectHTTPStatusError
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
        _temporary.add(configured)
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
            _temporary.discard(configured)
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


# --- a server that stops answering during a run ---------------------------------------------------
# Prefect's client retries a call whose connection fails (once it has connected) 5 times with an
# exponential back-off, ~65 s; the flow engine then spends as long reporting the failure to the
# same server, and at exit its log and event workers wait on what they queued: ~180 s in all, then
# a ConnectError traceback. Each retry is logged at DEBUG on "prefect.client", by the thread that
# made the call, just before it sleeps (prefect/client/base.py, ``_send_with_retry``): there, the
# run waits on the API and writes nothing to the archive, so it can stop cleanly.

LOST_AFTER = 5.0  # seconds a server may refuse connections before a run stops waiting for it
_temporary: set[str] = set()  # the API URLs of the temporary servers this process started


@dataclass(frozen=True)
class ServerLost:
    """The Prefect server stopped answering a run's calls to its API."""

    api_url: str
    reason: str  # why, in one line: "[Errno 111] Connection refused"
    temporary: bool  # a temporary server the run started (no PREFECT_API_URL)
    run_id: str | None  # the zharchive run whose flow run was going; None before it began


class _RetryWatch(logging.Filter):
    """A filter on Prefect's client logger: when a call of the watched thread is retried and the
    server refuses connections for ``grace`` seconds, ``on_lost``. Records below the level the
    logger had are dropped after being looked at, so what Prefect prints does not change."""

    def __init__(self, on_lost: Callable[[ServerLost], object], grace: float, shown: int) -> None:
        super().__init__()
        self.on_lost = on_lost
        self.grace = grace
        self.shown = shown
        self.thread = threading.get_ident()
        self.told = False

    def filter(self, record: logging.LogRecord) -> bool:
        if record.funcName == "_send_with_retry" and threading.get_ident() == self.thread and not self.told:
            api_url = PREFECT_API_URL.value()  # this thread's settings: the run's API
            if api_url:
                self._look(str(api_url))
        return record.levelno >= self.shown

    def _look(self, api_url: str) -> None:
        since = time.monotonic()
        while (reason := _refused(api_url)) is not None:
            if time.monotonic() - since >= self.grace:
                self.told = True
                self.on_lost(ServerLost(api_url, reason, api_url in _temporary, _run_id()))
                return
            time.sleep(0.5)
        # It answers: Prefect's own retry goes on.


def _run_id() -> str | None:
    """The zharchive run id of the flow run going on in this thread, as the flow computed it
    (``flows.ingest.this_run``), from Prefect's run context alone: no call to the API."""
    context = FlowRunContext.get()
    flow_run = None if context is None else context.flow_run
    scheduled = None if flow_run is None else flow_run.expected_start_time
    if flow_run is None or scheduled is None:
        return None
    from flows.ingest import run_id_for  # flows.ingest imports this module

    return run_id_for(scheduled, str(flow_run.id), flow_run.run_count)


@contextmanager
def when_server_lost(on_lost: Callable[[ServerLost], object], *, grace: float = LOST_AFTER) -> Iterator[None]:
    """Call ``on_lost`` (in this thread) when the Prefect server stops answering this thread's
    calls for ``grace`` seconds, instead of retrying them for minutes: the CLI says so and ends.

    It is called while the call waits to be retried: the run is between two calls to the API, not
    in a commit (a task's states go to the server as events, from a thread of their own, so a
    commit makes no call). A server that answers again within ``grace`` is Prefect's to retry, as
    is one that takes connections but is slow to reply. If ``on_lost`` returns, Prefect's retries
    go on as before."""
    logger = logging.getLogger("prefect.client")
    watch = _RetryWatch(on_lost, grace, shown=logger.getEffectiveLevel())
    level = logger.level
    logger.addFilter(watch)
    logger.setLevel(logging.DEBUG)  # the retry records are DEBUG; the filter drops what was hidden
    try:
        yield
    finally:
        logger.removeFilter(watch)
        logger.setLevel(level)


GATEWAY_GONE = frozenset({502, 503, 504})  # a proxy's answer when the server behind it is not there


def lost_connection(exc: BaseException) -> tuple[str, str] | None:
    """The server (scheme, host and port) and why, in one line, when ``exc`` is or comes of a call
    to the Prefect API that failed (no connection, or none kept) or a gateway's answer that the
    server behind it is gone (``GATEWAY_GONE``, once Prefect's retries are spent); otherwise None."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, PrefectHTTPStatusError) and current.response.status_code not in GATEWAY_GONE:
            return None
        if isinstance(current, httpx.TransportError | PrefectHTTPStatusError):
            try:
                url = current.request.url
            except RuntimeError:  # an error raised without its request
                return None
            reason = one_line(str(current).split("\n")[0]) or type(current).__name__
            return f"{url.scheme}://{url.netloc.decode()}", reason
        current = current.__cause__ or current.__context__
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
