"""The archive itself on an object store (issue 20): `zharchive ingest s3://… --archive s3://…`.

Against a real S3 server on loopback (moto in server mode, started here on a free port): the Delta
tables, the write lock, the staged batches and their recovery all live under the archive's prefix;
Dask workers are separate `dask worker` processes in working directories of their own that hold
nothing of the archive (they share only the store and the Prefect API with the flow process);
runs are real `.venv/bin/zharchive` processes, killed with SIGKILL where a test says so. No test
here is timed: speed is in benchmarks/throughput.py --s3-compare.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import re
import signal
import socket
import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SEEDS
from tests.support import cli_env
from tests.test_crash_and_concurrency import _process_group, _wait_gone, make_corpus

ZHARCHIVE = Path(__file__).resolve().parents[1] / ".venv" / "bin" / "zharchive"
DASK = ZHARCHIVE.parent / "dask"
SECRET = "zharchive-archive-secret-never-written"
ARCHIVE = "s3://archives/zh/archive"


class S3:
    """The moto server's address, the AWS_* variables that reach it, and a boto3 client."""

    def __init__(self, endpoint: str) -> None:
        import boto3

        self.env = {
            "AWS_ENDPOINT_URL": endpoint,
            "AWS_ACCESS_KEY_ID": "zharchive-test-key",
            "AWS_SECRET_ACCESS_KEY": SECRET,
            "AWS_REGION": "us-east-1",
            "AWS_ALLOW_HTTP": "true",
        }
        self.client: Any = boto3.client(
            "s3",
            endpoint_url=endpoint,
            region_name="us-east-1",
            aws_access_key_id="zharchive-test-key",
            aws_secret_access_key=SECRET,
        )

    def keys(self, bucket: str, prefix: str = "") -> dict[str, int]:
        found: dict[str, int] = {}
        for page in self.client.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
            found.update({o["Key"]: o["Size"] for o in page.get("Contents", [])})
        return found

    def get(self, bucket: str, key: str) -> bytes:
        return bytes(self.client.get_object(Bucket=bucket, Key=key)["Body"].read())

    def upload(self, folder: Path, bucket: str, prefix: str) -> dict[str, bytes]:
        """Every file under ``folder`` as ``s3://bucket/prefix/<relative path>``; URI → bytes."""
        made = {}
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            key = f"{prefix}/{path.relative_to(folder).as_posix()}"
            data = path.read_bytes()
            self.client.put_object(Bucket=bucket, Key=key, Body=data)
            made[f"s3://{bucket}/{key}"] = data
        return made


