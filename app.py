"""CT Matrix: the Streamlit app. It only lays out; matrix/ does the work.

One set of filters (sidebar, mirrored in the URL) feeds every view through
``matrix.filters.apply_filters``. Only the chosen view runs on a rerun.
"""
from __future__ import annotations

import html
from dataclasses import replace

import pandas as pd
import streamlit as st

from matrix import charts, summaries
from matrix.data import data_folder, load_matrix
from matrix.exports import export_bytes, export_name
from matrix.filters import Filters, apply_filters, from_params, search_text, to_params, undated_excluded, unreadable_params
from matrix.i18n import LANGUAGES, _, N_, get_language, is_rtl, language_name, percent, set_language
from matrix.model import PILLAR_ROMAN, SCOPES, STATUSES
from matrix.options import filter_options
from matrix.quality import ISSUE_KINDS
from matrix.palette import FONT, font_family
from matrix.summaries import pillar_label
from matrix.text import md_escape
from matrix.vocabulary import country_name, display_table, localise, region_name

VIEWS = {
    "overview": N_("Overview"),
    "map": N_("Map"),
    "entities": N_("Entities"),
    "timeline": N_("Timeline"),
    "projects": N_("Projects"),
    "coordination": N_("Coordination"),
    "quality": N_("Data quality"),
}
PLOTLY_CONFIG = {"topojsonURL": "app/static/topojson/", "displaylogo": False}
MAP_DISCLAIMER = N_("The boundaries and names shown and the designations used on this map do not imply "
                    "official endorsement or acceptance by the United Nations.")
SOURCE = N_("Source: CTITF Matrix of UN Counter-Terrorism Projects and Activities, annex II of A/72/840 "
            "(20 April 2018), as of February 2018.")


# --- data, cached once per process ------------------------------------------------------

@st.cache_resource(show_spinner=False)
def _matrix(folder: str):
    return load_matrix(folder)


@st.cache_resource(show_spinner=False)
def _search_index(folder: str):
    return search_text(_matrix(folder))


@st.cache_resource(show_spinner=False)
def _options(folder: str):
    return filter_options(_matrix(folder))


# ``lang`` keys the caches: localise() reads the current language, set for this session.
@st.cache_resource(show_spinner=False)
def _localised(folder: str, lang: str):
    return localise(_matrix(folder))


@st.cache_resource(show_spinner=False, max_entries=256)
def _filtered(folder: str, key: tuple, lang: str):
    # Filters read codes and canonical values (ISO3, English region names), which localising
    # leaves alone: the matrix is localised once per language, not once per filter setting.
    return apply_filters(_localised(folder, lang), from_params(dict(key)), _search_index(folder))


@st.cache_resource(show_spinner=False)
def _network_start(folder: str):
    return charts.network_positions(*summaries.partnerships(_matrix(folder)))


def network_start() -> dict:
    """The whole matrix's partnership network layout: filtered networks start from it."""
    return _network_start(str(data_folder()))


def matrix():
    """The whole matrix, country names in the page's language."""
    return _localised(str(data_folder()), st.session_state["f_lang"])


def options():
    return _options(str(data_folder()))


def filtered(key: tuple):
    return _filtered(str(data_folder()), key, st.session_state["f_lang"])


# --- state: URL <-> widgets <-> Filters ---------------------------------------------------

def _widget_defaults() -> dict:
    lo, hi = options()["years"]
    return {"f_pillar": [], "f_status": [], "f_entity": [], "f_country": [], "f_region": [], "f_scope": [],
            "f_theme": [], "f_resolution": [], "f_q": "", "f_coverage": False, "f_years": (lo, hi)}


def _write_widgets(f: Filters) -> list[str]:
    """Put a Filters value into the widgets' state; return values that match no option."""
    opts, ignored = options(), []

    def known(name, values):
        good = [v for v in values if v in opts[name]]
        ignored.extend(str(v) for v in values if v not in opts[name])
        return good

    st.session_state.update({
        "f_pillar": known("pillar", f.pillar), "f_status": known("status", f.status),
        "f_entity": known("entity", f.entity), "f_country": known("country", f.country),
        "f_region": known("region", f.region), "f_scope": known("scope", f.scope),
        "f_theme": known("theme", f.theme), "f_resolution": known("resolution", f.resolution), "f_q": f.q, "f_coverage": f.coverage == "all",
    })
    lo, hi = opts["years"]
    clamp = lambda year: min(max(year, lo), hi)  # noqa: E731  (a link may name years outside the data)
    st.session_state["f_years"] = (clamp(f.year_from) if f.year_from is not None else lo,
                                   clamp(f.year_to) if f.year_to is not None else hi)
    return ignored


