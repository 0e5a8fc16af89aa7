"""zharchive: raw scraped Chinese web pages → validated, versioned Delta Lake archive.

The pure core (discover, read, decode, clean, extract, validate, archive) is plain typed Python;
only ``flows.ingest`` imports Prefect.
"""

PIPELINE_VERSION = "0.1.0"
