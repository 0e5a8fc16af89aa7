"""The records that cross a stage boundary, as Pydantic v2 models.

Stages hand each other these records and nothing else: discover → ``SourceFile`` (with its bytes),
decode → ``DecodeResult``, clean/extract → ``ArchivedDocument`` (validated here), anything that
fails → ``QuarantineRecord``, and one ``RunRecord`` per run. The Delta tables' columns are the
fields of the last three; their JSON Schemas are exported next to this file.
"""

from __future__ import annotations

import codecs
import hashlib
from datetime import datetime
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    NonNegativeInt,
    model_validator,
)

# The version of the tables' columns this code writes: schemas/versions.py and schemas/CHANGELOG.md
# say what each version changed (every zharchive before 1.3.0 stamped "1.0.0").
SCHEMA_VERSION = "1.4.0"

Sha256Hex = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$", description="lower-case hex sha256")]
FileUri = Annotated[
    str,
    Field(
        pattern=r"^(file|s3)://",
        description="file:// URI of the absolute path, or the s3://bucket/key of an object",
    ),
]
Confidence = Annotated[float, Field(ge=0.0, le=1.0)]

Stage = Literal["read", "decode", "clean", "extract", "validate"]
DecodeMethod = Literal["bom", "utf8", "utf16_heuristic", "detector", "line_by_line", "replacement"]


def _utc_aware(value: datetime) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("timestamp must be time-zone aware")
    return value


UtcDateTime = Annotated[datetime, AfterValidator(_utc_aware)]


def _known_codec(name: str) -> str:
    try:
        codecs.lookup(name)
    except LookupError as exc:
        raise ValueError(f"{name!r} is not a Python codec") from exc
    return name


CodecName = Annotated[str, AfterValidator(_known_codec)]


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", ser_json_bytes="base64", val_json_bytes="base64")


class SourceFile(_Record):
    """One regular file found under a source, with its exact bytes."""

    source_uri: FileUri
    path: str = Field(description="absolute path as the file system gave it (surrogate-escaped if not UTF-8)")
    size: NonNegativeInt
    raw_sha256: Sha256Hex
    raw: bytes = Field(repr=False)

    @model_validator(mode="after")
    def _bytes_match_their_hash(self) -> SourceFile:
        if len(self.raw) != self.size:
            raise ValueError(f"size {self.size} does not match the {len(self.raw)} bytes read")
        if hashlib.sha256(self.raw).hexdigest() != self.raw_sha256:
            raise ValueError("raw_sha256 does not match the bytes")
        return self


class DecodeResult(_Record):
    """How a file's bytes became text, and how sure we are."""

    text: str = Field(repr=False)
    encoding: CodecName = Field(description="codec for which raw.decode(encoding) gives the text back")
    confidence: Confidence
    method: DecodeMethod
    flags: list[str] = Field(default_factory=list)


class RemovedLine(_Record):
    """A line of the decoded text that is not in the body, and the rule that took it out."""

    line_no: Annotated[int, Field(ge=1, description="1-based line number in the decoded text")]
    text: str
    rule_id: str


class Repair(_Record):
    """A change made to the text of a kept line (damage undone, white space normalised)."""

    line_no: Annotated[int, Field(ge=1)]
    rule_id: str
    before: str
    after: str


