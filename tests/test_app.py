"""The app's logic, through Streamlit's AppTest: views, URL state, filters, safety."""
import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT, small_matrix

VIEWS = ["overview", "map", "entities", "timeline", "projects", "coordination", "quality"]


def run_app(params=None, env_data=None, monkeypatch=None):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def open_tables(at):
    """Opens every chart's data table: they are drawn only while open."""
    keys = [e.key for e in at.expander if e.key]
    assert keys, "no data table on this page"
    for key in keys:
        at.session_state[key] = True
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return keys


LENSES = ["themes", "resolutions", "overlaps", "gaps"]


def each_tab(at):
    """Shows each lens of the coordination view in turn (only the chosen one is drawn);
    a page without lenses is visited as it is."""
    if "lens" not in at.session_state:
        yield at
        return
    for lens in LENSES:
        at.session_state["lens"] = lens
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        yield at


def url(at) -> dict:
    """The app's query string as plain strings."""
    return {k: (v[-1] if isinstance(v, list) else v) for k, v in dict(at.query_params).items()}


def projects_metric(at):
    first = at.metric[0]
    assert first.label == "Projects"
    return int(first.value)


@pytest.mark.parametrize("view", VIEWS)
def test_every_view_renders_on_full_data(view):
    at = run_app({"view": view})
    assert projects_metric(at) == 317
    assert at.segmented_control(key="view").value == view
    drawn = []
    for page in each_tab(at):
        drawn.append(len(page.get("plotly_chart")) + len(page.dataframe) + len(page.table))
        if page.expander:  # closed, a data table is not drawn; opened, it is
            tables = len(page.table)
            keys = open_tables(page)
            assert len(page.table) == tables + len(keys)
    assert all(drawn), drawn  # every tab shows something


def test_coordination_draws_only_its_chosen_lens_and_keeps_it():
    at = run_app({"view": "coordination"})
    assert at.segmented_control(key="lens").value == "themes"
    assert at.subheader[0].value == "Themes"
    assert len(at.get("plotly_chart")) == 1 and not at.dataframe  # the themes chart alone
    at.segmented_control(key="lens").set_value("gaps").run()
    assert len(at.get("plotly_chart")) == 2 and len(at.dataframe) == 1  # pillar x region, theme x region, countries
    assert projects_metric(at) == 317
    # another view and back, and another language: the same lens
    at.segmented_control(key="view").set_value("map").run()
    at.segmented_control(key="view").set_value("coordination").run()
    assert at.segmented_control(key="lens").value == "gaps"
    at.selectbox(key="f_lang").set_value("fr").run()
    assert at.segmented_control(key="lens").value == "gaps" and at.subheader[0].value == "Lacunes"


def test_the_lens_is_part_of_the_link():
    at = run_app({"view": "coordination", "lens": "gaps", "pillar": "II"})
    assert at.subheader[0].value == "Gaps" and projects_metric(at) == 56
    assert url(at) == {"view": "coordination", "lens": "gaps", "pillar": "II"}
    at.segmented_control(key="lens").set_value("themes").run()
    assert url(at) == {"view": "coordination", "pillar": "II"}  # the first lens needs no word
    at.segmented_control(key="lens").set_value("overlaps").run()
    at.segmented_control(key="view").set_value("map").run()
    assert url(at) == {"view": "map", "pillar": "II"}  # a lens belongs to Coordination only
    assert run_app({"view": "coordination", "lens": "nonsense"}).subheader[0].value == "Themes"


def test_the_chosen_overlap_pair_outlives_another_lens():
    at = run_app({"view": "coordination"})
    at.segmented_control(key="lens").set_value("overlaps").run()
    at.selectbox(key="f_pair").set_value(2).run()
    at.segmented_control(key="lens").set_value("themes").run()
    at.segmented_control(key="lens").set_value("overlaps").run()
    assert at.selectbox(key="f_pair").value == 2


@pytest.mark.parametrize("view", VIEWS)
def test_every_view_renders_on_an_empty_result(view):
    at = run_app({"view": view, "q": "no-such-word-anywhere"})
    assert projects_metric(at) == 0
    if view != "quality":
        assert any("No project matches these filters" in i.value for i in at.info)


@pytest.mark.parametrize("params, expected", [
    ({"pillar": "II"}, 56), ({"pillar": "2"}, 56), ({"pillar": "I,IV"}, 137),
    ({"status": "Ongoing,Completed"}, 281), ({"pillar": "II", "status": "Ongoing"}, 37),
    ({"country": "MLI"}, 24), ({"country": "MLI", "coverage": "all"}, 46),
    ({"entity": "UNODC", "pillar": "III"}, 91), ({"q": "border"}, 17), ({"scope": "Global"}, 113),
    ({"theme": "Financing of terrorism"}, 25), ({"resolution": "1540"}, 10), ({"resolution": "2178,2396"}, 5),
    ({"region": "Sahel"}, 55),  # naming the Sahel, or naming one of its ten countries
    ({"year_from": "2018", "year_to": "2018"}, 132),
    ({"theme": "Dialogue, tolerance and understanding"}, 32),  # a value with a comma in it
    ({"region": "Horn of Africa"}, 9),
])
def test_url_parameters_set_filters(params, expected):
    at = run_app(params)
    assert projects_metric(at) == expected
    from matrix.filters import from_params, to_params
    assert url(at) == to_params(from_params(params))  # the link stays, in canonical form


