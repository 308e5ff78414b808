"""The Excel workbook: Projects, Entities, Countries, Summary (with native charts),
Data quality and About. Numbers are numbers, years integers, booleans booleans; text
that a spreadsheet would run as a formula is stored as text (quote prefix)."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from matrix import summaries
from matrix.data import Matrix
from matrix.datapackage import describe
from matrix.exports import filters_text
from matrix.filters import Filters
from matrix.i18n import _, date, get_language, is_rtl
from matrix.model import BOOL_COLUMNS, COUNTRY_COLUMNS, ENTITY_COLUMNS, LIST_COLUMNS, PILLAR_ROMAN, PILLARS, PROJECT_COLUMNS, STATUSES
from matrix.palette import PILLAR_COLORS, STATUS_COLORS, UN_BLUE
from matrix.summaries import pillar_label, reconciliation
from matrix.text import FORMULA_START
from matrix.vocabulary import HEADERS, LABELS, display_value, region_name

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="00689D")
TITLE_FONT = Font(bold=True, size=14)
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
WIDTHS = {"project_id": 10, "pillar": 7, "pillar_name": 30, "serial": 7, "title": 60, "duration_text": 22,
          "start_year": 10, "end_year": 10, "recurring": 10, "open_ended": 11, "status": 15, "activities": 70,
          "geography": 34, "scope": 14, "entities": 28, "lead_entity": 14, "countries": 22, "source_line": 10,
          "regions": 28, "entity": 16, "entity_name": 50, "entity_group": 30, "role": 9, "parent": 10, "iso3": 7,
          "country": 28, "region": 14, "subregion": 24, "basis": 10, "intermediate_region": 24, "via": 24}
LONG_TEXT = {"title", "activities", "geography", "pillar_name", "entity_name", "entities", "regions"}


def set_cell(ws, row: int, col: int, value):
    """Write one cell; text that starts like a formula is kept as text, never run."""
    if hasattr(value, "item"):
        value = value.item()
    if value is not None and not isinstance(value, (str, bool, int, float)) and pd.isna(value):
        value = None
    cell = ws.cell(row=row, column=col, value=value)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def _value(column: str, value):
    value = display_value(column, value)
    if column in LIST_COLUMNS:
        return "; ".join(value) if isinstance(value, list) else (value or "")
    if column == "pillar":
        return PILLAR_ROMAN[int(value)]
    if column == "serial":
        return int(value) if str(value).isdigit() else value
    if column in BOOL_COLUMNS:
        return bool(value)
    return value


def yes_no_format() -> str:
    """A boolean cell shown as a word in the workbook's language (LibreOffice would show
    1 and 0): the value stays a boolean for filters and formulas."""
    yes, no = (_(word).replace('"', "") for word in ("yes", "no"))
    return f'"{yes}";"{yes}";"{no}"'


def table_sheet(ws, frame: pd.DataFrame, columns: list[str]) -> None:
    """A sheet of one table: readable headers, frozen header row, autofilter, widths."""
    for j, col in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=j, value=_(HEADERS.get(col, col)))
        cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, WRAP
        ws.column_dimensions[get_column_letter(j)].width = WIDTHS.get(col, 14)
    yes_no = yes_no_format()
    for i, row in enumerate(frame[columns].itertuples(index=False), start=2):
        for j, (col, value) in enumerate(zip(columns, row), start=1):
            cell = set_cell(ws, i, j, _value(col, value))
            if col in BOOL_COLUMNS:
                cell.number_format = yes_no
            cell.alignment = WRAP if col in LONG_TEXT else TOP
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(len(frame) + 1, 1)}"
    ws.row_dimensions[1].height = 32
    fit_rows(ws, [WIDTHS.get(c, 14) for c in columns])
    print_setup(ws)


LINE_HEIGHT = 15  # points, for 11-point text


def fit_rows(ws, widths: list[float]) -> None:
    """Rows tall enough for their wrapped text: LibreOffice keeps a row at one line unless told,
    which would hide the rest of a title or of the activities."""
    for row in ws.iter_rows(min_row=2):
        lines = 1
        for cell, width in zip(row, widths):
            if isinstance(cell.value, str) and cell.alignment.wrap_text:
                lines = max(lines, sum(-(-max(len(part), 1) // max(int(width * 1.1), 1)) for part in cell.value.split("\n")))
        if lines > 1:
            ws.row_dimensions[row[0].row].height = min(LINE_HEIGHT * lines, 409)


def print_setup(ws) -> None:
    """Printed, a table is landscape, one page wide, with its header row on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"


