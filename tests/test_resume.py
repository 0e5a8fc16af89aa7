"""A run that stops leaves its finished batches staged; the next ingest adopts them (issue 17).

Real ``zharchive ingest`` processes on a generated corpus, killed with SIGKILL (with their workers)
once some batches are staged; the next run must adopt every batch whose files are unchanged, clean
the others, and commit one version per table holding every file once, as its own run's rows.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from deltalake import DeltaTable
from test_crash_and_concurrency import Run, assert_complete, make_corpus

from schemas import SCHEMA_VERSION
from zharchive.archive.commit import (
    UNPLACED_DIR,
    Provenance,
    Settled,
    commit_run,
    commit_table,
    moved_batch_name,
    staged_files,
    staged_uris,
)
from zharchive.archive.lock import archive_lock
from zharchive.archive.resume import MANIFESTS, manifest_path, staged_batches
from zharchive.archive.staging import (
    STAGING_DIR,
    TableName,
    staged_batch_file,
    staged_counts_file,
    staging_dir,
)
from zharchive.batch import ingest_batch
from zharchive.pipeline import RunContext
from zharchive.rules import load_rules
from zharchive.sources import source_uri

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

ADOPTED = re.compile(r"resumed: adopted (\d+) of (\d+) batches \((\d+) files\)")


def _manifests(archive: Path) -> list[Path]:
    return sorted((archive / STAGING_DIR).glob(f"*/{MANIFESTS}/batch-*.json"))


@pytest.mark.slow  # two real CLI runs of 1,000 files: ~30-60 s with -n 2
def test_a_killed_run_s_finished_batches_are_adopted_by_the_next_ingest(
    prefect_server: None, tmp_path: Path
) -> None:
    crawl, archive, home = tmp_path / "crawl", tmp_path / "archive", tmp_path / "home"
    expected = make_corpus(crawl, 1000)  # 5 batches of 200

    stopped = Run(crawl, archive, home, "stopped")
    stopped.kill_when(lambda: len(_manifests(archive)) >= 2)
    finished = [json.loads(p.read_text("utf-8")) for p in _manifests(archive)]
    assert 2 <= len(finished) < 5, "the run was killed too late to leave work to adopt"
    assert not (archive / "documents").exists(), "the stopped run committed"

    # A file of one finished batch changes before the next run: that batch is cleaned again.
    changed_batch = finished[0]
    changed_uri = changed_batch["uris"][1]
    changed_path = Path(changed_uri.removeprefix("file://"))
    expected[changed_uri] = changed_path.read_bytes() + "\n（本文已更新。）\n".encode()
    changed_path.write_bytes(expected[changed_uri])

    resumed = Run(crawl, archive, home, "resumed")
    assert resumed.wait() == 0, resumed.output[-3000:]
    said = " ".join(resumed.output.split())
    found = ADOPTED.search(said)
    assert found is not None, said[-3000:]
    adopted, batches, files = map(int, found.groups())
    assert (adopted, batches) == (len(finished) - 1, 5), said[-3000:]
    assert files == sum(len(m["uris"]) for m in finished[1:])

    tables = assert_complete(archive, expected)  # every file once, its bytes, no staging left
    run_ids = {r["run_id"] for r in tables["runs"]}
    assert len(run_ids) == 1, "the stopped run recorded itself"
    for name in ("documents", "quarantine"):
        assert {r["run_id"] for r in tables[name]} == run_ids, f"{name}: rows of the stopped run's id"
        assert DeltaTable(str(archive / name)).version() == 0, "more than one version for one run"
    (row,) = tables["runs"]
    assert (row["documents_written"], row["quarantined"]) == (960, 40)
    changed_row = next(r for r in tables["documents"] if r["source_uri"] == changed_uri)
    assert "本文已更新" in changed_row["body"]


@pytest.mark.slow  # three real CLI runs: ~40-80 s with -n 2
def test_a_run_killed_twice_still_moves_forward_and_nothing_is_staged_at_the_end(
    prefect_server: None, tmp_path: Path
) -> None:
    crawl, archive, home = tmp_path / "crawl", tmp_path / "archive", tmp_path / "home"
    expected = make_corpus(crawl, 1000)
    first = Run(crawl, archive, home, "first")
    first.kill_when(lambda: len(_manifests(archive)) >= 2)
    before = len(_manifests(archive))
    second = Run(crawl, archive, home, "second")
    # The second run adopts the first's batches into its own staging, cleans one more, then stops
    # too: the first's manifests, as many adopted, one of its own.
    second.kill_when(lambda: len(_manifests(archive)) >= min(2 * before + 1, before + 4))
    third = Run(crawl, archive, home, "third")
    assert third.wait() == 0, third.output[-3000:]
    found = ADOPTED.search(" ".join(third.output.split()))
    assert found is not None and int(found[1]) >= before, third.output[-3000:]
    tables = assert_complete(archive, expected)
    assert len(tables["runs"]) == 1


# --- the parts, without Prefect: adoption, and what the lock keeps of a dead run ------------------


@pytest.fixture
def crawl(tmp_path: Path) -> Path:
    folder = tmp_path / "crawl"
    shutil.copytree(SEEDS, folder)
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 64)  # a quarantine row too
    return folder


def _context(run_id: str, **changes: Any) -> RunContext:
    context = RunContext(run_id=run_id, pipeline_version="test", rules_version=load_rules().version)
    return replace(context, **changes)


def _staged_rows(archive: Path, run_id: str, name: TableName, index: int) -> pa.Table:
    return pq.read_table(staged_batch_file(archive, run_id, name, index))


def test_a_staged_batch_is_adopted_only_while_its_inputs_are_unchanged(crawl: Path, tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    paths = sorted(str(p) for p in crawl.iterdir())
    made = ingest_batch(0, paths, {}, _context("dead"), archive, {})
    (staged,) = staged_batches(archive, ["dead"]).values()
    assert staged.uris == tuple(map(source_uri, paths)) and staged.tables == ("documents", "quarantine")

    adopted = ingest_batch(3, paths, {}, _context("next"), archive, {}, staged)

    assert adopted.adopted_from == "dead"
    assert (adopted.files, adopted.documents, adopted.quarantined) == (6, 5, 1)
    assert (made.stats, made.quarantine_reasons) == (adopted.stats, adopted.quarantine_reasons)
    for name in staged.tables:
        before, after = _staged_rows(archive, "dead", name, 0), _staged_rows(archive, "next", name, 3)
        assert set(after["run_id"].to_pylist()) == {"next"}
        assert before.drop_columns(["run_id"]).equals(after.drop_columns(["run_id"]))
    assert manifest_path(archive, "next", 3).is_file(), "an adopting run that stops is adopted in turn"
    # The pages' site counts come with them: the adopting run's commit counts them in ARCHIVE/sites.
    counts = pq.read_table(staged_counts_file(archive, "next", 3))
    assert counts.num_rows and counts.equals(pq.read_table(staged_counts_file(archive, "dead", 0)))

    # Anything its rows were made of, changed: the batch is cleaned again.
    uri = source_uri(paths[0])
    for run_id, known, changes in (
        ("new-rules", {}, {"rules_version": "another"}),
        ("new-cap", {}, {"max_bytes": 1 << 20}),
        ("archived-since", {uri: made_sha(paths[0])}, {}),
    ):
        again = ingest_batch(0, paths, known, _context(run_id, **changes), archive, {}, staged)
        assert again.adopted_from is None, run_id
    Path(paths[0]).write_bytes(Path(paths[0]).read_bytes() + "\n（本文已更新。）\n".encode())
    again = ingest_batch(0, paths, {}, _context("changed-file"), archive, {}, staged)
    assert again.adopted_from is None
    assert "本文已更新" in "".join(_staged_rows(archive, "changed-file", "documents", 0)["body"].to_pylist())


def made_sha(path: str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def test_the_lock_keeps_a_dead_run_s_finished_batches_and_moves_back_what_its_commit_moved(
    crawl: Path, tmp_path: Path
) -> None:
    archive = tmp_path / "archive"
    paths = sorted(str(p) for p in crawl.iterdir())
    ingest_batch(0, paths[:3], {}, _context("dead"), archive, {})
    ingest_batch(1, paths[3:], {}, _context("dead"), archive, {})
    # Its commit moved batch 0 into the table folder, then the process died.
    moved = archive / "documents" / moved_batch_name("dead", "batch-000000.parquet")
    moved.parent.mkdir(parents=True)
    staged_batch_file(archive, "dead", "documents", 0).replace(moved)
    assert staged_batches(archive, ["dead"]).keys() == {tuple(map(source_uri, paths[3:]))}

    with archive_lock(archive, run_id="next") as settled:
        assert settled == [Settled("dead", resumable=True)]
        assert not moved.exists() and staged_batch_file(archive, "dead", "documents", 0).is_file()
        assert len(staged_batches(archive, ["dead"])) == 2

    # A run that commits drops the staging it was handed, adopted or not.
    commit_run(
        archive, Provenance("next", None, "test", load_rules().version, SCHEMA_VERSION), superseded=["dead"]
    )
    assert not (archive / STAGING_DIR).exists()


def test_a_dead_run_s_rows_that_cannot_be_committed_are_set_aside_never_deleted(
    crawl: Path, tmp_path: Path
) -> None:
    archive = tmp_path / "archive"
    ingest_batch(0, sorted(str(p) for p in crawl.iterdir()), {}, _context("dead"), archive, {})
    quarantined = _staged_rows(archive, "dead", "quarantine", 0)
    # An older zharchive (another schema version) made its documents commit and died before its
    # quarantine commit: this one cannot commit those rows under its own schema.
    older = Provenance("dead", None, "test", load_rules().version, "0.9.0")
    commit_table(archive, "documents", staged_files(archive, "dead", "documents"), staged_uris([]), older)

    with archive_lock(archive, run_id="next") as settled:
        (dead,) = settled
        assert dead.unplaced == archive.resolve() / UNPLACED_DIR / "dead" and not dead.resumable
        (kept,) = (dead.unplaced / "quarantine").glob("*.parquet")
        assert pq.read_table(kept).equals(quarantined)
        assert not staging_dir(archive, "dead").exists()


def _flow_run_states(archive: Path) -> list[str]:
    """The state of every zharchive-ingest flow run on this session's server that wrote ``archive``."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowFilter, FlowFilterName

    with get_client(sync_client=True) as client:
        runs = client.read_flow_runs(flow_filter=FlowFilter(name=FlowFilterName(any_=["zharchive-ingest"])))
    return [r.state.type.value for r in runs if r.state and r.parameters.get("archive") == str(archive)]


