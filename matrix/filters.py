"""Filters: the one place they are defined, parsed, serialised and applied.

The same ``Filters`` value comes from the URL (app), from the command line (export) and
is applied by ``apply_filters`` for every chart, table and export. Values of one filter
are OR-ed; different filters are AND-ed.

URL form (CONTRACT.md): ``?pillar=II&status=Ongoing,Completed&country=MLI&q=border``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

import pandas as pd

from matrix.data import Matrix
from matrix.model import PILLAR_ROMAN, parse_pillar

LIST_FILTERS = ("pillar", "status", "entity", "country", "region", "scope", "theme", "resolution")
COVERAGES = ("named", "all")  # which countries a country/region filter looks at


@dataclass(frozen=True)
class Filters:
    pillar: tuple[int, ...] = ()
    status: tuple[str, ...] = ()
    entity: tuple[str, ...] = ()
    country: tuple[str, ...] = ()
    region: tuple[str, ...] = ()
    scope: tuple[str, ...] = ()
    theme: tuple[str, ...] = ()
    resolution: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    q: str = ""
    coverage: str = "named"

    @property
    def active(self) -> bool:
        return self != Filters(coverage=self.coverage)

    def with_value(self, name: str, value) -> "Filters":
        """Add one value to a list filter (click to filter)."""
        current = getattr(self, name)
        if value in current:
            return self
        return replace(self, **{name: current + (value,)})

    def values(self) -> list[tuple[str, list[str]]]:
        """(filter, values as written) for each filter in use: the file name, and the About
        sheet and title slide (``vocabulary.describe_filters`` puts them in a language)."""
        out = []
        for name in LIST_FILTERS:
            values = getattr(self, name)
            if values:
                out.append((name, [PILLAR_ROMAN[v] for v in values] if name == "pillar" else list(values)))
        if self.year_from is not None or self.year_to is not None:
            out.append(("years", [f"{self.year_from or ''}–{self.year_to or ''}"]))
        if self.q:
            out.append(("q", [self.q]))
        if self.coverage != "named" and (self.country or self.region):
            out.append(("coverage", [self.coverage]))
        return out

    def slug(self) -> str:
        """Filters as a short file-name part: ``pillar-II_status-Ongoing``."""
        parts = [f"{k}-{', '.join(v)}" for k, v in self.values()]
        text = "_".join(parts) or "all"
        text = re.sub(r"[^\w.-]+", "-", text, flags=re.UNICODE).strip("-")
        return text[:120]


_LIST_COMMA = re.compile(r",(?!\s)")  # "A,B" separates; "Dialogue, tolerance and …" is one value


def _split(values) -> list[str]:
    if values is None:
        return []
    if isinstance(values, str):
        values = [values]
    out: list[str] = []
    for value in values:
        out.extend(v.strip() for v in _LIST_COMMA.split(str(value)) if v.strip())
    return out


def _year(value) -> int | None:
    text = _split(value)
    if text and text[0].isdigit():
        return int(text[0])
    return None


def unreadable_params(params) -> list[str]:
    """Values from_params cannot read and leaves out: pillars, years, coverage."""
    get = params.get_all if hasattr(params, "get_all") else (lambda k: params.get(k))
    bad = [f"pillar={v}" for v in _split(get("pillar")) if parse_pillar(v) is None]
    for name in ("year_from", "year_to"):
        bad += [f"{name}={v}" for v in _split(get(name)) if not v.isdigit()]
    bad += [f"coverage={v}" for v in _split(get("coverage")) if v not in COVERAGES]
    return bad


def from_params(params) -> Filters:
    """URL query parameters (or CLI options) -> Filters. Unknown values are kept as typed
    (they match nothing); values of the wrong form (``pillar=V``, ``year_from=abc``) are
    left out, and ``unreadable_params`` names them."""
    get = params.get_all if hasattr(params, "get_all") else (lambda k: params.get(k))
    kwargs: dict = {}
    for name in LIST_FILTERS:
        values = _split(get(name))
        if name == "pillar":
            values = [p for p in (parse_pillar(v) for v in values) if p is not None]
        elif name == "country":
            values = [v.upper() for v in values]
        kwargs[name] = tuple(dict.fromkeys(values))
    kwargs["year_from"] = _year(get("year_from"))
    kwargs["year_to"] = _year(get("year_to"))
    if kwargs["year_from"] is not None and kwargs["year_to"] is not None and kwargs["year_from"] > kwargs["year_to"]:
        kwargs["year_from"], kwargs["year_to"] = kwargs["year_to"], kwargs["year_from"]  # a link with the range reversed
    q = get("q")
    kwargs["q"] = (" ".join(q) if isinstance(q, list) else (q or "")).strip()
    coverage = _split(get("coverage"))
    kwargs["coverage"] = coverage[0] if coverage and coverage[0] in COVERAGES else "named"
    return Filters(**kwargs)


def to_params(filters: Filters) -> dict[str, str]:
    """Filters -> query parameters, in a stable order; defaults left out."""
    out: dict[str, str] = {}
    for name in LIST_FILTERS:
        values = getattr(filters, name)
        if values:
            out[name] = ",".join(PILLAR_ROMAN[v] for v in values) if name == "pillar" else ",".join(values)
    if filters.year_from is not None:
        out["year_from"] = str(filters.year_from)
    if filters.year_to is not None:
        out["year_to"] = str(filters.year_to)
    if filters.q:
        out["q"] = filters.q
    if filters.coverage != "named":
        out["coverage"] = filters.coverage
    return out


def countries_for(matrix: Matrix, coverage: str) -> pd.DataFrame:
    """The project-country rows a coverage looks at: named only, or all bases."""
    return matrix.countries if coverage == "all" else matrix.countries[matrix.countries["basis"] == "named"]


def _ids_with(frame: pd.DataFrame, column: str, values) -> set:
    return set(frame.loc[frame[column].isin(values), "project_id"])


def search_text(matrix: Matrix) -> pd.Series:
    """Lower-cased text each project is searched by: title, activities, entities (acronyms
    and full names), geography and the countries it names."""
    p = matrix.projects
    names = matrix.entities.groupby("project_id")["entity_name"].agg(" ".join)
    text = (p["title"] + " " + p["activities"] + " " + p["geography"] + " " + p["entities"].map(" ".join)
            + " " + p["project_id"].map(names).fillna("") + " " + p["countries"].map(" ".join))
    return pd.Series(text.str.casefold().to_numpy(), index=p["project_id"].to_numpy())


def matching_ids(matrix: Matrix, filters: Filters, text: pd.Series | None = None) -> pd.Index:
    p = matrix.projects
    mask = pd.Series(True, index=p.index)
    if filters.pillar:
        mask &= p["pillar"].isin(filters.pillar)
    if filters.status:
        mask &= p["status"].isin(filters.status)
    if filters.scope:
        mask &= p["scope"].isin(filters.scope)
    if filters.entity:
        mask &= p["project_id"].isin(_ids_with(matrix.entities, "entity", filters.entity))
    places = countries_for(matrix, filters.coverage)
    if filters.country:
        mask &= p["project_id"].isin(_ids_with(places, "iso3", filters.country))
    if filters.region:
        # A region matches projects working in it: naming it, or (per coverage) working in
        # a country of it. M49 regions are read off each country; a named region's members
        # (Sahel, ASEAN, …) are the countries the build derived from it.
        rm = matrix.extra.get("region_members")
        members = set(rm.loc[rm["region"].isin(filters.region), "iso3"]) if rm is not None else set()
        ids = (_ids_with(places, "region", filters.region) | _ids_with(places, "subregion", filters.region)
               | _ids_with(places, "intermediate_region", filters.region) | _ids_with(places, "iso3", members))
        ids |= set(p.loc[p["regions"].map(lambda rs: any(r in filters.region for r in rs)), "project_id"])
        mask &= p["project_id"].isin(ids)
    for name, table, column in (("theme", "project_themes", "theme"), ("resolution", "project_resolutions", "resolution")):
        values = getattr(filters, name)
        if values:
            frame = matrix.extra.get(table)
            ids = _ids_with(frame, column, values) if frame is not None else set()
            mask &= p["project_id"].isin(ids)
    if filters.year_from is not None or filters.year_to is not None:
        # Active in the range: started by its end, not ended before its start. Undated
        # projects cannot be placed in time and are left out (the app says how many).
        lo = filters.year_from if filters.year_from is not None else -10**6
        hi = filters.year_to if filters.year_to is not None else 10**6
        from matrix.summaries import REPORT_YEAR

        start = p["start_year"]
        # An open-ended project runs to the report year (or its start, if later), as the
        # charts draw it: the matrix says nothing of later years.
        end = p["end_year"].fillna(start.clip(lower=REPORT_YEAR).where(p["open_ended"]))
        dated = start.notna()
        active = dated & (start.fillna(10**7) <= hi) & (end.fillna(-10**7) >= lo)
        mask &= active.fillna(False).astype(bool)
    if filters.q:
        text = text if text is not None else search_text(matrix)
        haystack = p["project_id"].map(text)
        for word in filters.q.casefold().split():
            mask &= haystack.str.contains(word, regex=False)
    return pd.Index(p.loc[mask, "project_id"])


def apply_filters(matrix: Matrix, filters: Filters, text: pd.Series | None = None) -> Matrix:
    """The filtered matrix: every view and export uses this and nothing else."""
    if not filters.active:
        return matrix
    return matrix.subset(matching_ids(matrix, filters, text))


def undated_excluded(matrix: Matrix, filters: Filters) -> int:
    """How many projects a year range leaves out only because they have no year."""
    if filters.year_from is None and filters.year_to is None:
        return 0
    without_years = replace(filters, year_from=None, year_to=None)
    ids = matching_ids(matrix, without_years)
    p = matrix.projects
    return int(p[p["project_id"].isin(ids)]["start_year"].isna().sum())

