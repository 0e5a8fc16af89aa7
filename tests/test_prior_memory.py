"""The byte-shift repair's tables in the form a worker keeps them: the same values, less memory."""

from __future__ import annotations

import json
import math
import random
import subprocess
import sys
from importlib.util import find_spec
from pathlib import Path

from zharchive.stages import byteshift
from zharchive.stages.prior import MAX_WORD, pack, words
from zharchive.stages.readings import reading_table, readings


def _jieba_counts() -> dict[str, int]:
    """jieba's words of up to MAX_WORD characters and their counts, read as strings."""
    spec = find_spec("jieba")
    assert spec is not None and spec.submodule_search_locations
    counts: dict[str, int] = {}
    with (Path(next(iter(spec.submodule_search_locations))) / "dict.txt").open(encoding="utf-8") as lines:
        for line in lines:
            word, count, _ = line.split(" ", 2)
            if len(word) <= MAX_WORD:
                counts[word] = counts.get(word, 0) + int(count)
    return counts


def test_every_word_scores_its_own_count_and_equal_counts_share_one_float() -> None:
    counts = _jieba_counts()
    log_total = math.log(sum(counts.values()))
    logp = words().logp
    assert len(logp) == len(counts)  # no two words share a key
    wrong = [
        w for w, c in counts.items() if logp[pack(w)] != (math.log(c) - log_total if c > 0 else -log_total)
    ]
    assert not wrong, f"{len(wrong)} words score otherwise than log(count / total), e.g. {wrong[:5]}"
    # one object per distinct value: what saves a float object for each of the 347,202 words
    assert len({id(v) for v in logp.values()}) == len(set(logp.values())) < len(logp) // 50


def test_the_packed_tables_answer_every_word_and_non_word_as_string_keyed_ones_would() -> None:
    """What the prior's tables were, keyed by the strings, against what they are, keyed by ``pack``:
    every word of jieba's dictionary, every ending, and strings that are neither."""
    counts = _jieba_counts()
    log_total = math.log(sum(counts.values()))
    scored = {w: math.log(c) - log_total if c > 0 else -log_total for w, c in counts.items()}
    model = words()
    # the str-keyed endings, as they were made: 2-5 characters ending a longer word and no word
    # themselves, and the words of 2 characters
    endings = {w[-size:] for w in counts for size in range(2, len(w)) if w[-size:] not in counts}
    endings |= {w for w in counts if len(w) == 2}
    longest: dict[str, int] = {}
    for w in counts:
        longest[w[-1]] = max(longest.get(w[-1], 0), len(w))
    assert {pack(w) for w in counts} == model.logp.keys()
    assert {pack(e) for e in endings} == model.endings and len(model.endings) == len(endings)
    assert model.longest_ending == {ord(c): n for c, n in longest.items()}
    # strings that are neither: characters of the words (and NUL, beyond the BMP, the gap, a
    # surrogate) put together at random, the words' own characters shuffled, words with one more
    rng = random.Random(22)
    chars = [
        *sorted({c for w in counts for c in w}),
        "\x00",
        "\x01",
        "\x10",
        "𠀀",
        "\U0010ffff",
        "\ufffd",
        "\ud800",
    ]
    listed = list(counts)
    probes = ["".join(rng.choice(chars) for _ in range(rng.randint(1, MAX_WORD))) for _ in range(100_000)]
    probes += ["".join(rng.sample(w, len(w))) for w in rng.sample(listed, 50_000)]
    probes += [rng.choice(chars) + w for w in rng.sample(listed, 50_000)]
    probes += [w + rng.choice(chars) for w in rng.sample(listed, 50_000)]
    probes += ["", "\x00", "\x00中", "中\x00", "𠀀中", "\x00\x00"]
    assert any(p in counts for p in probes) and any(p in endings for p in probes)
    assert any(p not in counts and p not in endings for p in probes)
    wrong = [
        p
        for p in probes
        if (model.logp.get(pack(p)), pack(p) in model.endings) != (scored.get(p), p in endings)
    ]
    assert not wrong, f"{len(wrong)} strings answered otherwise, e.g. {wrong[:5]}"


def test_the_reading_table_is_pypinyins_with_one_str_for_each_list_of_readings() -> None:
    spec = find_spec("pypinyin")
    assert spec is not None and spec.submodule_search_locations
    path = Path(next(iter(spec.submodule_search_locations))) / "pinyin_dict.json"
    table = reading_table()
    assert table == json.loads(path.read_text(encoding="utf-8"))
    # one object per distinct list: 8,598 for the 41,923 characters
    assert len({id(v) for v in table.values()}) == len(set(table.values())) < len(table) // 4


def test_the_characters_of_each_reading_are_those_readings_gives_without_filling_its_cache() -> None:
    expected: dict[str, list[str]] = {}
    for code in reading_table():
        char = chr(int(code))
        for reading in readings(char):
            expected.setdefault(reading, []).append(char)
    assert byteshift._by_reading() == {r: "".join(chars) for r, chars in expected.items()}
    code = (
        "from zharchive.stages.byteshift import _by_reading; from zharchive.stages.readings import readings; "
        "table = _by_reading(); print(len(table), readings.cache_info().currsize)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    size, cached = map(int, out.stdout.split())
    assert size == len(expected) and cached == 0


def test_one_set_tells_what_ends_a_longer_word_and_which_two_characters_a_word_is_or_ends_in() -> None:
    model = words()
    counts = _jieba_counts()
    suffixes = {word[-size:] for word in counts for size in range(2, len(word))}
    longer = {pack(s) for s in suffixes if len(s) > 2 and s not in counts}
    two = {pack(w) for w in counts if len(w) == 2} | {pack(s) for s in suffixes if len(s) == 2}
    assert model.endings == longer | two
    assert byteshift._facts().pairs is model.endings  # one set, not a second copy of its pairs
    # the words of 2 characters are the same int objects in both tables, not a second copy
    keys = {id(key) for key in model.logp}
    assert all(id(key) in keys for key in model.endings if key in model.logp)


def test_the_pairs_the_decoder_drops_are_read_from_the_table_not_cached_one_by_one() -> None:
    def dropped(first: int, second: int) -> bool:
        try:
            bytes((first, second)).decode("gbk")
        except UnicodeDecodeError:
            return True
        return False

    expected = {t: tuple(b for b in range(0x81, 0xFF) if dropped(t, b)) for t in range(0x81, 0xFF)}
    assert byteshift._drop_next() == {t: leads for t, leads in expected.items() if leads}
    code = "from zharchive.stages import byteshift as b; b._drop_next(); print(b._pair.cache_info().currsize)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert int(out.stdout) == 0
