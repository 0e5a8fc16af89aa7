"""pandas kept out of the processes that only zharchive's code runs in: the lean batch workers
(``zharchive.pool``) and ``zharchive ingest``'s flow process.

None of zharchive's code uses pandas, yet pyarrow imports it (when it is installed, as deltalake's
extra and Prefect's neighbours install it) the first time it builds an array from Python objects, and
when ``pyarrow.dataset`` is imported, only to ask whether what it was handed is a pandas object: 394
modules and ~30 MiB of resident memory in every worker and in the flow process. A worker staging a
59 MB page peaked at 308 MiB with pandas, 277 without (/proc VmHWM); two such workers and the flow
process are what tests/test_complex_pages.py holds to 1 GB. pyarrow reads the ImportError as "pandas
is not installed" and goes on without it.

Not for a process that runs users' code (a notebook, a Prefect worker serving other flows): there a
refused import would break their pandas. ``zharchive.nopandas.REFUSED`` says why, in the error.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import sys
from collections.abc import Sequence
from types import ModuleType

REFUSED = "zharchive keeps pandas out of its workers and its ingest process (zharchive/nopandas.py)"


class _NoPandas(importlib.abc.MetaPathFinder):
    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname == "pandas" or fullname.startswith("pandas."):
            raise ModuleNotFoundError(REFUSED, name=fullname)
        return None  # any other module: the usual finders


def keep_pandas_out() -> None:
    """From now on, ``import pandas`` in this process raises ``ModuleNotFoundError``. Nothing to do
    when pandas is in already (its memory is spent)."""
    if "pandas" in sys.modules or any(isinstance(f, _NoPandas) for f in sys.meta_path):
        return
    sys.meta_path.insert(0, _NoPandas())
