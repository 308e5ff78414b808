"""The 2018 matrix, parsed: exact counts, the reconciliation, and the trickiest rows."""
import pandas as pd
import pytest

from tests.conftest import small_matrix


def test_builds_317_projects_by_pillar(tables):
    assert len(tables.projects) == 317
    assert tables.projects["pillar"].value_counts().sort_index().to_dict() == {1: 120, 2: 56, 3: 124, 4: 17}


def test_status_counts(tables):
    # Cross-checked with grep on the raw text: lines "^serial\t...\tStatus\t".
    assert tables.projects["status"].value_counts().to_dict() == {"Ongoing": 188, "Completed": 93, "In development": 36}


def test_scope_counts(tables):
    assert tables.projects["scope"].value_counts().to_dict() == {
        "Global": 113, "National": 83, "Regional": 72, "Multi-country": 49}


def test_entity_counts(tables):
    counts = tables.project_entities["entity"].value_counts().to_dict()
    assert {e: counts[e] for e in ("UNODC", "UNESCO", "UNCCT", "IMO", "CTED", "ICAO", "INTERPOL", "OHCHR", "MINUSMA", "1540 Committee")} == {
        "UNODC": 100, "UNESCO": 96, "UNCCT": 45, "IMO": 17, "CTED": 15, "ICAO": 12, "INTERPOL": 10,
        "OHCHR": 10, "MINUSMA": 9, "1540 Committee": 9}
    assert tables.project_entities["entity"].nunique() == 59
    # 437 names in bold + 8 in plain text after titles + 1 half-bold (P2-009 "UNODA, <b>…")
    assert len(tables.project_entities) == 446
    lead = tables.project_entities[tables.project_entities.role == "lead"]
    assert len(lead) == 317 and lead["project_id"].is_unique


def test_reconciliation_reads_stated_counts_from_the_text(tables):
    q = tables.quality
    assert q["source"] == "data/raw/A-72-840_report_ar_annexes_en.txt"
    assert (q["stated_total"], q["parsed_total"]) == (320, 317)
    assert q["pillars"] == [
        {"pillar": 1, "stated": 120, "header": 120, "parsed": 120},
        {"pillar": 2, "stated": 55, "header": 55, "parsed": 56},
        {"pillar": 3, "stated": 128, "header": 125, "parsed": 124},
        {"pillar": 4, "stated": 17, "header": 17, "parsed": 17},
    ]


def test_quality_explains_why_not_320(tables):
    by_kind = {}
    for issue in tables.issues:
        by_kind.setdefault(issue.kind, []).append(issue)
    dup, = by_kind["duplicate_serial"]
    assert (dup.pillar, dup.serial, dup.project_id, dup.line) == (2, "26", "P2-026b", 615)
    missing, = by_kind["missing_serial"]
    assert (missing.pillar, missing.serial, missing.line) == (3, "9", 675)
    assert [(i.line, i.serial) for i in by_kind["continuation_merged"]] == [(585, "4"), (595, "11")]
    mismatches = sorted((i.pillar or 0, i.line, i.message) for i in by_kind["count_mismatch"])
    assert [(p, line) for p, line, _ in mismatches] == [(0, 402), (2, 402), (2, 576), (3, 402), (3, 660)]
    assert "125" in mismatches[-1][2] and "124" in mismatches[-1][2]
    assert len(by_kind["undated"]) == 111
    assert len(by_kind["untagged"]) == 68
    year, = by_kind["resolution_year"]
    assert (year.project_id, year.line) == ("P1-015", 431) and "2178 (2017)" in year.message
    assert set(by_kind) == {"duplicate_serial", "missing_serial", "continuation_merged", "count_mismatch", "undated",
                            "untagged", "resolution_year"}


def test_every_row_accounted_for(tables):
    """Each tab-separated row of the four tables is a project, a merged continuation, or a header."""
    from tests.conftest import RAW
    lines = RAW.read_text(encoding="utf-8").splitlines()[412:866]
    rows = [l for l in lines if "\t" in l]
    headers = [l for l in rows if "Serial" in l.split("\t")[0]]
    continuations = [l for l in rows if l.split("\t")[0] == ""]
    assert len(rows) == len(headers) + len(continuations) + len(tables.projects)
    assert len(continuations) == 2


