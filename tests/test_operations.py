"""Operating zharchive: schedules, artifacts, reprocessing, retries, Dask, fixity and hand-off packages.

Everything runs for real: a Prefect server (test harness), the zharchive and prefect commands as
subprocesses, a Dask LocalCluster of worker processes, Delta tables and BagIt bags in tmp_path.
"""

from __future__ import annotations

import asyncio
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import bagit
import httpx
import pyarrow.parquet as pq
import pytest
from deltalake import DeltaTable
from support import cli_env, stage_batch, standalone_env
from typer.testing import CliRunner

from flows.ingest import ingest, run_ingest
from zharchive.archive.commit import Provenance, commit_run
from zharchive.cli import app
from zharchive.pipeline import RunContext, process_batch
from zharchive.rules import load_rules

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
BIN = Path(sys.executable).parent
runner = CliRunner()


async def _deployment(name: str, timeout: float = 90) -> Any:
    from prefect.client.orchestration import get_client

    async with get_client() as client:
        deadline = time.monotonic() + timeout
        while True:
            try:
                return await client.read_deployment_by_name(name)
            except Exception:
                if time.monotonic() > deadline:
                    raise
                await asyncio.sleep(1)


def _wait_for_run(flow_run_id: Any, timeout: float = 240) -> Any:
    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            flow_run = client.read_flow_run(flow_run_id)
            if flow_run.state is not None and flow_run.state.is_final():
                return flow_run
            time.sleep(1)
    raise TimeoutError(f"flow run {flow_run_id} did not finish in {timeout}s")


