"""The decode stage of this checkout against that of an earlier commit: the same results?

Loads ``zharchive/stages/decode.py`` as it was at ``--against`` (from git, never copied into the
tree) beside the current one and compares, on every page of ``../shared/corpus`` (text and HTML),
the seeds and ``--generated`` pages of a throughput corpus (``benchmarks/throughput.py``'s): the
``DecodeResult`` of each file, and ``profile`` (exact and not) of each file and its first 200
lines read in 13 codecs, as a candidate or a wrong decode reads them; then 20,000 random strings
of the characters the classes tell apart. CPU time of ``decode`` old and new, interleaved.

Run: ``.venv/bin/python benchmarks/decode_same.py --against ff5a464 --corpus /tmp/tp/corpus
--generated 60``; exit 1 on any difference.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib.util
import random
import subprocess
import sys
import time
import types
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from zharchive.stages import decode as new  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus"
CODECS = (
    "utf-8", "gb18030", "gbk", "gb2312", "big5", "big5hkscs", "cp950", "utf-16-le", "utf-16-be",
    "shift_jis", "euc-kr", "latin-1", "cp1252",
)  # fmt: skip


def old_decode(commit: str) -> types.ModuleType:
    source = subprocess.run(
        ["git", "show", f"{commit}:zharchive/stages/decode.py"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    spec = importlib.util.spec_from_loader("_old_decode", loader=None)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["_old_decode"] = module
    exec(compile(source, "<_old_decode>", "exec"), module.__dict__)
    # Both register the codec error handler "zharchive.note_line": the last one registered is
    # called, so they share the state it writes to.
    module._NOTED = new._NOTED
    return module


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", required=True)
    parser.add_argument("--corpus", type=Path, default=None, help="a throughput corpus folder")
    parser.add_argument("--generated", type=int, default=60, help="how many of its pages")
    args = parser.parse_args(argv)
    old = old_decode(args.against)
    paths = (
        sorted((REPO / "seeds").glob("*.txt"))
        + sorted(CORPUS.glob("*/text/*"))
        + sorted(CORPUS.glob("*/html/*"))
    )
    if args.corpus is not None:
        generated = sorted(p for p in args.corpus.rglob("*") if p.is_file() and p.suffix != ".json")
        random.Random(1).shuffle(generated)
        paths += generated[: args.generated]
    for module in (old, new):  # tables built once, outside the timing (new's ~0.09 s)
        module.decode(paths[0].read_bytes())
    differ = profiles = 0
    cpu = {"old": 0.0, "new": 0.0}
    for number, path in enumerate(paths):
        raw = path.read_bytes()
        found = {}
        for name, module in [("old", old), ("new", new)][:: 1 if number % 2 else -1]:
            started = time.process_time()
            found[name] = module.decode(raw)
            cpu[name] += time.process_time() - started
        if found["old"] != found["new"]:
            differ += 1
            print(f"DIFFERENT decode: {path}")
        for codec in CODECS:
            for errors in ("replace", "ignore"):
                text = raw.decode(codec, errors)
                for piece in [text, *text.split("\n")[:200]]:
                    for exact in (False, True):
                        profiles += 1
                        a = dataclasses.astuple(old.profile(piece, exact=exact))
                        b = dataclasses.astuple(new.profile(piece, exact=exact))
                        if a != b:
                            differ += 1
                            print(f"DIFFERENT profile: {path} {codec} {errors} {exact}: {a} {b}")
    rng = random.Random(2)
    codes = (
        *range(0, 0x250), *range(0x3000, 0x3100), *range(0x4D00, 0x4E40), *range(0x9F00, 0xA000),
        *range(0xAC00, 0xAC10), *range(0xE000, 0xE010), 0xFFFD, 0xD800, 0xDFFF, *range(0xFF00, 0xFF60),
        0x20000, 0x2A6D6, 0x3134F, 0x31350, 0x1F600,
    )  # fmt: skip
    alphabet = [chr(c) for c in codes] + list("的一是中國會議發展萬與專業叢東絲")
    for _ in range(20000):
        piece = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        for exact in (False, True):
            profiles += 1
            if dataclasses.astuple(old.profile(piece, exact=exact)) != dataclasses.astuple(
                new.profile(piece, exact=exact)
            ):
                differ += 1
                print(f"DIFFERENT profile: {piece!r} {exact}")
    print(
        f"{len(paths)} files decoded, {profiles} profiles compared, {differ} differences; decode CPU "
        f"old {1000 * cpu['old'] / len(paths):.3f} ms, new {1000 * cpu['new'] / len(paths):.3f} ms a file"
    )
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