# Field by field: the trickiest rows, read from the source by eye.
TRICKY = {
    # duration with months, bold entity
    "P1-001": dict(title="Pilot Project on Countering Radicalization and Violent Extremism in the Sahel-Maghreb",
                   duration_text="Jul. 2015–Jun. 2019", start_year=2015, end_year=2019, entities=["UNICRI"],
                   scope="Regional", regions=["Sahel", "Maghreb"], countries=[], source_line=413),
    # a resolution reference in a link is part of the title, not a duration
    "P1-015": dict(title="Promoting Dialogue and Understanding and Strengthening Community Engagement in Implementation "
                         "of the Global Counter-Terrorism Strategy and Security Council resolution 2178 (2017)",
                   duration_text="", start_year=None, entities=["UNCCT", "CTED"], scope="National", countries=[]),
    # an acronym in brackets is part of the title; a mission and a DPKO sub-unit
    "P1-019": dict(title="Community Violence Reduction (CVR) projects in Mali", duration_text="",
                   entities=["MINUSMA", "DPKO-DDR"], countries=["MLI"], scope="National"),
    "P1-027": dict(duration_text="25-27 Sep. 2017", start_year=2017, end_year=2017, status="Completed"),
    # no space between the closing quote and the duration
    "P1-031": dict(title="Publication of the ‘Long walk of peace’ section of the research study on “Progress and Challenges "
                         "for the UN Peace Agenda, 70 years after the creation of the United Nations and UNESCO.”",
                   duration_text="2015–2018", start_year=2015, end_year=2018),
    "P1-040": dict(title="UNESCO Open School Programme", duration_text="since 2000", start_year=2000, end_year=None,
                   open_ended=True, recurring=False, countries=["BRA"], regions=["Central America"], scope="Regional"),
    "P1-051": dict(title="World Heritage Youth Forum", duration_text="Annual event", recurring=True,
                   start_year=None, end_year=None, entities=["UNESCO"]),
    # bold "(Annual event)" is a duration, not an entity; brackets in the title stay
    "P1-072": dict(title='World Heritage Education Programme ("World Heritage in young hands kit", and '
                         '"Patrimono\'s World Heritage Adventures".)', duration_text="Annual event", recurring=True,
                   entities=["UNESCO"]),
    "P1-075": dict(duration_text="2016-ongoing", start_year=2016, end_year=None, open_ended=True),
    "P1-097": dict(duration_text="30 October–1 November 2016", start_year=2016, end_year=2016),
    # a year inside the title right before the duration
    "P1-102": dict(title="Media and Information Literacy Week 2016", duration_text="2–5 Nov. 2016", start_year=2016),
    # French acronyms: HCDH is OHCHR, PAM is WFP
    "P1-110": dict(entities=["UNESCO", "IOM", "OHCHR", "UNFPA", "UNICEF"], countries=["GIN"]),
    "P1-111": dict(entities=["UNESCO", "UNICEF", "IOM", "OHCHR", "WFP"]),
    # "AU and Lake Chad Basin Commission"; three resolution links in the title
    "P1-112": dict(entities=["CTED", "UNODC", "UNDP", "IOM", "AU", "Lake Chad Basin Commission"],
                   countries=["CMR", "TCD", "NER", "NGA"], scope="Multi-country", duration_text=""),
    # entities in plain text after the title
    "P1-118": dict(title="#SpreadNoHate Initiative", entities=["UNAOC"]),
    "P1-119": dict(title="Youth Video Festival PLURAL+", entities=["UNAOC", "IOM"]),
    "P1-120": dict(title="The Media and Information Literacy (MIL)", entities=["UNAOC", "UNESCO"], status="In development"),
    "P1-065": dict(entities=["UNESCO", "UN Women", "UNDP"], countries=["SLE"]),
    # continuation line after a page-break header, merged into the activities
    "P2-004": dict(title="United Nations Security Council Resolution 1540 (2004) Industry Conferences",
                   duration_text="2016–2017", activities="“Wiesbaden Process” to promote industry cooperation with the "
                   "1540 Committee; sharing experiences and implementation practices.", source_line=582),
    # entities half in bold; a resolution reference before the place
    "P2-009": dict(title="Seminar on Voluntary National Implementation Action Plans for UN Security Council Resolution "
                         "1540 (2004) in Rakitje, Croatia", duration_text="Sep. 2017", entities=["UNODA", "1540 Committee"],
                   regions=["RACVIAC Member countries"]),
    "P2-010": dict(duration_text="2016, 2017", start_year=2016, end_year=2017, scope="Regional",
                   regions=["Regional and international organizations"], countries=[]),
    # the repeated serial: both rows kept
    "P2-026": dict(serial="26", entities=["UNCCT", "UNRCCA"], regions=["Central Asia"], source_line=614),
    "P2-026b": dict(serial="26", title="Aviation Security Training in Nigeria", duration_text="Jul. 2016–Dec. 2017",
                    countries=["NGA"], scope="National", source_line=615),
    "P2-029": dict(duration_text="Annual event. 2016, 2017 and 2018", start_year=2016, end_year=2018, recurring=True,
                   entities=["IMO", "UNODC", "INTERPOL"]),
    "P2-040": dict(title="Strengthening international cooperation and enhancing the capacities of Member States in the "
                         "implementation of UN Security Council Resolutions 2199, 2253 and 2347",
                   duration_text="since 2015", start_year=2015, open_ended=True),
    # non-UN partners written out in full, "and the ..."
    "P2-042": dict(entities=["CTED", "Global Center on Cooperative Security", "Association of Francophone Supreme Courts"],
                   countries=["BFA", "TCD", "MLI", "MRT", "NER", "SEN"]),
    "P2-048": dict(title="Global Traveler Assessment System.", duration_text="since Apr. 2017", start_year=2017, open_ended=True),
    "P2-054": dict(entities=["CTED", "UNODC", "ICCT", "CTITF"]),
    # a link keeps its address as text
    "P3-099": dict(activities="Publishing the module in all six UN Official languages, available at: "
                              "http://www.unodc.org/documents/terrorism/for%20web%20stories/1-WS%20CBRN%206%20modules/CBRN_module_-_E.pdf"),
    "P3-122": dict(title="Building capacity to improve States’ aviation security systems toward contributing for the "
                         "implementation of UN Security Council Resolution 2309 (2016).", duration_text="",
                   regions=["Caribbean", "Central and South America", "Africa", "South-East Asia", "Middle East"]),
    # the row after the skipped serial 9
    "P3-010": dict(serial="10", duration_text="Annual event. 2017", recurring=True, start_year=2017, source_line=675),
    # Lao PDR and Viet Nam
    "P3-062": dict(countries=["KHM", "LAO", "MYS", "MMR", "VNM"], scope="Multi-country"),
    # Côte d'Ivoire and "the Gambia"
    "P1-090": dict(countries=["CIV", "MLI", "NER", "GMB", "SEN"], duration_text="Nov. 2016"),
    "P2-001": dict(title="Implementation of UN Security Council resolution 2178 (2014) by building the capacities of "
                         "States in Africa to prevent the acquisition of arms and ammunition by terrorists/terrorist groups.",
                   entities=["UNODA"]),
    "P1-039": dict(regions=["G5 Sahel"], scope="Regional", countries=[]),
    "P3-015": dict(countries=["CHN", "PRK", "HKG", "IDN", "MAC", "MYS", "PHL", "THA", "TLS", "VNM"]),
}