def test_serve_without_a_prefect_server_is_refused_at_once(tmp_path: Path) -> None:
    """A temporary server never fires a schedule: serve says how to start a real one instead."""
    env = cli_env(tmp_path / "home")
    del env["PREFECT_API_URL"]
    started = time.monotonic()
    done = subprocess.run(
        [str(BIN / "zharchive"), "serve", str(SEEDS), "--archive", str(tmp_path / "archive")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    said = " ".join(done.stderr.split())
    assert done.returncode == 2, done.stderr
    assert "needs a running Prefect server" in said and "prefect server start" in said
    assert "PREFECT_API_URL" in said and "Traceback" not in done.stderr
    assert time.monotonic() - started < 60  # no temporary server was started


def test_serve_creates_a_scheduled_deployment_that_runs(prefect_server: None, tmp_path: Path) -> None:
    from prefect.deployments import run_deployment

    archive = tmp_path / "archive"
    served = subprocess.Popen(
        [
            str(BIN / "zharchive"),
            "serve",
            str(SEEDS),
            "--archive",
            str(archive),
            "--cron",
            "30 3 * * 1",
            "--timezone",
            "Europe/Berlin",
        ],
        env=cli_env(tmp_path / "home"),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deployment = asyncio.run(_deployment("zharchive/ingest-served"))
        assert not deployment.paused
        (schedule,) = deployment.schedules
        assert (schedule.schedule.cron, schedule.schedule.timezone) == ("30 3 * * 1", "Europe/Berlin")
        assert schedule.active
        # The UI shows a schedule without its zone: the description says it.
        assert deployment.description is not None and "Europe/Berlin" in deployment.description
        # The form of a run shows each parameter's description.
        properties = deployment.parameter_openapi_schema["properties"]
        assert "recursively" in properties["sources"]["description"]
        flow_run = run_deployment("zharchive/ingest-served", timeout=0)
        finished = _wait_for_run(flow_run.id)
        assert finished.state.is_completed(), finished.state
        assert DeltaTable(str(archive / "documents")).to_pyarrow_table().num_rows == 5
    finally:
        served.terminate()
        served.wait(timeout=30)


def test_prefect_yaml_deploys_to_a_process_pool_and_a_worker_runs_it(
    prefect_server: None, tmp_path: Path
) -> None:
    from prefect.deployments import run_deployment

    env = cli_env(tmp_path / "home")
    prefect = str(BIN / "prefect")
    subprocess.run(
        [prefect, "work-pool", "create", "zharchive-process", "--type", "process"],
        env=env,
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    subprocess.run(
        [prefect, "--no-prompt", "deploy", "--all"], env=env, check=True, capture_output=True, cwd=ROOT
    )
    deployment = asyncio.run(_deployment("zharchive/ingest"))
    assert deployment.work_pool_name == "zharchive-process" and not deployment.paused
    (schedule,) = deployment.schedules
    assert (schedule.schedule.cron, schedule.schedule.timezone) == ("0 2 * * *", "Asia/Shanghai")

    archive = tmp_path / "archive"
    flow_run = run_deployment(
        "zharchive/ingest", parameters={"sources": [str(SEEDS)], "archive": str(archive)}, timeout=0
    )
    worker = subprocess.Popen(
        [prefect, "worker", "start", "--pool", "zharchive-process"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        finished = _wait_for_run(flow_run.id)
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    assert finished.state.is_completed(), finished.state
    assert DeltaTable(str(archive / "documents")).to_pyarrow_table().num_rows == 5


def test_a_run_leaves_progress_summary_and_quarantine_artifacts(prefect_server: None, tmp_path: Path) -> None:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

    crawl = tmp_path / "crawl"
    shutil.copytree(SEEDS, crawl)
    (crawl / "empty.txt").write_bytes(b"")
    run = ingest(sources=[str(crawl)], archive=str(tmp_path / "archive"))
    with get_client(sync_client=True) as client:
        artifacts = client.read_artifacts(
            artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[run.flow_run_id]))
        )
    by_type = {a.type: a for a in artifacts}
    assert by_type["progress"].data == 100.0
    # Keys name the archive and the kind (the progress artifact had none, and every archive shared
    # one summary key); Prefect's own listing of every artifact reads them all.
    keys = {a.key for a in artifacts}
    assert {key.rsplit("-", 1)[-1] for key in keys if key} == {"progress", "summary", "quarantine"}
    assert all(key and key.startswith("zharchive-") and "-archive-" in key for key in keys), keys
    # Prefect 3.9.1 itself records a keyless, typeless artifact for every failed flow run (a refused
    # run of another test in this session, even a run whose parameters fail validation), and its
    # `artifact ls --all` then fails sorting None keys: Prefect's bug, not ours. Such artifacts of
    # other runs are removed first, so the listing below tests what our runs leave.
    with get_client(sync_client=True) as client:
        for other in client.read_artifacts():
            if other.key is None and other.flow_run_id != run.flow_run_id:
                client.delete_artifact(other.id)
    listed = subprocess.run(
        [str(BIN / "prefect"), "artifact", "ls", "--all"],
        env=cli_env(tmp_path / "home"),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert listed.returncode == 0, listed.stdout + listed.stderr
    assert "progress" in listed.stdout and "summary" in listed.stdout
    assert "documents written | 5" in by_type["markdown"].data and "empty.txt" not in by_type["markdown"].data
    table = by_type["table"].data
    assert "empty.txt" in str(table) and "file is empty" in str(table)


def test_reprocess_recleans_from_stored_bytes_without_the_sources(
    prefect_server: None, tmp_path: Path
) -> None:
    crawl, archive = tmp_path / "crawl", tmp_path / "archive"
    shutil.copytree(SEEDS, crawl)
    first = ingest(sources=[str(crawl)], archive=str(archive))
    shutil.rmtree(crawl)  # the crawl is gone; the archive has the bytes
    again = ingest(sources=[], archive=str(archive), reprocess=True)
    assert (again.input_files, again.documents_written, again.documents_version) == (
        5,
        5,
        first.documents_version + 1,
    )
    now = DeltaTable(str(archive / "documents")).to_pandas().set_index("source_uri")
    before = (
        DeltaTable(str(archive / "documents"), version=first.documents_version)
        .to_pandas()
        .set_index("source_uri")
    )
    assert (now["run_id"] == again.run_id).all()
    assert now.sort_index()["body"].tolist() == before.sort_index()["body"].tolist()
    assert now.sort_index()["doc_id"].tolist() == before.sort_index()["doc_id"].tolist()


def test_a_retried_commit_does_not_commit_twice(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    context = RunContext(run_id="retry-1", pipeline_version="t", rules_version=load_rules().version)
    provenance = Provenance("retry-1", None, "t", context.rules_version, "1.0.0")
    out = process_batch(sorted(SEEDS.iterdir()), known={}, context=context)
    stage_batch(archive, "retry-1", 0, out.rows, out.quarantined)
    assert commit_run(archive, provenance).documents_version == 0
    # The task is retried after the commit landed (say its result was lost): staging is written again.
    stage_batch(archive, "retry-1", 0, out.rows, out.quarantined)
    again = commit_run(archive, provenance)
    assert again.documents_version == 0
    table = DeltaTable(str(archive / "documents"))
    assert table.version() == 0 and table.to_pyarrow_table().num_rows == 5


def test_a_dask_cluster_of_two_worker_processes_gives_the_same_documents(
    prefect_server: None, tmp_path: Path, three_site_crawl: Path
) -> None:
    crawl = three_site_crawl
    threads = run_ingest([str(crawl)], str(tmp_path / "threads"), batch_size=4, runner="threads")
    assert threads.documents_written == 15
    # Through the CLI, as users run it: its progress listener must not travel to the workers.
    result = runner.invoke(
        app,
        [
            "ingest",
            str(crawl),
            "--archive",
            str(tmp_path / "dask"),
            "--batch-size",
            "4",
            "--runner",
            "dask",
            "--workers",
            "2",
        ],
    )
    assert result.exit_code == 0, result.output
    (written,) = (
        DeltaTable(str(tmp_path / "dask" / "runs")).to_pyarrow_table()["documents_written"].to_pylist()
    )
    assert written == 15

    def documents(name: str) -> list[tuple[str, str, str]]:
        rows = DeltaTable(str(tmp_path / name / "documents")).to_pyarrow_table(
            columns=["doc_id", "source_uri", "body"]
        )
        return sorted(zip(*(rows[c].to_pylist() for c in rows.column_names), strict=True))

    assert documents("threads") == documents("dask")


def test_verify_finds_a_changed_byte_and_a_missing_file(seeds_archive: Path, tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    shutil.copytree(seeds_archive, archive)
    intact = runner.invoke(app, ["verify", "--archive", str(archive)])
    assert intact.exit_code == 0 and "intact" in intact.output

    (data_file,) = DeltaTable(str(archive / "documents")).file_uris()
    path = Path(data_file.removeprefix("file://"))
    damaged = bytearray(path.read_bytes())
    damaged[len(damaged) // 2] ^= 0xFF
    path.write_bytes(bytes(damaged))
    result = runner.invoke(app, ["verify", "--archive", str(archive)])
    assert result.exit_code == 1 and "sha256_mismatch" in result.output

    path.unlink()
    result = runner.invoke(app, ["verify", "--archive", str(archive)])
    assert result.exit_code == 1 and "missing" in result.output


def test_export_and_package_hand_on_a_version_with_provenance(seeds_archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "docs.parquet"
    result = runner.invoke(
        app, ["export", "--archive", str(seeds_archive), "--version", "0", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    exported = pq.read_table(out)
    assert exported.num_rows == 5
    metadata = exported.schema.metadata
    assert metadata[b"zharchive.documents_version"] == b"0"
    assert b"zharchive.runs" in metadata and b"run_id" in metadata[b"zharchive.runs"]

    bag_dir = tmp_path / "bag"
    result = runner.invoke(app, ["package", "--archive", str(seeds_archive), "--out", str(bag_dir)])
    assert result.exit_code == 0, result.output
    bag = bagit.Bag(str(bag_dir))
    assert bag.is_valid()
    assert {"sha256", "sha512"} <= set(bag.algorithms)
    payload = {Path(p).as_posix() for p in bag.payload_files()}
    assert {
        "data/documents.parquet",
        "data/runs.parquet",
        "data/README.txt",
        "data/schemas/archived_document.schema.json",
    } <= payload
    assert pq.read_table(bag_dir / "data" / "documents.parquet").num_rows == 5
    assert bag.info["zharchive-Documents"] == "5"
    # Nothing of the seeds was quarantined: the file the README lists is there, empty, with columns.
    quarantine = pq.read_table(bag_dir / "data" / "quarantine.parquet")
    assert quarantine.num_rows == 0 and {"source_uri", "raw", "stage", "reason"} <= set(
        quarantine.column_names
    )
    assert bag.info["zharchive-Quarantined"] == "0"
    # A changed byte in the payload is caught by the bag's own manifest.
    readme = bag_dir / "data" / "README.txt"
    readme.write_text(readme.read_text() + "x")
    assert not bagit.Bag(str(bag_dir)).is_valid()


def test_show_prints_a_documents_provenance_and_removed_lines(seeds_archive: Path) -> None:
    seed = next(SEEDS.glob("003_*.txt"))
    result = runner.invoke(app, ["show", str(seed), "--archive", str(seeds_archive)])
    assert result.exit_code == 0, result.output
    for expected in (
        "doc_id",
        "raw_sha256",
        "run_id",
        "rules_version",
        "chrome.breadcrumb",
        "repair.lost_month",
    ):
        assert expected in result.output
    missing = runner.invoke(app, ["show", "nope", "--archive", str(seeds_archive)])
    assert missing.exit_code == 1 and "no document" in missing.output


def test_the_archive_lock_is_taken_once_per_run_and_released_after(tmp_path: Path) -> None:
    """The flow alone takes the lock, once: a second take, even in the same process, is refused
    (other processes: tests/test_crash_and_concurrency.py)."""
    from zharchive.archive.lock import LOCK_FILE, ArchiveBusyError, archive_lock

    with archive_lock(tmp_path, run_id="flow"):
        assert "run flow" in (tmp_path / LOCK_FILE).read_text()
        with (
            pytest.raises(ArchiveBusyError, match="is being written by run flow"),
            archive_lock(tmp_path, run_id="again"),
        ):
            pass
    assert (tmp_path / LOCK_FILE).read_text() == ""  # released: nobody holds it
    with archive_lock(tmp_path, run_id="next"):
        pass


def test_a_process_pool_run_reports_every_batch_to_the_one_server(
    prefect_server: None, tmp_path: Path
) -> None:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    result = runner.invoke(
        app,
        [
            "ingest",
            str(SEEDS),
            "--archive",
            str(tmp_path / "archive"),
            "--batch-size",
            "2",
            "--runner",
            "processes",
            "--workers",
            "2",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "batches 3/3 done" in result.output  # plain progress lines off a terminal
    (run,) = DeltaTable(str(tmp_path / "archive" / "runs")).to_pyarrow_table().to_pylist()
    assert run["documents_written"] == 5
    with get_client(sync_client=True) as client:
        task_runs = client.read_task_runs(
            flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[run["flow_run_id"]]))
        )
    # Every batch is a task run of this server's flow run (its work done in a worker process).
    assert (
        sorted(t.name.rsplit("-", 1)[0] for t in task_runs if t.name.startswith("process-batch"))
        == ["process-batch"] * 3
    )


def test_a_bare_ingest_starts_one_temporary_server_without_importing_the_server_app(
    tmp_path: Path,
) -> None:
    """No PREFECT_API_URL: the CLI starts a temporary server for the run and stops it after. Neither
    the CLI's process nor its workers import Prefect's server app (-X importtime lists what they do)."""
    env = standalone_env(tmp_path / "home", COLUMNS="200")
    archive = tmp_path / "archive"
    command = ["ingest", str(SEEDS), "--archive", str(archive), "--batch-size", "2", "--runner", "processes"]
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "zharchive.cli", *command],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    imported = {
        line.rsplit("|", 1)[1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")
    }
    assert {"prefect.flows", "zharchive.pool"} <= imported
    assert "prefect.server.api.server" not in imported
    stopped = re.search(r"Stopping temporary server on (http://\S+)", done.stderr)
    assert stopped, done.stderr[-3000:]
    with pytest.raises(httpx.TransportError):
        httpx.get(f"{stopped[1]}/api/health", timeout=5)
    (run,) = DeltaTable(str(archive / "runs")).to_pyarrow_table().to_pylist()
    assert run["documents_written"] == 5 and run["flow_run_id"]
