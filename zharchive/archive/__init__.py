"""The Delta Lake archive: ARCHIVE/documents, ARCHIVE/quarantine, ARCHIVE/runs.

``staging`` (a batch's rows as Parquet, written by workers) → ``commit`` (one Delta version per table
per run, provenance in the commit) → ``runs`` (the run's row). ``tables`` opens and checks the
tables, ``index`` reads what the archive holds, ``lock`` keeps one writer per archive, ``handoff``
verifies, exports and packages a version. Nothing here is imported by a stage.
"""
