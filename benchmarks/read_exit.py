"""How often a script that reads the archive aborts at exit, per way of reading (issue 17).

Each read runs alone in a fresh ``python -c`` process that reads, prints and ends, as a user's
script does; a run fails when the process does not exit 0 (the race ends it with SIGABRT:
"terminate called without an active exception", exit 134 in a shell, -6 from subprocess).

    .venv/bin/python benchmarks/read_exit.py --archive archive --runs 12
    .venv/bin/python benchmarks/read_exit.py --archive archive --runs 12 --python /tmp/venv/bin/python

``--python`` measures another environment (other deltalake / pyarrow versions) on the same reads.
The README's loading examples (Spark aside) are measured too, with ``--readme``.
Results and the cause: ``benchmarks/read_exit.md``.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
EXAMPLE = re.compile(r"<!-- example: (?P<name>[\w-]+) -->\s*```python\n(?P<code>.*?)```", re.S)
PLACEHOLDER = 'ARCHIVE = "archive"'

_COLUMNS = '["doc_id", "title", "published_at", "publisher", "body"]'
_DEFAULT = f'from deltalake import DeltaTable\n\n{PLACEHOLDER}\ntable = f"{{ARCHIVE}}/documents"\n'
# What the README recommends: Arrow's own reader of local files instead of deltalake's default
# filesystem (a Python object whose buffers an Arrow I/O thread may free after Python finalized).
_LOCAL = (
    "import os\n\nfrom deltalake import DeltaTable\nfrom pyarrow import fs\n\n"
    f'{PLACEHOLDER}\ntable = f"{{ARCHIVE}}/documents"\n'
    "local = fs.SubTreeFileSystem(os.path.abspath(table), fs.LocalFileSystem())\n"
)

# The common reads, as users write them (deltalake's default filesystem) and as the README
# recommends (filesystem=local). Only the second kind is required to exit 0 (tests/test_read_exit.py).
READS: dict[str, str] = {
    "to_pyarrow_table(columns)": _DEFAULT
    + f"print(DeltaTable(table).to_pyarrow_table(columns={_COLUMNS}).num_rows)",
    "to_pyarrow_dataset().to_table(columns)": _DEFAULT
    + f"print(DeltaTable(table).to_pyarrow_dataset().to_table(columns={_COLUMNS}).num_rows)",
    "to_pyarrow_table()": _DEFAULT + "print(DeltaTable(table).to_pyarrow_table().num_rows)",
    "to_pandas(columns)": _DEFAULT + f"print(len(DeltaTable(table).to_pandas(columns={_COLUMNS})))",
    "polars read_delta": "import polars as pl\n\n"
    + f'{PLACEHOLDER}\nprint(pl.read_delta(f"{{ARCHIVE}}/documents").height)',
    "local: to_pyarrow_table(columns)": _LOCAL
    + f"print(DeltaTable(table).to_pyarrow_table(columns={_COLUMNS}, filesystem=local).num_rows)",
    "local: to_pyarrow_dataset().to_table(columns)": _LOCAL
    + f"print(DeltaTable(table).to_pyarrow_dataset(filesystem=local).to_table(columns={_COLUMNS}).num_rows)",
    "local: to_pyarrow_table()": _LOCAL
    + "print(DeltaTable(table).to_pyarrow_table(filesystem=local).num_rows)",
    "local: to_pandas(columns)": _LOCAL
    + f"print(len(DeltaTable(table).to_pandas(columns={_COLUMNS}, filesystem=local)))",
}
# The reads that exit 0 in every measured environment: polars and the filesystem=local forms.
CLEAN_READS = ["polars read_delta", *(name for name in READS if name.startswith("local: "))]


def readme_examples() -> dict[str, str]:
    """The README's loading examples, Spark aside (a JVM, and no Arrow reader of deltalake's)."""
    examples = {m["name"]: m["code"] for m in EXAMPLE.finditer(README.read_text(encoding="utf-8"))}
    return {f"README {name}": code for name, code in examples.items() if name != "spark"}


@dataclass
class Outcome:
    read: str
    runs: int = 0
    failed: int = 0
    exit_codes: list[int] = field(default_factory=list)
    stderr_tail: str = ""  # the last line of the first failed run's stderr
    stdout: str = ""  # what the first run printed


def run_fresh(
    python: str, code: str, archive: Path, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """``code`` in a new interpreter, its ``ARCHIVE = "archive"`` pointed at ``archive``."""
    if PLACEHOLDER not in code:
        raise ValueError(f"a read must set {PLACEHOLDER!r}")
    code = code.replace(PLACEHOLDER, f"ARCHIVE = {str(archive)!r}")
    return subprocess.run([python, "-c", code], capture_output=True, text=True, timeout=timeout, cwd=ROOT)


def measure(
    reads: dict[str, str], archive: Path, runs: int, *, python: str = sys.executable, jobs: int = 2
) -> dict[str, Outcome]:
    """Each read ``runs`` times, ``jobs`` processes at a time, the reads interleaved."""
    order = [name for _ in range(runs) for name in reads]
    with ThreadPoolExecutor(jobs) as pool:
        done = list(pool.map(lambda name: (name, run_fresh(python, reads[name], archive)), order))
    outcomes = {name: Outcome(name) for name in reads}
    for name, proc in done:
        outcome = outcomes[name]
        outcome.runs += 1
        outcome.exit_codes.append(proc.returncode)
        if not outcome.stdout:
            outcome.stdout = proc.stdout
        if proc.returncode != 0:
            outcome.failed += 1
            if not outcome.stderr_tail:
                outcome.stderr_tail = (proc.stderr.strip().splitlines() or [""])[-1]
    return outcomes


def versions(python: str) -> str:
    probe = (
        "import deltalake, pyarrow\n"
        "print(f'deltalake {deltalake.__version__}, pyarrow {pyarrow.__version__}')"
    )
    return subprocess.run([python, "-c", probe], capture_output=True, text=True, check=True).stdout.strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--archive", type=Path, default=ROOT / "archive", help="an archive `make run` made")
    parser.add_argument("--runs", type=int, default=12, help="fresh processes per read")
    parser.add_argument("--python", default=sys.executable, help="the interpreter to measure")
    parser.add_argument("--jobs", type=int, default=2, help="processes at a time")
    parser.add_argument("--reads", help="comma-separated read names (default: all)")
    parser.add_argument("--readme", action="store_true", help="the README's loading examples too")
    parser.add_argument("--json", type=Path, help="write the outcomes here")
    args = parser.parse_args(argv)
    reads = dict(READS)
    if args.reads:
        wanted = [name.strip() for name in args.reads.split(",")]
        reads = {name: READS[name] for name in wanted}
    if args.readme:
        reads.update(readme_examples())
    env = versions(args.python)
    started = time.perf_counter()
    outcomes = measure(reads, args.archive.resolve(), args.runs, python=args.python, jobs=args.jobs)
    took = time.perf_counter() - started
    print(f"{env}; {args.runs} fresh processes per read, {args.jobs} at a time, {took:.0f} s")
    print("| read | aborted | exit codes | stderr |\n| --- | ---: | --- | --- |")
    for outcome in outcomes.values():
        codes = ", ".join(str(code) for code in sorted(set(outcome.exit_codes)))
        print(f"| {outcome.read} | {outcome.failed} / {outcome.runs} | {codes} | {outcome.stderr_tail} |")
    if args.json:
        record = {"environment": env, "runs": args.runs, "jobs": args.jobs, "seconds": round(took, 1)}
        record["outcomes"] = [asdict(o) | {"stdout": o.stdout[:200]} for o in outcomes.values()]
        args.json.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