def _filters_from_widgets() -> Filters:
    s = st.session_state
    lo, hi = options()["years"]
    y0, y1 = s["f_years"]
    return Filters(pillar=tuple(s["f_pillar"]), status=tuple(s["f_status"]), entity=tuple(s["f_entity"]),
                   country=tuple(s["f_country"]), region=tuple(s["f_region"]), scope=tuple(s["f_scope"]),
                   theme=tuple(s["f_theme"]), resolution=tuple(s["f_resolution"]),
                   year_from=y0 if y0 > lo else None, year_to=y1 if y1 < hi else None, q=s["f_q"].strip(),
                   coverage="all" if s["f_coverage"] else "named")


def _init_state() -> None:
    s = st.session_state
    if "_started" not in s:
        s["_started"] = True
        s["_nonce"] = 0
        s.update(_widget_defaults())
        params = st.query_params
        s["_ignored"] = _write_widgets(from_params(params)) + unreadable_params(params)
        s["view"] = params.get("view") if params.get("view") in VIEWS else "overview"
        s["_project"] = params.get("project", "")
        if params.get("lens") in COORDINATION:
            s["_kept_lens"] = params.get("lens")
    if "_pending" in s:  # a chart click or a reset asked for new filters
        _write_widgets(s.pop("_pending"))


def _reset() -> None:
    st.session_state.update(_widget_defaults())
    st.session_state["_project"] = ""


def _sync_url(f: Filters) -> None:
    wanted = to_params(f)
    if st.session_state["view"] != "overview":
        wanted["view"] = st.session_state["view"]
    lens = st.session_state.get("_kept_lens", "themes")  # the lens control's value, kept (_keep)
    if st.session_state["view"] == "coordination" and lens != "themes":
        wanted["lens"] = lens
    if st.session_state.get("_project"):
        wanted["project"] = st.session_state["_project"]
    if st.session_state["f_lang"] != "en":
        wanted["lang"] = st.session_state["f_lang"]
    if dict(st.query_params) != wanted:
        st.query_params.from_dict(wanted)


def _add_filter(f: Filters, additions: list[tuple[str, object]]) -> None:
    new = f
    for name, value in additions:
        if value is not None:
            new = new.with_value(name, value)
    if new != f:
        st.session_state["_pending"] = new
        st.session_state["_nonce"] += 1
        st.rerun()


# --- building blocks --------------------------------------------------------------------

def chart(fig, name: str, summary: str, table: pd.DataFrame | None = None, selectable: bool = True):
    """A chart with its one-line text summary and its data table: never colour alone."""
    key = f"chart-{name}-{st.session_state['_nonce']}"
    kwargs = {"on_select": "rerun", "selection_mode": "points"} if selectable else {}
    event = st.plotly_chart(fig, key=key, config=PLOTLY_CONFIG, width="stretch", **kwargs)
    st.caption(md_escape(summary))  # summaries carry entity and country names: text, not Markdown
    if table is not None:
        # Drawn only while open: a closed table costs the browser nothing on a rerun (four
        # of them on the overview took a quarter of every filter change).
        box = st.expander(_("Data table: {chart}").format(chart=_(name_label(name))), key=f"table-{name}", on_change="rerun")
        if box.open:
            with box:  # a plain HTML table: read by screen readers, and no data-grid bundle to load
                st.table(display_table(table), hide_index=True, border="horizontal")
    points = (event or {}).get("selection", {}).get("points", []) if selectable else []
    return points


def name_label(name: str) -> str:
    return {"pillar-status": N_("Projects by pillar and status"), "entities": N_("Top entities"),
            "scope": N_("Scope"), "years": N_("Projects active per year"), "map": N_("Projects per country"),
            "tiles": N_("Entity × pillar matrix"), "network": N_("Partnerships between entities"),
            "timeline": N_("Timeline"), "themes": N_("Themes"), "pillar-region": N_("Pillar × region"),
            "theme-region": N_("Theme × region")}.get(name, name)


def empty_message() -> None:
    st.info(_("No project matches these filters. Remove a filter or reset them all."))
    st.button(_("Reset all filters"), on_click=_reset, key="reset-empty")


def projects_table(p: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        _("ID"): p["project_id"], _("Title"): p["title"], _("Pillar"): p["pillar"].map(lambda v: PILLAR_ROMAN[int(v)]),
        _("Status"): p["status"].map(lambda s: _(s) if s else ""), _("Entities"): p["entities"].map(", ".join),
        _("Geography"): p["geography"], _("Start"): p["start_year"], _("End"): p["end_year"],
    })