def test_changing_a_filter_updates_the_url():
    at = run_app()
    at.sidebar.multiselect(key="f_pillar").select(2).run()
    assert projects_metric(at) == 56
    assert url(at) == {"pillar": "II"}
    at.sidebar.multiselect(key="f_status").select("Ongoing").select("Completed").run()
    assert projects_metric(at) == 54
    assert url(at) == {"pillar": "II", "status": "Ongoing,Completed"}
    at.sidebar.text_input(key="f_q").input("border").run()
    assert projects_metric(at) == 4  # P2-017, P2-023, P2-048, P2-051
    assert url(at) == {"pillar": "II", "status": "Ongoing,Completed", "q": "border"}


def test_reset_clears_filters_and_url():
    at = run_app({"pillar": "II", "q": "border"})
    assert projects_metric(at) == 5
    at.sidebar.button(key="reset").click().run()
    assert projects_metric(at) == 317
    assert url(at) == {}


def test_view_is_part_of_the_url():
    at = run_app()
    at.segmented_control(key="view").set_value("map").run()
    assert url(at) == {"view": "map"}


def test_unknown_values_in_a_link_are_reported_not_fatal():
    at = run_app({"country": "MLI,XXX", "entity": "NOPE"})
    assert projects_metric(at) == 24
    assert any("XXX" in w.value and "NOPE" in w.value for w in at.sidebar.warning)


def test_link_values_are_shown_as_text_never_markdown():
    at = run_app({"entity": "![x](https://evil.example/p.png)", "pillar": "V", "year_from": "abc"})
    warning = at.sidebar.warning[0].value
    # Markdown characters escaped: the page shows the text, loads no image and makes no link.
    assert "\\!\\[x\\]\\(https\\://evil\\.example/p\\.png\\)" in warning
    assert "pillar=V" in warning and "year\\_from=abc" in warning
    at = run_app({"view": "projects", "project": "[x](javascript:alert(1))"})
    assert any("\\[x\\]" in w.value for w in at.warning)


def test_years_outside_the_data_are_clamped_not_fatal():
    at = run_app({"year_from": "2050"})
    assert projects_metric(at) == 4  # clamped to 2021: the four projects printed as running to 2021
    assert at.sidebar.slider(key="f_years").value == (2021, 2021)
    at = run_app({"year_to": "1990"})
    assert at.sidebar.slider(key="f_years").value == (2000, 2000)


def test_a_link_opens_a_project_record():
    at = run_app({"view": "projects", "project": "P2-026b"})
    assert any("P2-026b" in h.value for h in at.subheader)
    record = next(t.value for t in at.table if "Source" in list(t.value.iloc[:, 0]))  # every field in view
    values = dict(zip(record.iloc[:, 0], record.iloc[:, 1]))
    assert values["Source"] == "data/raw/A-72-840_report_ar_annexes_en.txt, line 615"
    assert values["Duration as printed"] == "Jul. 2016–Dec. 2017"
    assert url(at)["project"] == "P2-026b"


def test_year_range_says_how_many_undated_projects_it_leaves_out():
    at = run_app({"year_from": "2018"})
    assert any("111 undated projects are left out" in c.value for c in at.sidebar.caption)


def test_data_quality_view_shows_reconciliation():
    at = run_app({"view": "quality"})
    table = at.dataframe[0].value
    assert table.iloc[:, 1].tolist() == [120, 55, 128, 17, 320]
    assert table.iloc[:, 3].tolist() == [120, 56, 124, 17, 317]
    issues = at.dataframe[1].value
    assert len(issues) == 189


def test_source_text_is_never_markup(tmp_path, monkeypatch):
    """A title with HTML and Markdown is shown as text, escaped, in the project record."""
    from loaders import load_source
    from matrix.build import build_tables
    from matrix.tables import write_tables

    src = tmp_path / "evil.txt"
    src.write_text(small_matrix(
        "1\t<script>alert(1)</script>[click](javascript:alert(2)) **bold** (2018) <b>UNODC</b>\tOngoing\t"
        "<img src=x onerror=alert(3)>Activities\tMali"), encoding="utf-8")
    write_tables(build_tables(load_source(src)), tmp_path / "out")
    monkeypatch.setenv("CTMATRIX_DATA", str(tmp_path / "out"))
    at = run_app({"view": "projects", "project": "P1-001"})
    # title and activities are shown as escaped HTML text, marked as English
    shown = next(e.proto.body for e in at.get("html") if 'lang="en"' in e.proto.body and "<style>" not in e.proto.body)
    assert "<script" not in shown and "<img" not in shown and "<a " not in shown and "<b>" not in shown
    assert "alert(1)[click](javascript:alert(2)) **bold**" in shown  # the tags are stripped, the text stays as text
    assert '<div lang="en" dir="ltr">Activities</div>' in shown  # the <img> tag is stripped from the activities
    for md in at.markdown:
        assert "<img" not in md.value and "<script" not in md.value