@pytest.fixture
def s3(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[S3]:
    """A real S3 server (moto's ``moto_server``) on a free loopback port, buckets `crawls` and
    `archives`; this test process's AWS_* variables point at it (for the lock and the reads made
    here). A process of its own, not moto's ThreadedMotoServer: some deltalake calls
    (``DeltaTable.is_deltatable``) hold the GIL while they wait for the answer, which a server
    thread of the same process can then never give."""
    port = _free_port()
    with open(tmp_path / "moto.log", "wb") as log:
        server = subprocess.Popen(
            [str(ZHARCHIVE.parent / "moto_server"), "-H", "127.0.0.1", "-p", str(port)],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    store = S3(f"http://127.0.0.1:{port}")
    deadline = time.monotonic() + 60
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            assert time.monotonic() < deadline and server.poll() is None, "moto_server did not start"
            time.sleep(0.1)
    for key, value in store.env.items():
        monkeypatch.setenv(key, value)
    store.client.create_bucket(Bucket="crawls")
    store.client.create_bucket(Bucket="archives")
    try:
        yield store
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(30)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def dask_cluster(home: Path, env: dict[str, str], workdirs: list[Path]) -> Iterator[str]:
    """A Dask scheduler and one worker process per working directory (each its own cwd and local
    directory, holding nothing of the archive), as on hosts that share only the store."""
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    environment = cli_env(home) | env
    processes = [
        subprocess.Popen(
            [str(DASK), "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
            env=environment,
            cwd=workdirs[0].parent,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    ]
    for workdir in workdirs:
        workdir.mkdir(parents=True)
        processes.append(
            subprocess.Popen(
                [str(DASK), "worker", address, "--nworkers", "1", "--nthreads", "1", "--no-dashboard",
                 "--local-directory", str(workdir / "dask"), "--name", workdir.name],
                env=environment,
                cwd=workdir,
                stdout=open(workdir / "worker.log", "wb"),  # noqa: SIM115 (closed with the process)
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        )  # fmt: skip
    try:
        from distributed import Client

        with Client(address, timeout=60) as client:
            client.wait_for_workers(len(workdirs), timeout=120)
        yield address
    finally:
        for process in reversed(processes):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def _run(s3: S3, home: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(ZHARCHIVE), *args],
        env=cli_env(home) | s3.env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


def _tables(s3: S3) -> dict[str, list[dict[str, Any]]]:
    """Every table of the archive at its newest version, read through deltalake from the store."""
    from deltalake import DeltaTable

    return {
        name: DeltaTable(f"{ARCHIVE}/{name}").to_pyarrow_table(columns=columns).to_pylist()
        for name, columns in (
            ("documents", ["source_uri", "raw_sha256", "run_id"]),
            ("quarantine", ["source_uri", "stage"]),
            ("runs", ["run_id", "archive", "parameters", "documents_version"]),
        )
    }


def assert_each_source_once(s3: S3, expected: dict[str, bytes]) -> dict[str, list[dict[str, Any]]]:
    """Every source in exactly one of documents and quarantine, once; nothing staged or locked."""
    tables = _tables(s3)
    placed = Counter(row["source_uri"] for name in ("documents", "quarantine") for row in tables[name])
    assert {uri for uri, n in placed.items() if n > 1} == set(), "a source is in the archive twice"
    assert set(placed) == set(expected)
    left = [
        k for k in s3.keys("archives", "zh/archive/") if "/_staging/" in k or k.endswith(".zharchive.lock")
    ]
    assert left == [], f"staging or the lock left behind: {left[:5]}"
    return tables


def assert_verified(s3: S3, home: Path) -> None:
    done = _run(s3, home, "verify", "--archive", ARCHIVE, "--json")
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    report = json.loads(done.stdout.splitlines()[-1])
    assert report["intact"] is True and set(report["counts"]) == {"ok"}, report


def assert_no_secret(s3: S3, *texts: str) -> None:
    """The secret key is in no object of the archive (tables, logs, staging), and in no output."""
    for key in s3.keys("archives"):
        assert SECRET.encode() not in s3.get("archives", key), key
    for text in texts:
        assert SECRET not in text


def _corpus(s3: S3, tmp_path: Path, pages: int) -> dict[str, bytes]:
    """The seeds and ``pages`` generated pages (every 25th binary: quarantined), on the store."""
    make_corpus(tmp_path / "local-crawl" / "pages", pages)
    (tmp_path / "local-crawl" / "seeds").mkdir()
    for seed in SEEDS.glob("*.txt"):
        (tmp_path / "local-crawl" / "seeds" / seed.name).write_bytes(seed.read_bytes())
    return s3.upload(tmp_path / "local-crawl", "crawls", "crawl")


def _ingest_on_dask(s3: S3, tmp_path: Path, pages: int, batch_size: int) -> None:
    expected = _corpus(s3, tmp_path, pages)
    home = tmp_path / "home"
    workers = [tmp_path / "host-a", tmp_path / "host-b"]
    flow_dir = tmp_path / "host-flow"
    flow_dir.mkdir()
    with dask_cluster(home, s3.env, workers) as address:
        done = _run(
            s3, home, "ingest", "s3://crawls/crawl", "--archive", ARCHIVE, "--dask-address", address,
            "--batch-size", str(batch_size), "--json", cwd=flow_dir,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr[-4000:]
    record = json.loads(done.stdout.splitlines()[-1])
    assert record["archive"] == ARCHIVE and record["input_files"] == len(expected)
    tables = assert_each_source_once(s3, expected)
    binary = {uri for uri, data in expected.items() if data.startswith(b"\x00\x01")}
    assert {row["source_uri"] for row in tables["quarantine"]} == binary
    # Both workers did batches, each in its own working directory, which holds nothing of the
    # archive: the staged batches went to the store.
    logs = [(w / "worker.log").read_text("utf-8", "replace") for w in workers]
    for workdir in [*workers, flow_dir]:
        assert not [p for p in workdir.rglob("*.parquet")], workdir
    # Each worker process ran batches (their Prefect log lines are in the worker's own output).
    assert all("batch " in log and "Traceback" not in log for log in logs), [log[-2000:] for log in logs]

    # Read back with Polars (deltalake's object store, the same storage options), and with DuckDB
    # through deltalake's Arrow dataset (DuckDB's httpfs extension is a download this machine
    # cannot make).
    import duckdb
    import polars as pl
    from deltalake import DeltaTable

    options = {
        "aws_endpoint_url": s3.env["AWS_ENDPOINT_URL"],
        "aws_access_key_id": s3.env["AWS_ACCESS_KEY_ID"],
        "aws_secret_access_key": SECRET,
        "aws_region": "us-east-1",
        "aws_allow_http": "true",
    }
    docs = pl.read_delta(f"{ARCHIVE}/documents", storage_options=options).select("source_uri", "title")
    assert docs.height == len(expected) - len(binary) and docs["source_uri"].n_unique() == docs.height
    connection = duckdb.connect()
    connection.register(
        "documents", DeltaTable(f"{ARCHIVE}/documents", storage_options=options).to_pyarrow_dataset()
    )
    (counted,) = connection.sql("select count(*), count(distinct source_uri) from documents").fetchall()
    assert counted == (docs.height, docs.height)
    assert_verified(s3, home)
    assert_no_secret(s3, done.stdout, done.stderr, *logs)


def test_seeds_and_pages_from_s3_into_an_s3_archive_on_two_dask_workers(
    prefect_server: None, s3: S3, tmp_path: Path
) -> None:
    _ingest_on_dask(s3, tmp_path, pages=300, batch_size=60)


@pytest.mark.slow  # 2,005 pages on two Dask workers: ~2-4 minutes on a busy 2-core machine
def test_two_thousand_pages_from_s3_into_an_s3_archive_on_two_dask_workers(
    prefect_server: None, s3: S3, tmp_path: Path
) -> None:
    _ingest_on_dask(s3, tmp_path, pages=2000, batch_size=250)


def test_kill_9_mid_run_then_the_next_run_completes_each_source_once(
    prefect_server: None, s3: S3, tmp_path: Path
) -> None:
    expected = _corpus(s3, tmp_path, 400)
    home = tmp_path / "home"
    log = tmp_path / "killed.log"
    with open(log, "wb") as out:
        killed = subprocess.Popen(
            [str(ZHARCHIVE), "ingest", "s3://crawls/crawl", "--archive", ARCHIVE, "--batch-size", "50"],
            env=cli_env(home) | s3.env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    # Killed once batches are staged on the store (a manifest is written last, for a whole batch).
    deadline = time.monotonic() + 600
    while killed.poll() is None and not any(
        "/_staging/" in k and k.endswith(".json") for k in s3.keys("archives", "zh/archive/")
    ):
        assert time.monotonic() < deadline, "no batch was ever staged"
        time.sleep(0.05)
    group = _process_group(killed.pid)
    for pid in group:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    killed.wait(60)
    _wait_gone(group)
    assert killed.returncode == -signal.SIGKILL, log.read_text("utf-8", "replace")[-2000:]
    keys = s3.keys("archives", "zh/archive/")
    assert any(k.endswith(".zharchive.lock") for k in keys), "the dead run's lock object is left"

    # The next run takes over the dead run's lock (its pid on this host is gone), adopts its staged
    # batches, and commits each source once.
    again = _run(
        s3, home, "ingest", "s3://crawls/crawl", "--archive", ARCHIVE, "--batch-size", "50", "--json"
    )
    assert again.returncode == 0, again.stderr[-4000:]
    assert "resumed: adopted" in again.stderr, again.stderr[-3000:]
    tables = assert_each_source_once(s3, expected)
    assert {row["run_id"] for row in tables["documents"]} == {
        json.loads(again.stdout.splitlines()[-1])["run_id"]
    }
    assert_verified(s3, home)
    assert_no_secret(s3, again.stdout, again.stderr, log.read_text("utf-8", "replace"))


def _take_lock(archive: str, ready: Any, go: Any, results: Any) -> None:
    """In a process of its own: take the store lock at ``go``, hold it a moment, say what happened."""
    from zharchive.archive.lock import ArchiveBusyError, archive_lock
    from zharchive.objects import StorePath

    ready.wait()
    go.wait()
    try:
        with archive_lock(StorePath.parse(archive), run_id=f"racer-{os.getpid()}"):
            time.sleep(2)
        results.put("held")
    except ArchiveBusyError as exc:
        results.put(f"refused: {exc}")


def test_two_ingests_at_once_one_is_refused_and_the_lock_is_one_conditional_put(
    prefect_server: None, s3: S3, tmp_path: Path
) -> None:
    # Two processes create the lock object at the same moment: the store lets one through.
    context = multiprocessing.get_context("spawn")
    ready, go, results = context.Barrier(3), context.Event(), context.Queue()
    racers = [context.Process(target=_take_lock, args=(ARCHIVE, ready, go, results)) for _ in range(2)]
    for racer in racers:
        racer.start()
    ready.wait()
    go.set()
    for racer in racers:
        racer.join(120)
    outcomes = sorted(results.get(timeout=5) for _ in racers)
    assert outcomes[0] == "held" and outcomes[1].startswith(
        "refused: s3://archives/zh/archive is being written by run racer-"
    )

    # A real ingest while another run holds the lock: refused in one line, exit 2, nothing written.
    from zharchive.archive.lock import archive_lock
    from zharchive.objects import StorePath

    _corpus(s3, tmp_path, 20)
    before = s3.keys("archives")
    with archive_lock(StorePath.parse(ARCHIVE), run_id="holder"):
        refused = _run(s3, tmp_path / "home", "ingest", "s3://crawls/crawl", "--archive", ARCHIVE)
    assert refused.returncode == 2, refused.stderr[-3000:]
    (line,) = [line for line in refused.stderr.splitlines() if line.strip()]
    assert line.startswith("error: s3://archives/zh/archive is being written by run holder (pid "), line
    assert "Traceback" not in refused.stderr and s3.keys("archives") == before

    # Two real ingests: the second starts while the first holds the lock, and is refused by name;
    # the first completes, each source once.
    expected = _corpus(s3, tmp_path / "more", 300)  # the 20 pages above among them, the same bytes
    home = tmp_path / "home"
    log = tmp_path / "first.log"
    with open(log, "wb") as out:
        first = subprocess.Popen(
            [str(ZHARCHIVE), "ingest", "s3://crawls/crawl", "--archive", ARCHIVE, "--batch-size", "50"],
            env=cli_env(home) | s3.env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + 300
    while not any(k.endswith(".zharchive.lock") for k in s3.keys("archives")):
        assert first.poll() is None and time.monotonic() < deadline, log.read_text("utf-8", "replace")[-2000:]
        time.sleep(0.05)
    second = _run(s3, home, "ingest", "s3://crawls/crawl", "--archive", ARCHIVE, "--batch-size", "50")
    assert first.wait(600) == 0, log.read_text("utf-8", "replace")[-3000:]
    assert second.returncode == 2 and "Traceback" not in second.stderr, second.stderr[-3000:]
    (line,) = [line for line in second.stderr.splitlines() if line.strip()]
    assert line.startswith("error: s3://archives/zh/archive is being written by run 2"), line
    assert_each_source_once(s3, expected)
    assert_verified(s3, home)


def test_a_dead_holders_lock_is_taken_over_only_by_its_rule(s3: S3) -> None:
    from datetime import UTC, datetime, timedelta

    from zharchive.archive.lock import LOCK_FILE, ArchiveBusyError, archive_lock, current_holder, unlock
    from zharchive.objects import StorePath

    root = StorePath.parse(ARCHIVE)
    lock = root / LOCK_FILE

    def left(**record: Any) -> None:
        lock.write_bytes(json.dumps({"run_id": "dead", "started": "…", **record}).encode())

    now = datetime.now(UTC)
    # Another host, heartbeat fresh: its pid cannot be asked, so it is a live holder.
    left(host="elsewhere", pid=1, heartbeat=now.isoformat())
    assert current_holder(root) is not None
    with pytest.raises(ArchiveBusyError, match="being written by run dead"), archive_lock(root, run_id="me"):
        pass
    # Another host, heartbeat 10 minutes old: dead by the rule, taken over.
    left(host="elsewhere", pid=1, heartbeat=(now - timedelta(minutes=10)).isoformat())
    assert current_holder(root) is None
    with archive_lock(root, run_id="me"):
        assert json.loads(lock.read_bytes())["run_id"] == "me"
    assert not lock.is_file(), "released"
    # This host, its pid gone: dead at once, whatever its heartbeat says.
    left(host=socket.gethostname(), pid=_dead_pid(), heartbeat=now.isoformat())
    with archive_lock(root, run_id="me"):
        pass
    # By hand: `zharchive unlock` removes the named run's lock, and no other.
    left(host="elsewhere", pid=1, heartbeat=now.isoformat())
    with pytest.raises(Exception, match="not by run other"):
        unlock(root, run_id="other")
    assert "run dead" in unlock(root, run_id="dead") and not lock.is_file()


def _dead_pid() -> int:
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def test_storage_options_on_the_command_line_reach_the_store_and_are_written_nowhere(
    prefect_server: None, s3: S3, tmp_path: Path
) -> None:
    s3.upload(SEEDS, "crawls", "seeds")
    home = tmp_path / "home"
    done = _run(s3, home, "ingest", "s3://crawls/seeds", "--archive", ARCHIVE, "--json")
    assert done.returncode == 0, done.stderr[-3000:]
    # With no endpoint (nor secret) in the environment, the store is reached through the
    # --storage-option pairs alone (moto checks no signature: the secret is given so that it can be
    # looked for afterwards).
    hidden = ("AWS_SECRET_ACCESS_KEY", "AWS_ENDPOINT_URL")
    env = cli_env(home) | {k: v for k, v in s3.env.items() if k not in hidden}
    with_option = subprocess.run(
        [str(ZHARCHIVE), "history", "--archive", ARCHIVE, "--json",
         "--storage-option", f"aws_endpoint_url={s3.env['AWS_ENDPOINT_URL']}",
         "--storage-option", f"aws_secret_access_key={SECRET}"],
        env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert with_option.returncode == 0, with_option.stderr[-2000:]
    assert json.loads(with_option.stdout.splitlines()[0])["archive"] == ARCHIVE
    # An ingest into the archive (from a local folder: sources take the AWS_* variables) whose
    # batches are staged on the store by worker processes, which get the pairs from the flow.
    ingested = subprocess.run(
        [str(ZHARCHIVE), "ingest", str(SEEDS), "--archive", ARCHIVE, "--json", "--workers", "2",
         "--storage-option", f"aws_endpoint_url={s3.env['AWS_ENDPOINT_URL']}",
         "--storage-option", f"aws_secret_access_key={SECRET}"],
        env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert ingested.returncode == 0, ingested.stderr[-2000:]
    assert json.loads(ingested.stdout.splitlines()[-1])["documents_written"] == len(list(SEEDS.glob("*")))
    bad = subprocess.run(
        [str(ZHARCHIVE), "verify", "--archive", ARCHIVE, "--storage-option", SECRET],
        env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1, bad.stderr
    assert_no_secret(
        s3, done.stdout, done.stderr, with_option.stdout, with_option.stderr, bad.stderr, ingested.stderr
    )


def test_incremental_runs_reprocess_history_show_export_and_package_on_an_s3_archive(
    prefect_server: None, s3: S3, tmp_path: Path
) -> None:
    import pyarrow.parquet as pq

    seeds = s3.upload(SEEDS, "crawls", "seeds")
    home = tmp_path / "home"

    def ingest(*args: str) -> dict[str, Any]:
        done = _run(s3, home, "ingest", *args, "--archive", ARCHIVE, "--json")
        assert done.returncode == 0, done.stderr[-3000:]
        assert_no_secret(s3, done.stdout, done.stderr)
        return dict(json.loads(done.stdout.splitlines()[-1]))

    assert ingest("s3://crawls/seeds")["documents_written"] == len(seeds)
    assert ingest("s3://crawls/seeds")["unchanged"] == len(seeds)  # known by the archive on the store
    changed_uri = sorted(seeds)[1]
    changed = seeds[changed_uri] + "\n（本文已更新。）\n".encode()
    s3.client.put_object(Bucket="crawls", Key=changed_uri.removeprefix("s3://crawls/"), Body=changed)
    third = ingest("s3://crawls/seeds")
    assert (third["documents_written"], third["unchanged"]) == (1, len(seeds) - 1)
    reprocessed = ingest("--reprocess")
    assert reprocessed["documents_written"] == len(seeds) and reprocessed["documents_version"] == 2
    assert_each_source_once(s3, seeds)
    assert_verified(s3, home)

    history = _run(s3, home, "history", "--archive", ARCHIVE, "--json")
    assert history.returncode == 0, history.stderr
    assert [json.loads(line)["documents_version"] for line in history.stdout.splitlines()] == [0, None, 1, 2]
    show = _run(s3, home, "show", changed_uri, "--archive", ARCHIVE, "--json")
    assert show.returncode == 0 and json.loads(show.stdout)["source_uri"] == changed_uri, show.stderr
    out = tmp_path / "documents-v0.parquet"
    export = _run(s3, home, "export", "--archive", ARCHIVE, "--version", "0", "--out", str(out))
    assert export.returncode == 0, export.stderr
    exported = pq.read_table(out)
    assert exported.num_rows == len(seeds)
    assert exported.schema.metadata[b"zharchive.archive"] == ARCHIVE.encode()
    assert {r["source_uri"]: r["raw"] for r in exported.to_pylist()}[changed_uri] == seeds[changed_uri]
    bag = _run(s3, home, "package", "--archive", ARCHIVE, "--version", "1", "--out", str(tmp_path / "bag"))
    assert bag.returncode == 0, bag.stderr
    assert (tmp_path / "bag" / "data" / "documents.parquet").is_file()
    assert_no_secret(s3, *(p.read_text("utf-8", "replace") for p in (tmp_path / "bag").rglob("*.txt")))
    missing = _run(s3, home, "show", "s3://crawls/seeds/nothing.txt", "--archive", ARCHIVE)
    assert missing.returncode == 1 and f"in {ARCHIVE}" in missing.stderr


S3_EXAMPLE = re.compile(r"<!-- s3-example: (?P<name>[\w-]+) -->\s*```python\n(?P<code>.*?)```", re.S)


def test_the_readmes_s3_loading_examples_run_against_an_archive_on_the_store(
    prefect_server: None, s3: S3, tmp_path: Path
) -> None:
    _s3_examples(s3, tmp_path, spark=False)


def test_the_readmes_s3_spark_example_runs_against_an_archive_on_the_store(
    prefect_server: None, s3: S3, tmp_path: Path
) -> None:
    if not os.environ.get("ZHARCHIVE_REQUIRE_SPARK"):
        # Not a dependency (a 500 MB package and a JVM): `make test-spark` installs it and requires it.
        pytest.importorskip("pyspark", reason="PySpark is not installed: make test-spark runs this")
    _s3_examples(s3, tmp_path, spark=True)


def _s3_examples(s3: S3, tmp_path: Path, *, spark: bool) -> None:
    s3.upload(SEEDS, "crawls", "seeds")
    done = _run(s3, tmp_path / "home", "ingest", "s3://crawls/seeds", "--archive", ARCHIVE)
    assert done.returncode == 0, done.stderr[-3000:]
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")
    examples = {m["name"]: m["code"] for m in S3_EXAMPLE.finditer(readme)}
    assert set(examples) == {"pandas", "polars", "duckdb", "spark"}
    if not spark:
        del examples["spark"]  # test_the_readmes_s3_spark_example runs it, under make test-spark
    else:
        examples = {"spark": examples["spark"]}
    for name, code in examples.items():
        assert 'ARCHIVE = "s3://bucket/archive"' in code
        script = tmp_path / f"readme_{name}.py"  # not pandas.py: it would shadow pandas
        script.write_text(code.replace('ARCHIVE = "s3://bucket/archive"', f"ARCHIVE = {ARCHIVE!r}"), "utf-8")
        # A process of its own, as a reader runs it (and as exit code 134 would show).
        ran = subprocess.run(
            [str(ZHARCHIVE.parent / "python"), str(script)],
            env=os.environ | s3.env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert ran.returncode == 0, (name, ran.stderr[-2000:])
        assert any(word in ran.stdout for word in ("四川省公安厅", "山东省公安厅", "中国网")), (
            name,
            ran.stdout,
        )


def test_hostile_object_names_and_contents_into_an_s3_archive(
    prefect_server: None, s3: S3, tmp_path: Path
) -> None:
    seed = next(iter(sorted(SEEDS.glob("*.txt")))).read_bytes()
    hostile = {
        "week1/with space.txt": seed + "空格。".encode(),
        "week1/百分号%20和#井号?.txt": seed + "百分号。".encode(),
        "week1/deep/er/页面.html": b"<html><body><p>" + "很深的页面。".encode() * 40 + b"</p></body></html>",
        "week1/empty.txt": b"",
        "week1/binary.txt": b"\x00\xff" * 300,
        "week1/too-big.txt": seed * 40,
    }
    for key, data in hostile.items():
        s3.client.put_object(Bucket="crawls", Key=key, Body=data)
    home = tmp_path / "home"
    done = _run(
        s3, home, "ingest", "s3://crawls/week1", "--archive", ARCHIVE, "--max-bytes", "100000", "--json"
    )
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr[-3000:]
    tables = assert_each_source_once(s3, {f"s3://crawls/{key}": data for key, data in hostile.items()})
    stages = {row["source_uri"].rsplit("/", 1)[-1]: row["stage"] for row in tables["quarantine"]}
    assert stages["too-big.txt"] == "read" and "binary.txt" in stages and "empty.txt" in stages
    documents = {row["source_uri"] for row in tables["documents"]}
    assert (
        "s3://crawls/week1/百分号%20和#井号?.txt" in documents
        and "s3://crawls/week1/with space.txt" in documents
    )
    again = _run(
        s3, home, "ingest", "s3://crawls/week1", "--archive", ARCHIVE, "--max-bytes", "100000", "--json"
    )
    assert again.returncode == 0, again.stderr[-3000:]
    assert (
        json.loads(again.stdout.splitlines()[-1])["documents_written"] == 0
    )  # every name read back as itself
    assert_verified(s3, home)
    assert_no_secret(s3, done.stdout, done.stderr, again.stdout, again.stderr)


def test_the_holder_beats_and_a_holder_whose_lock_was_taken_over_commits_nothing(
    s3: S3, monkeypatch: pytest.MonkeyPatch
) -> None:
    from zharchive.archive import lock as lock_module
    from zharchive.archive.lock import LOCK_FILE, ArchiveBusyError, archive_lock, still_held
    from zharchive.objects import StorePath

    monkeypatch.setattr(lock_module, "HEARTBEAT_SECONDS", 0.2)
    root = StorePath.parse(ARCHIVE)
    lock = root / LOCK_FILE
    with archive_lock(root, run_id="slow"):
        first = json.loads(lock.read_bytes())["heartbeat"]
        deadline = time.monotonic() + 60
        while json.loads(lock.read_bytes())["heartbeat"] == first:  # the holder rewrites it
            assert time.monotonic() < deadline, "the heartbeat was never rewritten"
            time.sleep(0.05)
        still_held(root, "slow")  # its own lock: nothing to say
        # Another run took the lock over (as after this one stalled past LOCK_STALE_SECONDS).
        lock.write_bytes(json.dumps({"run_id": "next", "host": "elsewhere", "pid": 7}).encode())
        with pytest.raises(ArchiveBusyError, match=r"run slow lost the lock .* run next"):
            still_held(root, "slow")
    assert json.loads(lock.read_bytes())["run_id"] == "next", "a lost lock is not the loser's to release"


def test_a_commit_retried_after_a_copy_without_its_delete_adds_the_batch_once(s3: S3) -> None:
    """On a store a move is a copy then a delete: an attempt that died between the two leaves the
    batch in its table prefix and still staged. The retry commits it once."""
    from schemas import SCHEMA_VERSION
    from tests.support import stage_batch
    from zharchive.archive.commit import Provenance, commit_run, moved_batch_name
    from zharchive.archive.staging import staged_batch_file
    from zharchive.objects import StorePath
    from zharchive.pipeline import RunContext, process_batch
    from zharchive.rules import load_rules
    from zharchive.stages.read import DEFAULT_MAX_BYTES

    root = StorePath.parse(ARCHIVE)
    rules = load_rules().version
    context = RunContext(
        run_id="r1", pipeline_version="test", rules_version=rules, max_bytes=DEFAULT_MAX_BYTES
    )
    sources = sorted(SEEDS.glob("*.txt"))
    out = process_batch([str(p) for p in sources], known={}, read_failures={}, context=context)
    stage_batch(root, "r1", 0, out.rows, out.quarantined)  # type: ignore[arg-type]
    staged = staged_batch_file(root, "r1", "documents", 0)
    assert isinstance(staged, StorePath)
    staged.copy_to(root / "documents" / moved_batch_name("r1", staged.name))  # the copy, not the delete
    result = commit_run(root, Provenance("r1", None, "test", rules, SCHEMA_VERSION))
    assert result.documents_version == 0
    # The commit (and the runs row that repeats it) names the batch's file once.
    assert [f["path"] for f in result.added_files if f["table"] == "documents"] == [
        moved_batch_name("r1", staged.name)
    ]
    from deltalake import DeltaTable

    rows = DeltaTable(f"{ARCHIVE}/documents").to_pyarrow_table(columns=["source_uri"]).to_pylist()
    assert sorted(row["source_uri"] for row in rows) == sorted(p.resolve().as_uri() for p in sources)
    assert not [k for k in s3.keys("archives") if "/_staging/" in k]


def test_an_archive_under_the_crawls_prefix_is_not_read_as_pages(
    prefect_server: None, s3: S3, tmp_path: Path
) -> None:
    """`ingest s3://archives/zh --archive s3://archives/zh/archive`: the archive's Parquet files, log
    and lock are under the source prefix; they are one skipped row, never pages or a row each."""
    seeds = s3.upload(SEEDS, "archives", "zh/crawl")
    home = tmp_path / "home"
    runs = []
    for _ in range(2):  # the second run lists a table folder, a log and a runs table under the prefix
        done = _run(s3, home, "ingest", "s3://archives/zh", "--archive", ARCHIVE, "--json")
        assert done.returncode == 0, done.stderr[-3000:]
        runs.append(json.loads(done.stdout.splitlines()[-1]))
    assert (runs[0]["documents_written"], runs[1]["unchanged"]) == (len(seeds), len(seeds))
    assert_each_source_once(s3, seeds)
    from deltalake import DeltaTable

    skipped = DeltaTable(f"{ARCHIVE}/runs").to_pyarrow_table(columns=["skipped"]).to_pylist()
    told = [row for run in skipped for row in run["skipped"] if row["path"].startswith(ARCHIVE)]
    assert told == [{"path": ARCHIVE, "reason": "the archive this run writes to; not read"}] * 2, told
