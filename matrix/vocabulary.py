"""The matrix's vocabulary in the current language: column labels, and the values of
columns that hold domain words (status, scope, region, country, theme, entity group…).

Country names are the UN's own short names in the six languages (UN M49 / UNTERM, from
hdx-python-country's bundled data); UN M49 region names come from CLDR (Babel) by their
M49 code, with ``data/reference/m49_names.csv`` for the few codes where CLDR's name is not
the M49 one; every other word goes through the gettext catalogues. The data keeps its
canonical English values (filters, URLs and the contract use them): only what is shown
is translated, here, in one place.
"""
from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

import pandas as pd

from matrix.i18n import N_, _, get_language

# column -> readable label. Exports write these as headers; the workbook loader reads
# them back in any of the six languages.
HEADERS = {
    "project_id": N_("Project ID"), "pillar": N_("Pillar"), "pillar_name": N_("Pillar name"), "serial": N_("Serial"),
    "title": N_("Title"), "duration_text": N_("Duration (as printed)"), "start_year": N_("Start year"),
    "end_year": N_("End year"), "recurring": N_("Annual event"), "open_ended": N_("Open-ended"), "status": N_("Status"),
    "activities": N_("Main activities"), "geography": N_("Geographical scope (as printed)"), "scope": N_("Scope"),
    "entities": N_("Entities"), "lead_entity": N_("Lead entity"), "countries": N_("Countries named (ISO3)"),
    "source_line": N_("Source line"), "regions": N_("Regions and missions named"),
    "entity": N_("Entity"), "entity_name": N_("Full name"), "entity_group": N_("Group"), "role": N_("Role"),
    "parent": N_("Part of"), "iso3": N_("ISO3"), "country": N_("Country"), "region": N_("Region (M49)"),
    "subregion": N_("Sub-region (M49)"), "basis": N_("Basis"), "intermediate_region": N_("Intermediate region (M49)"),
    "via": N_("Via region or mission"),
}
# Further columns of the summaries behind charts (shown as data tables).
LABELS = {
    **HEADERS,
    "projects": N_("Projects"), "named": N_("Named"), "derived": N_("Via region or mission"),
    "as_lead": N_("As lead"), "a": N_("Entity A"), "b": N_("Entity B"), "year": N_("Year"), "theme": N_("Theme"),
    "kind": N_("Kind"), "matched": N_("Words that matched"), "resolution": N_("Resolution"), "subject": N_("Subject"),
    "pillars": N_("Pillars"), "field": N_("Cited in"), "score": N_("Similarity"), "shared_terms": N_("Shared distinctive words"),
    "project_a": N_("Project A"), "lead_a": N_("Lead A"), "title_a": N_("Title A"),
    "project_b": N_("Project B"), "lead_b": N_("Lead B"), "title_b": N_("Title B"),
}
# Filter -> its label (the sidebar's words), for describing a view in files.
FILTER_LABELS = {
    "pillar": N_("Pillar"), "status": N_("Status"), "entity": N_("Entity"), "country": N_("Country"),
    "region": N_("Region"), "scope": N_("Scope"), "theme": N_("Theme"), "resolution": N_("Security Council resolution"),
    "years": N_("Active in years"), "q": N_("Search text"), "coverage": N_("Include countries covered through a region or mission"),
}
# Values of these columns are words of ours, translated through the catalogues.
KINDS = {"theme": N_("theme"), "tag": N_("tag")}
WORD_COLUMNS = ("status", "scope", "role", "basis", "entity_group", "theme", "subject", "pillar_name", "kind")
REGION_COLUMNS = ("region", "subregion", "intermediate_region", "via")


def word(value) -> str:
    """A domain word in the current language; empty stays empty."""
    if not isinstance(value, str) or not value:
        return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else value
    return _(KINDS.get(value, value))


# --- countries and regions ---------------------------------------------------------------

_HDX_LANGUAGE = {"ar": "Arabic", "zh": "Chinese", "fr": "French", "ru": "Russian", "es": "Spanish", "en": "English"}


@lru_cache(maxsize=1)
def _hdx() -> dict:
    from hdx.location.country import Country

    return Country.countriesdata(use_live=False)  # bundled data only: no network


