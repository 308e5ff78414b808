"""Unit behaviour of the normalisation: durations, title cells, entities, places."""
import pytest

from matrix.durations import Duration, parse_duration
from matrix.entities import entity_table
from matrix.geography import gazetteer
from matrix.reference import read_reference, split_list
from matrix.titles import split_title_cell


@pytest.mark.parametrize("text, expected", [
    ("Jul. 2015–Jun. 2019", Duration(2015, 2019, False, False)),
    ("2016–2019", Duration(2016, 2019, False, False)),
    ("2016-2019", Duration(2016, 2019, False, False)),
    ("2018", Duration(2018, 2018, False, False)),
    ("since 2000", Duration(2000, None, False, True)),
    ("since Apr. 2017", Duration(2017, None, False, True)),
    ("2016-ongoing", Duration(2016, None, False, True)),
    ("25-27 Sep. 2017", Duration(2017, 2017, False, False)),
    ("30 October–1 November 2016", Duration(2016, 2016, False, False)),
    ("28 Apr.–5 May 2016", Duration(2016, 2016, False, False)),
    ("Annual event. 2016, 2017 and 2018", Duration(2016, 2018, True, False)),
    ("Annual event. 2016–2017", Duration(2016, 2017, True, False)),
    ("Annual event", Duration(None, None, True, False)),
    ("2016, 2017", Duration(2016, 2017, False, False)),
    ("", Duration(None, None, False, False)),
])
def test_parse_duration(text, expected):
    assert parse_duration(text) == expected


@pytest.mark.parametrize("cell, title, duration, entities", [
    ("Preventing Violent Extremism (PVE) through Strategic Communications (2016–2019) <b>UNCCT</b>",
     "Preventing Violent Extremism (PVE) through Strategic Communications", "2016–2019", ["UNCCT"]),
    ("Resolution <a href=\"#\">2178 (2014)</a> on API (Nov. 2015–Dec. 2017) <b>UNCCT, CTED</b>",
     "Resolution 2178 (2014) on API", "Nov. 2015–Dec. 2017", ["UNCCT", "CTED"]),
    ("Implementation of the resolution 2309 (2016). <b>ICAO</b>", "Implementation of the resolution 2309 (2016).", "", ["ICAO"]),
    ("Youth Video Festival PLURAL+ UNAOC, IOM", "Youth Video Festival PLURAL+", "", ["UNAOC", "IOM"]),
    ("A seminar (Sep. 2017) UNODA, <b>1540 Committee</b>", "A seminar", "Sep. 2017", ["UNODA", "1540 Committee"]),
    ("Volunteers camps <b>(Annual event)</b> <b>UNESCO</b>", "Volunteers camps", "Annual event", ["UNESCO"]),
    ("Forum (Annual event) <b>UNESCO</b>", "Forum", "Annual event", ["UNESCO"]),
    ("Border programme (BSM programme) (2018-2021) <b>UNCCT</b>", "Border programme (BSM programme)", "2018-2021", ["UNCCT"]),
    ("Replication (replication of NET-MED Youth in Africa) <b>UNESCO</b>", "Replication (replication of NET-MED Youth in Africa)", "", ["UNESCO"]),
    ("Support <b>CTED, UNODC, AU and Lake Chad Basin Commission</b>", "Support", "", ["CTED", "UNODC", "AU", "Lake Chad Basin Commission"]),
    ("Title&nbsp;with&nbsp;spaces (2018) <b>UNODC</b>", "Title with spaces", "2018", ["UNODC"]),
])
def test_split_title_cell(cell, title, duration, entities):
    parts = split_title_cell(cell, entity_table())
    assert (parts.title, parts.duration_text, parts.entities) == (title, duration, entities)


def test_every_alias_resolves_to_its_entity():
    table = entity_table()
    rows = [row for _, row in read_reference("entities.csv", ("entity", "name", "group"))]
    assert len(rows) == 59
    for row in rows:
        for alias in [row["entity"], row["name"], *split_list(row["aliases"])]:
            assert table.canonical(alias) == row["entity"], alias
            assert table.canonical(alias.upper()) == row["entity"], alias


@pytest.mark.parametrize("printed, canonical", [
    ("HCDH", "OHCHR"), ("PAM", "WFP"), ("UN WOMEN", "UN Women"), ("UN Women", "UN Women"),
    ("ODA", "UNODA"), ("the Association of Francophone Supreme Courts", "Association of Francophone Supreme Courts"),
    ("The International Centre for Counter-Terrorism — The Hague (ICCT)", "ICCT"), ("DPKO-UNMAS", "DPKO-UNMAS"),
    ("DPKO–UNMAS", "DPKO-UNMAS"), ("Unknown Friends", None),
])
def test_alias(printed, canonical):
    assert entity_table().canonical(printed) == canonical


def test_every_entity_has_a_known_group_and_parent():
    table = entity_table()
    groups = {e.group for e in table.entities.values()}
    assert groups == {"UN Secretariat office", "UN agency, fund or programme", "UN related organization",
                      "Peace operation", "Special political mission", "Security Council body",
                      "UN research and training institute", "Intergovernmental organization", "Non-UN partner",
                      "National authority"}
    for e in table.entities.values():
        assert not e.parent or e.parent in table.entities, e


@pytest.mark.parametrize("printed, named, scope", [
    ("Viet Nam", ["VNM"], "National"), ("Vietnam", ["VNM"], "National"),
    ("Côte d'Ivoire, Cote d'Ivoire", ["CIV"], "National"),
    ("Lao PDR and DPR Korea", ["LAO", "PRK"], "Multi-country"),
    ("Surinam, the Philippines", ["SUR", "PHL"], "Multi-country"),
    ("Trinidad and Tobago", ["TTO"], "National"),
    ("Iraq, Jordan, Lebanon and Syria", ["IRQ", "JOR", "LBN", "SYR"], "Multi-country"),
    ("Brazil and Central America", ["BRA"], "Regional"),
    ("Eastern Africa", [], "Regional"), ("Central Asia", [], "Regional"),
    ("Global, regional", [], "Global"), ("National", [], "National"), ("Regional (Arab States)", [], "Regional"),
    ("Selected countries in the Middle East and North Africa", [], "Regional"),
    ("", [], ""),
])
def test_geography(printed, named, scope):
    geo = gazetteer().resolve(printed)
    assert (geo.named, geo.scope, geo.unresolved) == (named, scope, [])


def test_fragments_never_become_countries():
    geo = gazetteer().resolve("Eastern, Central")
    assert geo.named == [] and geo.unresolved == ["Eastern", "Central"]


def test_region_membership_from_m49_and_csv():
    regions = gazetteer().regions
    assert regions["Central Asia"].members == ("KAZ", "KGZ", "TJK", "TKM", "UZB")
    assert set(regions["G5 Sahel"].members) == {"BFA", "TCD", "MLI", "MRT", "NER"}
    assert len(regions["Africa"].members) == 54
