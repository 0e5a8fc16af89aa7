"""Prefect, and nothing else: the ingest flow and its tasks (``ingest``), the engines its batch
tasks run on (``task_runner``), the temporary API server of a run (``server``), and what a run shows
in the UI (``artifacts``). The work itself is in the ``zharchive`` package, which imports no Prefect.
"""