def _block(ws, top: int, left: int, title: str, header: list[str], rows: list[list]) -> tuple[int, int]:
    """A titled table at (top, left); returns (first data row, last data row)."""
    ws.cell(row=top, column=left, value=title).font = TITLE_FONT
    for j, text in enumerate(header):
        cell = ws.cell(row=top + 1, column=left + j, value=text)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
    for i, values in enumerate(rows, start=top + 2):
        for j, value in enumerate(values):
            set_cell(ws, i, left + j, value)
    return top + 2, top + 1 + len(rows)


def _bar_chart(ws, title: str, cats: Reference, data: Reference, colors: list[str], stacked: bool = False,
               horizontal: bool = False, y_title: str | None = None) -> BarChart:
    chart = BarChart()
    chart.type = "bar" if horizontal else "col"
    chart.title = title
    chart.style = 10
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(cats)
    if stacked:
        chart.grouping, chart.overlap = "stacked", 100
    for series, color in zip(chart.series, colors):
        series.graphicalProperties.solidFill = color.lstrip("#")
        series.graphicalProperties.line.solidFill = "333333"
    chart.y_axis.title = y_title or _("Projects")
    chart.y_axis.majorGridlines = None
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.height, chart.width = 9, 16
    if len(chart.series) == 1:
        chart.legend = None  # one series: the title says what it is
    if horizontal:
        chart.x_axis.scaling.orientation = "maxMin"
    return chart


def summary_sheet(ws, m: Matrix) -> None:
    ws.column_dimensions["A"].width = 26
    for col in "BCDEFGH":
        ws.column_dimensions[col].width = 14
    # Pillar x status
    ps = summaries.by_pillar_status(m)
    statuses = list(STATUSES) + ([""] if (ps["status"] == "").any() else [])
    header = [_("Pillar")] + [_(s) if s else _("Unknown") for s in statuses] + [_("Total")]
    rows = []
    for pillar in PILLARS:
        counts = [int(ps[(ps.pillar == pillar) & (ps.status == s)]["projects"].sum()) for s in statuses]
        rows.append([pillar_label(pillar)] + counts + [sum(counts)])
    first, last = _block(ws, 1, 1, _("Projects by pillar and status"), header, rows)
    chart = _bar_chart(ws, _("Projects by pillar and status"), Reference(ws, min_col=1, min_row=first, max_row=last),
                       Reference(ws, min_col=2, max_col=1 + len(statuses), min_row=first - 1, max_row=last),
                       [STATUS_COLORS[s] for s in statuses], stacked=True)
    ws.add_chart(chart, "J1")

    # Entity x pillar (entities with most projects first)
    ep = summaries.entity_pillar(m)
    top = summaries.top_entities(m, n=15)
    rows = []
    for entity in top["entity"]:
        counts = [int(ep[(ep.entity == entity) & (ep.pillar == p)]["projects"].sum()) for p in PILLARS]
        rows.append([entity] + counts + [int(top[top.entity == entity]["projects"].iloc[0])])
    start = 26  # each block gets 25 rows: its table and, beside it, a chart that does not overlap the next
    first, last = _block(ws, start, 1, _("Entity × pillar (top 15 entities; a project counts once for each of its entities)"),
                         [_("Entity")] + [pillar_label(p) for p in PILLARS] + [_("Projects")], rows)
    if rows:
        chart = _bar_chart(ws, _("Top entities by pillar"), Reference(ws, min_col=1, min_row=first, max_row=last),
                           Reference(ws, min_col=2, max_col=5, min_row=first - 1, max_row=last),
                           [PILLAR_COLORS[p] for p in PILLARS], stacked=True, horizontal=True)
        chart.height, chart.width = 11.5, 20
        ws.add_chart(chart, f"J{start}")

    # Scope
    mix = summaries.scope_mix(m)
    start = 51
    first, last = _block(ws, start, 1, _("Scope"), [_("Scope"), _("Projects")],
                         [[_(r.scope) if r.scope else _("Unknown"), int(r.projects)] for r in mix.itertuples()])
    ws.add_chart(_bar_chart(ws, _("Scope"), Reference(ws, min_col=1, min_row=first, max_row=last),
                            Reference(ws, min_col=2, min_row=first - 1, max_row=last), [UN_BLUE]), f"J{start}")

    # Regions (M49), from the countries the projects name or cover
    regions = region_counts(m)
    start = 76
    first, last = _block(ws, start, 1, _("Projects by region (UN M49; countries named or covered by a named region or mission)"),
                         [_("Region"), _("Projects")], [[region_name(r), int(n)] for r, n in regions.items()])
    if len(regions):
        ws.add_chart(_bar_chart(ws, _("Projects by region"), Reference(ws, min_col=1, min_row=first, max_row=last),
                                Reference(ws, min_col=2, min_row=first - 1, max_row=last), [UN_BLUE]), f"J{start}")


