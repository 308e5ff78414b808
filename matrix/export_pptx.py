"""The slide deck for the Compact's coordination committee: 16:9, native (editable)
PowerPoint charts in the app's colours, text sized to fit its boxes."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.enum.text import PP_ALIGN
from pptx.util import Emu, Inches, Pt

from matrix import summaries
from matrix.data import Matrix
from matrix.exports import filters_text
from matrix.export_xlsx import region_counts
from matrix.filters import Filters
from matrix.i18n import _, date, get_language, is_rtl, number, percent
from matrix.model import PILLARS, STATUSES
from matrix.palette import FONT, PILLAR_COLORS, STATUS_COLORS, UN_BLUE
from matrix.quality import ISSUE_KINDS
from matrix.summaries import pillar_label, reconciliation
from matrix.vocabulary import region_name

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.6)
DARK = RGBColor(0x1A, 0x1A, 0x1A)
GREY = RGBColor(0x55, 0x55, 0x55)
FONT_NAME = FONT.split(",")[0]
# PowerPoint picks a typeface per script: latin, ea (East Asian) and cs (complex scripts,
# Arabic among them). Naming all three makes Chinese and Arabic render in PowerPoint and
# LibreOffice alike (LibreOffice falls back to an installed font with the glyphs).
EA_FONT, CS_FONT = "Microsoft YaHei", "Arial"
LANG_TAGS = {"ar": "ar-SA", "zh": "zh-CN", "en": "en-GB", "fr": "fr-FR", "ru": "ru-RU", "es": "es-ES"}


def _script_fonts(font) -> None:
    """Name the latin, East Asian and complex-script typefaces of a run or chart font,
    and tag it with the current language (spell-checking, screen readers)."""
    from pptx.oxml.ns import qn

    font.name = FONT_NAME
    rpr = font._rPr
    rpr.set("lang", LANG_TAGS[get_language()])
    latin = rpr.find(qn("a:latin"))
    for tag, face in (("a:cs", CS_FONT), ("a:ea", EA_FONT)):  # schema order: latin, ea, cs
        old = rpr.find(qn(tag))
        if old is not None:
            rpr.remove(old)
        el = rpr.makeelement(qn(tag), {"typeface": face})
        latin.addnext(el)


def _direction(para, align) -> None:
    """Right to left for Arabic: the paragraph's reading order and its alignment."""
    if is_rtl():
        para._p.get_or_add_pPr().set("rtl", "1")
        if align == PP_ALIGN.LEFT:
            align = PP_ALIGN.RIGHT
    para.alignment = align


def _rgb(color: str) -> RGBColor:
    return RGBColor.from_string(color.lstrip("#").upper())


def _text(slide, text: str, left, top, width, height, size: int = 18, bold: bool = False, color=DARK,
          align=PP_ALIGN.LEFT):
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    for i, line in enumerate(text.split("\n")):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        _direction(para, align)
        run = para.add_run()
        run.text = line
        run.font.size, run.font.bold, run.font.color.rgb = Pt(size), bold, color
        _script_fonts(run.font)
    return box


def _slide(prs, title: str, source_note: str):
    slide = prs.slides.add_slide(prs.slide_layouts[6])  # blank
    band = slide.shapes.add_shape(1, 0, 0, WIDTH, Inches(0.12))
    band.fill.solid()
    band.fill.fore_color.rgb = _rgb(UN_BLUE)
    band.line.fill.background()
    _text(slide, title, MARGIN, Inches(0.3), WIDTH - 2 * MARGIN, Inches(0.8), size=28, bold=True)
    _text(slide, source_note, MARGIN, HEIGHT - Inches(0.5), WIDTH - 2 * MARGIN, Inches(0.35), size=10, color=GREY)
    return slide


def _style_chart(chart, legend: bool = True, labels: bool = True) -> None:
    chart.has_title = False  # the slide title says it; a one-series chart would repeat its name
    chart.font.size = Pt(14)
    _script_fonts(chart.font)
    chart.has_legend = legend
    if legend:
        chart.legend.position = XL_LEGEND_POSITION.TOP
        chart.legend.include_in_layout = False
    if labels:
        plot = chart.plots[0]
        plot.has_data_labels = True
        plot.data_labels.font.size = Pt(12)
        plot.data_labels.number_format = "0;-0;;"  # hide zeros
        plot.data_labels.number_format_is_linked = False
    chart.value_axis.has_major_gridlines = False
    chart.value_axis.tick_labels.font.size = Pt(12)
    chart.category_axis.tick_labels.font.size = Pt(14)


