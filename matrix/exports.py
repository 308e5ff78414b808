"""Exports: the filtered matrix as CSV, an Excel workbook or a slide deck.

The same ``Matrix`` (already filtered by ``matrix.filters``) feeds every format, so an
export is exactly the current view. Files are written next to their destination and
moved into place, so a failure leaves nothing half-written.
"""
from __future__ import annotations

import csv
import os
import tempfile
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from matrix.data import Matrix
from matrix.errors import MatrixError
from matrix.filters import Filters
from matrix.i18n import _, get_language
from matrix.model import BOOL_COLUMNS, COUNTRY_COLUMNS, ENTITY_COLUMNS, LIST_COLUMNS, PROJECT_COLUMNS
from matrix.text import neutralise_formula
from matrix.vocabulary import describe_filters, localise

FORMATS = ("xlsx", "csv", "pptx")

def export_name(filters: Filters, fmt: str, when: datetime | None = None) -> str:
    """File name carrying the filters (and the language, when not English):
    ``ct-matrix_pillar-II_status-Ongoing_2026-11-25.xlsx``, ``…_2026-11-25_fr.pptx``."""
    when = when or datetime.now(timezone.utc)
    lang = "" if get_language() == "en" or fmt == "csv" else f"_{get_language()}"
    return f"ct-matrix_{filters.slug()}_{when:%Y-%m-%d}{lang}.{fmt}"


def cell_value(column: str, value):
    """A tidy value as a spreadsheet cell: lists joined, missing as empty, text made safe."""
    if column in LIST_COLUMNS:
        return neutralise_formula("; ".join(value)) if isinstance(value, list) else neutralise_formula(value or "")
    if value is None or (not isinstance(value, (list, str)) and pd.isna(value)):
        return None
    if column in BOOL_COLUMNS:
        return bool(value)
    if hasattr(value, "item"):
        value = value.item()
    return neutralise_formula(value) if isinstance(value, str) else value


def write_atomic(out: Path, write) -> Path:
    """Run ``write(tmp_path)`` and move the result to ``out``; nothing is left on failure."""
    out = Path(out)
    if not out.parent.exists():
        raise MatrixError("the folder for --out does not exist", file=str(out.parent))
    if out.is_dir():
        raise MatrixError("--out is a folder; give a file name", file=str(out))
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    except OSError as exc:
        raise MatrixError(f"cannot write here ({exc.strerror})", file=str(out)) from None
    os.close(fd)
    try:
        write(Path(tmp))
        os.replace(tmp, out)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
    return out


def write_csv(m: Matrix, out: Path) -> Path:
    """One row per project, contract columns, UTF-8 with a BOM so Excel shows accents."""
    def write(path: Path) -> None:
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\r\n")
            writer.writerow(PROJECT_COLUMNS)
            for row in m.projects[PROJECT_COLUMNS].itertuples(index=False):
                cells = []
                for col, value in zip(PROJECT_COLUMNS, row):
                    value = cell_value(col, value)
                    cells.append("" if value is None else ("true" if value is True else "false" if value is False else value))
                writer.writerow(cells)
    return write_atomic(out, write)


def export(m: Matrix, filters: Filters, fmt: str, out: Path, generated: datetime | None = None) -> Path:
    """Write one export in the current language. The CSV is the contract's data, in the
    contract's own words, whatever the language; the workbook and the deck are for people."""
    generated = generated or datetime.now(timezone.utc)
    if fmt == "csv":
        return write_csv(m, out)
    m = localise(m)
    if fmt == "xlsx":
        from matrix.export_xlsx import write_workbook

        return write_atomic(out, lambda path: write_workbook(m, filters, path, generated))
    if fmt == "pptx":
        from matrix.export_pptx import write_deck

        return write_atomic(out, lambda path: write_deck(m, filters, path, generated))
    raise MatrixError(_("unknown format {fmt!r}; use xlsx, csv or pptx").format(fmt=fmt))


def export_bytes(m: Matrix, filters: Filters, fmt: str) -> bytes:
    """The same export in memory, for the app's download buttons."""
    with tempfile.TemporaryDirectory() as tmp:
        path = export(m, filters, fmt, Path(tmp) / f"export.{fmt}")
        return path.read_bytes()


def filters_text(filters: Filters) -> str:
    """The filters as a reader sees them, in the current language (About sheet, title slide)."""
    described = describe_filters(filters)
    if not described:
        return _("none: the whole matrix")
    return "; ".join(f"{name}: {value}" for name, value in described)


__all__ = ["FORMATS", "export", "export_bytes", "export_name", "cell_value", "filters_text",
           "ENTITY_COLUMNS", "COUNTRY_COLUMNS", "PROJECT_COLUMNS"]