# --- views --------------------------------------------------------------------------------

def view_overview(m, f: Filters) -> None:
    left, right = st.columns(2)
    with left:
        st.subheader(_("Projects by pillar and status"))
        ps = summaries.by_pillar_status(m)
        totals = ps.groupby("pillar")["projects"].sum()
        summary = _("{n} projects: ").format(n=len(m.projects)) + "; ".join(
            f"{pillar_label(p)} {int(totals.get(p, 0))}" for p in totals.index)
        table = ps.assign(pillar=ps["pillar"].map(pillar_label), status=ps["status"].map(charts.status_label))
        points = chart(charts.pillar_status(ps), "pillar-status", summary, table)
        if points:
            _add_filter(f, [("pillar", charts.pillar_from_label(p.get("x"))) for p in points])
    with right:
        st.subheader(_("Top entities"))
        top = summaries.top_entities(m)
        if top.empty:
            st.info(_("No implementing entity is recorded for these projects."))
        else:
            top_entities_chart(f, top)
    left, right = st.columns(2)
    with left:
        st.subheader(_("Scope"))
        mix = summaries.scope_mix(m)
        summary = "; ".join(f"{charts.scope_label(r.scope)} {r.projects}" for r in mix.itertuples())
        points = chart(charts.scope_mix(mix), "scope", summary, mix.assign(scope=mix["scope"].map(charts.scope_label)))
        if points:
            _add_filter(f, [("scope", charts.scope_from_label(p.get("x"))) for p in points])
    with right:
        st.subheader(_("Projects active per year"))
        years, notes = summaries.active_per_year(m)
        per_year = years.groupby("year")["projects"].sum() if len(years) else pd.Series(dtype=int)
        peak = _("peak {n} in {year}").format(n=int(per_year.max()), year=int(per_year.idxmax())) if len(per_year) else ""
        summary = _("Dated projects active each year ({peak}). Not shown: {undated} undated projects; "
                    "{open} open-ended projects are counted up to {year}, the year of the report.").format(
            peak=peak, undated=notes["undated"], open=notes["open_ended"], year=summaries.REPORT_YEAR)
        wide = years.pivot(index="year", columns="pillar", values="projects").rename(columns=pillar_label).reset_index() if len(years) else years
        chart(charts.active_per_year(years), "years", summary, wide, selectable=False)


def top_entities_chart(f: Filters, top: pd.DataFrame) -> None:
    summary = _("{entity} takes part in most projects ({n}); a project counts once for each of its entities, "
                "so bars add up to more than the projects.").format(entity=top["entity"].iloc[0], n=int(top["projects"].iloc[0]))
    points = chart(charts.top_entities(top), "entities", summary, top)
    if points:
        _add_filter(f, [("entity", p.get("y")) for p in points])


def view_map(m, f: Filters) -> None:
    coverage = f.coverage
    per = summaries.per_country(m, coverage)
    left, right = st.columns([3, 2])
    with left:
        st.subheader(_("Projects per country"))
        basis = _("named in the geography") if coverage == "named" else _("named, or covered through a named region or UN mission")
        if per.empty:
            st.info(_("No country to map for these projects: see the list beside the map."))
        else:
            summary = _("{n} countries {basis}; most projects: {top}.").format(
                n=len(per), basis=basis, top=", ".join(f"{r.country} ({r.projects})" for r in per.head(3).itertuples()))
            points = chart(charts.world_map(per), "map", summary, per)
            if points:
                _add_filter(f, [("country", p.get("location")) for p in points])
        st.caption(_(MAP_DISCLAIMER))
        st.caption(_("Use “Include countries covered through a region or mission” in the filters to add "
                     "region- and mission-based coverage to the map."))
    with right:
        st.subheader(_("Not on the map"))
        rest = summaries.not_on_map(m, coverage)
        st.caption(_("{n} projects name no country (global or regional work, or a list of organisations): "
                     "they are listed here so that nothing disappears.").format(n=len(rest)))
        st.dataframe(display_table(rest, {"project_id": N_("ID"), "geography": N_("Geography"), "lead_entity": N_("Lead")}),
                     hide_index=True, width="stretch", height=520)