def region_counts(m: Matrix) -> pd.Series:
    c = m.countries[m.countries["region"] != ""]
    return c.groupby("region")["project_id"].nunique().sort_values(ascending=False)


def quality_sheet(ws, m: Matrix) -> None:
    q = m.quality
    ws.column_dimensions["A"].width = 12
    for col, width in zip("BCDE", (22, 14, 12, 100)):
        ws.column_dimensions[col].width = width
    headers, rows = reconciliation(q)
    _block(ws, 1, 1, _("Reconciliation of the whole source ({source})").format(source=q["source"]), headers, rows)
    start = len(rows) + 4
    issues = q["issues"]
    _block(ws, start, 1, _("Data issues ({n})").format(n=len(issues)), [_("Line"), _("Kind"), _("Project"), _("Pillar"), _("Message")],
           [[i["line"], i["kind"], i["project_id"], i["pillar"], i["message"]] for i in issues])
    for row in ws.iter_rows(min_row=start + 2, min_col=5, max_col=5):
        for cell in row:
            cell.alignment = WRAP


def about_sheet(ws, m: Matrix, filters: Filters, generated: datetime) -> None:
    ws.column_dimensions["A"].width = 32
    ws.column_dimensions["B"].width = 100
    n = len(m.projects)
    lines = [
        (_("CT Matrix export"), ""),
        (_("Source document"), _("CTITF Matrix of UN Counter-Terrorism Projects and Activities, annex II of A/72/840 (20 April 2018), as of February 2018")),
        (_("Source file"), m.quality.get("source", "")),
        (_("Filters applied"), filters_text(filters)),
        (_("Generated"), f"{date(generated)} {generated:%H:%M} UTC"),
        (_("Projects"), n),
        (_("Entities"), int(m.entities["entity"].nunique())),
        (_("Countries named"), int(m.countries[m.countries["basis"] == "named"]["iso3"].nunique())),
        (_("Note"), _("No project matches these filters: the sheets are empty.") if n == 0 else
         _("Titles and activities are in the original English of the source.")),
        ("", ""),
        (_("Column"), _("Meaning")),
    ]
    for i, (a, b) in enumerate(lines, start=1):
        set_cell(ws, i, 1, a).font = Font(bold=True)
        set_cell(ws, i, 2, b).alignment = WRAP
    ws["A1"].font = TITLE_FONT
    row = len(lines) + 1
    for sheet, columns in ((_("Projects"), PROJECT_COLUMNS), (_("Entities"), ENTITY_COLUMNS), (_("Countries"), COUNTRY_COLUMNS)):
        for col in columns:
            set_cell(ws, row, 1, f"{sheet}: {_(HEADERS.get(col, col))}")
            set_cell(ws, row, 2, f"{_(describe(col))} [{col}]").alignment = WRAP
            row += 1


