"""`zharchive <command> --help` as a user reads it, and shell completion."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
import typer

from zharchive.cli import app

ZHARCHIVE = Path(__file__).resolve().parents[1] / ".venv" / "bin" / "zharchive"
COMMANDS = sorted(c.name or c.callback.__name__ for c in app.registered_commands if c.callback)
# How typer and click name a value's Python type when no metavar names it for a person.
PYTHON_TYPE_NAMES = re.compile(r"<bool>|<int|<str>|<path>|<float|list\[|Path\]|INTEGER|TEXT|BOOLEAN")
TYPERS_OWN = {"help", "install_completion", "show_completion"}


def _help(*command: str) -> str:
    env = {**os.environ, "COLUMNS": "120", "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "DO_NOT_TRACK": "1"}
    done = subprocess.run(
        [str(ZHARCHIVE), *command, "--help"], capture_output=True, text=True, env=env, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_every_command_is_listed() -> None:
    assert {"ingest", "history", "verify", "show", "export", "package", "report", "serve", "vacuum"} <= set(
        COMMANDS
    )


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_help_has_an_example_and_no_python_type_names(command: str) -> None:
    text = _help(*([command] if command else []))
    assert f"Example: zharchive {command}".rstrip() in text, text
    assert PYTHON_TYPE_NAMES.findall(text) == [], text


def test_every_option_and_argument_help_has_an_example() -> None:
    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    commands = {"": group, **{name: group.commands[name] for name in COMMANDS}}
    without = [
        (name, param.name)
        for name, command in commands.items()
        for param in command.params
        if param.name not in TYPERS_OWN and "e.g." not in (getattr(param, "help", None) or "")
    ]
    assert without == []


def test_show_completion_prints_a_bash_completion_script() -> None:
    env = {**os.environ, "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}
    done = subprocess.run(
        [str(ZHARCHIVE), "--show-completion", "bash"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "complete -o default -F _zharchive_completion zharchive" in done.stdout
    assert "_ZHARCHIVE_COMPLETE=complete_bash" in done.stdout
    assert "--install-completion" in _help() and "--show-completion" in _help()
