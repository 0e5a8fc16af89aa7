"""Where a page's CPU goes, in instructions: repeatable where timings on this machine are not.

Timings of the same build on this 2-core VM vary by ±10 % from run to run, more than most single
optimisations gain. Valgrind counts instructions instead (within 0.3 % from run to run for the
same build and inputs, whatever else the machine does), so a change can be judged by its own effect:

1. generates ``--docs`` pages (default 1,000) with the throughput benchmark's generator (one site
   folder, the same mix of encodings and chrome) plus a warm-up batch of 100;
2. runs a batch worker's work as the pool runs it (``zharchive.pool``: the worker set-up, then
   ``ingest_batch`` with staging and the memory release) under ``valgrind --tool=callgrind``,
   once with the warm-up batch only and once with the warm-up and the measured batch;
3. reports the difference per page: the total, and by where the instructions run (the regex
   engine, str/bytes methods and codecs, the bytecode interpreter, pydantic-core, sha256, ...),
   grouped from callgrind's per-function counts.

    .venv/bin/python benchmarks/instructions.py              # ~4 min: two runs under valgrind
    .venv/bin/python benchmarks/instructions.py --docs 300 --json /tmp/instructions.json

Needs valgrind (Debian package ``valgrind``); writes only under ``--workdir``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from throughput import make_document

REPO = Path(__file__).resolve().parents[1]
WARM_UP = 100

# Run under valgrind: the worker's own set-up and calls, nothing else of the flow.
_WORKER = """
import os
import sys
from pathlib import Path
sys.path.insert(0, {repo!r})
from zharchive import batch, pipeline_version, pool
from zharchive.pipeline import RunContext
from zharchive.rules import load_rules
paths = sorted(str(p) for p in Path({pages!r}).iterdir())
pool._start_worker(os.getppid())
context = RunContext(
    run_id="instructions", pipeline_version=pipeline_version(), rules_version=load_rules().version
)
pool._call_and_release(batch.ingest_batch, 0, paths[:{warm_up}], {{}}, context, Path({archive!r}))
if {measure}:
    pool._call_and_release(batch.ingest_batch, 1, paths[{warm_up}:], {{}}, context, Path({archive!r}))
"""

# (group, how a callgrind "file:function" row names it), the first that matches wins.
GROUPS: list[tuple[str, re.Pattern[str]]] = [
    ("regex engine (re)", re.compile(r"Modules/_sre/")),
    ("pydantic-core (validation, model_dump)", re.compile(r"pydantic_core")),
    ("sha256 (OpenSSL)", re.compile(r"libcrypto")),
    ("Arrow, Parquet, zstd", re.compile(r"arrow|parquet|zstd|ZSTD", re.I)),
    (
        "str/bytes methods and codecs",
        re.compile(r"unicodeobject\.c|bytesobject\.c|stringlib/|bytes_methods|cjkcodecs|unicodetype"),
    ),
    (
        "bytecode interpreter and calls",
        re.compile(r"ceval\.c|frame\.c|/call\.c|funcobject|methodobject|descrobject|genobject"),
    ),
    ("dicts, sets, hashing, attribute look-up", re.compile(r"dictobject|setobject|pyhash|typeobject")),
    (
        "allocation, copying, object lifetimes",
        re.compile(
            r"obmalloc|malloc|/object\.c|tupleobject|listobject|longobject|memmove|memset|memcpy|memcmp"
        ),
    ),
    ("garbage collector", re.compile(r"gcmodule")),
]
_ROW = re.compile(r"^\s*([\d,]+) \([ \d.]+%\)\s+(.+)$")


def write_pages(folder: Path, docs: int) -> None:
    folder.mkdir(parents=True)
    for index in range(WARM_UP + docs):
        raw, _ = make_document(index)
        (folder / f"{index:07d}.txt").write_bytes(raw)


def worker_script(workdir: Path, pages: Path, *, measure: bool) -> str:
    """The Python the measured process runs (``_WORKER``), for one run."""
    name = "measured" if measure else "warm-up"
    return _WORKER.format(
        repo=str(REPO), pages=str(pages), warm_up=WARM_UP, archive=str(workdir / name), measure=measure
    )


def callgrind(workdir: Path, pages: Path, *, measure: bool) -> dict[str, int]:
    """Instructions by callgrind's "file:function" rows, for one run of the worker script."""
    name = "measured" if measure else "warm-up"
    out = workdir / f"callgrind.{name}.out"
    script = worker_script(workdir, pages, measure=measure)
    subprocess.run(
        ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable, "-c", script],
        check=True,
        capture_output=True,
        # String hashes are salted per process: set and dict layouts, and so the counts, would
        # differ by ~1 % from run to run.
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    annotated = subprocess.run(
        ["callgrind_annotate", "--threshold=100", str(out)], check=True, capture_output=True, text=True
    ).stdout
    rows: dict[str, int] = {}
    for line in annotated.splitlines():
        found = _ROW.match(line)
        if found and "PROGRAM TOTALS" not in line:
            rows[found[2]] = rows.get(found[2], 0) + int(found[1].replace(",", ""))
    return rows


def short(where: str) -> str:
    """``file:function [library]`` without the build's directories: ``ceval.c:_PyEval_... [libpython]``."""
    place, _, library = where.partition(" [")
    file, _, function = place.rpartition(":")
    name = f"{file.rsplit('/', 1)[-1]}:{function}" if file else place
    return f"{name} [{library.rstrip(']').rsplit('/', 1)[-1]}]" if library else name


def group_of(where: str) -> str:
    return next((group for group, pattern in GROUPS if pattern.search(where)), "other")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=1000, help="pages in the measured batch")
    parser.add_argument("--workdir", type=Path, default=None, help="default: a temporary folder")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    parser.add_argument("--top", type=int, default=15, help="functions to list")
    args = parser.parse_args()
    if shutil.which("valgrind") is None or shutil.which("callgrind_annotate") is None:
        sys.exit("valgrind is not installed (Debian: apt-get install valgrind)")
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="zharchive-instructions-"))
    workdir.mkdir(parents=True, exist_ok=True)
    pages = workdir / "pages"
    if pages.exists():
        shutil.rmtree(pages)
    write_pages(pages, args.docs)
    with ThreadPoolExecutor(2) as runs:  # the two runs are independent: one per core
        base_run = runs.submit(callgrind, workdir, pages, measure=False)
        full_run = runs.submit(callgrind, workdir, pages, measure=True)
        base, full = base_run.result(), full_run.result()
    per_function = Counter({k: full.get(k, 0) - base.get(k, 0) for k in full})
    groups: Counter[str] = Counter()
    for where, count in per_function.items():
        groups[group_of(where)] += count
    total = sum(groups.values())
    figures: dict[str, Any] = {
        "docs": args.docs,
        "instructions_per_page": round(total / args.docs),
        "groups": {g: round(n / args.docs) for g, n in groups.most_common()},
        "top_functions": {short(w): round(n / args.docs) for w, n in per_function.most_common(args.top)},
    }
    print(
        f"{total / args.docs / 1e6:.2f} M instructions a page ({args.docs:,} pages after {WARM_UP} warm-up)"
    )
    for group, count in groups.most_common():
        print(f"{100 * count / total:5.1f} %  {count / args.docs / 1e6:5.2f} M  {group}")
    print("\ntop functions (instructions a page):")
    for where, count in per_function.most_common(args.top):
        print(f"{count / args.docs / 1e3:8.0f} k  {short(where)}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1) + "\n")
    if args.workdir is None:
        shutil.rmtree(workdir)


if __name__ == "__main__":
    main()