class ArchivedDocument(_Record):
    """One row of ARCHIVE/documents: a cleaned article with its exact source bytes and provenance."""

    doc_id: Annotated[str, Field(pattern=r"^[0-9a-f]{20}$")]
    source_uri: FileUri
    raw_sha256: Sha256Hex
    raw: bytes = Field(repr=False)
    size: NonNegativeInt
    encoding: CodecName
    encoding_confidence: Confidence
    encoding_method: DecodeMethod
    decode_flags: list[str]
    title: Annotated[str, Field(min_length=1)] | None
    published_at: UtcDateTime | None = Field(description="UTC; pages give China Standard Time")
    published_precision: Literal["day", "minute", "second"] | None = Field(
        description="what the page gave: a day-precision date is midnight Asia/Shanghai"
    )
    publisher: str | None
    author: str | None
    editors: list[str]
    agency: str | None
    doc_number: str | None
    index_number: str | None
    script: Literal["Hans", "Hant"] | None = Field(
        description="Simplified or Traditional; None without Han text"
    )
    body: Annotated[str, Field(min_length=1)]
    body_simplified: str | None = Field(
        description="the body converted to Simplified (OpenCC t2s) when script is Hant"
    )
    clean_flags: list[str] | None = Field(
        description="damage found but not repaired exactly, and other cleaning caveats; None: not "
        "recorded (a row made by schema 1.0.0, before the column existed, and upgraded)"
    )
    removed: list[RemovedLine]
    repairs: list[Repair]
    run_id: str
    pipeline_version: str
    rules_version: str
    schema_version: str
    ingested_at: UtcDateTime = Field(
        description="when the run that first archived these bytes began its first batch, the same for "
        "every document of that run; kept by --reprocess, which re-cleans the same bytes. With doc_id, "
        "the archive's order of documents (near_duplicate_of names the earliest match)"
    )
    minhash: Annotated[bytes, Field(min_length=512, max_length=512)] | None = Field(
        repr=False,
        description="MinHash signature of the Simplified body's 5-character Han shingles: 128 "
        "little-endian uint32 (zharchive.near_duplicates); None below 60 Han characters",
    )
    near_duplicate_of: Annotated[str, Field(pattern=r"^[0-9a-f]{20}$")] | None = Field(
        description="doc_id of the earliest document (ingested_at, then doc_id) archived before this "
        "one whose signature it matches; None: none does, or not compared. Set when the run commits"
    )
    near_duplicate_score: Confidence | None = Field(
        description="estimated Jaccard similarity of the shingles with near_duplicate_of's"
    )

    @model_validator(mode="after")
    def _raw_is_what_was_hashed(self) -> ArchivedDocument:
        if len(self.raw) != self.size or hashlib.sha256(self.raw).hexdigest() != self.raw_sha256:
            raise ValueError("raw bytes do not match raw_sha256/size")
        return self


class ErrorDetail(_Record):
    """Why a file was quarantined; Pydantic's own error details where validation failed."""

    loc: list[str]
    msg: str
    type: str


class QuarantineRecord(_Record):
    """One row of ARCHIVE/quarantine: a file that did not become a document, kept whole."""

    source_uri: FileUri
    raw_sha256: Sha256Hex | None = Field(description="None only when the file could not be read at all")
    raw: bytes | None = Field(repr=False, description="the exact bytes; None when unreadable or too large")
    size: NonNegativeInt | None
    stage: Stage
    reason: Annotated[str, Field(min_length=1, description="one line a person understands")]
    errors: Annotated[list[ErrorDetail], Field(min_length=1)]
    run_id: str
    pipeline_version: str
    quarantined_at: UtcDateTime


class Count(_Record):
    key: str
    count: NonNegativeInt


class Skipped(_Record):
    """A path under a source that was not read as a file, and why (directory, link, not .txt...)."""

    path: str
    reason: str


class AddedFile(_Record):
    """A Parquet file a run's commit added to a table, as the Delta log lists it, with its sha256."""

    table: Literal["documents", "quarantine"]
    path: str
    size: NonNegativeInt
    sha256: Sha256Hex


class RunRecord(_Record):
    """One row of ARCHIVE/runs: what a run read, wrote and with which versions of everything."""

    run_id: str
    flow_run_id: str | None
    started_at: UtcDateTime
    finished_at: UtcDateTime
    sources: list[str]
    archive: str
    parameters: str = Field(description="the run's parameters as a JSON object")
    input_files: NonNegativeInt
    documents_written: NonNegativeInt
    quarantined: NonNegativeInt
    unchanged: NonNegativeInt
    skipped: list[Skipped]
    documents_version: int | None = Field(description="documents table version this run committed")
    quarantine_version: int | None = Field(description="quarantine table version this run committed")
    added_files: list[AddedFile] | None = Field(
        description="every data file the run's commits added, for fixity checks; None: not recorded "
        "(a run made by schema 1.1.0 or earlier, before the column existed, and upgraded)"
    )
    encodings: list[Count]
    decode_methods: list[Count]
    rules_fired: list[Count]
    quarantine_stages: list[Count]
    pipeline_version: str
    rules_version: str
    schema_version: str


# The documents' lists of records the columnar path carries as columns (one list a field of the
# record: zharchive.stages.audit.as_columns), not a dict a record: ~32 records a generated page.
# Here, beside the models, because both validation (zharchive.stages.validate) and staging
# (zharchive.archive.staging, which may not import a stage) read it.
RECORD_COLUMNS: dict[str, type[RemovedLine | Repair]] = {"removed": RemovedLine, "repairs": Repair}
