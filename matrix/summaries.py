"""Counts behind every chart: plain data frames, so each chart has its data table."""
from __future__ import annotations

import itertools

import numpy as np
import pandas as pd

from matrix.data import Matrix
from matrix.i18n import _, is_rtl
from matrix.model import PILLAR_ROMAN, PILLARS, SCOPES, STATUSES

REPORT_YEAR = 2018  # the matrix is "as of February 2018"


def pillar_label(pillar: int) -> str:
    roman = PILLAR_ROMAN[int(pillar)]
    if is_rtl():  # keep "II" whole and in place inside right-to-left text (Unicode isolates)
        roman = f"\u2066{roman}\u2069"
    return _("Pillar {roman}").format(roman=roman)


def key_figures(m: Matrix) -> dict:
    p = m.projects
    n = len(p)
    named = m.countries[m.countries["basis"] == "named"]
    return {
        "projects": n,
        "entities": int(m.entities["entity"].nunique()),
        "countries": int(named["iso3"].nunique()),
        "ongoing": int((p["status"] == "Ongoing").sum()),
        "in_development": int((p["status"] == "In development").sum()),
        "share_ongoing": (p["status"] == "Ongoing").mean() if n else 0.0,
        "share_in_development": (p["status"] == "In development").mean() if n else 0.0,
    }


def by_pillar_status(m: Matrix) -> pd.DataFrame:
    """Long table pillar x status -> projects (every combination, zeros included)."""
    counts = m.projects.groupby(["pillar", "status"]).size()
    rows = [{"pillar": pl, "status": st, "projects": int(counts.get((pl, st), 0))}
            for pl in PILLARS for st in STATUSES]
    unknown = m.projects[~m.projects["status"].isin(STATUSES)]
    for pl, n in unknown.groupby("pillar").size().items():
        rows.append({"pillar": int(pl), "status": "", "projects": int(n)})
    return pd.DataFrame(rows, columns=["pillar", "status", "projects"])


def top_entities(m: Matrix, n: int = 15) -> pd.DataFrame:
    """Projects per entity (a project with three entities counts once for each)."""
    e = m.entities
    lead = e[e["role"] == "lead"].groupby("entity").size()
    total = e.groupby("entity").agg(projects=("project_id", "nunique"), entity_name=("entity_name", "first"),
                                    entity_group=("entity_group", "first"))
    total["as_lead"] = lead.reindex(total.index).fillna(0).astype(int)
    total = total.reset_index().sort_values(["projects", "entity"], ascending=[False, True])
    return total.head(n).reset_index(drop=True)


def scope_mix(m: Matrix) -> pd.DataFrame:
    counts = m.projects["scope"].replace("", pd.NA).value_counts()
    rows = [{"scope": s, "projects": int(counts.get(s, 0))} for s in SCOPES]
    unknown = int((m.projects["scope"] == "").sum())
    if unknown:
        rows.append({"scope": "", "projects": unknown})
    return pd.DataFrame(rows)


def active_per_year(m: Matrix) -> tuple[pd.DataFrame, dict]:
    """Dated projects active each year, from start and end years. Open-ended ones count
    from their start to the report year; undated ones cannot be placed and are counted
    apart, never guessed."""
    p = m.projects
    dated = p[p["start_year"].notna()]
    notes = {"undated": int(p["start_year"].isna().sum()),
             "open_ended": int((dated["open_ended"] & dated["end_year"].isna()).sum())}
    if dated.empty:
        return pd.DataFrame(columns=["year", "pillar", "projects"]), notes
    start = dated["start_year"].astype(int)
    end = dated["end_year"].fillna(max(REPORT_YEAR, int(start.max()))).astype(int)
    end = end.where(end >= start, start)
    years = np.arange(int(start.min()), int(end.max()) + 1)
    active = (start.to_numpy()[:, None] <= years) & (end.to_numpy()[:, None] >= years)  # project x year
    pillars = dated["pillar"].to_numpy()
    rows = [{"year": int(year), "pillar": pillar, "projects": int(count)}
            for pillar in PILLARS
            for year, count in zip(years, active[pillars == pillar].sum(axis=0))]
    return pd.DataFrame(rows), notes


