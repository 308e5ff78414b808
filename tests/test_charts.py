"""Every figure is valid Plotly (the app builds them unvalidated for speed) and its
numbers add up to the filtered projects."""
import pytest

from matrix import charts, summaries
from matrix.data import load_matrix
from matrix.filters import apply_filters, from_params


@pytest.fixture(scope="module")
def m():
    return load_matrix()


def all_figures(m):
    nodes, edges = summaries.partnerships(m)
    return {
        "pillar_status": charts.pillar_status(summaries.by_pillar_status(m)),
        "top_entities": charts.top_entities(summaries.top_entities(m)),
        "scope": charts.scope_mix(summaries.scope_mix(m)),
        "years": charts.active_per_year(summaries.active_per_year(m)[0]),
        "map": charts.world_map(summaries.per_country(m, "all")),
        "tiles": charts.entity_tiles(summaries.entity_pillar(m)),
        "network": charts.network(nodes, edges),
        "timeline": charts.timeline(m.projects),
        "themes": charts.theme_bars(summaries.theme_counts(m)),
        "pillar_region": charts.tiles(summaries.pillar_region(m), "pillar", "region", [1, 2, 3, 4],
                                      sorted(summaries.pillar_region(m)["region"].unique()), summaries.pillar_label),
    }


@pytest.mark.parametrize("params", [{}, {"pillar": "IV"}, {"q": "no-such-word"}])
def test_every_figure_validates(m, params):
    sub = apply_filters(m, from_params(params))
    for name, fig in all_figures(sub).items():
        charts.validate_figure(fig)  # raises on an invalid property


def test_pillar_status_adds_up_to_the_projects(m):
    fig = charts.pillar_status(summaries.by_pillar_status(m))
    assert sum(sum(trace.y) for trace in fig.data) == 317
    assert [t.name for t in fig.data] == ["Ongoing", "Completed", "In development"]
    assert list(fig.data[0].y) == [56, 37, 84, 11]


def test_scope_adds_up(m):
    fig = charts.scope_mix(summaries.scope_mix(m))
    assert sum(fig.data[0].y) == 317


def test_active_per_year_counts(m):
    years, notes = summaries.active_per_year(m)
    assert notes == {"undated": 111, "open_ended": 21}  # grep: 19 "(since …)" + 2 "(…-ongoing)"
    per_year = years.groupby("year")["projects"].sum()
    # 2018: every dated project whose span covers 2018, open-ended ones included.
    p = m.projects[m.projects["start_year"].notna()]
    expected = ((p["start_year"] <= 2018) & ((p["end_year"] >= 2018) | p["end_year"].isna())).sum()
    assert per_year[2018] == expected
    assert per_year.index.min() == 2000


def test_map_counts_projects_per_country(m):
    per = summaries.per_country(m, "named")
    assert per.iloc[0][["iso3", "projects"]].tolist() == ["MLI", 24]
    assert len(per) == 91
    assert len(summaries.not_on_map(m, "named")) == 185
    fig = charts.world_map(per)
    assert sum(fig.data[0].z) == per["projects"].sum()


def test_timeline_has_one_bar_per_dated_project(m):
    fig = charts.timeline(m.projects)
    assert sum(len(t.y) for t in fig.data) == 317 - 111


def test_a_chart_is_a_plain_spec_until_read_as_a_figure(m):
    """st.plotly_chart only asks for to_dict(): the app's charts hand over the dict they
    were built from; reading them as a figure builds the same go.Figure."""
    fig = charts.scope_mix(summaries.scope_mix(m))
    spec = fig.to_dict()
    assert spec is fig.to_dict() and set(spec) == {"data", "layout"}
    assert [t.type for t in fig.data] == ["bar"] and fig.layout.height == 360  # built on first read
    assert fig.to_dict()["data"][0]["y"] == spec["data"][0]["y"]
    charts.validate_figure(fig)


def test_margins_make_room_for_a_legend_in_one_or_two_rows(m):
    """Three statuses fit one legend row in English; in Russian they take two (seen in Chromium)."""
    from matrix.i18n import set_language

    tops = {}
    try:
        for lang in ("en", "ru"):
            set_language(lang)
            tops[lang] = charts.pillar_status(summaries.by_pillar_status(m)).layout.margin.t
    finally:
        set_language("en")
    assert 15 <= tops["ru"] - tops["en"] <= 25  # one more row of 14 px text


def test_margins_follow_the_longest_label(m):
    short = charts.theme_bars(summaries.theme_counts(m).head(0))
    long = charts.theme_bars(summaries.theme_counts(m))
    assert long.layout.margin.l > 250 > short.layout.margin.l


@pytest.mark.parametrize("text, size, measured", [
    ("DPKO-DDR", 12, 62), ("In development", 12, 90), ("Pillar I", 12, 35), ("2000", 12, 28), ("Projects", 14, 53)])
def test_text_widths_are_estimated_within_a_tenth_of_chromiums(text, size, measured):
    """Widths measured in headless Chromium (SVG getBBox, Noto Sans) on the running app."""
    assert abs(charts.text_px(text, size) - measured) <= 0.12 * measured


def test_a_timeline_makes_room_for_its_years_not_its_bar_lengths(m):
    fig = charts.timeline(m.projects)
    assert fig.layout.xaxis.range[0] < 2001 and fig.layout.margin.t >= 90  # years on top, legend above them


def test_long_entity_names_are_cut_short_on_the_axis_only(m):
    """A partner printed without an acronym would take half of a half-page chart: its axis
    label is cut, its value (hover, click to filter, data table) stays whole."""
    sub = apply_filters(m, from_params({"pillar": "II", "status": "Ongoing"}))
    fig = charts.top_entities(summaries.top_entities(sub))
    name = "Association of Francophone Supreme Courts"
    assert name in fig.data[0].y
    labels = dict(zip(fig.layout.yaxis.tickvals, fig.layout.yaxis.ticktext))
    assert labels[name] == "Association of Francoph…" and labels["WCO"] == "WCO"
    assert fig.layout.margin.l < 250


def test_charts_share_their_template_and_no_one_changes_it():
    """The app's charts hand st.plotly_chart their own dict, template included (see
    charts.Figure): after every view has been drawn the template is still plotly_white's."""
    import plotly.io as pio
    from tests.test_app import VIEWS, run_app

    for view in VIEWS:
        run_app({"view": view})
    assert charts._template() == pio.templates["plotly_white"].to_plotly_json()


def test_the_page_and_the_charts_share_one_typeface():
    """The theme's font (config.toml) is the charts' (palette.FONT): app.page_language adds
    no CSS when they agree, so they must not drift apart."""
    import tomllib
    from pathlib import Path

    from matrix.palette import FONT

    config = tomllib.loads((Path(__file__).parent.parent / ".streamlit" / "config.toml").read_text())
    assert config["theme"]["font"] == FONT


def test_a_filtered_network_keeps_its_entities_where_the_whole_one_has_them(m):
    """Filtered networks start from the whole matrix's layout: an entity stays about where
    it was when a filter changes (laid out afresh, they would land anywhere)."""
    import math

    start = charts.network_positions(*summaries.partnerships(m))
    nodes, edges = summaries.partnerships(apply_filters(m, from_params({"pillar": "II"})))
    nodes = charts.connected(nodes, edges)
    kept = charts.network_positions(nodes, edges, start)
    fresh = charts.network_positions(nodes, edges)
    moved = lambda pos: sum(math.dist(pos[e], start[e]) for e in pos) / len(pos)  # noqa: E731
    assert len(kept) == len(nodes) > 10
    assert moved(kept) < 0.4 < moved(fresh)
