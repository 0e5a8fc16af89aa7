"""One batch of files through every stage: read → decode → clean → extract → validate.

Plain Python with no Prefect: ``zharchive.batch`` runs ``process_batch`` for each batch task of the
flow. A file never escapes a batch: it becomes a document (a row of the documents table, validated
by ``ArchivedDocument``'s own schema), a ``QuarantineRecord`` (with the stage and a reason), is
counted unchanged because the archive already holds its exact bytes, or — archived before and
unreadable now — is listed as skipped with its archived copy kept.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from schemas import (
    SCHEMA_VERSION,
    DecodeResult,
    QuarantineRecord,
    Skipped,
    SourceFile,
    Stage,
)
from zharchive.budgets import refuse_complex_markup
from zharchive.errors import CleanError, ReadError, StageError
from zharchive.minhash import stored_signature
from zharchive.objects import StorePath
from zharchive.sites import DEFAULT_SITE_KEY, SiteKey, read_profiles, site_chrome, site_of
from zharchive.sources import ArchivedReadFailure, display_path, source_uri
from zharchive.stages.audit import LineRemoved, LineRepaired, as_columns
from zharchive.stages.clean import clean, repeated_lines
from zharchive.stages.decode import decode
from zharchive.stages.extract import extract, restore_dates
from zharchive.stages.page import Page, bytes_look_like_html, is_html, to_page
from zharchive.stages.read import DEFAULT_MAX_BYTES, read_source
from zharchive.stages.script import script_of
from zharchive.stages.validate import (
    Stamp,
    quarantine_for_bug,
    quarantine_for_errors,
    quarantine_for_read_error,
    quarantine_for_stage_error,
    validate_documents,
)
from zharchive.text import han_count, line_count

# Below this many pages of one site in a batch, nothing can be said to repeat across the site.
MIN_SITE_PAGES = 3
# Cleaning keeps a few hundred bytes of bookkeeping a line: a "page" of a million lines (a file
# of newlines, a crawl dump) would take gigabytes. The dev corpus's longest page has 962 lines.
MAX_PAGE_LINES = 100_000
# An incremental run's new pages of a site are few: the unchanged pages of their folder in the same
# batch (up to this many) show what repeats across the site, as they would in a first run.
MAX_REFERENCE_PAGES = 50


@dataclass(frozen=True)
class RunContext:
    """What every record of a run is stamped with."""

    run_id: str
    pipeline_version: str
    rules_version: str
    schema_version: str = SCHEMA_VERSION
    max_bytes: int = DEFAULT_MAX_BYTES
    # What a site is (zharchive.sites.site_of), and the sites table's data files the run's plan read:
    # each batch reads its sites' profiles from them.
    site_key: SiteKey = DEFAULT_SITE_KEY
    profile_files: tuple[str | StorePath, ...] = ()  # StorePath: an archive on a store, with its options


# Where a pipeline hands its documents, a validated chunk at a time: plain dicts, one a document,
# keyed by the documents table's columns, its removed lines and repairs as columns
# (``schemas.RECORD_COLUMNS``; ``staging.BatchStager.add_rows``), never a model object.
RowSink = Callable[[list[dict[str, Any]]], None]
# Documents validated in one call and handed to a RowSink together: the stager's Arrow chunk
# (staging.ARROW_CHUNK), so a worker holds at most this many unstaged documents.
ROWS_CHUNK = 100


@dataclass
class BatchOutput:
    rows: list[dict[str, Any]] = field(default_factory=list)  # the documents, when no RowSink took them
    document_count: int = 0
    quarantined: list[QuarantineRecord] = field(default_factory=list)
    unchanged: int = 0
    skipped: list[Skipped] = field(default_factory=list)  # files of the batch neither archived nor unchanged
    stats: Counter[str] = field(default_factory=Counter)
    # source_uri → the sha256 of the bytes the batch worked from, or how their read failed: what a
    # staged batch is adopted by (zharchive.archive.resume).
    seen: dict[str, str] = field(default_factory=dict)
    # (site, page text) of each page the batch archived as a document, for ARCHIVE/sites; empty when
    # the run does not count its pages (--reprocess: the profile already counted them).
    site_pages: list[tuple[str, str]] = field(default_factory=list)


def seen_as(source: SourceFile | ReadError) -> str:
    """What a batch saw of a file: the sha256 of its bytes, or ``unread:<reason>`` when its read
    failed without them."""
    if isinstance(source, SourceFile):
        return source.raw_sha256
    return source.raw_sha256 or f"unread:{source.reason}"


def doc_id(uri: str, raw_sha256: str) -> str:
    """Stable across runs and runners: the same file with the same bytes has the same id."""
    return hashlib.sha256(f"{uri}\n{raw_sha256}".encode()).hexdigest()[:20]


@dataclass(frozen=True)
class _Prepared:
    """A file after decode and page: what the site-chrome pass needs to see before cleaning."""

    source: SourceFile
    decoded: DecodeResult
    page: Page


def _refuse_too_many_lines(text: str) -> None:
    lines = line_count(text)
    if lines > MAX_PAGE_LINES:
        raise CleanError(
            f"{lines:,} lines, more than the {MAX_PAGE_LINES:,} any article page has: not cleaned "
            "(a crawl dump or filler, not a page; its bytes are kept here)",
            error_type="too_many_lines",
        )


def prepare(source: SourceFile) -> _Prepared:
    """Decode and turn into lines. Raises StageError (decode, clean) or _Bug."""
    stage: Stage = "decode"
    try:
        # The markup budgets (zharchive/budgets.py) before libxml2 builds an HTML page, and on its
        # bytes before decoding, which costs ~6x them (340 MiB for a 59 MB page of 5.4M cells).
        if bytes_look_like_html(source.raw, source.path):
            refuse_complex_markup(source.raw)
        decoded = decode(source.raw)
        stage = "clean"
        if decoded.encoding.lower().startswith(("utf-16", "utf-32")) and is_html(decoded.text, source.path):
            refuse_complex_markup(decoded.text)  # its bytes are not ASCII-compatible
        page = to_page(decoded.text, path=source.path)
        # The lines cleaning will see: an HTML page's blocks, not its source's lines (a long
        # inline script costs lxml little).
        _refuse_too_many_lines(page.text)
        return _Prepared(source, decoded, page)
    except StageError:
        raise
    except Exception as exc:
        raise _Bug(stage, exc) from exc


def document_values(
    prepared: _Prepared,
    context: RunContext,
    now: datetime,
    stats: Counter[str],
    *,
    site_chrome: frozenset[str] = frozenset(),
) -> dict[str, Any]:
    """Clean and extract one decoded file: its document's values, not validated yet, its removed
    lines and repairs as columns (``schemas.RECORD_COLUMNS``). Raises StageError or _Bug."""
    source, decoded, page = prepared.source, prepared.decoded, prepared.page
    stage: Stage = "clean"
    try:
        cleaned = clean(page.text, hints=page.hints, site_chrome=site_chrome)
        stage = "extract"
        metadata = extract(cleaned, hints=page.hints)
        restore_dates(cleaned, metadata)
        body = cleaned.body_text
        if body.strip() and not han_count(body):
            # An archive of Chinese pages: a page whose text left after cleaning has no Chinese in
            # it (English-only site chrome, a redirect stub) is not an article of it.
            raise CleanError(
                f"no Chinese text is left after cleaning ({len(body)} characters of other text)",
                error_type="no_chinese_text",
            )
        script, body_simplified = script_of(body)
    except StageError:
        raise
    except Exception as exc:
        raise _Bug(stage, exc) from exc
    stats[f"encoding.{decoded.encoding}"] += 1
    stats[f"method.{decoded.method}"] += 1
    stats.update(cleaned.stats)
    return {
        "doc_id": doc_id(source.source_uri, source.raw_sha256),
        "source_uri": source.source_uri,
        "raw_sha256": source.raw_sha256,
        "raw": source.raw,
        "size": source.size,
        "encoding": decoded.encoding,
        "encoding_confidence": decoded.confidence,
        "encoding_method": decoded.method,
        "decode_flags": decoded.flags,
        "title": metadata.title,
        "published_at": metadata.published_at,
        "published_precision": metadata.published_precision,
        "publisher": metadata.publisher,
        "author": metadata.author,
        "editors": metadata.editors,
        "agency": metadata.agency,
        "doc_number": metadata.doc_number,
        "index_number": metadata.index_number,
        "script": script,
        "body": body,
        "body_simplified": body_simplified,
        "clean_flags": [*cleaned.flags, *page.flags],
        "removed": as_columns(cleaned.removed, LineRemoved),
        "repairs": as_columns(cleaned.repairs, LineRepaired),
        "run_id": context.run_id,
        "pipeline_version": context.pipeline_version,
        "rules_version": context.rules_version,
        "schema_version": context.schema_version,
        "ingested_at": now,
        # The signature here, where the body is; the pointer when the run commits, where the
        # archive's signatures are (zharchive.near_duplicates.mark_run).
        "minhash": stored_signature(body_simplified or body),
        "near_duplicate_of": None,
        "near_duplicate_score": None,
    }


class _Bug(Exception):
    def __init__(self, stage: Stage, cause: BaseException) -> None:
        super().__init__(str(cause))
        self.stage = stage
        self.cause = cause


def _site(source: SourceFile) -> str:
    """Pages of one site sit in one folder of a crawl: the folder stands for the site."""
    return source.source_uri.rsplit("/", 1)[0]


def _reference_texts(
    references: Sequence[SourceFile], stats: Counter[str], key: SiteKey
) -> dict[str, list[str]]:
    """The decoded text of each reference page, by site; one that cannot be decoded shows nothing."""
    texts: dict[str, list[str]] = defaultdict(list)
    for source in references:
        try:
            page = prepare(source).page
            texts[site_of(source.source_uri, page.hints, key=key)].append(page.text)
        except (StageError, _Bug):
            stats["site_reference.undecodable"] += 1  # archived as quarantine in an earlier run
        else:
            stats["site_reference.pages"] += 1
    return texts


def process_sources(
    sources: Sequence[SourceFile],
    *,
    context: RunContext,
    now: datetime | None = None,
    rows: RowSink | None = None,
    references: Sequence[SourceFile] = (),
    count_pages: bool = True,
) -> BatchOutput:
    """Files whose bytes are in hand → documents or quarantine records.

    Two passes: decode every file, then find the lines repeated across the pages of each site
    (folder) in this batch — menus and footers — and clean with them known. ``references`` are
    pages of the same sites that are not to be archived (unchanged since an earlier run): they are
    counted among the site's pages for that, and nothing else. No model object is made: every
    ``ROWS_CHUNK`` documents are validated in one call by the documents model's own schema and
    handed to ``rows`` as dicts, the documents table's columns (a batch worker's stager), else kept
    in the output's ``rows``. A document that fails is quarantined where it stood among the others
    (tests/test_columnar.py).

    A site the archive has a profile of (``ARCHIVE/sites``, read from ``context.profile_files``) is
    cleaned with what repeats across the profile's pages and the batch's together
    (``zharchive.sites.site_chrome``), and reference pages are not needed for it: the same page
    gets the same body whichever of its site's pages share its batch. ``count_pages``: the batch's
    pages are new to their sites (an ingest), counted with the profile and returned in
    ``site_pages``; False (--reprocess): the profile as it stands.
    """
    out = BatchOutput()
    now = now or datetime.now(UTC)
    stamp = Stamp(context.run_id, context.pipeline_version, now)

    def quarantine(source: SourceFile, exc: Exception) -> None:
        if isinstance(exc, StageError):
            record, stage = quarantine_for_stage_error(source, exc, stamp=stamp), exc.stage
        else:
            assert isinstance(exc, _Bug)
            record, stage = quarantine_for_bug(source, exc.cause, exc.stage, stamp=stamp), exc.stage
        out.quarantined.append(record)
        out.stats[f"quarantine.{stage}"] += 1

    prepared: list[_Prepared] = []
    for source in sources:
        try:
            prepared.append(prepare(source))
        except (StageError, _Bug) as exc:
            quarantine(source, exc)
    key = context.site_key
    site_by_uri = {
        item.source.source_uri: site_of(item.source.source_uri, item.page.hints, key=key) for item in prepared
    }
    sites: dict[str, list[str]] = defaultdict(list)
    for item in prepared:
        sites[site_by_uri[item.source.source_uri]].append(item.page.text)
    profiles = read_profiles(context.profile_files, sites) if context.profile_files else {}
    referenced = _reference_texts(references, out.stats, key)
    chrome: dict[str, frozenset[str]] = {}
    for site, texts in sites.items():
        if site in profiles:  # the archive knows the site: its profile stands for its other pages
            chrome[site] = site_chrome(texts, profiles[site], count_batch=count_pages)
            continue
        texts += referenced.get(site, [])
        chrome[site] = repeated_lines(texts) if len(texts) >= MIN_SITE_PAGES else frozenset()
    del sites, referenced
    # Popped as they are cleaned: each page's text and lines are let go once its document is made.
    pending = deque(prepared)
    del prepared
    _make_rows(
        pending,
        context,
        now,
        out,
        chrome,
        site_by_uri,
        rows or out.rows.extend,
        quarantine,
        stamp,
        count_pages,
    )
    return out


@dataclass(frozen=True)
class _Unchecked:
    """A document's values waiting for its chunk's validation, with what it needs after it."""

    values: dict[str, Any]
    source: SourceFile
    site: str
    text: str
    # len(out.quarantined) when it was made: where its quarantine record goes if it fails, so the
    # records keep the order of the batch's files.
    position: int


def _make_rows(
    pending: deque[_Prepared],
    context: RunContext,
    now: datetime,
    out: BatchOutput,
    chrome: Mapping[str, frozenset[str]],
    site_by_uri: Mapping[str, str],
    rows: RowSink,
    quarantine: Callable[[SourceFile, Exception], None],
    stamp: Stamp,
    count_pages: bool,
) -> None:
    """The documents of ``process_sources``: values → one validation a chunk → ``rows``."""
    unchecked: list[_Unchecked] = []

    def flush() -> None:
        checked = validate_documents([u.values for u in unchecked])
        for inserted, (index, errors) in enumerate(sorted(checked.failed.items())):
            failed = unchecked[index]
            record = quarantine_for_errors(failed.source, errors, stamp=stamp)
            out.quarantined.insert(failed.position + inserted, record)
            out.stats["quarantine.validate"] += 1
        if count_pages:
            out.site_pages.extend((unchecked[i].site, unchecked[i].text) for i in checked.indices)
        unchecked.clear()
        if checked.rows:
            out.document_count += len(checked.rows)
            rows(checked.rows)

    while pending:
        item = pending.popleft()
        site = site_by_uri[item.source.source_uri]
        try:
            values = document_values(item, context, now, out.stats, site_chrome=chrome[site])
        except (StageError, _Bug) as exc:
            quarantine(item.source, exc)
            continue
        unchecked.append(_Unchecked(values, item.source, site, item.page.text, len(out.quarantined)))
        if len(unchecked) >= ROWS_CHUNK:
            flush()
    if unchecked:
        flush()


def _read_references(
    paths: Sequence[str | Path], known: Mapping[str, str], max_bytes: int
) -> Iterator[SourceFile]:
    """The files at ``paths`` that still hold the bytes the archive knows them by."""
    for path in paths:
        try:
            source = read_source(path, max_bytes=max_bytes)
        except ReadError:
            continue  # gone or grown since it was read a moment ago: no reference, nothing lost
        if known.get(source.source_uri) == source.raw_sha256:
            yield source


def process_batch(
    paths: Sequence[str | Path],
    *,
    known: Mapping[str, str],
    context: RunContext,
    rows: RowSink | None = None,
    read_failures: Mapping[str, ArchivedReadFailure] | None = None,
) -> BatchOutput:
    """Every file of the batch as a document, a quarantine record, unchanged, or skipped.

    ``known`` maps source_uri → raw_sha256 of the bytes the archive already holds; a file whose
    bytes hash the same is not archived again, but may be decoded as a reference page of its site
    (up to ``MAX_REFERENCE_PAGES`` a site) when the batch has new pages of that site.
    ``read_failures`` are the archive's read-stage quarantine rows: the same failure again (same
    reason, same bytes) is unchanged. A file the archive holds that cannot be read now (gone, no
    permission, an I/O error) keeps its archived row and is listed as skipped, never quarantined
    in its place: the archive does not know its bytes changed. ``rows``: see ``process_sources``.
    """
    now = datetime.now(UTC)
    stamp = Stamp(context.run_id, context.pipeline_version, now)
    failures = read_failures or {}
    unreadable: list[QuarantineRecord] = []
    unchanged = 0
    skipped: list[Skipped] = []
    sources: list[SourceFile] = []
    seen: dict[str, str] = {}
    # Paths, not bytes: the unchanged files are read again only for the sites that need them.
    references: dict[str, list[str | Path]] = defaultdict(list)
    for path in paths:
        try:
            source = read_source(path, max_bytes=context.max_bytes)
        except ReadError as exc:
            uri = source_uri(path)
            seen[uri] = seen_as(exc)
            archived = failures.get(uri)
            if archived is not None and archived.same_as(exc):
                unchanged += 1
            elif exc.raw_sha256 is not None and known.get(uri) == exc.raw_sha256:
                unchanged += 1  # held whole, then the cap was lowered: the bytes are the same
            elif exc.error_type == "unreadable" and uri in known:
                # "<what> (<why>)": the run summary counts skipped rows by the part before " (".
                kept = f"unreadable now, its archived copy is kept ({exc.reason})"
                skipped.append(Skipped(path=display_path(path), reason=kept))
            else:
                unreadable.append(quarantine_for_read_error(uri, exc, stamp=stamp))
            continue
        seen[source.source_uri] = seen_as(source)
        if known.get(source.source_uri) == source.raw_sha256:
            unchanged += 1
            site_references = references[_site(source)]
            if len(site_references) < MAX_REFERENCE_PAGES:
                site_references.append(path)
        else:
            sources.append(source)
    new_sites = {_site(source) for source in sources}
    in_use = [
        reference
        for site, site_paths in references.items()
        if site in new_sites
        for reference in _read_references(site_paths, known, context.max_bytes)
    ]
    out = process_sources(sources, context=context, now=now, rows=rows, references=in_use)
    out.quarantined[:0] = unreadable
    if unreadable:
        out.stats["quarantine.read"] += len(unreadable)
    out.unchanged = unchanged
    out.skipped = skipped
    out.seen = seen
    return out
