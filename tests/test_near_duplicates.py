"""Near-duplicates (issue 19, part 3): the same article republished by another site is found,
different articles are not, and `zharchive duplicates` lists them from a real archive."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import numpy as np
import opencc
import pytest

from tests.conftest import SEEDS
from tests.support import cli_env
from zharchive.minhash import CANDIDATES, NUM_PERM, band_keys, similarity
from zharchive.near_duplicates import THRESHOLD, clusters, find_matches, han_text, signature

ZHARCHIVE = Path(__file__).resolve().parents[1] / ".venv" / "bin" / "zharchive"
# Real article text: the seed bodies as zharchive cleans them (from the archive the flow makes).


@pytest.fixture(scope="module")
def bodies(seeds_archive: Path) -> dict[str, str]:
    from deltalake import DeltaTable

    rows = DeltaTable(str(seeds_archive / "documents")).to_pyarrow_table(columns=["source_uri", "body"])
    return {r["source_uri"].rsplit("/", 1)[1][:3]: r["body"] for r in rows.to_pylist()}


def test_a_republication_matches_its_original_and_other_articles_do_not(bodies: dict[str, str]) -> None:
    original = bodies["004"]
    # Another site's cleaned page of it: its own lead and credit lines, half-width punctuation,
    # paragraphs joined, in Traditional characters (matched through the Simplified body).
    republished = (
        "本文转载自山东省公安厅网站。\n"
        + original.replace("，", ",").replace("\n", "")
        + "\n（责任编辑：王明）"
    )
    traditional = opencc.OpenCC("s2t").convert(republished)
    assert traditional != republished
    simplified = opencc.OpenCC("t2s").convert(traditional)
    keys = ["000", "001", "004", "republished", "traditional"]
    texts = [bodies["000"], bodies["001"], original, republished, simplified]
    matches = find_matches(keys, [signature(text) for text in texts])
    assert {(m.key, m.of) for m in matches} == {("republished", "004"), ("traditional", "004")}
    assert all(m.score >= THRESHOLD for m in matches)
    # Every pair of different seeds scores far below the threshold.
    signatures = {key: signature(body) for key, body in bodies.items()}
    assert find_matches(list(signatures), list(signatures.values())) == []


def test_each_document_points_to_the_earliest_it_matches_and_chains_cluster_under_it(
    bodies: dict[str, str],
) -> None:
    original = bodies["003"]
    half = original[: len(original) // 2]  # a republication cut short: ~0.5 against the whole
    keys = ["first", "second", "half"]
    matches = find_matches(keys, [signature(original), signature(original + "\n（完）"), signature(half)])
    assert [(m.key, m.of) for m in matches] == [("second", "first"), ("half", "first")]
    grouped = clusters(matches)
    assert list(grouped) == ["first"] and [m.key for m in grouped["first"]] == ["second", "half"]


def test_a_short_body_is_not_compared() -> None:
    assert signature("通知：明天放假。") is None
    assert han_text("2024年1月1日, ABC 新闻。") == "年月日新闻"


@pytest.mark.slow  # a flow run and a CLI process: ~15 s
def test_zharchive_duplicates_lists_a_republished_seed(prefect_server: None, tmp_path: Path) -> None:
    from flows.ingest import ingest

    crawl, archive = tmp_path / "crawl", tmp_path / "archive"
    (crawl / "province").mkdir(parents=True)
    for seed in SEEDS.glob("*.txt"):
        (crawl / "province" / seed.name).write_bytes(seed.read_bytes())
    seed = next(SEEDS.glob("002_*.txt"))
    (crawl / "county").mkdir()
    page = "首页 > 新闻中心 > 转载\n" + seed.read_text("utf-8") + "\n主办单位：某县人民政府\n"
    (crawl / "county" / "copy.txt").write_text(page, "utf-8")
    ingest(sources=[str(crawl)], archive=str(archive))

    done = subprocess.run(
        [str(ZHARCHIVE), "duplicates", "--archive", str(archive), "--json"],
        capture_output=True,
        text=True,
        env=cli_env(tmp_path / "home"),
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    (line,) = [json.loads(text) for text in done.stdout.splitlines()]
    assert {line["source_uri"].rsplit("/", 2)[1], line["of_source_uri"].rsplit("/", 2)[1]} == {
        "province",
        "county",
    }
    assert line["score"] >= THRESHOLD

    shown = subprocess.run(
        [str(ZHARCHIVE), "duplicates", "--archive", str(archive)],
        capture_output=True,
        text=True,
        env=cli_env(tmp_path / "home"),
        timeout=120,
        check=False,
    )
    assert shown.returncode == 0 and "1 article republished, 1 near-duplicate" in shown.stdout, shown.stdout
    missing = subprocess.run(
        [str(ZHARCHIVE), "duplicates", "--archive", str(tmp_path / "nothing")],
        capture_output=True,
        text=True,
        env=cli_env(tmp_path / "home"),
        timeout=120,
        check=False,
    )
    assert missing.returncode == 2 and missing.stderr.startswith("error: no archive at"), missing.stderr


def _matches_of_every_band_pair(
    signatures: list[np.ndarray], wanted: np.ndarray
) -> dict[int, tuple[int, float]]:
    """The definition find_matches keeps: each wanted document's earliest document among the pairs
    any band puts together (the first CANDIDATES of a bucket against the rest), scored at or above
    THRESHOLD. Written out pair by pair, as the commit did before it went band by band."""
    keys = band_keys(np.stack(signatures))
    best: dict[int, tuple[int, float]] = {}
    for band in range(keys.shape[1]):
        buckets: dict[int, list[int]] = {}
        for row, key in enumerate(keys[:, band].tolist()):
            buckets.setdefault(key, []).append(row)
        for members in buckets.values():
            for i, earlier in enumerate(members[:CANDIDATES]):
                for later in members[i + 1 :]:
                    score = similarity(signatures[later], signatures[earlier])
                    if (
                        wanted[later]
                        and score >= THRESHOLD
                        and earlier < best.get(later, (len(keys), 0.0))[0]
                    ):
                        best[later] = (earlier, score)
    return best


@pytest.mark.parametrize("wanted_from", [0, 150])
def test_a_crowded_bucket_still_points_each_copy_to_its_earliest_match(wanted_from: int) -> None:
    """Buckets of up to a hundred near-copies (more than CANDIDATES) of two articles, edited a little
    each: the band-by-band search, walking each bucket head by head and skipping the pairs that
    cannot give an earlier match, finds what every band's pairs find."""
    rng = np.random.default_rng(22)
    articles = [rng.integers(0, 2**32, NUM_PERM, dtype=np.uint32) for _ in range(2)]
    signatures = []
    for n in range(300):
        copy = articles[n % 2].copy()
        changed = rng.random(NUM_PERM) < rng.uniform(0.02, 0.6)  # 0.4-0.98 similar to the article
        copy[changed] = rng.integers(0, 2**32, int(changed.sum()), dtype=np.uint32)
        signatures.append(copy)
    wanted = np.arange(300) >= wanted_from
    keys = [f"d{n:03d}" for n in range(300)]
    found = find_matches(keys, signatures, later_in=wanted if wanted_from else None)
    expected = _matches_of_every_band_pair(signatures, wanted)
    biggest = max(
        int(np.unique(column, return_counts=True)[1].max()) for column in band_keys(np.stack(signatures)).T
    )
    assert biggest > CANDIDATES and len(expected) > 0.6 * wanted.sum()  # crowded, and mostly matched
    assert {m.key: (m.of, m.score) for m in found} == {
        keys[later]: (keys[earlier], score) for later, (earlier, score) in expected.items()
    }
