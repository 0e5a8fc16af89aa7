"""Near-duplicates stored per document (issue 19 part 3, schema 1.4.0): the signature at ingest, the
pointer when a run commits — across runs and inside one — on real Delta tables made by real flow
runs; `zharchive upgrade` fills both for old archives; `--reprocess` keeps them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.conftest import SEEDS
from zharchive.archive.log import read_log
from zharchive.archive.tables import open_table
from zharchive.cli import app
from zharchive.near_duplicates import (
    THRESHOLD,
    archive_duplicates,
    find_matches,
    from_bytes,
    signature,
    stored_signature,
)
from zharchive.stages.script import script_of

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "archives"
runner = CliRunner()


def documents(archive: Path, version: int | None = None) -> dict[str, dict[str, Any]]:
    """source_uri's last two parts (site/file) → the row."""
    table = open_table(archive, "documents", version=version)
    assert table is not None
    return {"/".join(r["source_uri"].rsplit("/", 2)[1:]): r for r in table.to_pyarrow_table().to_pylist()}


def republish(seed: Path, site: str) -> str:
    """Another site's page of a seed: its own breadcrumb and footer around the article."""
    return f"首页 > {site} > 转载\n" + seed.read_text("utf-8") + f"\n主办单位：{site}人民政府\n"