def view_entities(m, f: Filters) -> None:
    st.subheader(_("Entity × pillar matrix"))
    tiles = summaries.entity_pillar(m)
    summary = _("{n} entities across the four pillars; each tile counts the projects of an entity in a pillar. "
                "Click a tile to filter by entity and pillar.").format(n=tiles["entity"].nunique())
    wide = tiles.pivot(index="entity", columns="pillar", values="projects").fillna(0).astype(int).rename(columns=pillar_label).reset_index()
    points = chart(charts.entity_tiles(tiles), "tiles", summary, wide)
    if points:
        _add_filter(f, [(k, v) for p in points for k, v in (("entity", p.get("y")), ("pillar", charts.pillar_from_label(p.get("x"))))])

    st.subheader(_("Partnerships between entities"))
    nodes, edges = summaries.partnerships(m)
    if edges.empty:
        st.info(_("No two entities implement a project together among these projects."))
    else:
        top = edges.iloc[0]
        summary = _("{n} pairs of entities implement projects together; the closest partners are {a} and {b} "
                    "({k} projects). Node size: projects; line width: projects together. Click a node for its profile.").format(
            n=len(edges), a=top["a"], b=top["b"], k=int(top["projects"]))
        alone = sorted(set(nodes["entity"]) - set(edges["a"]) - set(edges["b"]), key=str.casefold)
        if alone:  # drawn, they would only push the others into a corner; said, so none disappears
            summary += " " + _("Not drawn, without a partner among these projects: {entities}.").format(entities=", ".join(alone))
        points = chart(charts.network(nodes, edges, network_start()), "network", summary, edges)
        for p in points:
            if p.get("text") or p.get("customdata"):
                st.session_state["f_profile"] = p.get("text") or st.session_state.get("f_profile")

    st.subheader(_("Entity profile"))
    choices = sorted(m.entities["entity"].unique(), key=str.casefold)
    if not choices:
        st.info(_("No implementing entity is recorded for these projects."))
        return
    if st.session_state.get("f_profile") not in choices:
        st.session_state["f_profile"] = choices[0]
    names = options()["entity_names"]
    entity = st.selectbox(_("Entity"), choices, key="f_profile", format_func=lambda e: f"{e} — {names.get(e, e)}")
    profile = summaries.entity_profile(matrix(), m, entity)
    cols = st.columns(3)
    cols[0].metric(_("Projects"), len(profile["projects"]))
    cols[1].metric(_("Partners"), len(profile["partners"]))
    cols[2].metric(_("Countries named"), len(profile["countries"]))
    st.text(f"{profile['name']}\n{_('Group')}: {_(profile['group']) if profile['group'] else '—'}"
            + (f"\n{_('Part of')}: {profile['parent']}" if profile["parent"] else ""))
    left, right = st.columns(2)
    left.dataframe(profile["partners"].rename(_("Projects together")).rename_axis(_("Partner")).reset_index(), hide_index=True, width="stretch")
    right.dataframe(profile["countries"].rename(_("Projects")).rename_axis(_("Country")).reset_index(), hide_index=True, width="stretch")
    st.dataframe(projects_table(profile["projects"]), hide_index=True, width="stretch")


def view_timeline(m, f: Filters) -> None:
    st.subheader(_("Timeline"))
    p = m.projects
    dated = p[p["start_year"].notna()]
    if dated.empty:
        st.info(_("None of these projects has a year in its duration, so none can be placed on a timeline."))
        return
    summary = _("{n} dated projects from {a} to {b}, coloured by pillar; {open} open-ended projects run to {year} "
                "(marked “open-ended”); {undated} undated projects are not shown.").format(
        n=len(dated), a=int(dated["start_year"].min()), b=int(dated["end_year"].max() if dated["end_year"].notna().any() else dated["start_year"].max()),
        open=int(dated["open_ended"].sum()), year=summaries.REPORT_YEAR, undated=int(p["start_year"].isna().sum()))
    table = dated[["project_id", "title", "pillar", "duration_text", "start_year", "end_year", "open_ended"]]
    chart(charts.timeline(p), "timeline", summary, table, selectable=False)


