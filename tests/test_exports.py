"""Exports: structure, content, round trip, safety, empty results, command line."""
import csv
import shutil
import subprocess
from datetime import datetime, timezone
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pptx import Presentation
from pptx.util import Inches

from matrix.data import load_matrix
from matrix.exports import export, export_name
from matrix.filters import Filters, apply_filters, from_params
from matrix.model import PROJECT_COLUMNS
from tests.conftest import PROCESSED, run_cli, small_matrix

SHEETS = ["Projects", "Entities", "Countries", "Summary", "Themes", "Resolutions", "Overlaps", "Data quality", "About"]
WHEN = datetime(2026, 11, 25, 9, 30, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def m():
    return load_matrix()


@pytest.fixture(scope="module")
def full_xlsx(m, tmp_path_factory):
    return export(m, Filters(), "xlsx", tmp_path_factory.mktemp("x") / "full.xlsx", WHEN)


def _view(m, **params):
    f = from_params(params)
    return apply_filters(m, f), f


def test_workbook_structure(full_xlsx):
    wb = load_workbook(full_xlsx)
    assert wb.sheetnames == SHEETS
    ws = wb["Projects"]
    assert ws.max_row == 318 and ws.freeze_panes == "B2" and ws.auto_filter.ref == "A1:S318"
    header = [c.value for c in ws[1]]
    assert header[:5] == ["Project ID", "Pillar", "Pillar name", "Serial", "Title"] and len(header) == len(PROJECT_COLUMNS)
    row = {h: c.value for h, c in zip(header, ws[2])}
    assert row["Project ID"] == "P1-001" and row["Pillar"] == "I" and row["Serial"] == 1
    assert row["Start year"] == 2015 and isinstance(row["Start year"], int)
    assert row["Annual event"] is False and row["Source line"] == 413
    assert wb["Entities"].max_row == 447 and wb["Countries"].max_row == 1 + len(load_matrix().countries)
    assert len(wb["Summary"]._charts) == 4
    about = {r[0].value: r[1].value for r in wb["About"].iter_rows(max_col=2) if r[0].value}
    assert about["Projects"] == 317 and about["Filters applied"] == "none: the whole matrix"
    assert about["Generated"] == "25 November 2026 09:30 UTC"
    assert "Projects: Title" in about


def test_coordination_sheets(full_xlsx):
    wb = load_workbook(full_xlsx)
    overlaps = [[c.value for c in r] for r in wb["Overlaps"].iter_rows(min_row=2, max_row=2)][0]
    assert overlaps[:4] == [0.345, "Mali", "P3-022", "DPKO"] and overlaps[5:7] == ["P3-055", "DPKO-OROLSI"]
    resolutions = {(r[0].value, r[1].value): r[2].value for r in wb["Resolutions"].iter_rows(min_row=2)}
    assert resolutions[("P2-040", "2253")] == 2015 and len(resolutions) == 22
    assert wb["Themes"].max_row == 1 + 601


def test_summary_numbers_add_up(full_xlsx):
    ws = load_workbook(full_xlsx)["Summary"]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=3, max_row=6, max_col=5)]
    assert rows == [["Pillar I", 56, 39, 25, 120], ["Pillar II", 37, 17, 2, 56], ["Pillar III", 84, 35, 5, 124],
                    ["Pillar IV", 11, 2, 4, 17]]


def test_round_trip_reproduces_the_projects_exactly(full_xlsx, tmp_path):
    result = run_cli("build", "--source", full_xlsx, "--out", tmp_path)
    assert result.returncode == 0, result.stderr
    for name in ("projects.csv", "project_entities.csv", "project_countries.csv"):
        assert (tmp_path / name).read_bytes() == (PROCESSED / name).read_bytes(), name


def test_round_trip_of_a_filtered_export_keeps_ids(m, tmp_path):
    view, f = _view(m, pillar="II")
    path = export(view, f, "xlsx", tmp_path / "p2.xlsx")
    from loaders import load_source
    from matrix.build import build_tables

    rebuilt = build_tables(load_source(path)).projects
    assert rebuilt["project_id"].tolist() == view.projects["project_id"].tolist()
    assert "P2-026b" in rebuilt["project_id"].tolist()
    assert rebuilt.drop(columns="pillar_name").equals(view.projects.drop(columns="pillar_name").reset_index(drop=True))


