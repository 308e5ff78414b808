"""Plotly figures, built from the summaries. Pure: data in, figure out.

Every figure uses the shared palette and readable sizes (a committee reads them on a
projector); labels go through the translation function.
"""
from __future__ import annotations

import math
import textwrap
import unicodedata

import pandas as pd
import plotly.graph_objects as go

from matrix.i18n import _, get_language
from matrix.model import PILLAR_ROMAN, PILLARS, SCOPES, STATUSES
from matrix.palette import font_family, PILLAR_COLORS, SEQUENTIAL, STATUS_COLORS, STATUS_PATTERNS, UN_BLUE
from matrix.summaries import REPORT_YEAR, pillar_label
from matrix.vocabulary import word

BASE_FONT = 16
_TEMPLATE = None


def _template() -> dict:
    """The plotly_white template as a plain dict, looked up once (by name it is copied every time)."""
    global _TEMPLATE
    if _TEMPLATE is None:
        import plotly.io as pio

        _TEMPLATE = pio.templates["plotly_white"].to_plotly_json()
    return _TEMPLATE


class Figure(go.Figure):
    """A Plotly figure kept as the plain dict it was built from until something reads it
    as a figure. ``st.plotly_chart`` only asks for ``to_dict()``, which then costs nothing:
    building the ``go.Figure`` and copying it back to a dict took about 11 ms a chart on
    every filter change. Reading ``data``, ``layout`` or any other attribute builds the
    real (unvalidated) figure first, so it behaves as a ``go.Figure`` everywhere else.

    Unlike ``go.Figure.to_dict()``, which returns a fresh copy, the dict returned before the
    figure is built is the figure itself, and its ``layout.template`` is shared by every
    chart: read it, do not change it (a test renders the app and checks the template)."""

    def __init__(self, spec: dict):  # noqa: D107  (go.Figure's own set-up is deferred)
        self.__dict__["_spec"] = spec

    def _build(self) -> None:
        spec = self.__dict__.pop("_spec")
        go.Figure.__init__(self, data=spec["data"], layout=spec["layout"], _validate=False)

    def __getattr__(self, name: str):
        if "_spec" not in self.__dict__ or name.startswith("__"):
            raise AttributeError(name)
        self._build()
        return getattr(self, name)

    def to_dict(self) -> dict:
        if "_spec" in self.__dict__:
            return self.__dict__["_spec"]
        return super().to_dict()


TICK_FONT = 14   # axis labels and legend: Streamlit's chart theme would make them 12 px, small on a projector
TITLE_FONT = 15  # axis titles


def _axis(spec: dict | None) -> dict:
    """An axis with readable labels; the chart's own settings win."""
    spec = dict(spec or {})
    spec["tickfont"] = {"size": TICK_FONT, **(spec.get("tickfont") or {})}
    if isinstance(spec.get("title"), dict):
        spec["title"] = {**spec["title"], "font": {"size": TITLE_FONT, **(spec["title"].get("font") or {})}}
    return spec


