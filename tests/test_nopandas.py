"""pandas kept out of zharchive's own processes (zharchive/nopandas.py), in a fresh interpreter each:
pyarrow and deltalake work without it, and an import of it says why it failed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from deltalake import DeltaTable

CHECK = """
import sys
from zharchive.nopandas import keep_pandas_out
keep_pandas_out()
import pyarrow as pa, pyarrow.dataset, pyarrow.parquet as pq
from deltalake import write_deltalake
table = pa.table({"a": pa.array(["一", "二"])})  # pyarrow asks for pandas here, unfixed
write_deltalake(sys.argv[1], table)
assert "pandas" not in sys.modules, sorted(m for m in sys.modules if m.startswith("pandas"))
try:
    import pandas
except ModuleNotFoundError as exc:
    print(exc)
"""


def test_pyarrow_and_deltalake_work_without_pandas_and_an_import_of_it_says_why(tmp_path: Path) -> None:
    pytest.importorskip("pandas")  # without it installed, there is nothing to keep out
    done = subprocess.run(
        [sys.executable, "-c", CHECK, str(tmp_path / "table")], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "zharchive keeps pandas out" in done.stdout
    assert DeltaTable(str(tmp_path / "table")).to_pyarrow_table().column("a").to_pylist() == ["一", "二"]


def test_a_process_that_has_pandas_keeps_it() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import pandas\nfrom zharchive.nopandas import keep_pandas_out\n"
            "keep_pandas_out()\nimport pandas.io.json\nprint('ok')",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr
