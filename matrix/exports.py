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
from matrix.i18n import N_, _
from matrix.model import BOOL_COLUMNS, COUNTRY_COLUMNS, ENTITY_COLUMNS, LIST_COLUMNS, PROJECT_COLUMNS
from matrix.text import neutralise_formula

FORMATS = ("xlsx", "csv", "pptx")

# column -> readable header; the workbook loader reads them back in any language.
HEADERS = {
    "project_id": N_("Project ID"), "pillar": N_("Pillar"), "pillar_name": N_("Pillar name"), "serial": N_("Serial"),
    "title": N_("Title"), "duration_text": N_("Duration (as printed)"), "start_year": N_("Start year"),
    "end_year": N_("End year"), "recurring": N_("Annual event"), "open_ended": N_("Open-ended"), "status": N_("Status"),
    "activities": N_("Main activities"), "geography": N_("Geographical scope (as printed)"), "scope": N_("Scope"),
    "entities": N_("Entities"), "lead_entity": N_("Lead entity"), "countries": N_("Countries named (ISO3)"),
    "source_line": N_("Source line"), "regions": N_("Regions and missions named"),
    "entity": N_("Entity"), "entity_name": N_("Full name"), "entity_group": N_("Group"), "role": N_("Role"),
    "parent": N_("Part of"), "iso3": N_("ISO3"), "country": N_("Country"), "region": N_("Region (M49)"),
    "subregion": N_("Sub-region (M49)"), "basis": N_("Basis"), "intermediate_region": N_("Intermediate region (M49)"),
    "via": N_("Via region or mission"),
}


def export_name(filters: Filters, fmt: str, when: datetime | None = None) -> str:
    """File name carrying the filters: ``ct-matrix_pillar-II_status-Ongoing_2026-11-25.xlsx``."""
    when = when or datetime.now(timezone.utc)
    return f"ct-matrix_{filters.slug()}_{when:%Y-%m-%d}.{fmt}"


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
    generated = generated or datetime.now(timezone.utc)
    if fmt == "csv":
        return write_csv(m, out)
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
    described = filters.describe()
    if not described:
        return _("none: the whole matrix")
    return "; ".join(f"{_(name)}: {value}" for name, value in described)


__all__ = ["FORMATS", "HEADERS", "export", "export_bytes", "export_name", "cell_value", "filters_text",
           "ENTITY_COLUMNS", "COUNTRY_COLUMNS", "PROJECT_COLUMNS"]
