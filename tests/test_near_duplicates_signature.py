"""The MinHash signature computed from numpy token hashes is the one ``rensa`` makes from the shingle
strings (what ``zharchive.minhash`` did before issue 22): bit for bit, on real pages, generated pages
and texts at the edges (the Han ranges' ends, characters outside the BMP, lone surrogates, MIN_HAN)."""

from __future__ import annotations

import importlib.util
import random
from pathlib import Path
from types import ModuleType

import numpy as np
import numpy.typing as npt
import pytest
from rensa import RMinHash

from tests.conftest import SEEDS
from zharchive.minhash import (
    MIN_HAN,
    NUM_PERM,
    SEED,
    SHINGLE,
    _shingle_hashes,
    han_text,
    signature,
    stored_signature,
    to_bytes,
)

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def _strings_signature(body: str) -> npt.NDArray[np.uint32] | None:
    """The signature as rensa makes it from one Python string per shingle."""
    text = han_text(body)
    if len(text) < MIN_HAN:
        return None
    minhash = RMinHash(num_perm=NUM_PERM, seed=SEED)
    minhash.update([text[i : i + SHINGLE] for i in range(len(text) - SHINGLE + 1)])
    return np.asarray(minhash.digest(), dtype=np.uint32)


def _throughput() -> ModuleType:
    spec = importlib.util.spec_from_file_location("throughput", ROOT / "benchmarks" / "throughput.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _edge_texts() -> list[str]:
    rng = random.Random(22)
    texts = [
        "中" * (MIN_HAN - 1),
        "中" * MIN_HAN,
        "\u3400\u4dbf\u4e00\u9fff\uf900\ufaff" * 12,  # each Han range's first and last character
        "\u33ff\u4dc0\u4dff\ua000\uf8ff\ufb00" * 30 + "国" * 61,  # their neighbours are not Han
        "\U0003134f" + "汉" * 70,  # a Han character outside the BMP: 4 UTF-8 bytes
        "汉" * 70 + "\U00020000",
        "\U0001ffff\U00031350😀" * 30 + "汉字" * 31,  # outside the BMP, not Han
        "\ud800中文" * 40,  # lone surrogates (a str may hold them)
        "中文\udc00" * 40,
    ]
    ranges = [(0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0xF900, 0xFAFF)]
    others = ["，", "。", " ", "\n", "a", "7", "、"]
    for k in range(200):
        # every tenth text holds Han characters outside the BMP (the strings' path)
        other = [*others, "\U00020001"] if k % 10 == 0 else others
        chars = [
            chr(rng.randint(*rng.choice(ranges))) if rng.random() < 0.8 else rng.choice(other)
            for _ in range(rng.randint(50, 2_500))
        ]
        texts.append("".join(chars))
    return texts


def _bodies() -> list[str]:
    throughput = _throughput()
    bodies = [p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    bodies += [raw.decode(codec) for raw, codec in map(throughput.make_document, range(300))]
    bodies += [p.read_text("utf-8", "replace") for p in sorted(SHARED.glob("corpus/*/text/*.txt"))]
    return bodies + _edge_texts()


def test_the_signature_is_the_one_rensa_makes_from_the_shingle_strings() -> None:
    bodies = _bodies()
    made = 0
    for body in bodies:
        expected = _strings_signature(body)
        got = signature(body)
        if expected is None:
            assert got is None and stored_signature(body) is None
            continue
        made += 1
        assert got is not None and got.dtype == np.uint32
        assert np.array_equal(got, expected)
        assert stored_signature(body) == to_bytes(expected)
    assert made >= 300  # most texts are long enough to be signed


@pytest.mark.parametrize("seed", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_the_token_hashes_are_rensas_own(seed: str) -> None:
    text = han_text((SEEDS / seed).read_text("utf-8"))
    shingles = [text[i : i + SHINGLE] for i in range(len(text) - SHINGLE + 1)]
    expected = np.asarray(RMinHash.hash_token_sets([shingles])[0], dtype=np.uint64)
    assert np.array_equal(_shingle_hashes(text.encode("utf-8")), expected)