def per_country(m: Matrix, coverage: str = "named") -> pd.DataFrame:
    from matrix.filters import countries_for

    c = countries_for(m, coverage)
    if c.empty:
        return pd.DataFrame(columns=["iso3", "country", "region", "projects", "named", "derived"])
    named = c[c["basis"] == "named"].groupby("iso3")["project_id"].nunique()
    out = c.groupby(["iso3", "country", "region"])["project_id"].nunique().rename("projects").reset_index()
    out["named"] = out["iso3"].map(named).fillna(0).astype(int)
    out["derived"] = out["projects"] - out["named"]
    return out.sort_values(["projects", "country"], ascending=[False, True]).reset_index(drop=True)


def not_on_map(m: Matrix, coverage: str = "named") -> pd.DataFrame:
    """Projects that the map cannot show: no country behind them for this coverage."""
    from matrix.filters import countries_for

    c = countries_for(m, coverage)
    p = m.projects[~m.projects["project_id"].isin(c["project_id"])]
    return p[["project_id", "title", "scope", "geography", "lead_entity", "status"]].reset_index(drop=True)


def entity_pillar(m: Matrix) -> pd.DataFrame:
    """Entity x pillar -> projects, for entities with at least one project."""
    e = m.entities.merge(m.projects[["project_id", "pillar"]], on="project_id")
    counts = e.groupby(["entity", "pillar"])["project_id"].nunique().rename("projects").reset_index()
    return counts


def partnerships(m: Matrix) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Nodes (entity, projects) and edges (a, b, projects together)."""
    e = m.entities
    nodes = e.groupby("entity").agg(projects=("project_id", "nunique"), entity_group=("entity_group", "first"),
                                    entity_name=("entity_name", "first")).reset_index()
    pairs: dict[tuple[str, str], int] = {}
    for _pid, group in e.groupby("project_id")["entity"]:
        for a, b in itertools.combinations(sorted(set(group)), 2):
            pairs[(a, b)] = pairs.get((a, b), 0) + 1
    edges = pd.DataFrame([{"a": a, "b": b, "projects": n} for (a, b), n in pairs.items()],
                         columns=["a", "b", "projects"])
    return nodes, edges.sort_values(["projects", "a", "b"], ascending=[False, True, True]).reset_index(drop=True)


def entity_profile(m_all: Matrix, m: Matrix, entity: str) -> dict:
    """Everything the app shows about one entity, within the filtered matrix ``m``."""
    info = m_all.entities[m_all.entities["entity"] == entity].head(1)
    mine = m.entities[m.entities["entity"] == entity]["project_id"]
    partners = (m.entities[m.entities["project_id"].isin(mine) & (m.entities["entity"] != entity)]
                .groupby("entity")["project_id"].nunique().sort_values(ascending=False))
    places = m.countries[m.countries["project_id"].isin(mine) & (m.countries["basis"] == "named")]
    return {
        "entity": entity,
        "name": info["entity_name"].iloc[0] if len(info) else entity,
        "group": info["entity_group"].iloc[0] if len(info) else "",
        "parent": info["parent"].iloc[0] if len(info) else "",
        "projects": m.projects[m.projects["project_id"].isin(mine)],
        "partners": partners,
        "countries": places.groupby("country")["project_id"].nunique().sort_values(ascending=False),
    }


# --- the coordination lens -------------------------------------------------------------

def theme_counts(m: Matrix) -> pd.DataFrame:
    t = m.extra.get("project_themes")
    if t is None or t.empty:
        return pd.DataFrame(columns=["theme", "kind", "projects"])
    out = t.groupby(["theme", "kind"])["project_id"].nunique().rename("projects").reset_index()
    return out.sort_values(["kind", "projects", "theme"], ascending=[False, False, True]).reset_index(drop=True)


def resolution_table(m: Matrix) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Resolutions the projects cite (with pillars and entities), and catalogue resolutions none cites."""
    from matrix.resolutions import catalogue

    cat = catalogue()
    r = m.extra.get("project_resolutions")
    cited_rows = []
    if r is not None and len(r):
        joined = r.merge(m.projects[["project_id", "pillar"]], on="project_id")
        for number, group in joined.groupby("resolution"):
            ids = set(group["project_id"])
            ents = m.entities[m.entities["project_id"].isin(ids)]["entity"].value_counts()
            cited_rows.append({"resolution": number, "year": cat.get(number, {}).get("year", ""),
                               "subject": cat.get(number, {}).get("subject", ""), "projects": len(ids),
                               "pillars": ", ".join(PILLAR_ROMAN[int(p)] for p in sorted(group["pillar"].unique())),
                               "entities": ", ".join(ents.index)})
    cited = pd.DataFrame(cited_rows, columns=["resolution", "year", "subject", "projects", "pillars", "entities"])
    cited = cited.sort_values(["projects", "resolution"], ascending=[False, True]).reset_index(drop=True)
    uncited = pd.DataFrame([{"resolution": k, "year": v["year"], "subject": v["subject"]} for k, v in cat.items()
                            if k not in set(cited["resolution"])], columns=["resolution", "year", "subject"])
    return cited, uncited


