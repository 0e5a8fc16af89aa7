"""The same staged tables from this tree and from another commit: the proof a speed change owes.

Stages the same batches with ``zharchive.batch.ingest_batch`` (what a batch worker runs: read,
decode, clean, extract, validate, Arrow, Parquet, site counts) once with this tree's code and once
with the code of ``--against`` (``git archive`` of that commit into a temporary folder, run with
the same interpreter and packages), each in a fresh process, and compares every staged file
(documents, quarantine, site counts) with ``pyarrow.Table.equals``. The times a batch stamps
(``ingested_at``, ``quarantined_at``) are left out; nothing else is. The batches: every page of
``../shared/corpus`` (dev and gne, text and HTML, one batch a folder), the seeds (one batch), and
``--generated`` pages of ``benchmarks/throughput.py`` (``make_document``, batches of 1,000).

    .venv/bin/python benchmarks/staged_same.py --against 384acad --generated 3000

Prints each tree's CPU seconds (``resource`` of its child process: the two run one after the
other, so on a busy machine compare CPU, not wall time) and each file that differs, with the
columns that differ and the first source_uri where they do. Exit 1 on any difference.

Issue 22 replaced the model path (a Pydantic object a document) by rows validated a chunk at a
time; ``benchmarks/columnar_same.py`` compared the two paths inside one tree until the model path
was removed. This compares whole trees instead, so it serves every change that claims to keep the
archive's output as it was.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
SEEDS = REPO / "seeds"
GENERATED_BATCH = 1000
# What differs from one run to the next by design: when the batch ran.
STAMPS = {"ingested_at", "quarantined_at"}

# Run in each tree's own process, the tree first on sys.path (PYTHONPATH beats the editable install).
_STAGE = """
import json, sys
from pathlib import Path
from zharchive.batch import ingest_batch
from zharchive.pipeline import RunContext
from zharchive.rules import load_rules

batches, archive = json.loads(Path(sys.argv[1]).read_text()), Path(sys.argv[2])
context = RunContext(run_id="same", pipeline_version="same", rules_version=load_rules().version)
for index, paths in enumerate(batches):
    ingest_batch(index, paths, {}, context, archive)
"""


def batches(generated: int, folder: Path) -> list[list[str]]:
    """The batches both trees stage: the corpora's folders, the seeds, generated pages."""
    out: list[list[str]] = []
    for corpus in ("dev", "gne"):
        for kind in ("text", "html"):
            pages = CORPUS / corpus / kind
            if pages.is_dir():
                out.append([str(p) for p in sorted(pages.iterdir()) if p.is_file()])
            else:
                print(f"(the shared {corpus} corpus is not at {pages}: left out)")
    out.append([str(p) for p in sorted(SEEDS.iterdir())])
    if generated:
        sys.path.insert(0, str(REPO / "benchmarks"))
        from throughput import make_document  # this tree's generator, for both trees

        site = folder / "generated"
        site.mkdir(parents=True)
        paths = []
        for index in range(generated):
            path = site / f"{index:07d}.txt"
            path.write_bytes(make_document(index)[0])
            paths.append(str(path))
        out += [paths[i : i + GENERATED_BATCH] for i in range(0, len(paths), GENERATED_BATCH)]
    return out


def stage(tree: Path, plan: Path, archive: Path) -> float:
    """Stage the plan's batches with the code of ``tree`` into ``archive``: CPU seconds."""
    env = {
        **os.environ,
        "PYTHONPATH": str(tree),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "DO_NOT_TRACK": "1",
    }
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-c", _STAGE, str(plan), str(archive)], cwd=tree, env=env, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _table(path: Path) -> pa.Table:
    table = pq.read_table(path)
    table = table.drop_columns([name for name in table.column_names if name in STAMPS])
    if path.parent.name == "sites":  # a batch's line counts: a set, in no order of its own
        table = table.sort_by([(name, "ascending") for name in table.column_names]).combine_chunks()
    return table


def differences(old_archive: Path, new_archive: Path) -> list[str]:
    """What differs between the staged files of the two archives, a line each."""
    old_files = {p.relative_to(old_archive) for p in old_archive.rglob("*.parquet")}
    new_files = {p.relative_to(new_archive) for p in new_archive.rglob("*.parquet")}
    said = [f"only in the old tree's staging: {p}" for p in sorted(old_files - new_files)]
    said += [f"only in this tree's staging: {p}" for p in sorted(new_files - old_files)]
    for relative in sorted(old_files & new_files):
        old, new = _table(old_archive / relative), _table(new_archive / relative)
        if old.schema != new.schema:
            said.append(f"{relative}: schemas differ:\n{old.schema}\n--\n{new.schema}")
        elif not old.equals(new):
            said.append(f"{relative}: {_what_differs(old, new)}")
    return said


def _what_differs(old: pa.Table, new: pa.Table) -> str:
    if old.num_rows != new.num_rows:
        return f"{old.num_rows} rows, now {new.num_rows}"
    uris = old.column("source_uri").to_pylist() if "source_uri" in old.column_names else None
    parts = []
    for name in old.column_names:
        before, after = old.column(name).to_pylist(), new.column(name).to_pylist()
        rows = [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
        if rows:
            first = uris[rows[0]] if uris else f"row {rows[0]}"
            parts.append(f"{name} in {len(rows)} rows (first: {first})")
    return "; ".join(parts) or "equal values, different layout"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--against", required=True, help="the commit whose code stages the same batches")
    parser.add_argument("--generated", type=int, default=3000, help="generated pages (0: none)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="zh-staged-same-") as scratch:
        root = Path(scratch)
        old_tree = root / "old-tree"
        old_tree.mkdir()
        archived = subprocess.run(
            ["git", "archive", "--format=tar", args.against], cwd=REPO, capture_output=True, check=True
        )
        subprocess.run(["tar", "-x", "-C", str(old_tree)], input=archived.stdout, check=True)
        plan = root / "batches.json"
        planned = batches(args.generated, root)
        plan.write_text(json.dumps(planned))
        files = sum(map(len, planned))
        old_cpu = stage(old_tree, plan, root / "old-archive")
        new_cpu = stage(REPO, plan, root / "new-archive")
        print(f"{len(planned)} batches, {files:,} files")
        print(f"CPU: {args.against} {old_cpu:.1f} s, this tree {new_cpu:.1f} s (one after the other)")
        said = differences(root / "old-archive", root / "new-archive")
        for line in said:
            print(line)
        print(f"{len(said)} staged files differ" if said else "every staged file the same")
        sys.exit(1 if said else 0)


if __name__ == "__main__":
    main()
