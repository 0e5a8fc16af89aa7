"""Helpers the test modules share (not tests themselves)."""

from __future__ import annotations

import os
from pathlib import Path


def cli_env(home: Path) -> dict[str, str]:
    """The environment for a real zharchive/prefect subprocess that talks to this session's
    Prefect server (the test harness's), instead of starting a 15 s temporary server of its own."""
    from prefect.settings import PREFECT_API_URL

    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        DO_NOT_TRACK="1",
        PREFECT_HOME=str(home),
        PREFECT_API_URL=str(PREFECT_API_URL.value()),
        COLUMNS="200",
    )
    return env
