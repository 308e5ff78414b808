"""The coordination lens: themes (against hand labels), resolutions, overlaps."""
import csv
from collections import Counter
from pathlib import Path

import pytest

from matrix.data import load_matrix
from matrix.overlaps import overlap_candidates
from matrix.resolutions import catalogue, citations, project_resolutions
from matrix.themes import project_themes, theme_names

LABELS = Path(__file__).with_name("theme_labels.csv")


@pytest.fixture(scope="module")
def m():
    return load_matrix()


@pytest.fixture(scope="module")
def themes(m):
    return project_themes(m.projects)


def labels_of(themes, pid):
    return set(themes.loc[themes.project_id == pid, "theme"])


def test_theme_taxonomy_is_annex_iis():
    assert theme_names("theme") == [
        "Conflict prevention and resolution", "Preventing violent extremism", "Dialogue, tolerance and understanding",
        "Countering terrorist narratives", "Violence against women and girls", "Law enforcement and border control",
        "Financing of terrorism", "CBRN and WMD", "Legislation and criminal justice capacity", "Foreign terrorist fighters",
        "Human rights", "Victims of terrorism"]
    assert {"Youth", "Gender", "Education", "Prisons", "Aviation", "Maritime", "Internet and ICT"} <= set(theme_names("tag"))


def test_specific_projects_themes_and_the_words_behind_them(themes):
    assert labels_of(themes, "P2-048") == {"Law enforcement and border control", "Foreign terrorist fighters"}
    row = themes[(themes.project_id == "P2-048") & (themes.theme == "Law enforcement and border control")].iloc[0]
    assert row["matched"] == "API; PNR; Customs; Border"
    assert labels_of(themes, "P3-066") >= {"Financing of terrorism"}
    assert labels_of(themes, "P4-013") == {"Human rights"}
    # a project can carry themes of other pillars: a pillar III project on youth radicalisation
    assert labels_of(themes, "P3-074") == {"Preventing violent extremism", "Youth"}


def test_capitals_only_keywords_do_not_match_ordinary_words():
    import pandas as pd
    frame = pd.DataFrame({"project_id": ["X"], "title": ["An api for a rapid trip"], "activities": [""]})
    assert project_themes(frame).empty  # "api" and "trip" are not API and TRIP


def test_precision_and_recall_on_hand_labelled_projects(themes):
    """40 projects labelled by reading them (tests/theme_labels.csv), not by the rules."""
    rows = list(csv.DictReader(LABELS.open(encoding="utf-8")))
    assert len(rows) == 40
    tp = fp = fn = 0
    for row in rows:
        truth = {x.strip() for x in (row["themes"] + ";" + row["tags"]).split(";") if x.strip()}
        got = labels_of(themes, row["project_id"])
        tp, fp, fn = tp + len(got & truth), fp + len(got - truth), fn + len(truth - got)
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    assert (tp, fp, fn) == (70, 8, 1)  # precision 0.897, recall 0.986
    assert precision >= 0.85 and recall >= 0.85


def test_every_project_has_a_theme_or_is_reported(m, themes):
    from tests.conftest import RAW
    from loaders import load_source
    from matrix.build import build_tables

    themed = set(themes.loc[themes.kind == "theme", "project_id"])
    untagged = {i["project_id"] for i in m.quality["issues"] if i["kind"] == "untagged"}
    assert themed | untagged == set(m.projects.project_id) and not themed & untagged
    assert len(untagged) == 68


@pytest.mark.parametrize("text, expected", [
    ("Security Council resolution 2178 (2014) by building", [("2178", "2014")]),
    ("in line with resolutions 2178 (2014) , 2349 (2017) and 2396 (2017)", [("2178", "2014"), ("2349", "2017"), ("2396", "2017")]),
    ("implementation of UN Security Council Resolutions 2199, 2253 and 2347", [("2199", None), ("2253", None), ("2347", None)]),
    ("Raising awareness of UNSCR 1540 (2004); analyzing", [("1540", "2004")]),
    ("Support to UNSCR 1540 Committee on the non-proliferation", [("1540", None)]),
    ("1540 Committee Visits to States", [("1540", None)]),
    ("General Assembly resolution 71/291", []),
    ("and related United Nations Security Council resolutions.", []),
])
def test_citation_forms(text, expected):
    assert citations(text) == expected