def _project_regions(m: Matrix) -> pd.DataFrame:
    """project_id -> M49 region, from the countries each project names or covers."""
    c = m.countries[m.countries["region"] != ""]
    return c[["project_id", "region"]].drop_duplicates()


def pillar_region(m: Matrix) -> pd.DataFrame:
    pr = _project_regions(m).merge(m.projects[["project_id", "pillar"]], on="project_id")
    counts = pr.groupby(["region", "pillar"])["project_id"].nunique()
    regions = sorted(set(pr["region"]) | {"Africa", "Americas", "Asia", "Europe", "Oceania"})
    return pd.DataFrame([{"region": r, "pillar": p, "projects": int(counts.get((r, p), 0))} for r in regions for p in PILLARS])


def theme_region(m: Matrix) -> pd.DataFrame:
    t = m.extra.get("project_themes")
    if t is None or t.empty:
        return pd.DataFrame(columns=["region", "theme", "projects"])
    pr = _project_regions(m).merge(t[t["kind"] == "theme"][["project_id", "theme"]], on="project_id")
    counts = pr.groupby(["region", "theme"])["project_id"].nunique()
    from matrix.themes import theme_names

    regions = sorted(set(_project_regions(m)["region"]) | {"Africa", "Americas", "Asia", "Europe", "Oceania"})
    return pd.DataFrame([{"region": r, "theme": th, "projects": int(counts.get((r, th), 0))}
                         for r in regions for th in theme_names("theme")])


def single_entity_countries(m: Matrix) -> pd.DataFrame:
    """Countries the geography names in projects of one entity only: a single point of contact."""
    named = m.countries[m.countries["basis"] == "named"][["project_id", "iso3", "country"]]
    joined = named.merge(m.entities[["project_id", "entity"]], on="project_id")
    per = joined.groupby(["iso3", "country"]).agg(entities=("entity", "nunique"), entity=("entity", "first"),
                                                  projects=("project_id", "nunique")).reset_index()
    return per[per["entities"] == 1][["country", "iso3", "entity", "projects"]].sort_values("country").reset_index(drop=True)


def reconciliation(quality: dict) -> tuple[list[str], list[list]]:
    """Stated and parsed counts per pillar and in total, as the app, the workbook and the
    deck show them: (column headers, rows). A table without its "NNN projects" line counts
    0 in the header total."""
    headers = [_("Pillar"), _("Stated in the summary"), _("Table header"), _("Rows parsed")]
    rows = [[pillar_label(p["pillar"]), p["stated"], p["header"], p["parsed"]] for p in quality["pillars"]]
    rows.append([_("Total"), quality["stated_total"], sum(p["header"] or 0 for p in quality["pillars"]), quality["parsed_total"]])
    return headers, rows
