"""A floor on body fidelity over the shared dev corpus (benchmarks/fidelity.py prints the figures)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

BENCHMARK = Path(__file__).resolve().parents[1] / "benchmarks" / "fidelity.py"
# The figures benchmarks/fidelity.md records, less a small margin.
FLOORS = {"text": (0.97, 0.975, 0.965), "html": (0.97, 0.975, 0.965)}


def _benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fidelity", BENCHMARK)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("kind", sorted(FLOORS))
def test_body_f1_floor(dev_corpus: Path, kind: str) -> None:
    fidelity = _benchmark()
    if not fidelity.SCORER.is_file():
        pytest.skip(f"no scorer at {fidelity.SCORER}")
    precision, recall, f1, _ = fidelity.run_corpus(dev_corpus, kind)
    floor_f1, floor_p, floor_r = FLOORS[kind]
    assert (f1, precision, recall) >= (floor_f1, 0.0, 0.0) and precision >= floor_p and recall >= floor_r, (
        f"{kind}: F1 {f1:.3f} P {precision:.3f} R {recall:.3f}"
    )


def test_the_raw_text_reference_is_measured_and_far_below_the_cleaner(dev_corpus: Path) -> None:
    fidelity = _benchmark()
    if not fidelity.SCORER.is_file():
        pytest.skip(f"no scorer at {fidelity.SCORER}")
    precision, recall, f1, rows = fidelity.run_corpus(
        dev_corpus, "text", predicted=fidelity.raw_bodies(dev_corpus)
    )
    # Everything is kept (recall 1), chrome and all (precision under a half): the corpus README's 0.573.
    assert len(rows) == 50 and recall > 0.99 and precision < 0.5
    assert round(f1, 3) == 0.573