def test_project_resolutions(m):
    r = project_resolutions(m.projects)
    rows = {(x.project_id, x.resolution): (x.year, x.field) for x in r.itertuples()}
    assert rows[("P2-040", "2253")] == (2015, "title")  # cited without a year: year from the catalogue
    assert rows[("P2-040", "2347")] == (2017, "title")
    assert rows[("P1-112", "2349")] == (2017, "title")
    assert rows[("P3-031", "2396")] == (2017, "activities")
    assert rows[("P1-015", "2178")] == (2017, "title")  # as printed; the quality report flags it
    assert Counter(r.resolution) == {"1540": 10, "2178": 5, "2396": 2, "2199": 1, "2253": 1, "2347": 1, "2349": 1, "2309": 1}


def test_catalogue_covers_the_seeds():
    cat = catalogue()
    recalled_2617 = ("1267 1325 1368 1373 1535 1540 1566 1624 1787 1805 1894 1963 1989 2106 2122 2129 2133 2150 2170 2178 "
                     "2185 2195 2199 2220 2242 2249 2253 2255 2309 2322 2331 2341 2347 2354 2368 2370 2379 2388 2395 2396 "
                     "2462 2482 2617").split()
    work_programme_2024 = "1526 2467 2713".split()
    assert set(recalled_2617 + work_programme_2024) <= set(cat)
    assert cat["2178"]["year"] == "2014" and cat["2195"]["year"] == "2014"


def test_overlap_pairs_confirmed_by_reading(m):
    pairs = {(o.project_a, o.project_b, o.country) for o in overlap_candidates(m.projects, m.countries).itertuples()}
    # Both support Mali's Specialized Judicial Unit (DPKO/MINUSMA; DPKO-OROLSI with UNODC).
    assert ("P3-022", "P3-055", "Mali") in pairs
    # UNODC's support to the same unit, and DPKO-OROLSI's establishment of it.
    assert ("P3-054", "P3-055", "Mali") in pairs
    # Two phases of the I-ACT initiative in Mali, by UNCCT and by CTITF.
    assert ("P3-006", "P3-021", "Mali") in pairs
    # Criminal justice support to Sahel judges (CTED) and to Sahel countries (UNODC).
    assert ("P2-042", "P3-048", "Burkina Faso") in pairs


def test_pairs_that_must_not_appear(m):
    o = overlap_candidates(m.projects, m.countries)
    pairs = {(x.project_a, x.project_b) for x in o.itertuples()}
    lead = m.projects.set_index("project_id")["lead_entity"]
    assert all(lead[a] != lead[b] for a, b in pairs)
    assert ("P3-048", "P3-054") not in pairs  # both UNODC, both Mali: same lead entity
    assert ("P1-081", "P3-022") not in pairs  # Morocco and Mali: no country in common
    assert ("P2-037", "P3-022") not in pairs  # one shared word ("unit") is not enough
    assert list(o["score"]) == sorted(o["score"], reverse=True)
    assert o.iloc[0][["project_a", "project_b", "shared_terms"]].tolist() == [
        "P3-022", "P3-055", "specialized; transnational; organized; crime"]


def test_region_filter_uses_the_regions_members(m):
    from matrix.filters import apply_filters, from_params

    horn = apply_filters(m, from_params({"region": "Horn of Africa"})).projects
    # naming the Horn of Africa (P2-024) or one of Djibouti, Eritrea, Ethiopia, Somalia
    named = m.countries[(m.countries.basis == "named") & m.countries.iso3.isin(["DJI", "ERI", "ETH", "SOM"])].project_id
    assert set(horn.project_id) == set(named) | {"P2-024"} and len(horn) == 9