def _figure(data: list[dict], height: int = 420, **layout) -> go.Figure:
    """Build a figure in one go, unvalidated: Plotly's validation costs ten times the
    construction (about 8 ms a figure), which a filter change cannot afford. The tests
    validate every figure (``validate_figure``) so a wrong property still fails there."""
    base = {"template": _template(), "height": height, "font": {"family": font_family(get_language()), "size": BASE_FONT},
            "hoverlabel": {"font": {"size": BASE_FONT}},
            "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0, "font": {"size": TICK_FONT}}}
    merged = {**base, **layout}
    if any(t.get("type") in CARTESIAN for t in data):
        merged.update(xaxis=_axis(layout.get("xaxis")), yaxis=_axis(layout.get("yaxis")))
    merged["margin"] = {**room(data, merged), **layout.get("margin", {})}
    return Figure({"data": data, "layout": merged})


CARTESIAN = ("bar", "scatter")  # the trace types the charts draw on x and y axes
NARROW, WIDE = set("iljtfrI.,;:'!|()[]- "), set("mwMW")


def text_px(text: str, size: float = TICK_FONT) -> float:
    """Width of a line of text in the charts' typeface (Noto Sans), estimated per character
    and calibrated on widths measured in Chromium; CJK characters are square."""
    width = 0.0
    for ch in str(text):
        if unicodedata.east_asian_width(ch) in "WF":
            width += 1.0
        elif unicodedata.category(ch).startswith("M") or ch in "\u2066\u2069":
            continue  # combining marks and bidi isolates take no room
        elif ch in NARROW:
            width += 0.31
        elif ch in WIDE:
            width += 0.9
        elif ch.isdigit():
            width += 0.58
        elif ch.isupper():
            width += 0.7
        else:
            width += 0.57
    return width * size * 1.04


LEGEND_WIDTH = 460  # a legend's row on a half-page chart beside the sidebar (calibrated in Chromium at 1440 px)
PLOT_WIDTH = 480  # about the narrowest a half-page chart's plot area is drawn: axis labels turn when they do not fit


def line_px(size: float = TICK_FONT) -> float:
    """Height of a line of text: Arabic script stands taller than Latin."""
    return size * (1.8 if get_language() == "ar" else 1.35)


def room(data: list[dict], layout: dict) -> dict:
    """Margins that already hold the axis labels, the legend and a colour bar. Plotly's
    automargin (on in the template) grows a margin that is too small by drawing the chart
    a second time: half of the chart's drawing time on every filter change, measured in
    Chromium. These are estimates, calibrated on the margins Plotly settles on: where one
    falls short, automargin still makes room, so nothing is cut off; where one is generous,
    a little white space is left."""
    margin = {"l": 10, "r": 10, "t": 30, "b": 10}
    for name in ("xaxis", "yaxis"):
        spec = layout.get(name)
        if spec is None or spec.get("visible") is False:  # no axes (a map) or hidden ones (the network)
            continue
        size = (spec.get("tickfont") or {}).get("size", TICK_FONT)
        values = list(spec.get("ticktext") or spec.get("categoryarray")
                      or [v for t in data if t.get("type") in CARTESIAN for v in (t.get(name[0]) or []) if v is not None])
        labels = [v for v in values if isinstance(v, str)]
        numbers = [v for v in values if not isinstance(v, str)]
        if numbers and spec.get("range"):  # a set range shows its own numbers (a timeline's years, not its bars' lengths)
            numbers = [float(v) for v in spec["range"]]
        if numbers and spec.get("dtick") == 1:  # one tick a year
            labels += [str(int(v)) for v in range(int(min(numbers)), int(max(numbers)) + 1)]
        elif numbers:  # ticks run to a round number above the tallest (stacked) bar: three digits at least
            upper = max(numbers) * (len([t for t in data if t.get(name[0])]) if layout.get("barmode") == "stack" else 1)
            labels.append("9" * max(3, len(f"{int(upper):,}")))
        widths = [text_px(v, size) for v in dict.fromkeys(labels)] or [text_px("100", size)]
        titled = isinstance(spec.get("title"), dict) and bool(spec["title"].get("text"))
        if name == "xaxis":  # one line of labels, or labels turned when they do not fit side by side
            turned = max(widths) + 24 > PLOT_WIDTH / max(len(widths), 1)
            need = (max(widths) * 0.7 + line_px(size) * 0.87 if turned else line_px(size)) + 18
            need += (line_px(TITLE_FONT) * (1 + spec["title"]["text"].count("<br>")) + 13) if titled else 0
            if turned:  # the last label, turned, reaches past the plot's right edge
                margin["r"] = max(margin["r"], round(max(widths) * 0.6))
            side = "t" if spec.get("side") == "top" else "b"
        else:
            need = max(widths) + (line_px(TITLE_FONT) + 33 if titled else 18)
            side = "r" if spec.get("side") == "right" else "l"
        margin[side] = max(margin[side], round(need + 3))  # a little to spare: short is slow, long is only white
    names = [t["name"] for t in data if t.get("name") and t.get("showlegend", True)]
    if len(names) > 1 and layout.get("showlegend", True):  # the legend, above the plot (y = 1.02)
        rows, used = 1, 0.0
        for w in (text_px(n) + 46 for n in names):  # swatch and gap
            if used and used + w > LEGEND_WIDTH:
                rows, used = rows + 1, 0.0
            used += w
        plot_height = layout.get("height", 420) - 80
        margin["t"] = max(margin["t"], round(0.02 * plot_height + 28 + (line_px(TICK_FONT) - 0.5) * rows))
    if any(t.get("orientation") == "h" and t.get("textposition") == "outside" for t in data):
        margin["r"] = max(margin["r"], 24)  # numbers beside the longest bar
    if any((t.get("marker") or {}).get("showscale") for t in data):  # a vertical colour bar, its title on top
        margin["r"] = max(margin["r"], round(max(112, text_px(_("Projects")) + 62)))
    if any((t.get("colorbar") or {}).get("orientation") == "h" for t in data):  # one below: title, bar, numbers
        margin["b"] = max(margin["b"], round(4.9 * line_px()))
    return margin


def validate_figure(fig: go.Figure) -> go.Figure:
    """Rebuild a figure with Plotly's validation on; raises on any invalid property."""
    return go.Figure(fig.to_dict())


def wrap(text: str, width: int = 40) -> str:
    """A long axis title in lines (Plotly does not wrap): a half-page chart is about 40 characters wide."""
    return "<br>".join(textwrap.wrap(text, width)) or text


def short_ticks(names, most: int = 24) -> dict:
    """Axis labels for names, the long ones cut short (a partner printed without an acronym,
    "Association of Francophone Supreme Courts", would take half of a half-page chart).
    The values stay whole: hover, the data table and a click (which filters) use them."""
    names = list(names)
    if all(len(n) <= most for n in names):
        return {}
    return {"tickmode": "array", "tickvals": names, "ticktext": [n if len(n) <= most else n[:most - 1].rstrip() + "…" for n in names]}


def status_label(status: str) -> str:
    return _(status) if status else _("Unknown")


def scope_label(scope: str) -> str:
    return _(scope) if scope else _("Unknown")


def pillar_status(df: pd.DataFrame) -> go.Figure:
    # A segment too thin for its number shows none (hover and the data table have it).
    tallest = df.groupby("pillar")["projects"].sum().max() if len(df) else 0
    room = 0.06 * tallest
    data = []
    for status in [*STATUSES, ""]:
        part = df[df["status"] == status]
        if part.empty or (status == "" and part["projects"].sum() == 0):
            continue
        data.append({"type": "bar", "x": [pillar_label(p) for p in part["pillar"]], "y": list(part["projects"]),
                     "name": status_label(status), "customdata": list(part["pillar"]),
                     "marker": {"color": STATUS_COLORS[status], "line": {"color": "#333333", "width": 1},
                                "pattern": {"shape": STATUS_PATTERNS[status], "fgcolor": "#333333", "fgopacity": 0.35}},
                     "text": [n if n > 0 and n >= room else None for n in part["projects"]], "textposition": "inside",
                     "textfont": {"color": "#1A1A1A"}, "insidetextanchor": "middle",
                     "hovertemplate": "%{x}<br>" + status_label(status) + ": %{y}<extra></extra>"})
    return _figure(data, barmode="stack", xaxis={"title": None}, yaxis={"title": {"text": _("Projects")}},
                   uniformtext={"minsize": 12, "mode": "hide"})


def top_entities(df: pd.DataFrame) -> go.Figure:
    df = df.iloc[::-1]
    top = df["projects"].max() if len(df) else 1
    data = [{"type": "bar", "x": list(df["projects"]), "y": list(df["entity"]), "orientation": "h",
             "marker": {"color": UN_BLUE}, "text": list(df["projects"]), "textposition": "outside", "cliponaxis": False,
             "customdata": df[["entity_name", "as_lead"]].values.tolist(),
             "hovertemplate": "%{y} — %{customdata[0]}<br>" + _("Projects") + ": %{x}<br>"
                              + _("as lead") + ": %{customdata[1]}<extra></extra>"}]
    return _figure(data, height=max(300, 32 * len(df) + 80), yaxis={"title": None, **short_ticks(df["entity"])},
                   xaxis={"title": {"text": wrap(_("Projects (a project counts once for each of its entities)"))},
                          "range": [0, top * 1.12]})


def scope_mix(df: pd.DataFrame) -> go.Figure:
    top = df["projects"].max() if len(df) else 1
    data = [{"type": "bar", "x": [scope_label(s) for s in df["scope"]], "y": list(df["projects"]),
             "marker": {"color": UN_BLUE}, "text": list(df["projects"]), "textposition": "outside",
             "cliponaxis": False, "customdata": list(df["scope"]), "hovertemplate": "%{x}: %{y}<extra></extra>"}]
    return _figure(data, height=360, xaxis={"title": None}, yaxis={"title": {"text": _("Projects")}, "range": [0, top * 1.15]})


def active_per_year(df: pd.DataFrame) -> go.Figure:
    data = []
    for pillar in PILLARS:
        part = df[df["pillar"] == pillar]
        data.append({"type": "bar", "x": list(part["year"]), "y": list(part["projects"]), "name": pillar_label(pillar),
                     "marker": {"color": PILLAR_COLORS[pillar]},
                     "hovertemplate": "%{x}<br>" + pillar_label(pillar) + ": %{y}<extra></extra>"})
    # A label every year while they fit side by side; every other year beyond twelve (turned
    # labels took half of the chart's drawing time, and hover names every year).
    span = int(df["year"].max() - df["year"].min() + 1) if len(df) else 1
    return _figure(data, barmode="stack", xaxis={"title": None, "dtick": 1 if span <= 12 else 2},
                   yaxis={"title": {"text": _("Projects active")}})


def world_map(df: pd.DataFrame) -> go.Figure:
    data = [{"type": "choropleth", "locations": list(df["iso3"]), "z": list(df["projects"]), "text": list(df["country"]),
             "colorscale": SEQUENTIAL, "marker": {"line": {"color": "#555555", "width": 0.5}},
             "colorbar": {"title": {"text": _("Projects"), "side": "top"}, "orientation": "h", "thickness": 12,
                          "len": 0.5, "x": 0.5, "y": -0.02, "yanchor": "top"},
             "customdata": df[["named", "derived"]].values.tolist(),
             "hovertemplate": "%{text}<br>" + _("Projects") + ": %{z}<br>" + _("named") + ": %{customdata[0]}, "
                              + _("via region or mission") + ": %{customdata[1]}<extra></extra>"}]
    geo = {"showframe": False, "showcoastlines": False, "projection": {"type": "natural earth"}, "showcountries": True,
           "countrycolor": "#BBBBBB", "showland": True, "landcolor": "#F2F2F2", "resolution": 110}
    return _figure(data, height=520, geo=geo, margin={"l": 0, "r": 0, "t": 10})  # room() adds the colour bar's


def entity_tiles(df: pd.DataFrame) -> go.Figure:
    """The entity x pillar matrix as square tiles: a heatmap people can click."""
    order = df.groupby("entity")["projects"].sum().sort_values(ascending=True)
    entities = list(order.index)
    top = df["projects"].max() if len(df) else 1
    data = [{"type": "scatter", "x": [pillar_label(p) for p in df["pillar"]], "y": list(df["entity"]),
             "mode": "markers+text", "text": list(df["projects"]),
             "textfont": {"size": 13, "color": ["white" if v > top / 2 else "#222222" for v in df["projects"]]},
             "marker": {"symbol": "square", "size": 26, "color": list(df["projects"]), "colorscale": SEQUENTIAL,
                        "cmin": 0, "cmax": top, "line": {"color": "#666666", "width": 0.5}, "showscale": True,
                        "colorbar": {"title": {"text": _("Projects")}}},
             "customdata": list(df["pillar"]), "hovertemplate": "%{y} · %{x}: %{text}<extra></extra>"}]
    return _figure(data, height=max(320, 28 * len(entities) + 100), showlegend=False,
                   xaxis={"categoryorder": "array", "categoryarray": [pillar_label(p) for p in PILLARS], "side": "top"},
                   # the range to the rows: autorange pads a tall chart with rows' worth of white
                   yaxis={"categoryorder": "array", "categoryarray": entities, "range": [-0.6, len(entities) - 0.4],
                          **short_ticks(entities)})


def connected(nodes: pd.DataFrame, edges: pd.DataFrame) -> pd.DataFrame:
    """The entities with a partner among these projects: the only ones the network draws
    (drawn, the others would only push the connected ones into a corner)."""
    return nodes[nodes["entity"].isin(set(edges["a"]) | set(edges["b"]))]


def network_positions(nodes: pd.DataFrame, edges: pd.DataFrame, start: dict | None = None) -> dict:
    """Where each entity sits in the partnership network (a force-directed layout). Given
    the positions of the whole matrix as ``start``, a filtered network begins from them and
    settles in a few steps: each entity stays about where it was, and it costs a fifth."""
    import networkx as nx

    nodes = connected(nodes, edges)
    graph = nx.Graph()
    graph.add_nodes_from(nodes["entity"])
    graph.add_weighted_edges_from(edges[["a", "b", "projects"]].itertuples(index=False, name=None))
    if not len(graph):
        return {}
    k = 2.0 / math.sqrt(len(graph))
    known = {n: start[n] for n in graph if start and n in start}
    if len(known) == len(graph) and len(graph) > 2:
        return nx.spring_layout(graph, pos=known, seed=7, k=k, iterations=25)
    return nx.spring_layout(graph, seed=7, k=k, iterations=120)


NETWORK_LABELS = 20  # nodes named on the chart; every node is named on hover and in the data table


def network(nodes: pd.DataFrame, edges: pd.DataFrame, start: dict | None = None) -> go.Figure:
    """Entities that implement projects together; those without a partner among these
    projects are left out (``connected``), and the app's summary names them."""
    nodes = connected(nodes, edges)
    pos = network_positions(nodes, edges, start)
    labelled = set(nodes.nlargest(NETWORK_LABELS, "projects")["entity"])
    data = []
    # One line trace per edge width class keeps the figure small (not one trace per edge).
    for width in sorted({round(0.6 + 1.4 * math.log1p(n), 1) for n in edges["projects"]}):
        xs, ys = [], []
        for row in edges.itertuples():
            if round(0.6 + 1.4 * math.log1p(row.projects), 1) == width:
                (x0, y0), (x1, y1) = pos[row.a], pos[row.b]
                xs += [x0, x1, None]
                ys += [y0, y1, None]
        data.append({"type": "scatter", "x": xs, "y": ys, "mode": "lines", "hoverinfo": "skip", "showlegend": False,
                     "line": {"width": width, "color": "#9AA5B1"}})
    data.append({"type": "scatter", "x": [pos[e][0] for e in nodes["entity"]], "y": [pos[e][1] for e in nodes["entity"]],
                 "mode": "markers+text", "text": list(nodes["entity"]), "textposition": "top center",
                 # names of the busiest entities only: in the dense core every name would overprint
                 "texttemplate": [e if e in labelled else "" for e in nodes["entity"]],
                 "customdata": nodes[["entity_name", "projects", "entity_group"]].values.tolist(),
                 "marker": {"size": [8 + 4 * math.sqrt(n) for n in nodes["projects"]], "color": UN_BLUE,
                            "line": {"color": "#1F3B57", "width": 1}},
                 "hovertemplate": "%{text} — %{customdata[0]}<br>%{customdata[2]}<br>" + _("Projects")
                                  + ": %{customdata[1]}<extra></extra>", "showlegend": False})
    return _figure(data, height=620, xaxis={"visible": False}, yaxis={"visible": False})


def timeline(projects: pd.DataFrame) -> go.Figure:
    dated = projects[projects["start_year"].notna()].copy()
    last = max(REPORT_YEAR, int(dated["start_year"].max())) if len(dated) else REPORT_YEAR
    dated["end"] = dated["end_year"].fillna(last)
    dated = dated.sort_values(["pillar", "start_year", "end", "project_id"])
    data = []
    for pillar in PILLARS:
        part = dated[dated["pillar"] == pillar]
        if part.empty:
            continue
        start = part["start_year"].astype(int)
        # A project of 2012–2015 covers the years 2012 to 2015: from half a year before the
        # first tick to half a year after the last, so it does not seem to reach 2016.
        data.append({"type": "bar", "y": list(part["project_id"]), "x": list(part["end"].astype(int) - start + 1),
                     "base": list(start - 0.5), "orientation": "h", "name": pillar_label(pillar),
                     "marker": {"color": PILLAR_COLORS[pillar],
                                "pattern": {"shape": ["/" if o else "" for o in part["open_ended"]], "fgcolor": "#FFFFFF"}},
                     "text": ["→ " + _("open-ended") if o else "" for o in part["open_ended"]],
                     "textposition": "outside", "textfont": {"size": 12, "color": "#1A1A1A"}, "cliponaxis": False,
                     "constraintext": "none",
                     "customdata": part[["title", "duration_text", "lead_entity"]].values.tolist(),
                     "hovertemplate": "%{y}: %{customdata[0]}<br>%{customdata[1]} · %{customdata[2]}<extra></extra>"})
    return _figure(data, height=max(300, 14 * len(dated) + 120), barmode="overlay",
                   yaxis={"autorange": "reversed", "categoryorder": "array", "categoryarray": list(dated["project_id"]),
                          "tickfont": {"size": 11}},
                   xaxis={"dtick": 1, "side": "top", "range": _timeline_range(dated)})


def _timeline_range(dated: pd.DataFrame) -> list[float] | None:
    """Years shown, with room after the last one for the "open-ended" labels."""
    if dated.empty:
        return None
    room = 2.5 if dated["open_ended"].any() else 0.5
    return [float(dated["start_year"].min()) - 0.5, float(dated["end"].max()) + room]


def pillar_from_label(label: str) -> int | None:
    for pillar, roman in PILLAR_ROMAN.items():
        if label == pillar_label(pillar):
            return pillar
    return None


def scope_from_label(label: str) -> str | None:
    for scope in SCOPES:
        if label == scope_label(scope):
            return scope
    return None


def theme_bars(df: pd.DataFrame) -> go.Figure:
    df = df.iloc[::-1]
    colors = [UN_BLUE if k == "theme" else "#7F7F7F" for k in df["kind"]]
    data = [{"type": "bar", "x": list(df["projects"]), "y": list(df["theme"]), "orientation": "h",
             "marker": {"color": colors, "pattern": {"shape": ["" if k == "theme" else "/" for k in df["kind"]]}},
             "text": list(df["projects"]), "textposition": "outside", "cliponaxis": False,
             "customdata": [word(k) for k in df["kind"]], "hovertemplate": "%{y}: %{x} (%{customdata})<extra></extra>"}]
    top = df["projects"].max() if len(df) else 1
    return _figure(data, height=max(320, 26 * len(df) + 80), yaxis={"title": None},
                   xaxis={"title": {"text": wrap(_("Projects (blue: themes of annex II; grey, hatched: cross-cutting tags)"), 50)},
                          "range": [0, top * 1.12]})


def tiles(df: pd.DataFrame, x: str, y: str, x_order: list, y_order: list, x_labels=None, y_labels=None) -> go.Figure:
    """Counts as square tiles (a clickable heatmap); empty cells stay visible as gaps."""
    label = x_labels or (lambda v: v)
    y_label = y_labels or (lambda v: v)
    top = max(int(df["projects"].max()), 1) if len(df) else 1
    data = [{"type": "scatter", "x": [label(v) for v in df[x]], "y": [y_label(v) for v in df[y]], "mode": "markers+text",
             "text": [str(v) if v else "·" for v in df["projects"]],
             "textfont": {"size": 13, "color": ["white" if v > top / 2 else "#222222" for v in df["projects"]]},
             "marker": {"symbol": "square", "size": 30, "color": list(df["projects"]), "colorscale": [[0, "#FFFFFF"], *SEQUENTIAL[1:]],
                        "cmin": 0, "cmax": top, "line": {"color": "#999999", "width": 0.5}, "showscale": True,
                        "colorbar": {"title": {"text": _("Projects")}}},
             "hovertemplate": "%{y} · %{x}: %{marker.color}<extra></extra>"}]
    return _figure(data, height=max(300, 36 * len(y_order) + 120), showlegend=False,
                   xaxis={"categoryorder": "array", "categoryarray": [label(v) for v in x_order], "side": "top"},
                   yaxis={"categoryorder": "array", "categoryarray": [y_label(v) for v in reversed(y_order)],
                          "range": [-0.6, len(y_order) - 0.4]})
