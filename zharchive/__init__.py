"""zharchive: raw scraped Chinese web pages → validated, versioned Delta Lake archive.

The core, plain typed Python that imports no Prefect: ``stages`` (discover, read, decode, page,
clean, extract, script, validate), ``rules`` (the TOML rule files and their matcher), ``pipeline``
(one batch through the stages), ``archive`` (the Delta tables), ``cli``. The ``flows`` package wraps
it in a Prefect flow and tasks. This module holds the version a document records.
"""

from __future__ import annotations

import hashlib
import platform
import unicodedata
from functools import lru_cache
from importlib import metadata
from pathlib import Path

PACKAGE_VERSION = "0.1.0"

# Distributions whose code or data decide a document's fields: the detector, the reading table of
# the pinyin repair, the byte-shift repair's word frequencies, the Traditional→Simplified
# dictionaries, the HTML parser, the validator.
OUTPUT_DEPENDENCIES = (
    "chardet",
    "pypinyin",
    "jieba",
    "opencc-python-reimplemented",
    "lxml",
    "pydantic",
    "pydantic-core",
)

_PACKAGES = ("zharchive", "schemas")


@lru_cache(maxsize=1)
def output_dependencies() -> dict[str, str]:
    """Versions of what, besides this package's source, decides a document's fields."""
    versions = {"python": platform.python_version(), "unicode": unicodedata.unidata_version}
    for name in OUTPUT_DEPENDENCIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "absent"
    return versions


@lru_cache(maxsize=1)
def pipeline_version() -> str:
    """``PACKAGE_VERSION+<digest>``: the digest covers every source and rule file of the package and
    ``output_dependencies()``, so two runs share a pipeline version only if the same code, rules and
    libraries made their documents (a version number alone is not bumped by every change)."""
    digest = hashlib.sha256()
    root = Path(__file__).resolve().parent.parent
    files = sorted(
        path
        for package in _PACKAGES
        for pattern in ("*.py", "*.toml")
        for path in (root / package).rglob(pattern)
    )
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for name, version in sorted(output_dependencies().items()):
        digest.update(f"{name}=={version}\0".encode())
    return f"{PACKAGE_VERSION}+{digest.hexdigest()[:12]}"