@pytest.mark.parametrize("project_id", sorted(TRICKY))
def test_tricky_row(projects, project_id):
    row = projects.loc[project_id]
    for field, expected in TRICKY[project_id].items():
        value = row[field]
        if expected is None:
            assert pd.isna(value), (field, value)
        else:
            assert (value.item() if hasattr(value, "item") else value) == expected, field


def test_pillar_names_come_from_the_text(projects):
    assert projects.loc["P1-001", "pillar_name"] == "Measures to address conditions conducive to the spread of terrorism"
    assert projects.loc["P4-001", "pillar_name"].startswith("Measures to ensure the protection of human rights")


def test_no_html_left_in_text_columns(tables):
    for col in ("title", "activities", "geography", "duration_text"):
        assert not tables.projects[col].str.contains(r"<[a-zA-Z/]", regex=True).any(), col


def test_mission_and_region_bases(tables):
    c = tables.project_countries
    p3_029 = c[c.project_id == "P3-029"][["iso3", "basis", "via"]].values.tolist()
    assert p3_029 == [["IRQ", "named", ""], ["CAF", "mission", "MINUSCA"], ["COD", "mission", "MONUSCO"], ["MLI", "mission", "MINUSMA"]]
    g5 = c[c.project_id == "P1-039"]
    assert sorted(g5.iso3) == ["BFA", "MLI", "MRT", "NER", "TCD"] and set(g5.basis) == {"region"}
    mali = c[(c.project_id == "P1-019")].iloc[0]
    assert (mali.country, mali.region, mali.subregion, mali.intermediate_region) == ("Mali", "Africa", "Sub-Saharan Africa", "Western Africa")


