"""The code's layout holds: the core imports no Prefect, its layers import downwards only, no circles.

Read from the source (every import, at module level or inside a function), so a new import that
runs back up the layers fails here, not in a review.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORE = ROOT / "zharchive"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> Iterator[tuple[str, int]]:
    """(module imported, line) for every import in the file; ``from a import b`` may name module a.b."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module, node.lineno
            for alias in node.names:
                yield f"{node.module}.{alias.name}", node.lineno


MODULES = {_module_name(path): path for path in sorted(CORE.rglob("*.py"))}


def _graph() -> dict[str, set[str]]:
    """Each core module → the core modules it imports (a package's import counts as its __init__)."""
    return {
        name: {target for target, _ in _imports(path) if target in MODULES and target != name}
        for name, path in MODULES.items()
    }


def _is(module: str, *prefixes: str) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


# The modules that run a batch through the stages and into the archive, and the CLI over them.
ABOVE_THE_STAGES_AND_THE_ARCHIVE = (
    "zharchive.pipeline",
    "zharchive.batch",
    "zharchive.plan",
    "zharchive.pool",
    "zharchive.isolate",
    "zharchive.report",
    "zharchive.report_html",
    "zharchive.near_duplicates",
    "zharchive.cli",
)
# What each part of the core may not import. The stages and the archive never import each other's
# side of the pipeline; the shared facts (text, sources, errors) import no stage, rule or table.
FORBIDDEN = {
    "zharchive.text": ("zharchive.stages", "zharchive.rules", "zharchive.archive", "zharchive.sources"),
    "zharchive.errors": ("zharchive.stages", "zharchive.rules", "zharchive.archive", "zharchive.sources"),
    "zharchive.sources": ("zharchive.stages", "zharchive.rules", "zharchive.archive"),
    "zharchive.rules": ("zharchive.stages", "zharchive.archive", "zharchive.pipeline"),
    "zharchive.stages": ("zharchive.archive", *ABOVE_THE_STAGES_AND_THE_ARCHIVE),
    "zharchive.archive": ("zharchive.stages", *ABOVE_THE_STAGES_AND_THE_ARCHIVE),
    "zharchive.pipeline": ("zharchive.archive", "zharchive.batch", "zharchive.plan", "zharchive.cli"),
}


def test_each_layer_imports_only_what_lies_below_it() -> None:
    wrong = [
        f"{name} imports {target}"
        for name, targets in _graph().items()
        for layer, forbidden in FORBIDDEN.items()
        if _is(name, layer)
        for target in targets
        if _is(target, *forbidden)
    ]
    assert wrong == []


def test_no_core_modules_import_each_other_in_a_circle() -> None:
    graph = _graph()
    circles: list[list[str]] = []

    def visit(node: str, path: list[str], on_path: set[str], done: set[str]) -> None:
        for target in sorted(graph[node]):
            if target in on_path:
                circles.append([*path[path.index(target) :], target])
            elif target not in done:
                visit(target, [*path, target], on_path | {target}, done)
        done.add(node)

    done: set[str] = set()
    for start in sorted(graph):
        if start not in done:
            visit(start, [start], {start}, done)
    # A package's __init__ that re-exports its own modules is not a circle of code.
    real = [c for c in circles if not any(a.startswith(b + ".") for a, b in zip(c[1:], c, strict=False))]
    assert real == []


def test_the_core_never_imports_prefect_and_only_the_cli_starts_the_flows() -> None:
    found = [
        f"{name}:{line} imports {target}"
        for name, path in MODULES.items()
        for target, line in _imports(path)
        if _is(target, "prefect", "prefect_dask") or (_is(target, "flows") and name != "zharchive.cli")
    ]
    assert found == []


BLOCK_PREFECT = """
import importlib.abc, sys
class NoPrefect(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("prefect", "prefect_dask", "flows"):
            raise ImportError(f"{name} may not be imported here")
        return None
sys.meta_path.insert(0, NoPrefect())
"""


@pytest.mark.parametrize(
    "code",
    [
        "import zharchive.pipeline, zharchive.batch, zharchive.pool, zharchive.plan, zharchive.report",
        "import zharchive.report_html",
        "import zharchive.archive.commit, zharchive.archive.lock, zharchive.archive.handoff",
        "import sys; sys.argv = ['zharchive', '--help']; import zharchive.cli; zharchive.cli.main()",
    ],
)
def test_the_core_runs_in_a_process_that_cannot_import_prefect(code: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", BLOCK_PREFECT + code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]


def test_flows_holds_prefect_code_only() -> None:
    """Every module of flows/ imports Prefect: plain code belongs in the core."""
    plain = [
        path.name
        for path in sorted((ROOT / "flows").glob("*.py"))
        if path.name != "__init__.py" and not any(_is(t, "prefect") for t, _ in _imports(path))
    ]
    assert plain == []