def lens_sheets(wb, m: Matrix) -> None:
    """Themes, Resolutions and Overlaps: the coordination lens, as in the app."""
    themes = m.extra.get("project_themes")
    if themes is not None:
        ws = wb.create_sheet(_("Themes"))
        frame = themes.merge(m.projects[["project_id", "title"]], on="project_id")
        _plain_table(ws, frame, ["project_id", "theme", "kind", "matched", "title"], [10, 40, 8, 40, 70])
    resolutions = m.extra.get("project_resolutions")
    if resolutions is not None:
        from matrix.resolutions import catalogue

        cat = catalogue()
        ws = wb.create_sheet(_("Resolutions"))
        frame = resolutions.assign(subject=resolutions["resolution"].map(lambda r: cat.get(r, {}).get("subject", "")))
        frame = frame.merge(m.projects[["project_id", "title"]], on="project_id")
        _plain_table(ws, frame, ["project_id", "resolution", "year", "subject", "field", "title"], [10, 11, 7, 50, 10, 70])
    overlaps = m.extra.get("overlaps")
    if overlaps is not None:
        ws = wb.create_sheet(_("Overlaps"))
        _plain_table(ws, overlaps, ["score", "country", "project_a", "lead_a", "title_a", "project_b", "lead_b", "title_b", "shared_terms"],
                     [10, 16, 10, 12, 50, 10, 12, 50, 36])


def _plain_table(ws, frame: pd.DataFrame, columns: list[str], widths: list[int]) -> None:
    """A lens table under the same headers as the app's data tables (vocabulary.LABELS)."""
    for j, (column, width) in enumerate(zip(columns, widths), start=1):
        cell = ws.cell(row=1, column=j, value=_(LABELS[column]))
        cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, WRAP
        ws.column_dimensions[get_column_letter(j)].width = width
    for i, row in enumerate(frame[columns].itertuples(index=False), start=2):
        for j, (column, value) in enumerate(zip(columns, row), start=1):
            set_cell(ws, i, j, display_value(column, value)).alignment = WRAP
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(len(frame) + 1, 1)}"
    fit_rows(ws, widths)
    print_setup(ws)


def write_workbook(m: Matrix, filters: Filters, path: Path, generated: datetime) -> None:
    wb = Workbook()
    projects = wb.active
    projects.title = _("Projects")
    table_sheet(projects, m.projects, PROJECT_COLUMNS)
    table_sheet(wb.create_sheet(_("Entities")), m.entities, ENTITY_COLUMNS)
    table_sheet(wb.create_sheet(_("Countries")), m.countries, COUNTRY_COLUMNS)
    summary_sheet(wb.create_sheet(_("Summary")), m)
    lens_sheets(wb, m)
    quality_sheet(wb.create_sheet(_("Data quality")), m)
    about_sheet(wb.create_sheet(_("About")), m, filters, generated)
    script_and_direction(wb, get_language())
    wb.save(path)


# Fonts that carry the script in Excel (Windows and macOS) and LibreOffice (which falls
# back to an installed font with the glyphs, e.g. Noto, when the named one is missing).
SHEET_FONTS = {"ar": "Arial", "zh": "Microsoft YaHei"}


def script_and_direction(wb, lang: str) -> None:
    """Arabic sheets read right to left; Arabic and Chinese text gets a font with its glyphs."""
    name = SHEET_FONTS.get(lang)
    for ws in wb.worksheets:
        if is_rtl(lang):
            ws.sheet_view.rightToLeft = True
        if name:
            for row in ws.iter_rows():
                for cell in row:
                    if cell.value is not None:
                        f = cell.font
                        cell.font = Font(name=name, bold=f.bold, italic=f.italic, size=f.size, color=f.color)
