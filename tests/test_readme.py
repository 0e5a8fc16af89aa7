"""Every loading example in README.md runs against an archive the real flow made."""

from __future__ import annotations

import contextlib
import io
import os
import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"
EXAMPLE = re.compile(r"<!-- example: (?P<name>[\w-]+) -->\s*```python\n(?P<code>.*?)```", re.S)
EXAMPLES = {m["name"]: m["code"] for m in EXAMPLE.finditer(README.read_text(encoding="utf-8"))}


def test_the_readme_shows_the_loaders_users_asked_for() -> None:
    assert {"pandas", "polars", "duckdb"} <= set(EXAMPLES)


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_readme_example_runs(name: str, seeds_archive: Path) -> None:
    if name == "spark" and not os.environ.get("ZHARCHIVE_REQUIRE_SPARK"):
        # Not a dependency (a 500 MB package and a JVM): `make test-spark` installs it and requires it.
        pytest.importorskip("pyspark", reason="PySpark is not installed: make test-spark runs this")
    code = EXAMPLES[name]
    assert 'ARCHIVE = "archive"' in code
    code = code.replace('ARCHIVE = "archive"', f"ARCHIVE = {str(seeds_archive)!r}")
    printed = io.StringIO()
    try:
        with contextlib.redirect_stdout(printed):
            exec(compile(code, f"README example {name}", "exec"), {})
    finally:
        if name == "spark":
            from pyspark.sql import SparkSession

            session = SparkSession.getActiveSession()
            if session is not None:
                session.stop()
    output = printed.getvalue()
    if name == "quarantine":  # the seeds quarantine nothing: the query runs, on no rows
        assert "stage" in output and "0 rows" in output, output
        return
    # Every example prints something drawn from the seeds.
    assert any(
        word in output for word in ("四川省公安厅", "山东省公安厅", "中国网", "湖南法治報", "meta.title")
    ), output
