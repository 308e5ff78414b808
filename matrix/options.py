"""The choices each filter offers, derived from the data (never typed in)."""
from __future__ import annotations

import pandas as pd

from matrix.data import Matrix
from matrix.model import PILLARS, SCOPES, STATUSES


def filter_options(m: Matrix) -> dict[str, list]:
    e = m.entities.drop_duplicates("entity").sort_values("entity", key=lambda s: s.str.casefold())
    c = m.countries.drop_duplicates("iso3").sort_values("country")
    regions = set()
    for col in ("region", "subregion", "intermediate_region"):
        regions |= set(m.countries[col].replace("", None).dropna())
    for names in m.projects["regions"]:
        regions |= set(names)
    return {
        "pillar": list(PILLARS),
        "status": list(STATUSES),
        "entity": list(e["entity"]),
        "entity_names": dict(zip(e["entity"], e["entity_name"])),
        "country": list(c["iso3"]),
        "country_names": dict(zip(c["iso3"], c["country"])),
        "region": sorted(regions, key=str.casefold),
        "scope": list(SCOPES),
        "years": _year_span(m),
        "theme": _themes(m),
        "resolution": sorted(set(m.extra["project_resolutions"]["resolution"])) if "project_resolutions" in m.extra else [],
    }


def _year_span(m: Matrix) -> tuple[int, int]:
    """First and last year any project names; (0, 0) when none is dated."""
    years = pd.concat([m.projects["start_year"], m.projects["end_year"]]).dropna()
    return (int(years.min()), int(years.max())) if len(years) else (0, 0)


def _themes(m: Matrix) -> list[str]:
    from matrix.themes import theme_names

    present = set(m.extra["project_themes"]["theme"]) if "project_themes" in m.extra else set()
    return [t for t in theme_names() if t in present]