def seed(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def from_bodies(rows: dict[str, dict[str, Any]]) -> set[tuple[str, str]]:
    """The pairs (document, the earliest it matches) computed from the bodies, in archive order."""
    ordered = sorted(rows.values(), key=lambda r: (r["ingested_at"], r["doc_id"]))
    found = find_matches(
        [r["doc_id"] for r in ordered], [signature(r["body_simplified"] or r["body"]) for r in ordered]
    )
    return {(m.key, m.of) for m in found}


def test_ingest_stores_signatures_and_points_across_runs_and_inside_one(
    prefect_server: None, tmp_path: Path
) -> None:
    from flows.ingest import ingest

    crawl, archive = tmp_path / "crawl", tmp_path / "archive"
    (crawl / "province").mkdir(parents=True)
    for page in SEEDS.glob("*.txt"):
        shutil.copy(page, crawl / "province" / page.name)
    first = ingest(sources=[str(crawl / "province")], archive=str(archive))
    assert first.documents_written == 5
    rows = documents(archive)
    assert all(r["minhash"] == stored_signature(r["body_simplified"] or r["body"]) for r in rows.values())
    assert all(r["minhash"] is not None and len(r["minhash"]) == 512 for r in rows.values())
    assert all(r["near_duplicate_of"] is None and r["near_duplicate_score"] is None for r in rows.values())

    # A second run: seed 002 republished by a county (across runs), and seed 003 republished by two
    # towns in this one run (inside one run: the later in archive order points to the earlier).
    (crawl / "county").mkdir()
    (crawl / "county" / "copy.txt").write_text(republish(seed("002"), "某县"), "utf-8")
    for town in ("town-a", "town-b"):
        (crawl / town).mkdir()
        (crawl / town / "copy.txt").write_text(republish(seed("003"), town), "utf-8")
    second = ingest(sources=[str(crawl)], archive=str(archive))
    assert (second.documents_written, second.unchanged) == (3, 5)
    rows = documents(archive)
    province = {name.split("/")[1][:3]: row for name, row in rows.items() if name.startswith("province/")}
    county = rows["county/copy.txt"]
    assert county["near_duplicate_of"] == province["002"]["doc_id"]
    assert county["near_duplicate_score"] >= THRESHOLD
    # The two towns point to the province's 003, archived a run before either.
    for town in ("town-a", "town-b"):
        assert rows[f"{town}/copy.txt"]["near_duplicate_of"] == province["003"]["doc_id"]
    assert all(r["near_duplicate_of"] is None for r in province.values())
    # What the stored columns say is what matching the bodies in archive order says.
    stored = {(r["doc_id"], r["near_duplicate_of"]) for r in rows.values() if r["near_duplicate_of"]}
    assert stored == from_bodies(rows)

    # A third run: an article new to the archive (seed 001's lines written backwards: none of its
    # 5-character shingles is 001's) on two city sites inside one run.
    fresh = "\n".join(line[::-1] for line in seed("001").read_text("utf-8").splitlines())
    for name in ("city-x", "city-y"):
        (crawl / name).mkdir()
        (crawl / name / "p.txt").write_text(f"首页 > {name}\n" + fresh, "utf-8")
    ingest(sources=[str(crawl / "city-x"), str(crawl / "city-y")], archive=str(archive))
    rows = documents(archive)
    x, y = rows["city-x/p.txt"], rows["city-y/p.txt"]
    assert x["ingested_at"] == y["ingested_at"]  # one batch: archive order is then doc_id's
    earlier, later = sorted([x, y], key=lambda r: r["doc_id"])
    assert (earlier["near_duplicate_of"], later["near_duplicate_of"]) == (None, earlier["doc_id"])
    stored = {(r["doc_id"], r["near_duplicate_of"]) for r in rows.values() if r["near_duplicate_of"]}
    assert stored == from_bodies(rows)

    # `zharchive duplicates` reads the stored columns and lists the same pairs.
    report = archive_duplicates(archive)
    assert report.stored
    assert {(m.key, m.of) for m in report.matches} == stored
    listed = runner.invoke(app, ["duplicates", "--archive", str(archive), "--json"])
    assert listed.exit_code == 0, listed.output
    assert {json.loads(line)["doc_id"] for line in listed.output.splitlines()} == {key for key, _ in stored}


def test_a_committed_pointer_stays_when_its_document_is_replaced(
    prefect_server: None, tmp_path: Path
) -> None:
    """Nothing is rewritten: the county page keeps naming the original's first doc_id (reachable
    by time travel) after the original's file changes; the changed original is now the later one
    and points to the county page."""
    from flows.ingest import ingest

    crawl, archive = tmp_path / "crawl", tmp_path / "archive"
    (crawl / "province").mkdir(parents=True)
    shutil.copy(seed("002"), crawl / "province" / "a.txt")
    ingest(sources=[str(crawl / "province")], archive=str(archive))
    (crawl / "county").mkdir()
    (crawl / "county" / "copy.txt").write_text(republish(seed("002"), "某县"), "utf-8")
    ingest(sources=[str(crawl / "county")], archive=str(archive))
    before = documents(archive)
    old_id = before["province/a.txt"]["doc_id"]
    assert before["county/copy.txt"]["near_duplicate_of"] == old_id

    (crawl / "province" / "a.txt").write_text(seed("002").read_text("utf-8") + "\n（完）\n", "utf-8")
    ingest(sources=[str(crawl / "province")], archive=str(archive))
    after = documents(archive)
    assert after["province/a.txt"]["doc_id"] != old_id
    assert after["county/copy.txt"] == before["county/copy.txt"]
    assert after["province/a.txt"]["near_duplicate_of"] == before["county/copy.txt"]["doc_id"]
    shown = runner.invoke(app, ["duplicates", "--archive", str(archive)])
    assert shown.exit_code == 0, shown.output
    assert f"(doc_id {old_id}, not in this version)" in shown.output


@pytest.mark.parametrize("name", ["schema-1.3.0-ff5a464", "schema-1.0.0-13f3ed5"])
def test_upgrade_fills_signatures_and_pointers_in_ingest_order(name: str, tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    shutil.copytree(FIXTURES / name / "archive", archive)
    old = open_table(archive, "documents")
    assert old is not None and "minhash" not in old.schema().to_arrow().names
    old_rows = {r["doc_id"]: r for r in old.to_pyarrow_table().to_pylist()}
    versions = {
        t: table.version() for t in ("documents", "quarantine", "runs") if (table := open_table(archive, t))
    }
    result = runner.invoke(app, ["upgrade", "--archive", str(archive)])
    assert result.exit_code == 0, result.output
    assert "near_duplicate_of: each document matched against those before it" in result.output
    rows = documents(archive)
    for row in rows.values():
        # As ingest signs a body: its Simplified form (derived by the upgrade for 1.0.0's rows).
        assert row["minhash"] == stored_signature(script_of(row["body"])[1] or row["body"])
    stored = {(r["doc_id"], r["near_duplicate_of"]) for r in rows.values() if r["near_duplicate_of"]}
    assert stored == from_bodies(rows)
    log = read_log(archive, "documents")
    assert log is not None
    record = json.loads(log.commits[max(log.commits)].info["zharchive.upgrade"])
    assert record["near_duplicates"] == len(stored)
    # Every row kept, each stored column as it was.
    by_id = {row["doc_id"]: row for row in rows.values()}
    assert {doc_id: {c: by_id[doc_id][c] for c in row} for doc_id, row in old_rows.items()} == old_rows
    verified = runner.invoke(app, ["verify", "--deep", "--archive", str(archive)])
    assert verified.exit_code == 0 and "intact" in verified.output, verified.output
    if name == "schema-1.3.0-ff5a464":
        # Only documents changed columns; runs holds the upgrade's row; quarantine had nothing to do.
        after = {t: table.version() for t in versions if (table := open_table(archive, t))}
        assert after == {**versions, "documents": versions["documents"] + 1, "runs": versions["runs"] + 1}
        # The county page, archived a run after the seeds, points to the seed it republishes.
        county = rows["county/copy.txt"]
        assert (county["doc_id"], county["near_duplicate_of"]) in stored
        assert (
            rows[next(k for k in rows if k.startswith("province/002"))]["doc_id"]
            == county["near_duplicate_of"]
        )
        assert len(stored) == 1
        assert "from schema 1.3.0 to" in result.output


def test_reprocess_keeps_the_archive_order_and_the_pointers(prefect_server: None, tmp_path: Path) -> None:
    """A reprocess re-cleans every document as one run: each keeps its ingested_at, and so the
    county page still points to the seed archived a run before it, not the other way round."""
    from flows.ingest import ingest

    archive = tmp_path / "archive"
    shutil.copytree(FIXTURES / "schema-1.3.0-ff5a464" / "archive", archive)
    assert runner.invoke(app, ["upgrade", "--archive", str(archive)]).exit_code == 0
    before = documents(archive)
    run = ingest(sources=[], archive=str(archive), reprocess=True)
    assert run.documents_written == len(before)
    after = documents(archive)
    assert all(after[k]["run_id"] == run.run_id for k in before)
    keep = ("doc_id", "ingested_at", "near_duplicate_of", "near_duplicate_score")
    assert {k: [after[k][c] for c in keep] for k in after} == {
        k: [before[k][c] for c in keep] for k in before
    }
    assert after["county/copy.txt"]["near_duplicate_of"] is not None
    # Each signature read back from the table is the one its body gives: the reprocessed body's,
    # which differs from the upgrade's where this pipeline cleans a page differently from ff5a464
    # (seed 001's byte-shifted sentence, issue 21).
    for row in after.values():
        if row["minhash"] is not None:
            assert (from_bytes(row["minhash"]) == signature(row["body_simplified"] or row["body"])).all()
    unchanged = [k for k in before if before[k]["body"] == after[k]["body"]]
    assert unchanged and all(before[k]["minhash"] == after[k]["minhash"] for k in unchanged)


def test_a_thousand_copies_of_a_page_point_to_the_first_or_to_what_it_matches() -> None:
    """Identical signatures are matched once (a crawl of 6,000 copies of five pages made a commit's
    pairs grow to 7 GB): each later copy points to the earliest document its first copy matches,
    or to the first copy itself."""
    bodies = [path.read_text("utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    original, other = bodies[2], bodies[3]
    edited = original + "\n（完）"
    keys = ["original", *(f"copy-{n}" for n in range(1_000)), "other", *(f"other-{n}" for n in range(3))]
    texts = [original, *([edited] * 1_000), other, *([other] * 3)]
    found = {m.key: (m.of, m.score) for m in find_matches(keys, [signature(t) for t in texts])}
    assert {key: of for key, (of, _) in found.items()} == {
        **{f"copy-{n}": "original" for n in range(1_000)},
        **{f"other-{n}": "other" for n in range(3)},
    }
    assert found["other-0"][1] == 1.0 and THRESHOLD <= found["copy-5"][1] <= 1.0