@pytest.mark.slow  # two real CLI runs of 1,000 files: ~30-60 s with -n 2
def test_ctrl_c_is_recorded_as_cancelled_and_the_next_run_adopts_what_it_finished(
    prefect_server: None, tmp_path: Path
) -> None:
    crawl, archive, home = tmp_path / "crawl", tmp_path / "archive", tmp_path / "home"
    expected = make_corpus(crawl, 1000)
    stopped = Run(crawl, archive, home, "ctrl-c")
    deadline = time.monotonic() + 300
    while stopped.process.poll() is None and len(_manifests(archive)) < 2:
        assert time.monotonic() < deadline, "no batch was ever staged"
        time.sleep(0.005)
    os.killpg(stopped.process.pid, signal.SIGINT)  # a terminal's Ctrl-C: the whole foreground group
    assert stopped.wait() == 130, stopped.output[-3000:]
    said = " ".join(stopped.output.split())
    assert "interrupted" in said and "adopt" in said and "Traceback" not in said, said[-3000:]
    assert _flow_run_states(archive) == ["CANCELLED"]
    finished = len(_manifests(archive))

    resumed = Run(crawl, archive, home, "after-ctrl-c")
    assert resumed.wait() == 0, resumed.output[-3000:]
    found = ADOPTED.search(" ".join(resumed.output.split()))
    assert found is not None and int(found[1]) == finished, resumed.output[-3000:]
    assert_complete(archive, expected)
    assert sorted(_flow_run_states(archive)) == ["CANCELLED", "COMPLETED"]
