"""Sources on an object store (issue 20, its first part): `zharchive ingest s3://bucket/prefix` lists
and reads objects through the S3 API, against a real S3 server on loopback (moto in server mode,
started here), with the same source_uri, sha256, size cap and skip reporting as files, and no
credential written anywhere."""

from __future__ import annotations

import hashlib
import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from deltalake import DeltaTable

from tests.conftest import SEEDS
from tests.support import cli_env

ZHARCHIVE = Path(__file__).resolve().parents[1] / ".venv" / "bin" / "zharchive"
SECRET = "zharchive-test-secret-never-written"


@pytest.fixture
def s3() -> Iterator[tuple[dict[str, str], object]]:
    """A real S3 server (moto) on a free loopback port; the AWS_* variables that reach it, and a
    boto3 client to put objects with."""
    import boto3
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    env = {
        "AWS_ENDPOINT_URL": f"http://{host}:{port}",
        "AWS_ACCESS_KEY_ID": "zharchive-test-key",
        "AWS_SECRET_ACCESS_KEY": SECRET,
        "AWS_REGION": "us-east-1",
        "AWS_ALLOW_HTTP": "true",
    }
    client = boto3.client(
        "s3",
        endpoint_url=env["AWS_ENDPOINT_URL"],
        region_name="us-east-1",
        aws_access_key_id=env["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=SECRET,
    )
    client.create_bucket(Bucket="crawls")
    try:
        yield env, client
    finally:
        server.stop()


def _ingest(env: dict[str, str], home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(ZHARCHIVE), "ingest", *args, "--json"],
        env=cli_env(home) | env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _rows(archive: Path, name: str) -> dict[str, dict[str, object]]:
    table = DeltaTable(str(archive / name)).to_pyarrow_table()
    return {row["source_uri"]: row for row in table.to_pylist()}


@pytest.mark.slow  # a moto server and four real CLI runs: ~40 s
def test_an_s3_prefix_is_ingested_like_a_folder(
    prefect_server: None, s3: tuple[dict[str, str], object], tmp_path: Path
) -> None:
    env, client = s3
    put = client.put_object  # type: ignore[attr-defined]
    seeds = {path.name: path.read_bytes() for path in sorted(SEEDS.glob("*.txt"))}
    for name, data in seeds.items():
        put(Bucket="crawls", Key=f"week1/{name}", Body=data)
    put(Bucket="crawls", Key="week1/logo.png", Body=b"\x89PNG\r\n")
    put(Bucket="crawls", Key="week10/not-under-week1.txt", Body="另一个前缀。".encode())
    archive, home = tmp_path / "archive", tmp_path / "home"

    first = _ingest(env, home, "s3://crawls/week1", "--archive", str(archive))
    assert first.returncode == 0, first.stderr[-3000:]
    record = json.loads(first.stdout.splitlines()[-1])
    assert record["sources"] == ["s3://crawls/week1"]
    assert record["skipped"] == [
        {"path": "s3://crawls/week1/logo.png", "reason": "suffix '.png' is not one of .txt, .html, .htm"}
    ]
    documents = _rows(archive, "documents")
    assert set(documents) == {f"s3://crawls/week1/{name}" for name in seeds}
    for name, data in seeds.items():
        row = documents[f"s3://crawls/week1/{name}"]
        assert row["raw"] == data and row["raw_sha256"] == hashlib.sha256(data).hexdigest()

    # Nothing changed: nothing archived again. One object changed: its row replaced.
    again = _ingest(env, home, "s3://crawls/week1", "--archive", str(archive))
    assert again.returncode == 0 and json.loads(again.stdout.splitlines()[-1])["unchanged"] == 5
    changed = seeds["002_acf5549c62cde6f1.txt"] + "\n（本文已更新。）\n".encode()
    put(Bucket="crawls", Key="week1/002_acf5549c62cde6f1.txt", Body=changed)
    third = _ingest(env, home, "s3://crawls/week1", "--archive", str(archive))
    assert third.returncode == 0 and json.loads(third.stdout.splitlines()[-1])["documents_written"] == 1
    assert _rows(archive, "documents")["s3://crawls/week1/002_acf5549c62cde6f1.txt"]["raw"] == changed

    # An object over --max-bytes: quarantined with the hash and size of the whole object.
    big = b"<p>" + "很长的页面。".encode() * 2000 + b"</p>"
    put(Bucket="crawls", Key="week1/big.html", Body=big)
    fourth = _ingest(env, home, "s3://crawls/week1", "--archive", str(archive), "--max-bytes", "10000")
    assert fourth.returncode == 0, fourth.stderr[-3000:]
    row = _rows(archive, "quarantine")["s3://crawls/week1/big.html"]
    assert (row["stage"], row["size"], row["raw"]) == ("read", len(big), None)
    assert row["raw_sha256"] == hashlib.sha256(big).hexdigest()

    # The credentials are in the environment only: no file of the archive holds them.
    for path in archive.rglob("*"):
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), path


@pytest.mark.slow  # one real CLI run: ~10 s
def test_a_prefix_that_cannot_be_listed_is_a_skipped_row_not_a_traceback(
    prefect_server: None, s3: tuple[dict[str, str], object], tmp_path: Path
) -> None:
    env, _ = s3
    done = _ingest(env, tmp_path / "home", "s3://no-such-bucket/week1", "--archive", str(tmp_path / "a"))
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr[-3000:]
    (skipped,) = json.loads(done.stdout.splitlines()[-1])["skipped"]
    assert skipped["path"] == "s3://no-such-bucket/week1"
    assert skipped["reason"].startswith("source cannot be listed: cannot list s3://no-such-bucket/week1")
    assert SECRET not in done.stdout + done.stderr


@pytest.mark.slow  # a local Dask cluster of 2 worker processes: ~20 s
def test_dask_workers_read_their_batches_objects_themselves(
    prefect_server: None, s3: tuple[dict[str, str], object], tmp_path: Path
) -> None:
    env, client = s3
    seeds = {path.name: path.read_bytes() for path in sorted(SEEDS.glob("*.txt"))}
    for name, data in seeds.items():
        client.put_object(Bucket="crawls", Key=f"site/{name}", Body=data)  # type: ignore[attr-defined]
    archive = tmp_path / "archive"
    done = _ingest(
        env, tmp_path / "home", "s3://crawls/site", "--archive", str(archive),
        "--runner", "dask", "--workers", "2", "--batch-size", "2",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    documents = _rows(archive, "documents")
    assert {uri: row["raw"] for uri, row in documents.items()} == {
        f"s3://crawls/site/{name}": data for name, data in seeds.items()
    }