def _color_series(chart, colors: list[str]) -> None:
    for series, color in zip(chart.plots[0].series, colors):
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = _rgb(color)


def _table(slide, header: list[str], rows: list[list], left, top, width, col_widths: list[float], size: int = 13):
    shape = slide.shapes.add_table(len(rows) + 1, len(header), left, top, width, Inches(0.4) * (len(rows) + 1))
    table = shape.table
    if is_rtl():
        table._tbl.tblPr.set("rtl", "1")  # columns run right to left
    for j, w in enumerate(col_widths):
        table.columns[j].width = Emu(int(width * w))
    for i, values in enumerate([header] + rows):
        for j, value in enumerate(values):
            cell = table.cell(i, j)
            cell.text = "" if value is None else str(value)
            for para in cell.text_frame.paragraphs:
                _direction(para, PP_ALIGN.RIGHT if isinstance(value, (int, float)) and i else PP_ALIGN.LEFT)
                for run in para.runs:
                    run.font.size, run.font.bold = Pt(size), i == 0
                    _script_fonts(run.font)
    return table


def write_deck(m: Matrix, filters: Filters, path: Path, generated: datetime) -> None:
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    source_note = _("Source: CTITF Matrix of UN Counter-Terrorism Projects and Activities, A/72/840, annex II "
                    "(as of February 2018). Filters: {filters}.").format(filters=filters_text(filters))
    n = len(m.projects)
    content_top, content_h = Inches(1.3), HEIGHT - Inches(2.0)
    content_w = WIDTH - 2 * MARGIN

    # 1. Title
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    band = slide.shapes.add_shape(1, 0, 0, WIDTH, Inches(2.2))
    band.fill.solid()
    band.fill.fore_color.rgb = _rgb("#00689D")
    band.line.fill.background()
    _text(slide, _("United Nations counter-terrorism projects"), MARGIN, Inches(0.6), content_w, Inches(1.0),
          size=36, bold=True, color=RGBColor(0xFF, 0xFF, 0xFF))
    _text(slide, _("CTITF Matrix of UN Counter-Terrorism Projects and Activities (A/72/840, annex II)"),
          MARGIN, Inches(1.45), content_w, Inches(0.6), size=18, color=RGBColor(0xFF, 0xFF, 0xFF))
    _text(slide, _("Filters: {filters}").format(filters=filters_text(filters)), MARGIN, Inches(2.7), content_w,
          Inches(1.6), size=20)
    _text(slide, _("{n} projects · generated {date}").format(n=n, date=date(generated)),
          MARGIN, Inches(4.4), content_w, Inches(0.6), size=18, color=GREY)
    _text(slide, _("For the Global Counter-Terrorism Coordination Compact"), MARGIN, HEIGHT - Inches(1.0),
          content_w, Inches(0.5), size=14, color=GREY)

    if n == 0:
        slide = _slide(prs, _("No project matches these filters"), source_note)
        _text(slide, _("The filters above select no project of the matrix. Remove a filter to see projects."),
              MARGIN, content_top, content_w, Inches(1.0), size=20)
        prs.save(path)
        return

    # 2. Key figures
    slide = _slide(prs, _("Key figures"), source_note)
    fig = summaries.key_figures(m)
    tiles = [(number(fig["projects"]), _("projects")), (number(fig["entities"]), _("entities")),
             (number(fig["countries"]), _("countries named")), (percent(fig["share_ongoing"]), _("ongoing")),
             (percent(fig["share_in_development"]), _("in development"))]
    tile_w = content_w / len(tiles)
    for i, (value, label) in enumerate(tiles):
        left = MARGIN + int(tile_w * i)
        _text(slide, value, left, Inches(2.3), int(tile_w), Inches(1.2), size=54, bold=True, color=_rgb("#00689D"),
              align=PP_ALIGN.CENTER)
        _text(slide, label, left, Inches(3.6), int(tile_w), Inches(0.6), size=18, align=PP_ALIGN.CENTER)

    # 3. Pillar x status
    slide = _slide(prs, _("Projects by pillar and status"), source_note)
    ps = summaries.by_pillar_status(m)
    data = CategoryChartData()
    data.categories = [pillar_label(p) for p in PILLARS]
    statuses = list(STATUSES) + ([""] if (ps["status"] == "").any() else [])
    for status in statuses:
        data.add_series(_(status) if status else _("Unknown"),
                        [int(ps[(ps.pillar == p) & (ps.status == status)]["projects"].sum()) for p in PILLARS])
    chart = slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_STACKED, MARGIN, content_top, content_w, content_h, data).chart
    _style_chart(chart)
    _color_series(chart, [STATUS_COLORS[s] for s in statuses])

    # 4. Top entities
    slide = _slide(prs, _("Top entities"), source_note)
    top = summaries.top_entities(m, n=10).iloc[::-1]
    data = CategoryChartData()
    data.categories = list(top["entity"])
    data.add_series(_("Projects"), [int(v) for v in top["projects"]])
    chart = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, MARGIN, content_top, content_w, content_h - Inches(0.4), data).chart
    _style_chart(chart, legend=False)
    _color_series(chart, [UN_BLUE])
    _text(slide, _("A project counts once for each of its entities."), MARGIN, HEIGHT - Inches(1.0), content_w,
          Inches(0.4), size=12, color=GREY)

    # 5. Coverage by region
    slide = _slide(prs, _("Coverage by region"), source_note)
    regions = region_counts(m)
    global_n = int((m.projects["scope"] == "Global").sum())
    no_country = int((~m.projects["project_id"].isin(m.countries["project_id"])).sum())
    if len(regions):
        data = CategoryChartData()
        data.categories = [region_name(r) for r in regions.index]
        data.add_series(_("Projects"), [int(v) for v in regions])
        chart = slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, MARGIN, content_top, content_w,
                                       content_h - Inches(0.5), data).chart
        _style_chart(chart, legend=False)
        _color_series(chart, [UN_BLUE])
    _text(slide, _("Projects working in each UN M49 region (countries named, or covered by a named region or mission). "
                   "Not in any region: {none} projects, {glob} of them global.").format(none=no_country, glob=global_n),
          MARGIN, HEIGHT - Inches(1.1), content_w, Inches(0.5), size=12, color=GREY)

    # 6. Active per year
    slide = _slide(prs, _("Projects active per year"), source_note)
    years, notes = summaries.active_per_year(m)
    if len(years):
        data = CategoryChartData()
        year_list = sorted(years["year"].unique())
        data.categories = [str(y) for y in year_list]
        for pillar in PILLARS:
            part = years[years.pillar == pillar].set_index("year")["projects"]
            data.add_series(pillar_label(pillar), [int(part.get(y, 0)) for y in year_list])
        chart = slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_STACKED, MARGIN, content_top, content_w,
                                       content_h - Inches(0.5), data).chart
        _style_chart(chart, labels=False)
        _color_series(chart, [PILLAR_COLORS[p] for p in PILLARS])
    _text(slide, _("Dated projects only: {undated} undated projects are not shown; {open} open-ended ones are counted "
                   "up to {year}.").format(undated=notes["undated"], open=notes["open_ended"], year=summaries.REPORT_YEAR),
          MARGIN, HEIGHT - Inches(1.1), content_w, Inches(0.5), size=12, color=GREY)

    # 7. Top countries
    slide = _slide(prs, _("Top countries"), source_note)
    per = summaries.per_country(m, "all").head(12)
    if len(per):
        _table(slide, [_("Country"), _("Projects"), _("named"), _("via region or mission")],
               [[r.country, int(r.projects), int(r.named), int(r.derived)] for r in per.itertuples()],
               MARGIN, content_top, Inches(9), [0.55, 0.15, 0.12, 0.18], size=14)
    else:
        _text(slide, _("No country is named or covered by these projects."), MARGIN, content_top, content_w, Inches(0.6), size=18)

    # 8. Source and data quality
    slide = _slide(prs, _("Source and data quality"), source_note)
    q = m.quality
    headers, rows = reconciliation(q)
    _table(slide, headers, rows, MARGIN, content_top, Inches(7.2), [0.28, 0.28, 0.22, 0.22], size=14)
    counts = {}
    for issue in q["issues"]:
        counts[issue["kind"]] = counts.get(issue["kind"], 0) + 1
    lines = [_("Whole matrix: {source}").format(source=q["source"])] + [
        f"{_(ISSUE_KINDS.get(k, k))}: {v}" for k, v in sorted(counts.items(), key=lambda kv: -kv[1])]
    _text(slide, "\n".join(lines), Inches(8.2), content_top, Inches(4.5), Inches(4.5), size=13)
    prs.save(path)