def country_name(iso3: str, default: str = "") -> str:
    """The UN short name of a country in the current language (M49 / UNTERM)."""
    lang = get_language()
    if lang == "en" and default:
        return default
    info = _hdx()["countries"].get(str(iso3).upper())
    if not info:
        return default or iso3
    language = _HDX_LANGUAGE[lang]
    return info.get(f"M49 {language}") or info.get(f"{language} Short") or default or iso3


def _m49_code(name: str) -> str | None:
    """UN M49 region name (English, as the tidy tables hold it) -> its three-digit code."""
    code = _hdx()["regionnames2codes"].get(name.upper())
    return f"{int(code):03d}" if code is not None else None


@lru_cache(maxsize=None)
def _m49_overrides() -> dict[tuple[str, str], str]:
    from matrix.reference import read_reference

    out = {}
    for _line, row in read_reference("m49_names.csv", ("code",)):
        for lang, name in row.items():
            if lang not in ("code", "note") and name:
                out[(row["code"].zfill(3), lang)] = name
    return out


@lru_cache(maxsize=1)
def _single_m49() -> dict[str, str]:
    """Named regions of regions.csv that are exactly one UN M49 region -> that region."""
    from matrix.reference import read_reference

    out = {}
    for _line, row in read_reference("regions.csv", ("region",)):
        targets = [t.strip() for t in row.get("m49", "").split(";") if t.strip()]
        if len(targets) == 1:
            out[row["region"]] = targets[0]
    return out


@lru_cache(maxsize=None)
def _region_name(name: str, lang: str) -> str:
    if lang == "en" or not name:
        return name
    code = _m49_code(_single_m49().get(name, name))
    if code:
        from babel import Locale

        return _m49_overrides().get((code, lang)) or Locale.parse(lang).territories.get(code) or name
    return _(name)


def region_name(name: str) -> str:
    """A region's name in the current language: UN M49 regions by code, named regions
    (Sahel, Maghreb…) through the catalogues."""
    return _region_name(name, get_language())


def filter_label(name: str) -> str:
    return _(FILTER_LABELS[name])


def describe_filters(filters) -> list[tuple[str, str]]:
    """(label, values) of each filter in use, in the current language."""
    show = {"status": word, "scope": word, "theme": word, "region": region_name, "country": country_name,
            "coverage": lambda _value: _("yes")}
    return [(filter_label(name), ", ".join(show.get(name, str)(v) for v in values)) for name, values in filters.values()]


# --- tables -------------------------------------------------------------------------------

def localise(m):
    """The matrix with country names in the current language (filters use ISO3 codes,
    so they are unaffected). English returns the matrix itself."""
    if get_language() == "en" or m.countries.empty:
        return m
    places = m.countries[["iso3", "country"]].drop_duplicates("iso3")  # a name per country, not per row
    by_code = {i: country_name(i, c) for i, c in zip(places["iso3"], places["country"])}
    by_name = {c: by_code[i] for i, c in zip(places["iso3"], places["country"])}
    extra = dict(m.extra)
    if "overlaps" in extra:  # pairs name their country in English, without a code
        extra["overlaps"] = extra["overlaps"].assign(country=extra["overlaps"]["country"].map(lambda c: by_name.get(c, c)))
    return replace(m, countries=m.countries.assign(country=m.countries["iso3"].map(by_code)), extra=extra)


def display_value(column: str, value):
    """One cell as a reader sees it: domain words and region names in the current language."""
    if column in WORD_COLUMNS:
        return word(value)
    if column in REGION_COLUMNS:
        return region_name(value) if isinstance(value, str) else value
    if column == "regions" and isinstance(value, list):
        return [region_name(v) for v in value]
    return value


def display_table(frame: pd.DataFrame, labels: dict[str, str] | None = None) -> pd.DataFrame:
    """A data frame as a reader sees it: domain words and region names in the current
    language, pillars as "Pillar II", columns under their translated labels."""
    out = frame.copy()
    for column in out.columns:
        if column == "pillar" and pd.api.types.is_integer_dtype(out[column]):
            from matrix.summaries import pillar_label

            out[column] = out[column].map(pillar_label)
        elif column == "country" and "iso3" in out.columns:
            out[column] = [country_name(i, c) for i, c in zip(out["iso3"], out[column])]
        else:
            out[column] = out[column].map(lambda v, c=column: display_value(c, v))
    names = {**LABELS, **(labels or {})}
    return out.rename(columns={c: _(names[c]) for c in out.columns if c in names})
