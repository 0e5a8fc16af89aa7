"""Fixity with no holes, and no silent rollback (issue 18, items 2 and 4), on real Delta tables.

Every data file's sha256 is recorded in the commit that adds it; ``verify`` fails on a live file
with no hash recorded for it, checks each row's ``raw`` against ``raw_sha256`` with ``--deep``, and
reads the Delta log itself: an emptied, garbled or missing commit file, or a version that the runs
table or a later commit knows of and the log no longer holds, is named, never read past.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from deltalake import DeltaTable, write_deltalake
from support import cli_env, stage_batch
from typer.testing import CliRunner

from flows.ingest import ingest
from zharchive.archive.commit import Provenance, commit_run
from zharchive.cli import app
from zharchive.pipeline import RunContext, process_batch
from zharchive.rules import load_rules

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
ZHARCHIVE = ROOT / ".venv" / "bin" / "zharchive"
runner = CliRunner()


def commit_file(archive: Path, name: str, version: int) -> Path:
    return archive / name / "_delta_log" / f"{version:020d}.json"


def verify_json(archive: Path, *extra: str) -> tuple[int, list[dict[str, Any]], dict[str, Any]]:
    """``zharchive verify --json`` as a real process: (exit code, file checks, summary line)."""
    done = subprocess.run(
        [str(ZHARCHIVE), "verify", "--archive", str(archive), "--json", *extra],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert "Traceback" not in done.stderr, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert lines, done.stderr
    return done.returncode, lines[:-1], lines[-1]


def assert_clear_error(result: Result, *said: str) -> None:
    """The command failed with one ``error:`` line that says ``said``, and no traceback."""
    output = " ".join(result.output.split())
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output and "Kernel error" not in result.output, result.output
    assert output.startswith("error:"), result.output
    for words in said:
        assert words in output, result.output


# --- item 2: every live file hashed by the commit that adds it ------------------------------------


@pytest.mark.slow  # three real CLI runs, one killed: ~1 min with -n 2
def test_the_files_of_a_run_killed_before_its_run_record_are_hashed_and_a_changed_one_is_caught(
    prefect_server: None, tmp_path: Path
) -> None:
    from test_crash_and_concurrency import Run, make_corpus

    crawl, archive, home = tmp_path / "crawl", tmp_path / "archive", tmp_path / "home"
    make_corpus(crawl, 600)
    # Killed between its documents commit and its row in runs: its files are in no run record.
    dead = Run(crawl, archive, home, "killed-after-documents")
    dead.kill_when(lambda: commit_file(archive, "documents", 0).exists())
    assert not (archive / "runs" / "_delta_log").is_dir(), "the run lived to record itself: no crash"
    # The next run settles it (the dead run's quarantine commit, made for it) and adds its own row.
    assert Run(crawl, archive, home, "settles").wait() == 0

    code, checks, summary = verify_json(archive)
    assert code == 0 and summary["intact"], checks
    tables = {check["table"] for check in checks}
    assert tables == {"documents", "quarantine", "runs"}
    unhashed = [c for c in checks if c["status"] != "ok"]
    assert unhashed == [], "live files checked without a recorded sha256"

    # 16 bytes in the middle of one of the dead run's documents files, its size unchanged: a
    # file that no run record names (the settling run found every source unchanged).
    recorded = {
        added["path"]
        for files in DeltaTable(str(archive / "runs")).to_pyarrow_table()["added_files"].to_pylist()
        for added in files
    }
    victim = sorted(c["path"] for c in checks if c["table"] == "documents")[0]
    assert victim not in recorded
    path = archive / "documents" / victim
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 16] = bytes(b ^ 0x5A for b in data[middle : middle + 16])
    path.write_bytes(bytes(data))

    code, checks, summary = verify_json(archive)
    assert code == 1 and not summary["intact"]
    (problem,) = [c for c in checks if c["status"] != "ok"]
    assert (problem["table"], problem["path"], problem["status"]) == ("documents", victim, "sha256_mismatch")


def test_every_file_a_commit_adds_has_its_sha256_in_that_commit(tmp_path: Path) -> None:
    import hashlib

    archive = tmp_path / "archive"
    context = RunContext(run_id="r1", pipeline_version="t", rules_version=load_rules().version)
    out = process_batch(sorted(SEEDS.iterdir()), known={}, context=context)
    stage_batch(archive, "r1", 0, out.rows, out.quarantined)
    commit_run(archive, Provenance("r1", None, "t", context.rules_version, "1.0.0"))
    lines = [json.loads(line) for line in commit_file(archive, "documents", 0).read_text().splitlines()]
    (info,) = [line["commitInfo"] for line in lines if "commitInfo" in line]
    adds = [line["add"]["path"] for line in lines if "add" in line]
    recorded = json.loads(info["zharchive.sha256"])
    assert sorted(recorded) == sorted(adds) and adds
    for relative, digest in recorded.items():
        assert hashlib.sha256((archive / "documents" / relative).read_bytes()).hexdigest() == digest


def test_a_file_no_hash_was_ever_recorded_for_fails_verify_until_adopted(
    seeds_archive: Path, tmp_path: Path
) -> None:
    archive = tmp_path / "archive"
    shutil.copytree(seeds_archive, archive)
    # A runs file written as zharchive wrote them before commits held hashes: plain write_deltalake.
    runs = str(archive / "runs")
    write_deltalake(runs, DeltaTable(runs).to_pyarrow_table(), mode="append")
    (legacy,) = set(DeltaTable(runs).file_uris()) - set(DeltaTable(runs, version=0).file_uris())
    legacy_name = Path(legacy.removeprefix("file://")).name

    result = runner.invoke(app, ["verify", "--archive", str(archive)])
    said = " ".join(result.output.split())
    assert result.exit_code == 1, result.output
    assert f"unhashed runs/{legacy_name}" in said and "zharchive verify --adopt" in said, result.output
    assert "intact" not in said

    adopted = runner.invoke(app, ["verify", "--archive", str(archive), "--adopt"])
    assert adopted.exit_code == 0, adopted.output
    assert "recorded the sha256 of 1 file" in " ".join(adopted.output.split())
    code, checks, summary = verify_json(archive)
    assert code == 0 and summary["intact"]
    assert {c["status"] for c in checks if c["path"] == legacy_name} == {"ok_adopted"}
    # From now on a change to it is caught like any other.
    path = archive / "runs" / legacy_name
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    code, checks, _ = verify_json(archive)
    assert code == 1 and [c["status"] for c in checks if c["path"] == legacy_name] == ["sha256_mismatch"]


def test_deep_verify_finds_a_row_whose_raw_is_not_its_raw_sha256(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    context = RunContext(run_id="r1", pipeline_version="t", rules_version=load_rules().version)
    out = process_batch(sorted(SEEDS.iterdir()), known={}, context=context)
    # Written so (a bug, or bytes changed before the file was hashed): the file's own hash is right.
    bad = {**out.rows[2], "raw": out.rows[2]["raw"] + b"!"}
    stage_batch(archive, "r1", 0, [*out.rows[:2], bad, *out.rows[3:]], out.quarantined)
    commit_run(archive, Provenance("r1", None, "t", context.rules_version, "1.0.0"))

    assert runner.invoke(app, ["verify", "--archive", str(archive)]).exit_code == 0
    result = runner.invoke(app, ["verify", "--archive", str(archive), "--deep"])
    said = " ".join(result.output.split())
    assert result.exit_code == 1, result.output
    assert "raw_mismatch" in said and bad["source_uri"] in said, result.output
    assert said.count("raw_mismatch documents/") == 1  # the one row, one line


# --- item 4: no silent rollback; a damaged log is named -------------------------------------------


@pytest.fixture(scope="module")
def two_runs(prefect_server: None, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An archive of two real flow runs: the second changed a file (documents v1, runs v1)."""
    base = tmp_path_factory.mktemp("two-runs")
    crawl = base / "crawl"
    shutil.copytree(SEEDS, crawl)
    archive = base / "archive"
    ingest(sources=[str(crawl)], archive=str(archive))
    changed = sorted(crawl.iterdir())[0]
    changed.write_bytes(changed.read_bytes() + "\n本文有更新。\n".encode())
    second = ingest(sources=[str(crawl)], archive=str(archive))
    assert second.documents_version == 1
    return archive


