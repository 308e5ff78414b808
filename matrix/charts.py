"""Plotly figures, built from the summaries. Pure: data in, figure out.

Every figure uses the shared palette and readable sizes (a committee reads them on a
projector); labels go through the translation function.
"""
from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from matrix.i18n import _
from matrix.model import PILLAR_ROMAN, PILLARS, SCOPES, STATUSES
from matrix.palette import FONT, PILLAR_COLORS, SEQUENTIAL, STATUS_COLORS, STATUS_PATTERNS, UN_BLUE
from matrix.summaries import REPORT_YEAR, pillar_label

BASE_FONT = 16


def _layout(fig: go.Figure, height: int = 420, **kwargs) -> go.Figure:
    settings = {"template": "plotly_white", "height": height, "font": {"family": FONT, "size": BASE_FONT},
                "margin": {"l": 10, "r": 10, "t": 30, "b": 10}, "hoverlabel": {"font_size": BASE_FONT},
                "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0}}
    fig.update_layout(**{**settings, **kwargs})
    return fig


def status_label(status: str) -> str:
    return _(status) if status else _("Unknown")


def scope_label(scope: str) -> str:
    return _(scope) if scope else _("Unknown")


def pillar_status(df: pd.DataFrame) -> go.Figure:
    fig = go.Figure()
    for status in [*STATUSES, ""]:
        part = df[df["status"] == status]
        if part.empty or (status == "" and part["projects"].sum() == 0):
            continue
        fig.add_bar(x=[pillar_label(p) for p in part["pillar"]], y=part["projects"], name=status_label(status),
                    marker={"color": STATUS_COLORS[status], "pattern": {"shape": STATUS_PATTERNS[status]},
                            "line": {"color": "#333333", "width": 1}},
                    customdata=part["pillar"], text=part["projects"].where(part["projects"] > 0, None),
                    textposition="inside", hovertemplate="%{x}<br>" + status_label(status) + ": %{y}<extra></extra>")
    fig.update_layout(barmode="stack", xaxis_title=None, yaxis_title=_("Projects"),
                      uniformtext={"minsize": 12, "mode": "hide"})
    return _layout(fig)


def top_entities(df: pd.DataFrame) -> go.Figure:
    df = df.iloc[::-1]
    fig = go.Figure(go.Bar(x=df["projects"], y=df["entity"], orientation="h", marker_color=UN_BLUE,
                           text=df["projects"], textposition="outside", customdata=df[["entity_name", "as_lead"]],
                           hovertemplate="%{y} — %{customdata[0]}<br>" + _("Projects") + ": %{x}<br>"
                                         + _("as lead") + ": %{customdata[1]}<extra></extra>"))
    fig.update_traces(cliponaxis=False)
    fig.update_layout(xaxis_title=_("Projects (a project counts once for each of its entities)"), yaxis_title=None,
                      xaxis={"range": [0, (df["projects"].max() if len(df) else 1) * 1.12]})
    return _layout(fig, height=max(300, 32 * len(df) + 80))


def scope_mix(df: pd.DataFrame) -> go.Figure:
    fig = go.Figure(go.Bar(x=[scope_label(s) for s in df["scope"]], y=df["projects"], marker_color=UN_BLUE,
                           text=df["projects"], textposition="outside", customdata=df["scope"],
                           hovertemplate="%{x}: %{y}<extra></extra>", cliponaxis=False))
    fig.update_layout(xaxis_title=None, yaxis_title=_("Projects"),
                      yaxis={"range": [0, (df["projects"].max() if len(df) else 1) * 1.15]})
    return _layout(fig, height=360)


def active_per_year(df: pd.DataFrame) -> go.Figure:
    fig = go.Figure()
    for pillar in PILLARS:
        part = df[df["pillar"] == pillar]
        fig.add_bar(x=part["year"], y=part["projects"], name=pillar_label(pillar),
                    marker_color=PILLAR_COLORS[pillar],
                    hovertemplate="%{x}<br>" + pillar_label(pillar) + ": %{y}<extra></extra>")
    fig.update_layout(barmode="stack", xaxis_title=None, yaxis_title=_("Projects active"), xaxis={"dtick": 1})
    return _layout(fig)


def world_map(df: pd.DataFrame) -> go.Figure:
    fig = go.Figure(go.Choropleth(
        locations=df["iso3"], z=df["projects"], text=df["country"], colorscale=SEQUENTIAL, marker_line_color="#555555",
        marker_line_width=0.5,
        colorbar={"title": {"text": _("Projects"), "side": "top"}, "orientation": "h", "thickness": 12, "len": 0.5,
                  "x": 0.5, "y": -0.02, "yanchor": "top"},
        customdata=df[["named", "derived"]],
        hovertemplate="%{text}<br>" + _("Projects") + ": %{z}<br>" + _("named") + ": %{customdata[0]}, "
                      + _("via region or mission") + ": %{customdata[1]}<extra></extra>"))
    fig.update_geos(showframe=False, showcoastlines=False, projection_type="natural earth", showcountries=True,
                    countrycolor="#BBBBBB", showland=True, landcolor="#F2F2F2", resolution=110)
    return _layout(fig, height=520, margin={"l": 0, "r": 0, "t": 10, "b": 0})


def entity_tiles(df: pd.DataFrame) -> go.Figure:
    """The entity x pillar matrix as square tiles: a heatmap people can click."""
    order = df.groupby("entity")["projects"].sum().sort_values(ascending=True)
    entities = list(order.index)
    top = df["projects"].max() if len(df) else 1
    fig = go.Figure(go.Scatter(
        x=[pillar_label(p) for p in df["pillar"]], y=df["entity"], mode="markers+text", text=df["projects"],
        textfont={"size": 13, "color": ["white" if v > top / 2 else "#222222" for v in df["projects"]]},
        marker={"symbol": "square", "size": 26, "color": df["projects"], "colorscale": SEQUENTIAL, "cmin": 0,
                "cmax": top, "line": {"color": "#666666", "width": 0.5}, "showscale": True,
                "colorbar": {"title": {"text": _("Projects")}}},
        customdata=df["pillar"], hovertemplate="%{y} · %{x}: %{text}<extra></extra>"))
    fig.update_xaxes(categoryorder="array", categoryarray=[pillar_label(p) for p in PILLARS], side="top")
    fig.update_yaxes(categoryorder="array", categoryarray=entities)
    return _layout(fig, height=max(320, 28 * len(entities) + 100), showlegend=False)


def network(nodes: pd.DataFrame, edges: pd.DataFrame) -> go.Figure:
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from(nodes["entity"])
    for row in edges.itertuples():
        graph.add_edge(row.a, row.b, weight=row.projects)
    pos = nx.spring_layout(graph, seed=7, k=1.2 / math.sqrt(max(len(graph), 1)), iterations=80) if len(graph) else {}
    fig = go.Figure()
    for row in edges.itertuples():
        (x0, y0), (x1, y1) = pos[row.a], pos[row.b]
        fig.add_trace(go.Scatter(x=[x0, x1], y=[y0, y1], mode="lines", hoverinfo="skip", showlegend=False,
                                 line={"width": 0.6 + 1.4 * math.log1p(row.projects), "color": "#9AA5B1"}))
    fig.add_trace(go.Scatter(
        x=[pos[e][0] for e in nodes["entity"]], y=[pos[e][1] for e in nodes["entity"]], mode="markers+text",
        text=nodes["entity"], textposition="top center", customdata=nodes[["entity_name", "projects", "entity_group"]],
        marker={"size": [8 + 4 * math.sqrt(n) for n in nodes["projects"]], "color": UN_BLUE,
                "line": {"color": "#1F3B57", "width": 1}},
        hovertemplate="%{text} — %{customdata[0]}<br>%{customdata[2]}<br>" + _("Projects") + ": %{customdata[1]}<extra></extra>",
        showlegend=False))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _layout(fig, height=620)


def timeline(projects: pd.DataFrame) -> go.Figure:
    dated = projects[projects["start_year"].notna()].copy()
    dated["end"] = dated["end_year"].fillna(max(REPORT_YEAR, int(dated["start_year"].max()) if len(dated) else REPORT_YEAR))
    dated = dated.sort_values(["pillar", "start_year", "end", "project_id"], ascending=[True, True, True, True])
    fig = go.Figure()
    for pillar in PILLARS:
        part = dated[dated["pillar"] == pillar]
        if part.empty:
            continue
        start = part["start_year"].astype(int)
        length = part["end"].astype(int) - start + 1
        marks = ["→ " + _("open-ended") if o else "" for o in part["open_ended"]]
        fig.add_bar(y=part["project_id"], x=length, base=start, orientation="h", name=pillar_label(pillar),
                    marker_color=PILLAR_COLORS[pillar], text=marks, textposition="inside", insidetextanchor="end",
                    customdata=part[["title", "duration_text", "lead_entity"]],
                    hovertemplate="%{y}: %{customdata[0]}<br>%{customdata[1]} · %{customdata[2]}<extra></extra>")
    fig.update_yaxes(autorange="reversed", categoryorder="array", categoryarray=list(dated["project_id"]), tickfont={"size": 11})
    fig.update_xaxes(dtick=1, side="top")
    return _layout(fig, height=max(300, 14 * len(dated) + 120), barmode="overlay")


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