def project_record(m_all, pid: str) -> None:
    p = m_all.projects.set_index("project_id")
    if pid not in p.index:
        st.warning(_("No project {id} in the matrix.").format(id=md_escape(pid)))
        return
    r = p.loc[pid]
    st.subheader(pid)
    english_text(r["title"], r["activities"])
    fields = [
        (_("Pillar"), f"{pillar_label(r['pillar'])}: {_(r['pillar_name'])}"), (_("Serial as printed"), r["serial"]),
        (_("Status"), _(r["status"]) if r["status"] else "—"), (_("Duration as printed"), r["duration_text"] or "—"),
        (_("Start year"), "" if pd.isna(r["start_year"]) else str(int(r["start_year"]))),
        (_("End year"), (_("open-ended") if r["open_ended"] else "") if pd.isna(r["end_year"]) else str(int(r["end_year"]))),
        (_("Annual event"), _("yes") if r["recurring"] else _("no")),
        (_("Geographical scope as printed"), r["geography"]), (_("Scope"), charts.scope_label(r["scope"])),
        (_("Regions and missions named"), ", ".join(r["regions"]) or "—"),
        (_("Source"), f"{m_all.quality['source']}, {_('line')} {int(r['source_line'])}"),
    ]
    # A static table: every field, provenance included, in view without scrolling a grid.
    st.table(pd.DataFrame(fields, columns=[_("Field"), _("Value")]), hide_index=True, border="horizontal")
    ents = m_all.entities[m_all.entities["project_id"] == pid]
    st.dataframe(display_table(ents[["entity", "entity_name", "entity_group", "role"]]), hide_index=True, width="stretch")
    places = m_all.countries[m_all.countries["project_id"] == pid]
    if len(places):
        how = {"named": _("named in the geography"), "region": _("in a named region"), "mission": _("where a named UN mission operates")}
        st.dataframe(pd.DataFrame({_("Country"): places["country"], "ISO3": places["iso3"],
                                   _("How it was derived"): [how[b] + (f" ({v})" if v else "") for b, v in zip(places["basis"], places["via"])],
                                   _("Region"): places["region"].map(region_name),
                                   _("Sub-region"): places["intermediate_region"].where(places["intermediate_region"] != "", places["subregion"]).map(region_name)}),
                     hide_index=True, width="stretch")


def english_text(title: str, activities: str, note: bool = True) -> None:
    """The project's title and activities as printed, marked as English (lang="en", left to
    right) for screen readers and right-to-left pages. Source text is escaped: data, never markup."""
    parts = [f'<div lang="en" dir="ltr" style="font-size:1.15rem;font-weight:600">{html.escape(title)}</div>' if title else "",
             f'<div lang="en" dir="ltr">{html.escape(activities)}</div>' if activities else ""]
    st.html("".join(parts))
    if note and get_language() != "en":
        st.caption(_("Title and activities are in the original English of the source."))


def view_projects(m, f: Filters) -> None:
    st.subheader(_("Projects"))
    st.caption(_("{n} projects. Sort by a column header; select a row to open the project's full record. "
                 "Search with the “Search text” filter.").format(n=len(m.projects)))
    table = projects_table(m.projects)
    event = st.dataframe(table, hide_index=True, width="stretch", height=420, on_select="rerun",
                         selection_mode="single-row", key=f"projects-{st.session_state['_nonce']}")
    rows = (event or {}).get("selection", {}).get("rows", [])
    if rows:
        st.session_state["_project"] = table.iloc[rows[0]][_("ID")]
    if st.session_state.get("_project"):
        project_record(matrix(), st.session_state["_project"])


def view_quality(m, f: Filters) -> None:
    q = matrix().quality
    st.subheader(_("Reconciliation: stated and parsed counts"))
    headers, rows = summaries.reconciliation(q)
    st.dataframe(pd.DataFrame(rows, columns=headers), hide_index=True, width="stretch")
    st.caption(_("The report states {stated} projects; {parsed} rows are printed. Every difference is an issue below, "
                 "with its line in {source}.").format(stated=q["stated_total"], parsed=q["parsed_total"], source=q["source"]))
    issues = pd.DataFrame(q["issues"], columns=["kind", "message", "line", "pillar", "serial", "project_id"])
    issues["project_id"] = issues["project_id"].fillna("")  # a count mismatch concerns no one project
    st.subheader(_("Data issues"))
    counts = issues["kind"].value_counts()
    st.caption("; ".join(f"{_(ISSUE_KINDS.get(k, k))}: {n}" for k, n in counts.items()))
    kinds = st.multiselect(_("Kinds of issue"), list(counts.index), placeholder=_("Choose options"), format_func=lambda k: _(ISSUE_KINDS.get(k, k)), key="f_issue_kinds")
    shown = issues[issues["kind"].isin(kinds)] if kinds else issues
    st.dataframe(shown[["line", "kind", "project_id", "message"]].rename(columns={
        "line": _("Line"), "kind": _("Kind"), "project_id": _("Project"), "message": _("Message")}), hide_index=True, width="stretch")


MIME = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "csv": "text/csv",
        "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation"}
DOWNLOAD_LABELS = {"xlsx": N_("Excel workbook"), "csv": N_("CSV of projects"), "pptx": N_("Slide deck")}


