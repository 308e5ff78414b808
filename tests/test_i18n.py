"""The six UN languages: catalogues complete and fresh, vocabulary from the UN's own
names, every view in every language, no English interface text in Arabic or Chinese,
exports in a language that read back exactly."""
import gettext
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from openpyxl import load_workbook
from pptx import Presentation

from matrix.i18n import LANGUAGES, LOCALE_DIR, set_language
from matrix.i18n_extract import catalogue_problems, placeholders
from tests.conftest import ROOT, run_cli
from tests.test_app import VIEWS, each_tab, open_tables, run_app, url

NON_EN = [lang for lang in LANGUAGES if lang != "en"]


def po_path(lang):
    return LOCALE_DIR / lang / "LC_MESSAGES" / "ctmatrix.po"


def catalogue(lang) -> dict[str, str]:
    with open(po_path(lang), "rb") as handle:
        return {m.id: m.string for m in read_po(handle) if m.id}


@pytest.fixture(autouse=True)
def english_after():
    yield
    set_language("en")


# --- catalogues ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """The messages the code and the reference tables hold now, extracted afresh."""
    pot = tmp_path_factory.mktemp("pot") / "fresh.pot"
    pybabel = str(Path(sys.executable).parent / "pybabel")
    subprocess.run([pybabel, "-q", "extract", "-F", "babel.cfg", "-k", "_",
                    "-k", "N_", "--no-location", "--omit-header", "-o", str(pot), "."],
                   cwd=ROOT, check=True, env={"PYTHONPATH": str(ROOT), "PATH": ""}, capture_output=True)
    with open(pot, "rb") as handle:
        return {m.id for m in read_po(handle) if m.id}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_message_is_translated_with_its_placeholders(lang):
    assert catalogue_problems(po_path(lang)) == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalogue_is_not_stale_against_the_source(lang, extracted):
    """`make messages` was run after the last change of a string or a reference word."""
    assert set(catalogue(lang)) == extracted, "run `make messages` and translate what is new"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_compiled_catalogue_matches_its_po(lang):
    with open(po_path(lang).with_suffix(".mo"), "rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for msgid, msgstr in catalogue(lang).items():
        assert compiled.gettext(msgid) == msgstr, f"{lang}: {msgid!r}: run `make messages`"


def test_reference_vocabulary_is_in_the_catalogue(extracted):
    assert {"Preventing violent extremism", "Victims of terrorism", "Internet and ICT",  # themes.csv
            "Peace operation", "Non-UN partner",  # entities.csv groups
            "Sahel", "Lake Chad Basin", "Maghreb",  # regions.csv named regions
            "Al-Shabaab sanctions regime"} <= extracted  # resolutions.csv subjects
    # a named region that is exactly one UN M49 region takes the M49 name from CLDR instead
    assert "West Africa" not in extracted and "Central Asia" not in extracted


def test_placeholders_are_read_like_str_format():
    assert placeholders("{n} of {total} projects, {{literal}}, {value!r}") == ["n", "total", "value!r"]


# --- vocabulary ---------------------------------------------------------------------------

@pytest.mark.parametrize("lang, civ, western_africa, lac, sahel_g5", [
    ("ar", "كوت ديفوار", "غرب أفريقيا", "أمريكا اللاتينية ومنطقة البحر الكاريبي", None),
    ("zh", "科特迪瓦", "西非", "拉丁美洲和加勒比", None),
    ("fr", "Côte d’Ivoire", "Afrique occidentale", "Amérique latine et Caraïbes", None),
    ("ru", "Кот-д'Ивуар", "Западная Африка", "Латинская Америка и Карибский бассейн", None),
    ("es", "Côte d’Ivoire", "África occidental", "América Latina y el Caribe", None),
    ("en", "Côte d'Ivoire", "Western Africa", "Latin America and the Caribbean", "G5 Sahel"),
])
def test_country_and_region_names_are_the_uns_own(lang, civ, western_africa, lac, sahel_g5):
    from matrix.vocabulary import country_name, region_name

    set_language(lang)
    assert country_name("CIV", "Côte d'Ivoire") == civ  # UN M49 short name (hdx-python-country)
    assert region_name("Western Africa") == western_africa  # CLDR, by M49 code 011
    # a named region that is one M49 region takes its UN name (English keeps the name as printed)
    assert region_name("West Africa") == (western_africa if lang != "en" else "West Africa")
    assert region_name("Latin America and the Caribbean") == lac  # m49_names.csv: CLDR says "Latin America"
    assert region_name("G5 Sahel") == (sahel_g5 or catalogue(lang)["G5 Sahel"])  # the catalogue


def test_official_arabic_pillar_names_from_the_report():
    """The Arabic body of A/72/840 gives the Strategy's pillars their official Arabic names."""
    from matrix.model import PILLAR_NAMES

    raw = (ROOT / "data" / "raw" / "A-72-840_report_ar_annexes_en.txt").read_text(encoding="utf-8")
    official = [line.split(":", 1)[1].strip() for line in raw.splitlines() if line.startswith("### الركيزة")]
    set_language("ar")
    from matrix.i18n import _

    assert [_(PILLAR_NAMES[p]) for p in (1, 2, 3, 4)] == official


def test_numbers_and_dates_follow_cldr():
    from datetime import date as day

    from matrix.i18n import date, number, percent

    expected = {"en": ("1,234", "25 November 2026"), "fr": ("1\u202f234", "25 novembre 2026"),
                "es": ("1.234", "25 de noviembre de 2026"), "ru": ("1\xa0234", "25 ноября 2026\u202fг."),
                "zh": ("1,234", "2026年11月25日"), "ar": ("1,234", "25 نوفمبر 2026")}
    for lang, (n, d) in expected.items():
        set_language(lang)
        assert (number(1234), date(day(2026, 11, 25))) == (n, d), lang
    set_language("fr")
    assert percent(0.59) == "59\xa0%"


# --- the app --------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", NON_EN)
@pytest.mark.parametrize("view", VIEWS)
def test_every_view_renders_in_every_language(view, lang):
    at = run_app({"view": view, "lang": lang})
    first = at.metric[0]
    assert first.label == catalogue(lang)["Projects"] and first.value == "317"
    assert at.selectbox(key="f_lang").value == lang


def interface_texts(at) -> list[str]:
    """Every piece of interface text on the page: headings, captions, messages, labels,
    table headers. Cells of data tables are data (titles stay in English) and are left out."""
    texts = [e.value for kind in ("title", "header", "subheader", "caption", "markdown", "info", "warning")
             for e in getattr(at, kind)]
    for kind in ("multiselect", "selectbox", "slider", "text_input", "toggle", "button", "metric", "expander"):
        texts += [e.label for e in getattr(at, kind)]
    texts += [e.placeholder for e in at.multiselect] + [t.label for t in at.tabs]
    texts += [e.help for kind in ("multiselect", "toggle", "slider", "text_input", "metric") for e in getattr(at, kind) if e.help]
    texts += [str(c) for kind in ("dataframe", "table") for e in getattr(at, kind) for c in e.value.columns]
    texts += [o for e in at.get("button_group") for o in getattr(e, "options", [])]
    return texts


@pytest.fixture(scope="module")
def english_words():
    """Words of the English interface (from the catalogue's messages), less the data that
    interface text quotes as printed: entity names, the source file's name, overlap terms,
    and the search examples, which stay English because the searched text is English."""
    from matrix.data import load_matrix

    words = {w.lower() for msgid in catalogue("en") for w in re.findall(r"[A-Za-z]{3,}", msgid)}
    m = load_matrix()
    data = " ".join(list(m.entities["entity"]) + list(m.entities["entity_name"]) + [m.quality["source"]]
                    + list(m.extra["overlaps"]["shared_terms"]) + ["border prison youth war award"])
    return words - {w.lower() for w in re.findall(r"[A-Za-z]{3,}", data)} - {"matrix"}  # "CT Matrix", the product's name


@pytest.mark.parametrize("lang", ["ar", "zh"])
@pytest.mark.parametrize("view", VIEWS)
def test_no_english_interface_text_remains(view, lang, english_words):
    at = run_app({"view": view, "lang": lang})
    texts = []
    for page in each_tab(at):
        if page.expander:
            open_tables(page)  # their headers are interface text too
        texts += interface_texts(page)
    left = sorted({w for text in texts for w in re.findall(r"[A-Za-z]{3,}", text or "")
                   if w.lower() in english_words and not w.isupper()})
    assert left == [], f"English interface words in {lang}/{view}: {left}"


def test_the_detector_finds_english_when_it_is_there(english_words):
    """The check above can fail: the English page is full of interface words it knows."""
    at = run_app({"view": "overview"})
    found = {w.lower() for text in interface_texts(at) for w in re.findall(r"[A-Za-z]{3,}", text or "")}
    assert {"projects", "filters", "reset", "status"} <= found & english_words


def test_language_and_filters_share_the_url():
    at = run_app({"lang": "fr", "pillar": "II", "status": "Ongoing", "region": "Sahel"})
    assert at.metric[0].label == "Projets" and at.metric[0].value == "8"
    assert url(at) == {"lang": "fr", "pillar": "II", "status": "Ongoing", "region": "Sahel"}
    # changing the language keeps every filter (multiselects show translated labels)
    at.selectbox(key="f_lang").set_value("ru").run()
    assert not at.exception and at.metric[0].value == "8" and at.metric[0].label == catalogue("ru")["Projects"]
    assert url(at) == {"lang": "ru", "pillar": "II", "status": "Ongoing", "region": "Sahel"}
    at.selectbox(key="f_lang").set_value("en").run()
    assert url(at) == {"pillar": "II", "status": "Ongoing", "region": "Sahel"} and at.metric[0].label == "Projects"


def test_an_unknown_language_in_a_link_falls_back_to_english():
    at = run_app({"lang": "xx"})
    assert at.metric[0].label == "Projects" and at.selectbox(key="f_lang").value == "en"


def test_arabic_page_is_right_to_left_and_marks_english_source_text():
    at = run_app({"lang": "ar", "view": "projects", "project": "P2-026"})
    css = " ".join(e.proto.body for e in at.get("html"))
    assert "direction: rtl" in css and '[lang="en"]' in css
    frames = [e for e in at.get("iframe")]
    assert any("d.lang = 'ar'; d.dir = 'rtl'" in (f.proto.srcdoc or "") for f in frames)
    english = [e.proto.body for e in at.get("html") if 'lang="en"' in e.proto.body and "<style>" not in e.proto.body]
    assert english and all('dir="ltr"' in body for body in english)


# --- exports ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def exports(tmp_path_factory):
    out = tmp_path_factory.mktemp("i18n")
    for lang in ("ar", "zh", "fr"):
        for fmt in ("xlsx", "pptx"):
            result = run_cli("export", "--format", fmt, "--lang", lang, "--out", out / f"{lang}.{fmt}", "--pillar", "II")
            assert result.returncode == 0, result.stderr
    return out


@pytest.mark.parametrize("lang", ["ar", "zh", "fr"])
def test_workbook_in_a_language(exports, lang):
    words = catalogue(lang)
    wb = load_workbook(exports / f"{lang}.xlsx")
    assert wb.sheetnames == [words[s] for s in ("Projects", "Entities", "Countries", "Summary", "Themes",
                                                "Resolutions", "Overlaps", "Data quality", "About")]
    ws = wb[words["Projects"]]
    header = [c.value for c in ws[1]]
    assert header[:3] == [words["Project ID"], words["Pillar"], words["Pillar name"]] and ws.max_row == 57
    row = dict(zip(header, [c.value for c in ws[2]]))
    assert row[words["Status"]] in {words[s] for s in ("Ongoing", "Completed", "In development")}
    assert row[words["Title"]].isascii()  # titles stay in the original English
    assert ws.sheet_view.rightToLeft is (True if lang == "ar" else None)
    if lang in ("ar", "zh"):  # a font with the script's glyphs, headers included
        font = {"ar": "Arial", "zh": "Microsoft YaHei"}[lang]
        assert ws["A2"].font.name == font and ws["A1"].font.name == font and ws["A1"].font.bold
    countries = wb[words["Countries"]]
    names = [c.value for c in countries["C"][1:]]
    assert {"ar": "مالي", "zh": "马里", "fr": "Mali"}[lang] in names


@pytest.mark.parametrize("lang", ["ar", "zh"])
def test_workbook_in_a_language_reads_back_to_the_same_projects(exports, lang, tmp_path):
    result = run_cli("build", "--source", exports / f"{lang}.xlsx", "--out", tmp_path)
    assert result.returncode == 0, result.stderr
    import pandas as pd

    again = pd.read_csv(tmp_path / "projects.csv", dtype=str, keep_default_na=False)
    original = pd.read_csv(ROOT / "data" / "processed" / "projects.csv", dtype=str, keep_default_na=False)
    original = original[original["pillar"] == "2"].reset_index(drop=True)
    pd.testing.assert_frame_equal(again[original.columns], original)


@pytest.mark.parametrize("lang", ["ar", "zh"])
def test_deck_in_a_language(exports, lang):
    words = catalogue(lang)
    deck = Presentation(exports / f"{lang}.pptx")
    texts = [sh.text_frame.text for slide in deck.slides for sh in slide.shapes if sh.has_text_frame]
    assert words["United Nations counter-terrorism projects"] in texts and words["Key figures"] in texts
    charts = [sh.chart for slide in deck.slides for sh in slide.shapes if sh.has_chart]
    assert [s.name for s in charts[0].plots[0].series] == [words[s] for s in ("Ongoing", "Completed", "In development")]
    run = deck.slides[0].shapes[1].text_frame.paragraphs[0].runs[0]._r
    ns = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
    assert run.find("a:rPr/a:ea", ns).get("typeface") == "Microsoft YaHei"
    assert run.find("a:rPr/a:cs", ns).get("typeface") == "Arial"
    assert run.find("a:rPr", ns).get("lang") == {"ar": "ar-SA", "zh": "zh-CN"}[lang]
    rtl = run.getparent().find("a:pPr", ns)
    assert (rtl is not None and rtl.get("rtl") == "1") is (lang == "ar")


def test_export_file_names_carry_the_language():
    from matrix.exports import export_name
    from matrix.filters import Filters

    set_language("ar")
    assert export_name(Filters(pillar=(2,)), "xlsx").endswith("_ar.xlsx")
    assert not export_name(Filters(pillar=(2,)), "csv").endswith("_ar.csv")  # the CSV is the contract's data