def test_sub_units_keep_their_parent(tables):
    e = tables.project_entities.drop_duplicates("entity").set_index("entity")
    assert e.loc["DPKO-UNMAS", "parent"] == "DPKO" and e.loc["DPKO-DDR", "parent"] == "DPKO"
    assert e.loc["DPKO-UNMAS", "entity_group"] == "UN Secretariat office"
    assert e.loc["MINUSMA", "entity_group"] == "Peace operation"
    assert e.loc["CTED", "entity_group"] == "Security Council body"
    assert e.loc["INTERPOL", "entity_group"] == "Intergovernmental organization"


# --- small crafted sources -------------------------------------------------------------

def _build_text(tmp_path, text):
    from loaders import load_source
    from matrix.build import build_tables

    path = tmp_path / "m.txt"
    path.write_text(text, encoding="utf-8")
    return build_tables(load_source(path))


def test_unknown_status_is_an_issue_with_its_line(tmp_path):
    t = _build_text(tmp_path, small_matrix("1\tA project (2018) <b>UNODC</b>\tPaused\tDoing.\tMali"))
    assert t.projects.loc[0, "status"] == ""
    issue, = [i for i in t.issues if i.kind == "unknown_status"]
    assert issue.line == 6 and "Paused" in issue.message


def test_row_with_missing_cells_is_kept_and_reported(tmp_path):
    t = _build_text(tmp_path, small_matrix("1\tA project <b>UNODC</b>\tOngoing"))
    assert len(t.projects) == 1 and t.projects.loc[0, "geography"] == ""
    kinds = {i.kind for i in t.issues}
    assert {"malformed_row", "unresolved_geography"} <= kinds


def test_status_is_normalised(tmp_path):
    t = _build_text(tmp_path, small_matrix("1\tA <b>UNODC</b>\t In Development \tx\tGlobal"))
    assert t.projects.loc[0, "status"] == "In development"


def test_unknown_entity_kept_as_printed(tmp_path):
    t = _build_text(tmp_path, small_matrix("1\tA <b>UNODC, Friends of Peace</b>\tOngoing\tx\tGlobal"))
    assert t.projects.loc[0, "entities"] == ["UNODC", "Friends of Peace"]
    issue, = [i for i in t.issues if i.kind == "unknown_entity"]
    assert "Friends of Peace" in issue.message and issue.line == 6


def test_unresolved_geography_reported(tmp_path):
    t = _build_text(tmp_path, small_matrix("1\tA <b>UNODC</b>\tOngoing\tx\tMali, Atlantis"))
    assert t.projects.loc[0, "countries"] == ["MLI"]
    issue, = [i for i in t.issues if i.kind == "unresolved_geography"]
    assert "Atlantis" in issue.message


def test_rows_in_bold_header_and_blank_lines(tmp_path):
    bold_header = "<b>Serial</b>\t<b>Project Title/Duration/CTITF Entities</b>\t<b>Status</b>\t<b>Main</b>\t<b>Geo</b>"
    t = _build_text(tmp_path, small_matrix("1\tA <b>UNODC</b>\tOngoing\tx\tMali", "", "", bold_header,
                                           "2\tB <b>UNODC</b>\tCompleted\ty\tNiger", count="2"))
    assert t.projects["project_id"].tolist() == ["P1-001", "P1-002"]
    assert t.quality["pillars"][0] == {"pillar": 1, "stated": None, "header": 2, "parsed": 2}