def downloads(m, f: Filters, lang: str) -> None:
    """Exports of exactly the current view; files are made only when a button is clicked."""
    st.subheader(_("Download this view"))
    for fmt in ("xlsx", "csv", "pptx"):
        def make(fmt=fmt):  # runs on its own thread when clicked: set the language there too
            set_language(lang)
            return export_bytes(m, f, fmt)
        st.download_button(_(DOWNLOAD_LABELS[fmt]), data=make, file_name=export_name(f, fmt), mime=MIME[fmt],
                           on_click="ignore", key=f"download-{fmt}", width="stretch")


def resolution_year(number: str) -> str:
    from matrix.resolutions import catalogue

    return catalogue().get(number, {}).get("year", "?")


COORDINATION = {"themes": N_("Themes"), "resolutions": N_("Security Council resolutions"),
                "overlaps": N_("Overlap candidates"), "gaps": N_("Gaps")}


def _keep(key: str) -> None:
    """on_change: a widget's value, kept where Streamlit does not forget it."""
    st.session_state["_kept_" + key] = st.session_state[key]


def _recall(key: str, default):
    """A widget's value back after a run that did not draw it (another view or lens):
    Streamlit forgets the state of a widget it does not draw."""
    if key not in st.session_state:
        st.session_state[key] = st.session_state.get("_kept_" + key, default)


def view_coordination(m, f: Filters) -> None:
    """Four lenses; only the chosen one runs (and reaches the browser) on a rerun."""
    _recall("lens", "themes")
    lens = st.segmented_control(_("Coordination"), list(COORDINATION), key="lens", format_func=lambda v: _(COORDINATION[v]),
                                required=True, label_visibility="collapsed", on_change=_keep, args=("lens",))
    st.subheader(_(COORDINATION[lens]))
    LENSES[lens](m, f)


def coordination_themes(m, f: Filters) -> None:
    counts = summaries.theme_counts(m)
    if counts.empty:
        st.info(_("No theme among these projects."))
    else:
        untagged = len(m.projects) - m.extra["project_themes"].query("kind == 'theme'")["project_id"].nunique()
        summary = _("Most frequent theme: {theme} ({n} projects); {untagged} of these projects match no theme keyword. "
                    "A project can carry several themes, of any pillar. Click a bar to filter.").format(
            theme=_(counts.iloc[0]["theme"]), n=int(counts.iloc[0]["projects"]), untagged=untagged)
        points = chart(charts.theme_bars(counts.assign(theme=counts["theme"].map(_))), "themes", summary, counts)
        if points:
            names = {_(t): t for t in counts["theme"]}
            _add_filter(f, [("theme", names.get(p.get("y"))) for p in points])


def coordination_resolutions(m, f: Filters) -> None:
    cited, uncited = summaries.resolution_table(m)
    if cited.empty:
        st.info(_("None of these projects cites a Security Council resolution in its title or activities."))
    else:
        st.caption(_("{n} resolutions cited by {p} projects, in their title or activities.").format(
            n=len(cited), p=m.extra["project_resolutions"]["project_id"].nunique()))
        st.dataframe(display_table(cited), hide_index=True, width="stretch")
    # a label without the count: a label that changes with the filters would close the expander
    box = st.expander(_("Listed counter-terrorism resolutions that no project cites"), key="uncited", on_change="rerun")
    if box.open:
        with box:
            st.table(display_table(uncited), hide_index=True)


def coordination_overlaps(m, f: Filters) -> None:
    pairs = m.extra.get("overlaps")
    st.caption(_("Projects of different lead entities in the same named country, at overlapping times (undated ones "
                 "may overlap anything), whose descriptions are alike: similarity of at least 0.16 with two or more "
                 "distinctive words in common. Candidates for coordination, not verdicts."))
    if pairs is None or pairs.empty:
        st.info(_("No overlap candidate among these projects."))
    else:
        p = matrix().projects.set_index("project_id")
        labels = [f"{r.project_a} ~ {r.project_b} · {r.country} · {r.score:.2f} · {r.shared_terms}" for r in pairs.itertuples()]
        _recall("f_pair", 0)
        if st.session_state["f_pair"] >= len(pairs):  # fewer pairs under new filters
            st.session_state["f_pair"] = 0
        choice = st.selectbox(_("Pair"), range(len(pairs)), format_func=lambda i: labels[i], key="f_pair",
                              on_change=_keep, args=("f_pair",))
        row = pairs.iloc[choice]
        left, right = st.columns(2)
        for col, pid in ((left, row["project_a"]), (right, row["project_b"])):
            r = p.loc[pid]
            with col:
                st.markdown(f"**{pid}**")
                english_text(r["title"], "")
                st.dataframe(pd.DataFrame([
                    (_("Entities"), ", ".join(r["entities"])), (_("Status"), _(r["status"]) if r["status"] else "—"),
                    (_("Duration as printed"), r["duration_text"] or "—"), (_("Geographical scope as printed"), r["geography"])],
                    columns=[_("Field"), _("Value")]), hide_index=True, width="stretch")
                st.markdown(f"**{_('Main activities')}:**")
                english_text("", r["activities"], note=False)
        st.caption(_("Shared distinctive words: {terms}").format(terms=row["shared_terms"]))


