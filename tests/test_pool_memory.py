"""What a lean worker process holds: Arrow's buffers on the C heap, which ``malloc_trim`` returns."""

from __future__ import annotations

import os

import pytest

from zharchive.pool import WORKER_ARROW_POOL, LeanPool, worker_info


def test_a_worker_takes_arrow_buffers_from_the_c_heap_and_the_flow_process_keeps_its_own() -> None:
    before = os.environ.get("ARROW_DEFAULT_MEMORY_POOL")
    with LeanPool(1) as pool:
        info = pool.run(worker_info)
    assert info["arrow_pool"] == WORKER_ARROW_POOL == "system"
    assert os.environ.get("ARROW_DEFAULT_MEMORY_POOL") == before, "the variable is set only for the spawn"


def test_an_arrow_pool_the_user_chose_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARROW_DEFAULT_MEMORY_POOL", "mimalloc")
    with LeanPool(1) as pool:
        info = pool.run(worker_info)
    assert info["arrow_pool"] == "mimalloc"
    assert os.environ["ARROW_DEFAULT_MEMORY_POOL"] == "mimalloc"
