"""Site profiles (issue 19, part 2): what repeats across a site's pages, kept in ``ARCHIVE/sites``
across runs, so that a page's body does not depend on which other pages of its site were in its
batch.

A site's profile is the number of its pages the archive has taken in and, for each line that was
on them (normalised as cleaning compares lines, prose left out: prose is never chrome), a hash of
it and the number of those pages it was on. Cleaning's repeated lines of a site are then the lines
of the batch's pages that reach the share ``repeated_lines`` asks for among the profile's pages and
the batch's together. Plain Python and pyarrow (a batch worker reads its sites' rows from the table's
Parquet files as the plan listed them; no deltalake).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from zharchive.objects import StorePath
from zharchive.stages.clean import repeated_lines
from zharchive.text import is_prose, normal_line, split_lines

# What a site is: "host", the host of the page's own URL (<link rel=canonical>, og:url) for an HTML
# page that gives one, else its folder; "folder", its folder always (what zharchive did before).
SiteKey = Literal["host", "folder"]
SITE_KEYS: tuple[SiteKey, ...] = ("host", "folder")
DEFAULT_SITE_KEY: SiteKey = "host"
# The row of a site's own page count in ARCHIVE/sites: no line hashes to the empty string's hash.
PAGES_ROW = ""
# repeated_lines's rule (zharchive/stages/clean.py), applied to the profile and the batch together.
MIN_FILES, MIN_SHARE = 3, 0.5

# What a batch stages of the pages it archived: per site, each line's count and the pages ("").
STAGED_SCHEMA = pa.schema([("site", pa.string()), ("line_hash", pa.string()), ("pages", pa.int64())])


def line_hash(normal: str) -> str:
    """The hash a normalised line is kept by (16 hex digits: a site's lines number thousands)."""
    # (The first 8 bytes in hex: hexdigest()[:16] without the other 48 digits.)
    return hashlib.sha256(normal.encode("utf-8", "surrogatepass")).digest()[:8].hex()


def page_lines(text: str, memo: dict[str, str] | None = None) -> set[str]:
    """The normalised lines of a page that could be chrome: not blank, not prose.

    ``memo``: raw line → its normal form, or "" when it is blank or prose, kept across the pages of
    one call (a site's menus and footers are on every page: each is normalised and tested once)."""
    if memo is None:
        memo = {}
    raws = split_lines(text)
    # Set operations and map run in C: only the lines new to the memo take a Python step.
    for raw in set(raws).difference(memo):
        line = normal_line(raw)
        memo[raw] = "" if line and is_prose(line) else line
    lines = set(map(memo.__getitem__, raws))
    lines.discard("")
    return lines


def site_of(source_uri: str, hints: Mapping[str, str], *, key: SiteKey) -> str:
    """The site a page belongs to: ``host:<host>`` of the URL an HTML page declares for itself when
    ``key`` is "host" and it declares one, else its folder (the source_uri without its file name)."""
    if key == "host":
        url = hints.get("url", "")
        host = urlsplit(url).hostname if url.startswith(("http://", "https://")) else None
        if host:
            return f"host:{host.lower()}"
    return source_uri.rsplit("/", 1)[0]


@dataclass
class SiteProfile:
    """A site as the archive knows it: its pages, and how many of them each line hash was on."""

    pages: int = 0
    lines: dict[str, int] = field(default_factory=dict)


def site_chrome(
    texts: Sequence[str], profile: SiteProfile | None, *, count_batch: bool = True
) -> frozenset[str]:
    """The lines of ``texts`` (a site's pages in a batch) that are its chrome.

    No profile (the archive has none of the site yet): ``repeated_lines`` of the batch, as before
    the sites table. With one: a line is chrome when the pages it was on — the profile's, plus the
    batch's when ``count_batch`` (an ingest: the batch's pages are new to the site) — reach
    ``repeated_lines``'s share of the site's pages, so the same page is cleaned alike whether its
    site's other pages came in its batch or in earlier runs. ``count_batch`` False (``--reprocess``):
    the profile as it stands, which counted these pages when they were archived."""
    if profile is None or profile.pages == 0:
        return (
            repeated_lines(texts, min_files=MIN_FILES, min_share=MIN_SHARE)
            if len(texts) >= MIN_FILES
            else frozenset()
        )
    memo: dict[str, str] = {}
    lines = [page_lines(text, memo) for text in texts]
    batch: Counter[str] = Counter()
    if count_batch:
        for page in lines:
            batch.update(page)
    pages = profile.pages + (len(texts) if count_batch else 0)
    if pages < MIN_FILES:
        return frozenset()
    threshold = max(MIN_FILES, MIN_SHARE * pages)
    seen = set().union(*lines)
    return frozenset(
        line for line in seen if profile.lines.get(line_hash(line), 0) + batch[line] >= threshold
    )


def batch_counts(pages: Iterable[tuple[str, str]]) -> pa.Table:
    """(site, page text) of the pages a batch archived → its staged rows: each site's line counts
    and its page count (``PAGES_ROW``), site by site (the rows' order means nothing: they are summed
    by site and hash)."""
    # Lines repeat across a site's pages: each raw line is normalised and tested once a call, its
    # pages counted by its text, and each distinct line hashed once at the end.
    memo: dict[str, str] = {}
    sites: dict[str, tuple[list[int], Counter[str]]] = {}
    for site, text in pages:
        found = sites.get(site)
        if found is None:
            found = sites[site] = ([0], Counter())
        found[0][0] += 1
        found[1].update(page_lines(text, memo))
    counts: Counter[tuple[str, str]] = Counter()
    for site, (pages_of_site, lines) in sites.items():
        counts[(site, PAGES_ROW)] += pages_of_site[0]
        for line, n in lines.items():
            counts[(site, line_hash(line))] += n
    return pa.table(
        {
            "site": [site for site, _ in counts],
            "line_hash": [hashed for _, hashed in counts],
            "pages": list(counts.values()),
        },
        schema=STAGED_SCHEMA,
    )


def read_profiles(files: Sequence[str | StorePath], sites: Iterable[str]) -> dict[str, SiteProfile]:
    """The profiles of ``sites`` from the sites table's data files ``files`` (the live files of the
    version the run's plan read: local paths, or objects of an archive on a store with its
    options), file by file, only those sites' rows kept."""
    wanted = pa.array(sorted(set(sites)), pa.string())
    profiles: dict[str, SiteProfile] = {}
    if not len(wanted):
        return profiles
    for path in files:
        source = pa.BufferReader(path.read_bytes()) if isinstance(path, StorePath) else Path(path)
        table = pq.read_table(source, columns=["site", "line_hash", "pages_seen"])
        table = table.filter(pc.is_in(table.column("site"), value_set=wanted))
        for site, hashed, seen in zip(
            *(table.column(c).to_pylist() for c in table.column_names), strict=True
        ):
            profile = profiles.setdefault(site, SiteProfile())
            if hashed == PAGES_ROW:
                profile.pages = seen
            else:
                profile.lines[hashed] = seen
    return profiles