def test_row_counts_follow_the_filters(m, tmp_path):
    view, f = _view(m, pillar="II", status="Ongoing")
    wb = load_workbook(export(view, f, "xlsx", tmp_path / "v.xlsx"))
    assert wb["Projects"].max_row == 1 + 37
    with open(export(view, f, "csv", tmp_path / "v.csv"), encoding="utf-8-sig", newline="") as handle:
        assert len(list(csv.DictReader(handle))) == 37


def test_csv_has_a_bom_and_the_contract_columns(m, tmp_path):
    path = export(m, Filters(), "csv", tmp_path / "all.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert list(rows[0]) == PROJECT_COLUMNS and len(rows) == 317
    assert any("Côte d'Ivoire" in r["geography"] for r in rows)
    p1 = rows[0]
    assert (p1["entities"], p1["recurring"], p1["end_year"]) == ("UNICRI", "false", "2019")


def _crafted(tmp_path, title: str):
    from loaders import load_source
    from matrix.build import build_tables
    from matrix.data import matrix_from_tables

    src = tmp_path / "crafted.txt"
    src.write_text(small_matrix(f"1\t{title} <b>UNODC</b>\tOngoing\t@SUM(A1:A2) activities\tMali"), encoding="utf-8")
    return matrix_from_tables(build_tables(load_source(src)))


@pytest.mark.parametrize("title", ['=HYPERLINK("http://evil.example","click")', "+1+1", "-2+3", "@cmd"])
def test_formulas_are_neutralised(tmp_path, title):
    crafted = _crafted(tmp_path, title)
    ws = load_workbook(export(crafted, Filters(), "xlsx", tmp_path / "c.xlsx"))["Projects"]
    header = [c.value for c in ws[1]]
    cell = ws.cell(row=2, column=header.index("Title") + 1)
    assert cell.value == title and cell.data_type == "s" and cell.quotePrefix  # text, shown as typed, never run
    activities = ws.cell(row=2, column=header.index("Main activities") + 1)
    assert activities.data_type == "s" and activities.quotePrefix
    with open(export(crafted, Filters(), "csv", tmp_path / "c.csv"), encoding="utf-8-sig", newline="") as handle:
        row = next(csv.DictReader(handle))
    assert row["title"] == "'" + title and row["activities"].startswith("'@")


def test_formula_title_survives_a_round_trip(tmp_path):
    title = '=HYPERLINK("http://evil.example","click")'
    path = export(_crafted(tmp_path, title), Filters(), "xlsx", tmp_path / "c.xlsx")
    result = run_cli("build", "--source", path, "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    with open(tmp_path / "out" / "projects.csv", encoding="utf-8", newline="") as handle:
        assert next(csv.DictReader(handle))["title"] == title


def test_empty_exports_are_valid_and_say_so(m, tmp_path):
    view, f = _view(m, q="no-such-word")
    wb = load_workbook(export(view, f, "xlsx", tmp_path / "e.xlsx"))
    assert wb.sheetnames == SHEETS and wb["Projects"].max_row == 1
    about = {r[0].value: r[1].value for r in wb["About"].iter_rows(max_col=2) if r[0].value}
    assert about["Projects"] == 0 and "No project matches" in about["Note"]
    deck = Presentation(export(view, f, "pptx", tmp_path / "e.pptx"))
    texts = [sh.text_frame.text for s in deck.slides for sh in s.shapes if sh.has_text_frame]
    assert len(deck.slides) == 2 and "No project matches these filters" in texts
    assert (tmp_path / "e.pptx").exists()
    assert export(view, f, "csv", tmp_path / "e.csv").read_text(encoding="utf-8-sig").strip() == ",".join(PROJECT_COLUMNS)


def test_deck_structure_and_native_charts(m, tmp_path):
    view, f = _view(m, pillar="II")
    deck = Presentation(export(view, f, "pptx", tmp_path / "d.pptx", WHEN))
    assert (deck.slide_width, deck.slide_height) == (Inches(13.333), Inches(7.5))
    assert len(deck.slides) == 8
    charts = [sh.chart for s in deck.slides for sh in s.shapes if sh.has_chart]
    assert len(charts) == 4  # pillar x status, top entities, regions, years
    assert not [sh for s in deck.slides for sh in s.shapes if sh.shape_type == 13]  # no pictures
    status_chart = charts[0]
    assert [s.name for s in status_chart.plots[0].series] == ["Ongoing", "Completed", "In development"]
    assert [str(s.format.fill.fore_color.rgb) for s in status_chart.plots[0].series] == ["56B4E9", "7F7F7F", "D55E00"]
    assert sum(sum(s.values) for s in status_chart.plots[0].series) == 56
    title_texts = [sh.text_frame.text for sh in deck.slides[0].shapes if sh.has_text_frame]
    assert "Filters: Pillar: II" in title_texts and "56 projects · generated 25 November 2026" in title_texts


def test_file_name_carries_the_filters():
    f = from_params({"pillar": "II", "status": "Ongoing,Completed", "country": "MLI"})
    assert export_name(f, "xlsx", WHEN) == "ct-matrix_pillar-II_status-Ongoing-Completed_country-MLI_2026-11-25.xlsx"
    assert export_name(Filters(), "csv", WHEN) == "ct-matrix_all_2026-11-25.csv"


def test_cli_export(tmp_path):
    out = tmp_path / "sahel.xlsx"
    # "All ongoing Pillar II projects in the Sahel": each names a Sahel country (Mali, Nigeria, …).
    result = run_cli("export", "--format", "xlsx", "--out", out, "--pillar", "II", "--region", "Sahel", "--status", "Ongoing")
    assert result.returncode == 0, result.stderr
    wb = load_workbook(out)
    ids = [r[0].value for r in wb["Projects"].iter_rows(min_row=2)]
    assert ids == ["P2-012", "P2-034", "P2-035", "P2-037", "P2-038", "P2-041", "P2-042", "P2-043"]
    assert result.stdout.strip() == f"Projects written to {out}: {len(ids)}"


@pytest.mark.parametrize("args, message", [
    (["--pillar", "V"], "--pillar 'V': use I, II, III, IV or 1 to 4"),
    (["--status", "Paused"], "--status 'Paused': not in the matrix"),
    (["--entity", "NOPE"], "--entity 'NOPE': not in the matrix"),
    (["--country", "XXX"], "--country 'XXX': not in the matrix"),
    (["--theme", "Gardening"], "--theme 'Gardening': not in the matrix"),
    (["--resolution", "9999"], "--resolution '9999': not in the matrix"),
])
def test_cli_export_rejects_values_that_match_nothing(tmp_path, args, message):
    out = tmp_path / "x.xlsx"
    result = run_cli("export", "--format", "xlsx", "--out", out, *args)
    assert result.returncode == 2 and result.stderr.startswith("error: ") and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_cli_export_by_theme_and_resolution(tmp_path):
    out = tmp_path / "r.csv"
    result = run_cli("export", "--format", "csv", "--out", out, "--resolution", "1540", "--theme", "CBRN and WMD")
    assert result.returncode == 0, result.stderr
    with open(out, encoding="utf-8-sig", newline="") as handle:
        ids = [r["project_id"] for r in csv.DictReader(handle)]
    assert ids == ["P2-003", "P2-004", "P2-005", "P2-006", "P2-007", "P2-008", "P2-009", "P2-010", "P2-011", "P2-012"]


def test_cli_export_to_a_missing_folder(tmp_path):
    result = run_cli("export", "--format", "csv", "--out", tmp_path / "nope" / "x.csv")
    assert result.returncode == 2 and "the folder for --out does not exist" in result.stderr


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice not installed (optional)")
@pytest.mark.parametrize("fmt", ["xlsx", "pptx"])
def test_libreoffice_opens_the_export(m, tmp_path, fmt):
    path = export(m, Filters(), fmt, tmp_path / f"lo.{fmt}")
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                   capture_output=True, timeout=240, check=True)
    assert (tmp_path / "lo.pdf").stat().st_size > 10_000
