"""A workbook written by ``python -m matrix export --format xlsx`` -> raw records.

The Projects sheet already holds the split fields; provenance is the sheet row (and the
original source line, kept in its own column). Headers are recognised in any of the
six languages the exports are written in.
"""
from __future__ import annotations

import zipfile
from pathlib import Path

from loaders.records import LoadResult, RawRecord, SourceMeta
from matrix.errors import MatrixError
from matrix.quality import Issue

REQUIRED = ("pillar", "serial", "title", "status", "activities", "geography", "entities", "duration_text")


def _reverse(messages: dict[str, str]) -> dict[str, str]:
    """translated text (casefolded, in any of the six languages) -> key, for each key's message."""
    from matrix.i18n import LANGUAGES, translate

    return {translate(message, lang).strip().casefold(): key for lang in LANGUAGES for key, message in messages.items()}


def _header_lookup() -> dict[str, str]:
    from matrix.vocabulary import HEADERS

    lookup = _reverse(HEADERS)
    for column in HEADERS:
        lookup[column.casefold()] = column  # the contract's own names work too
    return lookup


def _vocabulary_lookup() -> dict[str, dict[str, str]]:
    """Cells a workbook in another language writes translated: back to the canonical words."""
    from matrix.model import PILLAR_NAMES, STATUSES

    return {"status": _reverse({s: s for s in STATUSES}), "pillar_name": _reverse({n: n for n in PILLAR_NAMES.values()})}


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def load_xlsx(path: str | Path) -> LoadResult:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    from matrix.model import parse_pillar

    path = Path(path)
    source = str(path)
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise MatrixError(f"not a readable .xlsx workbook ({type(exc).__name__})", file=source) from None
    lookup = _header_lookup()
    try:
        for ws in wb.worksheets:
            rows = ws.iter_rows(values_only=True)
            header = next(rows, None)
            if not header:
                continue
            columns = {i: lookup.get(_text(h).casefold()) for i, h in enumerate(header)}
            found = set(columns.values())
            if not {"pillar", "serial", "title"} <= found:
                continue
            missing = [c for c in REQUIRED if c not in found]
            if missing:
                raise MatrixError(f"sheet {ws.title!r} lacks column(s) {', '.join(missing)}", file=source, line=1)
            return _records(source, ws.title, columns, rows, parse_pillar)
    finally:
        wb.close()
    raise MatrixError("no matrix found: no sheet with Project ID, Pillar, Serial and Title headers", file=source)


def _records(source, sheet, columns, rows, parse_pillar) -> LoadResult:
    meta = SourceMeta(source=source)
    words = _vocabulary_lookup()

    def canonical(column: str, value) -> str:
        text = _text(value)
        return words[column].get(text.casefold(), text)

    records: list[RawRecord] = []
    issues: list[Issue] = []
    for number, row in enumerate(rows, start=2):
        values = {columns[i]: v for i, v in enumerate(row) if columns.get(i)}
        if not any(_text(v) for v in values.values()):
            continue
        pillar = parse_pillar(_text(values.get("pillar")))
        if pillar is None:
            issues.append(Issue("malformed_row", f"sheet {sheet!r}: pillar {_text(values.get('pillar'))!r} is not I..IV; not counted", line=number))
            continue
        serial = _text(values.get("serial"))
        if values.get("pillar_name"):
            meta.pillar_names.setdefault(pillar, canonical("pillar_name", values["pillar_name"]))
        line = values.get("source_line")
        records.append(RawRecord(
            source=source, line=number, pillar=pillar, serial=serial,
            status=canonical("status", values.get("status")), activities=_text(values.get("activities")),
            geography=_text(values.get("geography")), title=_text(values.get("title")),
            duration_text=_text(values.get("duration_text")),
            entities=[e.strip() for e in _text(values.get("entities")).split(";") if e.strip()],
            source_line=int(line) if isinstance(line, (int, float)) else None,
            project_id=_text(values.get("project_id")) or None,
        ))
    if not records:
        raise MatrixError(f"sheet {sheet!r} has no project rows", file=source)
    return LoadResult(meta=meta, records=records, issues=issues)