def coordination_gaps(m, f: Filters) -> None:
    left, right = st.columns(2)
    with left:
        pr = summaries.pillar_region(m)
        regions = sorted(pr["region"].unique())
        empty = pr[pr["projects"] == 0]
        summary = _("Projects per pillar and UN M49 region (countries named or covered); empty cells: {cells}.").format(
            cells=", ".join(f"{pillar_label(r.pillar)} × {region_name(r.region)}" for r in empty.itertuples()) or _("none"))
        chart(charts.tiles(pr, "pillar", "region", list(PILLAR_ROMAN), regions, pillar_label, region_name), "pillar-region", summary,
              pr.pivot(index="region", columns="pillar", values="projects").rename(columns=pillar_label).reset_index(), selectable=False)
    with right:
        single = summaries.single_entity_countries(m)
        st.markdown("**" + _("Countries named by a single entity only") + "**")
        st.caption(_("{n} countries: every project naming them is carried out by the same one entity.").format(n=len(single)))
        st.dataframe(display_table(single), hide_index=True, width="stretch", height=360)
    tr = summaries.theme_region(m)
    if len(tr):
        regions = sorted(tr["region"].unique())
        zero = int((tr["projects"] == 0).sum())
        chart(charts.tiles(tr, "region", "theme", regions, list(dict.fromkeys(tr["theme"])), region_name, _), "theme-region",
              _("Projects per theme and UN M49 region; {zero} of {n} cells are empty.").format(zero=zero, n=len(tr)),
              tr.pivot(index="theme", columns="region", values="projects").rename(columns=region_name).reset_index(), selectable=False)


LENSES = {"themes": coordination_themes, "resolutions": coordination_resolutions,
          "overlaps": coordination_overlaps, "gaps": coordination_gaps}
RENDER = {"overview": view_overview, "map": view_map, "entities": view_entities, "timeline": view_timeline,
          "projects": view_projects, "coordination": view_coordination, "quality": view_quality}


# --- page -----------------------------------------------------------------------------------

def sidebar(opts: dict) -> None:
    def multiselect(label: str, name: str, **kwargs) -> None:  # one filter list, in the page's language
        st.multiselect(label, opts[name], key=f"f_{name}", placeholder=_("Choose options"), **kwargs)

    with st.sidebar:
        st.header(_("Filters"))
        multiselect(_("Pillar"), "pillar", format_func=pillar_label)
        multiselect(_("Status"), "status", format_func=_)
        multiselect(_("Entity"), "entity",
                    format_func=lambda e: f"{e} — {opts['entity_names'].get(e, e)}" if opts["entity_names"].get(e, e) != e else e)
        multiselect(_("Country"), "country", format_func=lambda c: country_name(c, opts["country_names"].get(c, c)))
        multiselect(_("Region"), "region", format_func=region_name)
        st.toggle(_("Include countries covered through a region or mission"), key="f_coverage",
                  help=_("Off: only countries the geography names. On: also countries in a named region (e.g. Sahel) "
                         "or where a named UN mission operates."))
        multiselect(_("Scope"), "scope", format_func=_)
        multiselect(_("Theme"), "theme", format_func=_)
        multiselect(_("Security Council resolution"), "resolution", format_func=lambda r: f"{r} ({resolution_year(r)})")
        lo, hi = opts["years"]
        if hi > lo:  # a matrix dated to a single year (or not at all) has no range to narrow
            st.slider(_("Active in years"), lo, hi, key="f_years",
                      help=_("Projects active at some time in this range. Undated projects are left out while the range is narrowed."))
        st.text_input(_("Search text"), key="f_q", placeholder=_("e.g. border, prison, youth"),
                      help=_("Searches titles, activities, entities and geography; every word must appear "
                             "(as a word or part of one: “war” also finds “award”)."))
        st.button(_("Reset all filters"), on_click=_reset, key="reset", width="stretch")


