"""pipeline_version names the code, rules and libraries that made a document."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from zharchive import PACKAGE_VERSION, output_dependencies, pipeline_version

ROOT = Path(__file__).resolve().parents[1]


def _version_of_copy(root: Path) -> str:
    # A fresh interpreter imports the copy, not the installed package, and reports its version.
    code = (
        "import zharchive; assert zharchive.__file__.startswith(sys.argv[1]); "
        "print(zharchive.pipeline_version())"
    )
    done = subprocess.run(
        [sys.executable, "-c", "import sys; " + code, str(root)],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def _copy_package(to: Path) -> Path:
    for package in ("zharchive", "schemas"):
        shutil.copytree(ROOT / package, to / package, ignore=shutil.ignore_patterns("__pycache__"))
    return to


def test_the_version_is_the_package_version_and_a_digest() -> None:
    package, _, digest = pipeline_version().partition("+")
    assert package == PACKAGE_VERSION
    assert len(digest) == 12 and int(digest, 16) >= 0
    assert output_dependencies()["pypinyin"] != "absent"


def test_the_same_source_gives_the_same_version_and_any_change_a_new_one(tmp_path: Path) -> None:
    same = _copy_package(tmp_path / "same")
    assert _version_of_copy(same) == pipeline_version()

    rule_changed = _copy_package(tmp_path / "rules")
    rules = rule_changed / "zharchive" / "rules" / "chrome.toml"
    rules.write_text(rules.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    code_changed = _copy_package(tmp_path / "code")
    cleaner = code_changed / "zharchive" / "stages" / "blocks.py"
    cleaner.write_text(
        cleaner.read_text(encoding="utf-8").replace("CHROME_LINE_COST = 12.0", "CHROME_LINE_COST = 13.0")
    )

    versions = {pipeline_version(), _version_of_copy(rule_changed), _version_of_copy(code_changed)}
    assert len(versions) == 3
