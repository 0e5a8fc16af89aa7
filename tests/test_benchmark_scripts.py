"""The benchmark scripts import: they call the pipeline's functions by name, and a rename there
must fail here, not the next time someone measures."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


@pytest.mark.parametrize("script", sorted(p.name for p in BENCHMARKS.glob("*.py")))
def test_the_benchmark_script_imports(script: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(BENCHMARKS))  # they import each other as the scripts do
    spec = importlib.util.spec_from_file_location(f"benchmark_{script[:-3]}", BENCHMARKS / script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)
    spec.loader.exec_module(module)
    assert callable(getattr(module, "main", None))


def test_instruction_groups_read_callgrind_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    instructions = importlib.import_module("instructions")
    python = "/tmp/python-build.1/Python-3.11.7/"
    rows = {
        f"{python}./Modules/_sre/sre_lib.h:sre_ucs2_match [/usr/lib/libpython3.11.so.1.0]": (
            "regex engine (re)"
        ),
        "???:0x138b70'2 [/v/site-packages/pydantic_core/_pydantic_core.cpython-311.so]": (
            "pydantic-core (validation, model_dump)"
        ),
        "???:0x29ad80 [/usr/lib/x86_64-linux-gnu/libcrypto.so.3]": "sha256 (OpenSSL)",
        f"{python}Python/ceval.c:_PyEval_EvalFrameDefault'2 [/usr/lib/libpython3.11.so.1.0]": (
            "bytecode interpreter and calls"
        ),
        f"{python}Objects/dictobject.c:_Py_dict_lookup [/usr/lib/libpython3.11.so.1.0]": (
            "dicts, sets, hashing, attribute look-up"
        ),
        f"{python}Objects/obmalloc.c:_PyObject_Free [/usr/lib/libpython3.11.so.1.0]": (
            "allocation, copying, object lifetimes"
        ),
        "???:0x1 [/usr/lib/libsomething.so]": "other",
    }
    assert {row: instructions.group_of(row) for row in rows} == rows
    assert instructions.short(next(iter(rows))) == "sre_lib.h:sre_ucs2_match [libpython3.11.so.1.0]"


def test_the_measured_worker_script_runs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # The script callgrind runs is a string: an import it lacks (os, once) fails only when measured.
    import subprocess

    monkeypatch.syspath_prepend(str(BENCHMARKS))
    instructions = importlib.import_module("instructions")
    pages = tmp_path / "pages"
    instructions.write_pages(pages, 5)
    script = instructions.worker_script(tmp_path, pages, measure=True)
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    staged = list((tmp_path / "measured").rglob("*.parquet"))
    assert staged, "the measured batch staged its documents"


def test_the_stage_timing_times_every_stage_on_real_pages(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    import gc

    throughput = importlib.import_module("throughput")
    settings = gc.get_threshold(), gc.get_freeze_count()
    figures = throughput.stages(tmp_path, 40)
    assert (gc.get_threshold(), gc.get_freeze_count()) == settings  # the test process's own again
    assert figures["documents"] == figures["documents_made"] == 40
    per_stage = figures["cpu_ms_a_page"]
    main_stages = ("read + sha256", "decode", "clean (repairs, article block, rules)", "validate (pydantic)")
    assert all(per_stage[stage] > 0 for stage in main_stages), per_stage
    assert all(ms >= 0 for ms in per_stage.values()), per_stage  # splitting a text page: ~0.002 ms
    cleaning = per_stage["clean (repairs, article block, rules)"]
    assert figures["cpu_ms_a_page_all_but_cleaning"] == pytest.approx(figures["cpu_ms_a_page_all"] - cleaning)