def page_language(lang: str) -> None:
    """The page in the chosen language's script and direction. Our own constant CSS
    (no source text reaches it): Arabic reads right to left, text blocks, tables and the
    sidebar included; charts keep their axes; English source text stays left to right."""
    rtl = is_rtl(lang)
    if not rtl and font_family(lang) == FONT:
        return  # the theme's font (config.toml) and direction already fit: nothing to load
    css = f"""
    .stApp, .stApp input, .stApp textarea, .stApp button {{ font-family: {font_family(lang)}; }}
    [lang="en"] {{ direction: ltr; text-align: left; unicode-bidi: isolate; }}
    """
    if rtl:
        css += """
    .stApp, [data-testid="stSidebar"], [data-testid="stMain"] { direction: rtl; }
    [data-testid="stMarkdownContainer"], [data-testid="stCaptionContainer"], [data-testid="stHeading"],
    [data-testid="stWidgetLabel"], [data-testid="stMetric"], [data-testid="stTable"] th,
    [data-testid="stTable"] td, [data-testid="stAlert"] { text-align: right; }
    [data-testid="stPlotlyChart"], .js-plotly-plot { direction: ltr; }
    """
    st.html(f"<style>{css}</style>")


def html_lang(lang: str) -> None:
    """Screen readers pick their voice from <html lang>, which Streamlit sets to "en": a
    one-pixel same-origin frame sets it, and the direction, for the page. ``lang`` is one
    of LANGUAGES (``set_language`` admits nothing else)."""
    direction = "rtl" if is_rtl(lang) else "ltr"
    st.iframe(f"<script>const d = window.parent.document.documentElement; d.lang = '{lang}'; d.dir = '{direction}';</script>",
              height=1)


def _change_language() -> None:
    # Multiselects keep their values as the labels they showed, which change with the
    # language: carry the filters over as values, written back before the widgets draw.
    st.session_state["_pending"] = st.session_state["_filters"]  # _sync_url writes the new lang


def language_picker() -> None:
    st.selectbox(_("Language"), LANGUAGES, key="f_lang", format_func=language_name, on_change=_change_language)


def main() -> None:
    if "f_lang" not in st.session_state:
        st.session_state["f_lang"] = st.query_params.get("lang") if st.query_params.get("lang") in LANGUAGES else "en"
    lang = set_language(st.session_state["f_lang"])
    st.set_page_config(page_title=_("CT Matrix — UN counter-terrorism projects"), page_icon="🇺🇳", layout="wide")
    page_language(lang)
    _init_state()
    opts = options()
    # The widgets' values are already in session state, so the filters are known before
    # the sidebar is drawn: the view (and its first chart) goes out first, the header and
    # the sidebar after it, which lets the browser start loading the chart library sooner.
    f = _filters_from_widgets()
    st.session_state["_filters"] = f  # the filters as values, for a change of language
    m = filtered(tuple(sorted(to_params(f).items())))
    total = len(matrix().projects)

    # The header is laid out above the view but filled after it (on a first load its
    # elements arrive a few milliseconds after the view's, long before any chart is drawn).
    header, body = st.container(), st.container()
    try:
        with body:
            if m.projects.empty and st.session_state["view"] != "quality":
                empty_message()
            else:
                RENDER[st.session_state["view"]](m, f)
    finally:  # the header and the filters even if the view fails: they are the way out
        page_header(header, m, total)
        page_sidebar(opts, m, f, total, lang)
    _sync_url(f)  # after the view, which may have opened a project


def page_header(header, m, total: int) -> None:
    figures = summaries.key_figures(m)
    with header:
        st.title(_("CT Matrix"))
        st.caption(_(SOURCE))
        cols = st.columns(5)
        cols[0].metric(_("Projects"), figures["projects"], help=_("Projects that pass the filters, of {total}.").format(total=total))
        cols[1].metric(_("Entities"), figures["entities"])
        cols[2].metric(_("Countries named"), figures["countries"])
        cols[3].metric(_("Ongoing"), percent(figures["share_ongoing"]))
        cols[4].metric(_("In development"), percent(figures["share_in_development"]))
        st.segmented_control(_("View"), list(VIEWS), key="view", format_func=lambda v: _(VIEWS[v]), required=True)


def page_sidebar(opts: dict, m, f: Filters, total: int, lang: str) -> None:
    with st.sidebar:
        language_picker()
    sidebar(opts)
    with st.sidebar:
        st.markdown("**" + _("{n} of {total} projects match.").format(n=len(m.projects), total=total) + "**")
        missing = undated_excluded(matrix(), f)
        if missing:
            st.caption(_("{n} undated projects are left out by the year range.").format(n=missing))
        if st.session_state.get("_ignored"):
            st.warning(_("Ignored filter values from the link that match nothing: {values}").format(
                values=md_escape(", ".join(st.session_state["_ignored"]))))
        downloads(m, f, lang)
        html_lang(lang)

main()
