"""The byte-shift repair's tables in the form a worker keeps them: the same values, less memory."""

from __future__ import annotations

import math
import subprocess
import sys
from importlib.util import find_spec
from pathlib import Path

from zharchive.stages import byteshift
from zharchive.stages.prior import MAX_WORD, words
from zharchive.stages.readings import reading_table, readings


def test_every_word_scores_its_own_count_and_equal_counts_share_one_float() -> None:
    spec = find_spec("jieba")
    assert spec is not None and spec.submodule_search_locations
    counts: dict[str, int] = {}
    with (Path(next(iter(spec.submodule_search_locations))) / "dict.txt").open(encoding="utf-8") as lines:
        for line in lines:
            word, count, _ = line.split(" ", 2)
            if len(word) <= MAX_WORD:
                counts[word] = counts.get(word, 0) + int(count)
    log_total = math.log(sum(counts.values()))
    logp = words().logp
    assert logp.keys() == counts.keys()
    wrong = [w for w, c in counts.items() if logp[w] != (math.log(c) - log_total if c > 0 else -log_total)]
    assert not wrong, f"{len(wrong)} words score otherwise than log(count / total), e.g. {wrong[:5]}"
    # one object per distinct value: what saves a float object for each of the 347,202 words
    assert len({id(v) for v in logp.values()}) == len(set(logp.values())) < len(logp) // 50


def test_the_characters_of_each_reading_are_those_readings_gives_without_filling_its_cache() -> None:
    expected: dict[str, list[str]] = {}
    for code in reading_table():
        char = chr(int(code))
        for reading in readings(char):
            expected.setdefault(reading, []).append(char)
    assert byteshift._by_reading() == {r: tuple(chars) for r, chars in expected.items()}
    code = (
        "from zharchive.stages.byteshift import _by_reading; from zharchive.stages.readings import readings; "
        "table = _by_reading(); print(len(table), readings.cache_info().currsize)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    size, cached = map(int, out.stdout.split())
    assert size == len(expected) and cached == 0


def test_one_set_tells_what_ends_a_longer_word_and_which_two_characters_a_word_is_or_ends_in() -> None:
    model = words()
    logp = model.logp
    suffixes = {word[-size:] for word in logp for size in range(2, len(word))}
    longer = {s for s in model.endings if len(s) > 2}
    assert longer == {s for s in suffixes if len(s) > 2 and s not in logp}
    two = {s for s in model.endings if len(s) == 2}
    assert two == {w for w in logp if len(w) == 2} | {s for s in suffixes if len(s) == 2}
    assert byteshift._facts().pairs is model.endings  # one set, not a second copy of its pairs


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
