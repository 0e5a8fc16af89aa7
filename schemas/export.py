"""Write each record model's JSON Schema to schemas/<name>.schema.json (`make schemas`)."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from schemas.models import ArchivedDocument, DecodeResult, QuarantineRecord, RunRecord, SourceFile

EXPORTED: dict[str, type[BaseModel]] = {
    "source_file": SourceFile,
    "decode_result": DecodeResult,
    "archived_document": ArchivedDocument,
    "quarantine_record": QuarantineRecord,
    "run_record": RunRecord,
}
SCHEMA_DIR = Path(__file__).resolve().parent


def render(model: type[BaseModel]) -> str:
    return json.dumps(model.model_json_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def schema_files() -> dict[Path, str]:
    return {SCHEMA_DIR / f"{name}.schema.json": render(model) for name, model in EXPORTED.items()}


def main() -> None:
    for path, text in schema_files().items():
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(SCHEMA_DIR.parent)}")


if __name__ == "__main__":
    main()