@pytest.fixture
def archive(two_runs: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "archive"
    shutil.copytree(two_runs, copy)
    return copy


def test_an_emptied_newest_commit_is_named_and_never_read_as_the_older_contents(
    archive: Path, tmp_path: Path
) -> None:
    emptied = commit_file(archive, "documents", 1)
    emptied.write_bytes(b"")  # a power loss on a file system without data journaling

    code, checks, summary = verify_json(archive)
    assert code == 1 and not summary["intact"]
    assert [(c["status"], c["path"]) for c in checks if not c["status"].startswith("ok")] == [
        ("log_empty", "_delta_log/00000000000000000001.json")
    ]
    out = tmp_path / "out.parquet"
    result = runner.invoke(app, ["export", "--archive", str(archive), "--out", str(out)])
    assert_clear_error(result, "documents/_delta_log/00000000000000000001.json", "empty")
    assert not out.exists()


def test_a_deleted_newest_commit_that_the_runs_table_knows_of_is_named(archive: Path, tmp_path: Path) -> None:
    second_run = (
        DeltaTable(str(archive / "runs")).to_pyarrow_table().sort_by("started_at")[-1:].to_pylist()[0]
    )
    commit_file(archive, "documents", 1).unlink()

    result = runner.invoke(app, ["verify", "--archive", str(archive)])
    said = " ".join(result.output.split())
    assert result.exit_code == 1, result.output
    assert "version_gone" in said and "documents version 1" in said and second_run["run_id"] in said
    out = tmp_path / "out.parquet"
    result = runner.invoke(app, ["export", "--archive", str(archive), "--out", str(out)])
    assert_clear_error(result, "documents version 1")
    assert not out.exists()
    # Nor is a run written on top of the rollback, which would bury which version is gone.
    result = runner.invoke(app, ["ingest", str(SEEDS), "--archive", str(archive)])
    assert_clear_error(result, "documents version 1", second_run["run_id"])
    assert not commit_file(archive, "documents", 1).exists()


def test_a_replaced_older_commit_breaks_the_recorded_chain(archive: Path) -> None:
    first = commit_file(archive, "documents", 0)
    lines = first.read_text().splitlines()
    first.write_text("\n".join(json.dumps(json.loads(line), indent=None) for line in lines) + "\n")

    result = runner.invoke(app, ["verify", "--archive", str(archive)])
    said = " ".join(result.output.split())
    assert result.exit_code == 1, result.output
    assert "chain_broken documents/_delta_log/00000000000000000000.json" in said, result.output


@pytest.mark.parametrize(
    ("table", "version", "damage"),
    [
        ("runs", 1, b"\x00" * 300),  # the newest runs commit, zeros
        ("documents", 1, b'{"commitInfo":{"timestamp":17'),  # cut short
        ("documents", 0, None),  # the first commit gone
    ],
    ids=["runs-zeros", "documents-truncated", "first-commit-missing"],
)
def test_a_garbled_or_missing_commit_file_is_one_clear_error_in_every_command(
    table: str, version: int, damage: bytes | None, archive: Path, tmp_path: Path
) -> None:
    target = commit_file(archive, table, version)
    if damage is None:
        target.unlink()
    else:
        target.write_bytes(damage)
    named = f"{table}/_delta_log/{version:020d}.json"
    for command in (
        ["history"],
        ["show", "nope"],
        ["export", "--out", str(tmp_path / "out.parquet")],
        ["package", "--out", str(tmp_path / "bag")],
    ):
        assert_clear_error(runner.invoke(app, [*command, "--archive", str(archive)]), named)
    result = runner.invoke(app, ["verify", "--archive", str(archive)])
    assert result.exit_code == 1 and named in " ".join(result.output.split()), result.output
    assert "Traceback" not in result.output and isinstance(result.exception, SystemExit)

    started = time.monotonic()
    done = subprocess.run(
        [str(ZHARCHIVE), "ingest", str(SEEDS), "--archive", str(archive)],
        env=cli_env(tmp_path / "home"),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    said = " ".join(done.stderr.split())
    assert done.returncode == 2 and named in said, done.stderr[-3000:]
    assert "Traceback" not in done.stderr + done.stdout
    assert time.monotonic() - started < 30, "refused only after Prefect started"
    # Nothing was written over the damage: the file is as the damage left it.
    assert (target.read_bytes() if target.exists() else None) == damage


# --- review of the fixity branch -----------------------------------------------------------------


@pytest.mark.parametrize("after", [1, 2, 3], ids=["after-first-log", "after-second-log", "after-third-log"])
def test_a_run_committing_while_verify_reads_raises_no_false_alarm(
    after: int, archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """verify takes no lock: a whole run (documents, then runs) committed between its reads of the
    three logs must read as the archive before or after it, never as a rollback or an unhashed
    file. The commits are real (an in-process flow run); the hook only says when they land."""
    from zharchive.archive import handoff

    page = tmp_path / "new" / "late.txt"
    page.parent.mkdir()
    page.write_bytes(next(iter(sorted(SEEDS.iterdir()))).read_bytes() + "\n又一篇新文章。\n".encode())
    real_read_log = handoff.read_log
    calls: list[str] = []

    def read_log_then_commit(where: Path, name: Any) -> Any:
        log = real_read_log(where, name)
        calls.append(name)
        if len(calls) == after:
            ran = ingest(sources=[str(page.parent)], archive=str(archive))
            assert ran.documents_version == 2
        return log

    monkeypatch.setattr(handoff, "read_log", read_log_then_commit)
    report = handoff.verify(archive)
    assert len(calls) >= after and commit_file(archive, "documents", 2).exists()
    assert [p.line() for p in report.problems] == []
    monkeypatch.undo()
    # What was checked is one moment of the archive; the run's version is there for the next read.
    assert report.snapshot is not None and report.snapshot.documents_version in (1, 2)
    assert handoff.verify(archive).problems == []
    assert handoff.snapshot(archive).documents_version == 2


def test_an_export_while_a_run_commits_is_not_refused_as_rolled_back(
    archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """export takes no lock either: a run committed after its first log read is no rollback."""
    from zharchive.archive import handoff

    page = tmp_path / "new" / "late.txt"
    page.parent.mkdir()
    page.write_bytes("<p>导出时写入的新文章。</p>\n".encode() * 20)
    real_read_log = handoff.read_log
    calls: list[str] = []

    def read_log_then_commit(where: Path, name: Any) -> Any:
        log = real_read_log(where, name)
        calls.append(name)
        if len(calls) == 1:
            ingest(sources=[str(page.parent)], archive=str(archive))
        return log

    monkeypatch.setattr(handoff, "read_log", read_log_then_commit)
    out = tmp_path / "out.parquet"
    rows, snap = handoff.export_documents(archive, out)
    assert commit_file(archive, "documents", 2).exists() and out.is_file()
    assert snap.documents_version in (1, 2) and rows > 0


def test_ingest_says_busy_before_it_reads_a_log_being_written(archive: Path) -> None:
    """While another run holds the lock, a log read mid-run can look rolled back: ingest says the
    archive is busy, which is true, not that it is damaged."""
    from zharchive.archive.lock import archive_lock

    commit_file(archive, "documents", 1).rename(archive / "documents-v1.json")  # as if not yet visible
    with archive_lock(archive, run_id="holder"):
        result = runner.invoke(app, ["ingest", str(SEEDS), "--archive", str(archive)])
    assert_clear_error(result, "is being written by run holder")
    assert "damaged" not in result.output


def _rewrite_commit(path: Path, change: Any) -> None:
    actions = [json.loads(line) for line in path.read_text().splitlines()]
    path.write_text("".join(json.dumps(a) + "\n" for a in change(actions)))


@pytest.mark.parametrize("kept", ["commitInfo", "all-but-txn"])
def test_a_newest_commit_that_lost_lines_is_garbled_not_intact(kept: str, archive: Path) -> None:
    newest = commit_file(archive, "documents", 1)
    if kept == "commitInfo":  # cut at a line boundary: still JSON lines, deltalake reads no change
        _rewrite_commit(newest, lambda actions: [a for a in actions if "commitInfo" in a])
    else:
        _rewrite_commit(newest, lambda actions: [a for a in actions if "txn" not in a])

    code, checks, summary = verify_json(archive)
    assert code == 1 and not summary["intact"]
    problems = [(c["status"], c["table"], c["path"]) for c in checks if not c["status"].startswith("ok")]
    assert problems == [("log_garbled", "documents", "_delta_log/00000000000000000001.json")], checks


def test_an_add_with_a_null_size_is_one_line_naming_the_commit(archive: Path) -> None:
    def null_size(actions: list[dict[str, Any]]) -> list[dict[str, Any]]:
        for action in actions:
            if "add" in action:
                action["add"]["size"] = None
        return actions

    _rewrite_commit(commit_file(archive, "documents", 1), null_size)
    named = "documents/_delta_log/00000000000000000001.json"
    history = runner.invoke(app, ["history", "--archive", str(archive)])
    assert "Traceback" not in history.output and isinstance(history.exception, SystemExit | None)
    if history.exit_code:
        assert_clear_error(history, named)
    code, checks, _ = verify_json(archive)
    assert code == 1
    assert [(c["status"], c["path"]) for c in checks if not c["status"].startswith("ok")] == [
        ("log_garbled", "_delta_log/00000000000000000001.json")
    ]


def test_a_corrupt_checkpoint_is_named_with_what_to_do(archive: Path) -> None:
    DeltaTable(str(archive / "documents")).create_checkpoint()
    log = archive / "documents" / "_delta_log"
    (checkpoint,) = log.glob("*.checkpoint.parquet")
    data = checkpoint.read_bytes()
    checkpoint.write_bytes(data[:-12] + b"\x00" * 12)  # the footer

    result = runner.invoke(app, ["history", "--archive", str(archive)])
    assert_clear_error(result, f"documents/_delta_log/{checkpoint.name}", "delete it", "_last_checkpoint")
    code, checks, _ = verify_json(archive)
    assert code == 1
    assert [(c["status"], c["path"]) for c in checks if not c["status"].startswith("ok")] == [
        ("checkpoint_garbled", f"_delta_log/{checkpoint.name}")
    ]
    # The advice works: every commit is kept as JSON.
    checkpoint.unlink()
    (log / "_last_checkpoint").unlink()
    code, _, summary = verify_json(archive)
    assert code == 0 and summary["intact"]


def test_a_dead_runs_row_file_is_removed_by_the_next_run_and_a_live_one_never(archive: Path) -> None:
    from zharchive.archive.lock import archive_lock
    from zharchive.archive.runs import run_file_name

    runs = archive / "runs"
    live_runs = DeltaTable(str(runs)).to_pyarrow_table()["run_id"].to_pylist()
    live = runs / run_file_name(live_runs[0])
    assert live.is_file()
    # A run killed after writing its row's file, before the runs commit; its staging is left too.
    dead = runs / run_file_name("dead-run")
    shutil.copyfile(live, dead)
    (archive / "_staging" / "dead-run").mkdir(parents=True)
    # A staging folder under a committed run's id (an attempt that died after its commits).
    (archive / "_staging" / live_runs[0]).mkdir()

    with archive_lock(archive, run_id="next"):
        pass
    assert not dead.exists()
    assert live.is_file()
    code, _, summary = verify_json(archive)
    assert code == 0 and summary["intact"]


def test_opening_a_table_looks_only_at_the_commits_deltalake_reads(archive: Path) -> None:
    """open_table (history, show) stats the commits from the newest checkpoint on, not all of
    them: a damaged commit before it is not what deltalake reads. verify still reads every one."""
    DeltaTable(str(archive / "documents")).create_checkpoint()  # at version 1
    commit_file(archive, "documents", 0).write_bytes(b"")

    result = runner.invoke(app, ["history", "--archive", str(archive)])
    assert result.exit_code == 0, result.output
    code, checks, _ = verify_json(archive)
    assert code == 1
    assert [(c["status"], c["path"]) for c in checks if not c["status"].startswith("ok")] == [
        ("log_empty", "_delta_log/00000000000000000000.json")
    ]


def test_a_runs_file_whose_footer_no_longer_reads_is_a_mismatch_not_a_traceback(
    seeds_archive: Path, tmp_path: Path
) -> None:
    # Seen when the byte flipped above landed in a smaller runs file's Parquet footer: reading the
    # runs table for the version chain raised OSError ("Couldn't deserialize thrift") out of verify.
    archive = tmp_path / "archive"
    shutil.copytree(seeds_archive, archive)
    (path,) = (archive / "runs").glob("*.parquet")
    data = bytearray(path.read_bytes())
    for i in range(len(data) - 24, len(data) - 8):  # inside the footer's thrift, before its length
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))
    result = runner.invoke(app, ["verify", "--archive", str(archive)])
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    code, checks, _ = verify_json(archive)
    assert code == 1 and [c["status"] for c in checks if c["path"] == path.name] == ["sha256_mismatch"]
