"""``zharchive report``: one self-contained HTML page on a version of the archive, with plots.

What a version holds, counted from its tables: documents per site and per month of publication,
encodings and decode methods, quarantine by stage and kind, lines removed by rule, the length of
bodies; and the runs that made it. ``collect`` reads the counts (columns selected, never ``raw``;
documents a batch at a time), ``render`` turns them into the page, ``write_report`` does both and
writes the page atomically. Not to be confused with ``zharchive.report``, a run's own summary.

The plots are matplotlib figures drawn without a display (no pyplot, no GUI backend) as SVG whose
text stays text, inlined as ``data:`` URIs: the browser sets Chinese labels in its own fonts, and
the page loads nothing from anywhere (its Content-Security-Policy says so). Once loaded, the page
marks its ``<body>`` with ``data-plots="ok N"`` when all N images decoded (``broken: …``
otherwise), for a headless browser to check.
"""

from __future__ import annotations

import base64
import glob
import html
import io
import os
import warnings
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc
from matplotlib import font_manager, rc_context
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from zharchive import PACKAGE_VERSION
from zharchive.archive.handoff import Snapshot, refuse_damaged_log, snapshot
from zharchive.archive.lock import process_alive
from zharchive.archive.tables import naming_missing_files
from zharchive.archive.vacuum import ensure_readable
from zharchive.errors import ArchiveError, ZharchiveError
from zharchive.sources import display_path

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

# Pages give China Standard Time; a day-precision date is midnight there (16:00 UTC the day before:
# 1 March is 29 February in UTC), so a month of publication is counted in this zone, not in UTC.
PUBLICATION_ZONE = "Asia/Shanghai"
# Rows of documents read at a time: the bodies of a batch, not of the archive, are in memory.
BATCH_ROWS = 2048
# Bars in a chart, rows in a table; what is left over is said ("and 12 more").
CHART_BARS = 20
TABLE_ROWS = 50
PUBLISHER_ROWS = 20
UNDATED = "no date"

# The documents columns read: never raw, and body only as its length in characters.
_DOCUMENT_COLUMNS = (
    "source_uri",
    "published_at",
    "encoding",
    "encoding_method",
    "publisher",
    "run_id",
    "pipeline_version",
    "rules_version",
    "removed",
)
_RUN_COLUMNS = (
    "run_id",
    "started_at",
    "finished_at",
    "input_files",
    "documents_written",
    "quarantined",
    "unchanged",
    "documents_version",
    "quarantine_version",
    "rules_fired",
)

Counts = list[tuple[str, int]]


@dataclass(frozen=True)
class QuarantineKind:
    """Files quarantined at ``stage`` for one kind of reason (the first error's type), with one
    of their reasons as it reads (reasons name the file, so they seldom repeat word for word)."""

    stage: str
    kind: str
    files: int
    example: str


@dataclass(frozen=True)
class RunLine:
    run_id: str
    started_at: datetime
    seconds: float
    input_files: int
    documents_written: int
    quarantined: int
    unchanged: int
    documents_version: int | None
    quarantine_version: int | None
    lines_removed: int
    top_rules: Counts


@dataclass(frozen=True)
class ReportData:
    """Everything the page shows, counted from the tables at one version."""

    archive: str
    documents_version: int
    newest_version: int
    quarantine_version: int | None
    runs_version: int | None
    committed_at: datetime
    committed_by: str | None  # the run that committed this documents version
    documents: int
    quarantined: int
    sites: Counts
    months: Counts  # "YYYY-MM" in PUBLICATION_ZONE, every month from the first to the last
    undated: int
    encodings: Counts
    methods: Counts
    encoding_methods: list[tuple[str, str, int]]
    publishers: Counts
    quarantine_stages: Counts
    quarantine_kinds: list[QuarantineKind]
    rules: Counts  # lines removed from this version's documents, by rule
    body_chars: npt.NDArray[np.int64]  # each document's body length in characters
    document_runs: Counts  # run → documents of this version it wrote
    pipeline_versions: Counts
    rules_versions: Counts
    runs: list[RunLine]

    @property
    def characters(self) -> int:
        return int(self.body_chars.sum())

    @property
    def lines_removed(self) -> int:
        return sum(n for _, n in self.rules)


def _ranked(counter: Counter[str]) -> Counts:
    """Most first; ties by key, so the same version always gives the same page."""
    return sorted(((str(k), int(n)) for k, n in counter.items()), key=lambda kn: (-kn[1], kn[0]))


def _uri_folder(uri: str) -> tuple[str, PurePosixPath | None]:
    """(host, None) for a web URI; ("", folder) for a file URI."""
    parts = urlsplit(uri)
    if parts.scheme != "file" and parts.netloc:
        return parts.netloc.lower(), None
    return "", PurePosixPath(unquote(parts.path, errors="backslashreplace")).parent


def site_names(folders: Iterable[PurePosixPath]) -> dict[PurePosixPath, str]:
    """Each source folder's site: the first folder below the folder all of them share (a crawl kept
    as crawl/<site>/…), or the shared folder's own name for files directly in it."""
    distinct = sorted(set(folders))
    if not distinct:
        return {}
    common = PurePosixPath(os.path.commonpath([str(f) for f in distinct]))
    names: dict[PurePosixPath, str] = {}
    for folder in distinct:
        below = folder.relative_to(common).parts
        names[folder] = below[0] if below else (common.name or str(common))
    return names


def _month_range(counts: Counter[str]) -> Counts:
    """Every month from the first to the last (a month without documents is a 0, not a gap)."""
    if not counts:
        return []
    first, last = min(counts), max(counts)
    year, month = int(first[:4]), int(first[5:7])
    months: Counts = []
    while f"{year:04d}-{month:02d}" <= last:
        key = f"{year:04d}-{month:02d}"
        months.append((key, counts.get(key, 0)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _strings(column: pa.ChunkedArray | pa.Array, missing: str = "—") -> list[str]:
    return [missing if v is None or v == "" else str(v) for v in column.to_pylist()]


def collect(archive: Path, *, version: int | None = None) -> ReportData:
    """Count what the archive holds at documents ``version`` (default: the newest), with the
    quarantine and runs of that version as ``zharchive export`` pairs them. Raises ``ArchiveError``
    with one line for a person: no archive there, no such version, a damaged log, a file gone."""
    root = Path(archive)
    if not root.is_dir():
        raise ArchiveError(f"no archive at {root.resolve()}: the folder does not exist")
    with naming_missing_files(archive):
        logs = refuse_damaged_log(archive)
        documents_log = logs["documents"]
        if documents_log is None or documents_log.newest is None:
            raise ArchiveError(
                f"{root.resolve()} has no documents table (is it a zharchive archive? "
                "`zharchive ingest SOURCE --archive DIR` makes one)"
            )
        if version is not None:
            ensure_readable(archive, version=version)  # else a vacuumed version reads as damage
        snap = snapshot(archive, version=version, logs=logs)
        return _collect(root, snap, newest=documents_log.newest)


@dataclass
class _Tally:
    """The documents' counts, added up a batch of rows at a time."""

    hosts: Counter[str] = field(default_factory=Counter)
    folders: Counter[PurePosixPath] = field(default_factory=Counter)
    months: Counter[str] = field(default_factory=Counter)
    undated: int = 0
    encodings: Counter[str] = field(default_factory=Counter)
    methods: Counter[str] = field(default_factory=Counter)
    pairs: Counter[tuple[str, str]] = field(default_factory=Counter)
    publishers: Counter[str] = field(default_factory=Counter)
    rules: Counter[str] = field(default_factory=Counter)
    runs: Counter[str] = field(default_factory=Counter)
    pipelines: Counter[str] = field(default_factory=Counter)
    rule_sets: Counter[str] = field(default_factory=Counter)
    lengths: list[npt.NDArray[np.int64]] = field(default_factory=list)

    def add(self, batch: pa.RecordBatch) -> None:
        for uri in batch.column("source_uri").to_pylist():
            host, folder = _uri_folder(uri)
            if folder is None:
                self.hosts[host] += 1
            else:
                self.folders[folder] += 1
        published = batch.column("published_at")
        self.undated += published.null_count
        local = pc.strftime(published.cast(pa.timestamp("us", tz=PUBLICATION_ZONE)), format="%Y-%m")
        self.months.update(month for month in local.to_pylist() if month is not None)
        encodings = _strings(batch.column("encoding"))
        methods = _strings(batch.column("encoding_method"))
        self.encodings.update(encodings)
        self.methods.update(methods)
        self.pairs.update(zip(encodings, methods, strict=True))
        self.publishers.update(_strings(batch.column("publisher"), missing="(none)"))
        self.runs.update(_strings(batch.column("run_id")))
        self.pipelines.update(_strings(batch.column("pipeline_version")))
        self.rule_sets.update(_strings(batch.column("rules_version")))
        removed = pc.list_flatten(batch.column("removed"))
        if len(removed):
            self.rules.update(_strings(pc.struct_field(removed, "rule_id")))
        self.lengths.append(batch.column("body_chars").to_numpy(zero_copy_only=False).astype(np.int64))

    def sites(self) -> Counter[str]:
        sites = Counter(self.hosts)
        for folder, name in site_names(self.folders).items():
            sites[name] += self.folders[folder]
        return sites


def _collect(root: Path, snap: Snapshot, *, newest: int) -> ReportData:
    columns = {name: pc.field(name) for name in _DOCUMENT_COLUMNS}
    columns["body_chars"] = pc.utf8_length(pc.field("body"))  # the length is read, not the body
    scanner = snap.tables["documents"].to_pyarrow_dataset().scanner(columns=columns, batch_size=BATCH_ROWS)
    tally = _Tally()
    for batch in scanner.to_batches():
        if batch.num_rows:
            tally.add(batch)

    quarantine = snap.tables.get("quarantine")
    stages: Counter[str] = Counter()
    kinds: Counter[tuple[str, str]] = Counter()
    examples: dict[tuple[str, str], str] = {}
    if quarantine is not None:
        rows = quarantine.to_pyarrow_table(columns=["source_uri", "stage", "reason", "errors"])
        for row in rows.sort_by("source_uri").to_pylist():
            errors = row["errors"] or []
            key = (row["stage"] or "—", (errors[0]["type"] if errors else None) or "—")
            stages[key[0]] += 1
            kinds[key] += 1
            examples.setdefault(key, row["reason"] or "")
    quarantine_kinds = [
        QuarantineKind(stage, kind, n, examples[(stage, kind)])
        for (stage, kind), n in sorted(kinds.items(), key=lambda kn: (-kn[1], kn[0]))
    ]
    runs = _run_lines(snap.runs)
    committed_by = next((r.run_id for r in runs if r.documents_version == snap.documents_version), None)
    body_chars = np.concatenate(tally.lengths) if tally.lengths else np.zeros(0, dtype=np.int64)
    return ReportData(
        archive=str(root.resolve()),
        documents_version=snap.documents_version,
        newest_version=newest,
        quarantine_version=None if quarantine is None else quarantine.version(),
        runs_version=snap.tables["runs"].version() if "runs" in snap.tables else None,
        committed_at=snap.committed_at,
        committed_by=committed_by,
        documents=len(body_chars),
        quarantined=sum(stages.values()),
        sites=_ranked(tally.sites()),
        months=_month_range(tally.months),
        undated=tally.undated,
        encodings=_ranked(tally.encodings),
        methods=_ranked(tally.methods),
        encoding_methods=[
            (e, m, n) for (e, m), n in sorted(tally.pairs.items(), key=lambda kn: (-kn[1], kn[0]))
        ],
        publishers=_ranked(tally.publishers),
        quarantine_stages=_ranked(stages),
        quarantine_kinds=quarantine_kinds,
        rules=_ranked(tally.rules),
        body_chars=body_chars,
        document_runs=_ranked(tally.runs),
        pipeline_versions=_ranked(tally.pipelines),
        rules_versions=_ranked(tally.rule_sets),
        runs=runs,
    )


def _run_lines(runs: pa.Table) -> list[RunLine]:
    if not runs.num_rows:
        return []
    lines = []
    for row in runs.select(list(_RUN_COLUMNS)).sort_by("started_at").to_pylist():
        fired = Counter({c["key"]: int(c["count"]) for c in row["rules_fired"] or []})
        lines.append(
            RunLine(
                run_id=row["run_id"],
                started_at=row["started_at"],
                seconds=(row["finished_at"] - row["started_at"]).total_seconds(),
                input_files=row["input_files"],
                documents_written=row["documents_written"],
                quarantined=row["quarantined"],
                unchanged=row["unchanged"],
                documents_version=row["documents_version"],
                quarantine_version=row["quarantine_version"],
                lines_removed=sum(fired.values()),
                top_rules=_ranked(fired)[:3],
            )
        )
    return lines


# ---------------------------------------------------------------------------------------------
# Plots

_ACCENT = "#2f6f8f"
_SECOND = "#c2703d"
# Fonts tried for Chinese labels when matplotlib measures them (the browser draws them in its own):
# the first installed one is a fallback after DejaVu Sans, whose glyphs have no Han characters.
_CJK_FONTS = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Droid Sans Fallback",
    "AR PL UMing CN",
)


def _style() -> dict[RcKeyType, Any]:
    installed = {f.name for f in font_manager.fontManager.ttflist}
    return {
        "svg.fonttype": "none",  # text as <text>: the browser's fonts, CJK included
        "svg.hashsalt": "zharchive",  # the same ids in every drawing of the same counts
        "font.family": "sans-serif",
        "font.sans-serif": ["DejaVu Sans", *(f for f in _CJK_FONTS if f in installed)],
        "font.size": 9,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.titlesize": 10,
        "axes.titleweight": "bold",
        "axes.titlelocation": "left",
    }


def _svg(figure: Figure) -> str:
    """The figure as an SVG ``data:`` URI (no date in it: the same counts give the same bytes)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _figure(width: float, height: float) -> Figure:
    return Figure(figsize=(width, height), layout="constrained")


def _short(label: str, limit: int = 36) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _barh(title: str, counts: Counts, *, color: str = _ACCENT, unit: str = "documents") -> str:
    """Horizontal bars, largest on top; the rest past CHART_BARS said in the title."""
    shown = counts[:CHART_BARS]
    rest = len(counts) - len(shown)
    figure = _figure(6.4, 0.6 + 0.26 * max(len(shown), 2))
    axes = figure.add_subplot()
    labels = [_short(k) for k, _ in shown][::-1]
    values = [n for _, n in shown][::-1]
    bars = axes.barh(range(len(values)), values, color=color, height=0.7)
    axes.set_yticks(range(len(values)), labels)
    axes.bar_label(bars, labels=[f"{v:,}" for v in values], padding=3, fontsize=8)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_xlabel(unit)
    axes.margins(x=0.12)
    axes.set_title(title + (f" (top {len(shown)} of {len(counts)})" if rest else ""))
    return _svg(figure)


def _months_chart(months: Counts, undated: int) -> str:
    by_year = len(months) > 48
    if by_year:
        years: Counter[str] = Counter()
        for month, n in months:
            years[month[:4]] += n
        months = sorted(years.items())
    figure = _figure(6.4, 2.6)
    axes = figure.add_subplot()
    positions = range(len(months))
    axes.bar(positions, [n for _, n in months], color=_ACCENT, width=0.8)
    step = max(1, len(months) // 16)
    axes.set_xticks(list(positions)[::step], [m for m, _ in months][::step], rotation=45, ha="right")
    axes.set_ylabel("documents")
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    zone = f"by {'year' if by_year else 'month'} of publication ({PUBLICATION_ZONE})"
    axes.set_title(f"Documents {zone}" + (f"; {undated} without a date" if undated else ""))
    return _svg(figure)


def _lengths_chart(body_chars: npt.NDArray[np.int64]) -> str:
    figure = _figure(6.4, 2.6)
    axes = figure.add_subplot()
    low, high = int(body_chars.min()), int(body_chars.max())
    logarithmic = low > 0 and high / low > 20
    count = int(min(40, max(6, np.sqrt(len(body_chars)) * 2)))
    if logarithmic:
        bins = np.geomspace(low, high, count + 1)
        axes.set_xscale("log")
    else:
        bins = np.linspace(low, max(high, low + 1), count + 1)
    axes.hist(body_chars, bins=bins.tolist(), color=_SECOND, edgecolor="white", linewidth=0.5)
    axes.set_xlabel("characters in the body" + (" (log scale)" if logarithmic else ""))
    axes.set_ylabel("documents")
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    median = float(np.median(body_chars))
    axes.axvline(median, color="#333333", linewidth=1, linestyle="--")
    axes.annotate(
        f"median {median:,.0f}",
        (median, 1),
        xycoords=("data", "axes fraction"),
        xytext=(4, -12),
        textcoords="offset points",
        fontsize=8,
    )
    axes.set_title("Length of bodies")
    return _svg(figure)


@dataclass(frozen=True)
class Plot:
    title: str  # the image's alt text
    uri: str


def plots(data: ReportData) -> dict[str, Plot]:
    """The page's plots by section; a section with nothing to count has none."""
    made: dict[str, Plot] = {}
    with rc_context(_style()), warnings.catch_warnings():
        # Without a CJK font installed, matplotlib measures a Han label with DejaVu's box for a
        # missing glyph and says so per character; the browser draws it properly all the same.
        warnings.filterwarnings("ignore", message="Glyph .* missing from font", category=UserWarning)
        if data.sites:
            made["sites"] = Plot("Documents per site", _barh("Documents per site", data.sites))
        if data.months:
            made["months"] = Plot("Documents per month", _months_chart(data.months, data.undated))
        if data.encodings:
            made["encodings"] = Plot("Encodings", _barh("Encodings", data.encodings))
            made["methods"] = Plot("Decode methods", _barh("Decode methods", data.methods, color=_SECOND))
        if data.quarantine_stages:
            made["quarantine"] = Plot(
                "Quarantine by stage",
                _barh("Quarantined files by stage", data.quarantine_stages, color="#a33b3b", unit="files"),
            )
        if data.rules:
            made["rules"] = Plot(
                "Lines removed by rule",
                _barh("Lines removed by rule", data.rules, unit="lines removed"),
            )
        if len(data.body_chars):
            made["lengths"] = Plot("Length of bodies", _lengths_chart(data.body_chars))
    return made


# ---------------------------------------------------------------------------------------------
# The page

_CSS = """
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC",
       "PingFang SC", "Microsoft YaHei", sans-serif; color: #1d2327; background: #f6f7f8; margin: 0; }
main { max-width: 1180px; margin: 0 auto; padding: 24px 28px 48px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 0 0 10px; }
.sub { color: #5a6570; margin: 0 0 18px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 12px;
         margin: 18px 0; }
.card { background: #fff; border-radius: 8px; padding: 12px 14px; box-shadow: 0 1px 2px #0001; }
.card b { display: block; font-size: 24px; font-variant-numeric: tabular-nums; }
.card span { color: #5a6570; font-size: 13px; }
section { background: #fff; border-radius: 8px; padding: 18px 20px; margin: 16px 0;
          box-shadow: 0 1px 2px #0001; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 18px;
        align-items: start; }
img { width: 100%; height: auto; display: block; }
table { border-collapse: collapse; font-size: 13px; width: 100%; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #e4e7ea; vertical-align: top; }
th { color: #5a6570; font-weight: 600; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.meta th { width: 220px; }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; word-break: break-all; }
.note { color: #5a6570; font-size: 13px; margin: 6px 0 0; }
.note + .scroll { margin-top: 16px; }
.scroll { max-height: 430px; overflow-y: auto; }
.scroll thead th { position: sticky; top: 0; background: #fff; }
#runs td:first-child { white-space: nowrap; }
"""

# Nothing from outside: every image is a data: URI, style and script are in the page.
_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'"

# Sets data-plots on <body> once every image decoded, for a headless browser to read (and a
# person to see, should one have not).
_SCRIPT = """
window.addEventListener("load", () => {
  const images = Array.from(document.images);
  const broken = images.filter((i) => !(i.complete && i.naturalWidth > 0)).map((i) => i.alt);
  document.body.dataset.plots = broken.length ? "broken: " + broken.join("; ") : "ok " + images.length;
  if (broken.length) {
    const warn = document.createElement("p");
    warn.textContent = "Plots that did not render: " + broken.join(", ");
    warn.style.color = "#a33b3b";
    document.querySelector("main").prepend(warn);
  }
});
"""


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _n(value: int) -> str:
    return f"{value:,}"


def _table(
    head: Sequence[str], rows: Sequence[Sequence[object]], *, numeric: set[int], limit: int = TABLE_ROWS
) -> str:
    """An HTML table in a box that scrolls past a screenful; columns ``numeric`` right-aligned; the
    rows past ``limit`` counted, not shown."""
    if not rows:
        return '<p class="note">None at this version.</p>'
    cells = "".join(
        f'<th class="n">{_e(h)}</th>' if i in numeric else f"<th>{_e(h)}</th>" for i, h in enumerate(head)
    )
    body = []
    for row in rows[:limit]:
        body.append(
            "<tr>"
            + "".join(
                f'<td class="n">{_n(v) if isinstance(v, int) else _e(v)}</td>'
                if i in numeric
                else f"<td>{_e(v)}</td>"
                for i, v in enumerate(row)
            )
            + "</tr>"
        )
    more = len(rows) - limit
    note = f'<p class="note">and {_n(more)} more</p>' if more > 0 else ""
    table = f"<table><thead><tr>{cells}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    return f'<div class="scroll">{table}</div>{note}'


def _counts_table(head: tuple[str, str], counts: Counts, *, limit: int = TABLE_ROWS) -> str:
    return _table(head, counts, numeric={1}, limit=limit)


def _img(plot: Plot | None) -> str:
    if plot is None:
        return ""
    return f'<img src="{plot.uri}" alt="{_e(plot.title)}">'


def _section(title: str, *parts: str, anchor: str) -> str:
    cells = "".join(f"<div>{part}</div>" for part in parts if part)
    return f'<section id="{anchor}"><h2>{_e(title)}</h2><div class="grid">{cells}</div></section>'


def _plural(count: int, word: str) -> str:
    return f"{_n(count)} {word}" if count == 1 else f"{_n(count)} {word}s"


def _versions_line(counts: Counts) -> str:
    return "<br>".join(f"<code>{_e(v)}</code> ({_plural(n, 'document')})" for v, n in counts) or "—"


def render(data: ReportData) -> str:
    """The page, as one string of HTML with everything it shows in it."""
    made = plots(data)
    version_note = (
        "the newest"
        if data.documents_version == data.newest_version
        else f"the newest is {data.newest_version}"
    )
    cards = [
        (_n(data.documents), "documents"),
        (_n(data.quarantined), "quarantined files"),
        (_n(len(data.sites)), "sites"),
        (_n(data.characters), "characters in bodies"),
        (_n(data.lines_removed), "lines removed"),
        (_n(len(data.runs)), "runs"),
    ]
    meta_rows = [
        ("archive", f"<code>{_e(data.archive)}</code>"),
        ("documents version", f"{data.documents_version} ({version_note})"),
        ("quarantine version", "—" if data.quarantine_version is None else str(data.quarantine_version)),
        ("runs version", "—" if data.runs_version is None else str(data.runs_version)),
        ("committed", f"{data.committed_at.astimezone(UTC):%Y-%m-%d %H:%M:%S} UTC"),
        ("committed by run", f"<code>{_e(data.committed_by or '—')}</code>"),
        ("documents written by", _versions_line(data.document_runs)),
        ("pipeline versions", _versions_line(data.pipeline_versions)),
        ("rules versions", _versions_line(data.rules_versions)),
        ("report made by", f"zharchive {_e(PACKAGE_VERSION)}"),
    ]
    meta = "".join(f"<tr><th>{_e(k)}</th><td>{v}</td></tr>" for k, v in meta_rows)
    body_stats = '<p class="note">No documents at this version.</p>'
    if len(data.body_chars):
        quantiles = np.percentile(data.body_chars, [10, 50, 90])
        body_stats = _table(
            ("documents", "shortest", "10 %", "median", "90 %", "longest", "characters"),
            [
                (
                    len(data.body_chars),
                    int(data.body_chars.min()),
                    *(round(float(q)) for q in quantiles),
                    int(data.body_chars.max()),
                    data.characters,
                )
            ],
            numeric=set(range(7)),
        )
    quarantine_table = _table(
        ("stage", "kind", "files", "example reason"),
        [(q.stage, q.kind, q.files, q.example) for q in data.quarantine_kinds],
        numeric={2},
    )
    runs_table = _table(
        (
            "run",
            "started (UTC)",
            "seconds",
            "files",
            "written",
            "quar.",
            "unch.",
            "documents v",
            "lines removed",
            "top rules",
        ),
        [
            (
                r.run_id,
                f"{r.started_at.astimezone(UTC):%Y-%m-%d %H:%M:%S}",
                f"{r.seconds:.1f}",
                r.input_files,
                r.documents_written,
                r.quarantined,
                r.unchanged,
                "—" if r.documents_version is None else str(r.documents_version),
                r.lines_removed,
                ", ".join(f"{k} {n}" for k, n in r.top_rules) or "—",
            )
            for r in data.runs
        ],
        numeric={2, 3, 4, 5, 6, 7, 8},
    )
    undated = [(UNDATED, data.undated)] if data.undated else []
    sections = [
        _section(
            "Documents per site",
            _img(made.get("sites")),
            _counts_table(("site", "documents"), data.sites)
            + '<p class="note">A site is a URI\'s host, or for files the first folder below the folder all '
            "the sources share.</p>"
            + _counts_table(("publisher", "documents"), data.publishers, limit=PUBLISHER_ROWS),
            anchor="sites",
        ),
        _section(
            "Documents per month of publication",
            _img(made.get("months")),
            _counts_table(("month", "documents"), [m for m in data.months if m[1]] + undated)
            + f'<p class="note">Months in {PUBLICATION_ZONE} time, as the pages give dates '
            "(<code>published_at</code> is stored in UTC).</p>",
            anchor="months",
        ),
        _section(
            "Encodings and decode methods",
            _img(made.get("encodings")) + _img(made.get("methods")),
            _table(
                ("encoding", "method", "documents"),
                data.encoding_methods,
                numeric={2},
            ),
            anchor="encodings",
        ),
        _section(
            "Quarantine",
            _img(made.get("quarantine")),
            quarantine_table if data.quarantine_kinds else "<p>Nothing is in quarantine at this version.</p>",
            anchor="quarantine",
        ),
        _section(
            "Rules fired",
            _img(made.get("rules")),
            _counts_table(("rule", "lines removed"), data.rules)
            + '<p class="note">Lines removed from the bodies of this version\'s documents (the '
            "<code>removed</code> column), by rule; the runs below give each run's own counts.</p>",
            anchor="rules",
        ),
        _section("Length of bodies", _img(made.get("lengths")), body_stats, anchor="lengths"),
        _section("Runs", runs_table, anchor="runs"),
    ]
    title = f"zharchive report: documents version {data.documents_version}"
    committed = f"{data.committed_at.astimezone(UTC):%Y-%m-%d %H:%M}"
    cards_html = "".join(f"<div class='card'><b>{v}</b><span>{_e(k)}</span></div>" for v, k in cards)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{_CSP}">
<meta name="generator" content="zharchive {_e(PACKAGE_VERSION)}">
<title>{_e(title)}</title>
<style>{_CSS}</style>
<script>{_SCRIPT}</script>
</head>
<body>
<main>
<h1>{_e(title)}</h1>
<p class="sub"><code>{_e(data.archive)}</code>, committed {committed} UTC</p>
<div class="cards">{cards_html}</div>
<section id="header"><h2>Version</h2><table class="meta">{meta}</table></section>
{"".join(sections)}
</main>
</body>
</html>
"""


def _remove_dead_partials(out: Path) -> None:
    """What a report killed mid-write left beside ``out``, once its process is gone."""
    for stale in out.parent.glob(f".{glob.escape(out.name)}.*.partial"):
        pid = stale.name.removeprefix(f".{out.name}.").removesuffix(".partial")
        if pid.isdigit() and not process_alive(int(pid)):
            stale.unlink(missing_ok=True)


def write_report(archive: Path, out: Path, *, version: int | None = None) -> ReportData:
    """Count the archive at ``version`` and write the page to ``out``: under a temporary name
    beside it, flushed, then renamed over it, so ``out`` is the old page or the whole new one."""
    data = collect(archive, version=version)
    page = render(data)
    partial = out.with_name(f".{out.name}.{os.getpid()}.partial")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        _remove_dead_partials(out)
        with open(partial, "w", encoding="utf-8") as file:
            file.write(page)
            file.flush()
            os.fsync(file.fileno())
        os.replace(partial, out)
    except OSError as exc:
        raise ZharchiveError(f"cannot write {display_path(out)}: {exc.strerror or exc}") from exc
    finally:
        partial.unlink(missing_ok=True)
    return data
