"""Geographical scope as printed -> scope, countries (ISO3) and named regions.

Country names come in many spellings; hdx-python-country (OCHA's maintained alias tables,
used offline) resolves them, after a small overrides table of ours. Regions, organisations
and UN missions are matched first, as whole phrases from data/reference/, because fuzzy
matching would happily turn a fragment like "Eastern" into a country. Only whole list
items are ever looked up as countries.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from matrix.reference import read_reference, split_list
from matrix.text import plain_text

BASIS_ORDER = {"named": 0, "mission": 1, "region": 2}

_FILLER = re.compile(
    r"^(?:(?:selected|other|several|some|participating|relevant)\s+)?"
    r"(?:(?:countries|states|member states|member countries)\b\s*)?(?:(?:in|of)\b\s*)?(?:the\b\s*)?"
    r"(?:region\b)?(?:and|or|&)?$",
    re.I,
)


_STOP = {"the", "of", "and", "republic"}


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


def _letters(text: str) -> str:
    return re.sub(r"[^a-z]", "", re.sub(r"^\s*the\s+", "", _fold(text)))


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", _fold(text)) if w not in _STOP}


@dataclass(frozen=True)
class CountryInfo:
    iso3: str
    name: str
    region: str
    subregion: str
    intermediate_region: str
    names: dict  # lang -> UN short name


@dataclass(frozen=True)
class Region:
    region: str
    kind: str
    members: tuple[str, ...]
    scope: str
    source: str


@dataclass
class Geography:
    scope: str = ""
    countries: list[tuple[str, str, str]] = field(default_factory=list)  # (iso3, basis, via)
    regions: list[str] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)

    @property
    def named(self) -> list[str]:
        return [iso for iso, basis, _ in self.countries if basis == "named"]


class Gazetteer:
    """Every place name the matrix can use, loaded once from bundled data."""

    def __init__(self):
        from hdx.location.country import Country

        Country.countriesdata(use_live=False)
        self._country = Country
        self._info: dict[str, CountryInfo] = {}
        self.overrides = {row["name"].casefold(): row["iso3"].upper()
                          for _, row in read_reference("country_overrides.csv", ("name", "iso3"))}
        self.missions = {row["mission"]: row["iso3"].upper()
                         for _, row in read_reference("missions.csv", ("mission", "iso3"))}
        self.regions: dict[str, Region] = {}
        phrases: dict[str, str] = {}
        for _, row in read_reference("regions.csv", ("region", "kind", "scope")):
            members: list[str] = []
            for m49 in split_list(row.get("m49", "")):
                members.extend(iso for iso in Country.get_countries_in_region(m49, use_live=False)
                               if self._independent(iso))
            members.extend(iso.upper() for iso in split_list(row.get("members", "")))
            self.regions[row["region"]] = Region(row["region"], row["kind"], tuple(dict.fromkeys(members)),
                                                 row["scope"], row.get("source", ""))
            for phrase in [row["region"], *split_list(row.get("aliases", ""))]:
                phrases[phrase.casefold()] = row["region"]
        self._phrase_region = phrases
        self._regions_re = re.compile(
            r"(?<![\w-])(" + "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True)) + r")(?![\w-])", re.I
        )
        self._missions_re = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, self.missions)) + r")(?![\w-])")

    def _independent(self, iso3: str) -> bool:
        info = self._country.get_country_info_from_iso3(iso3, use_live=False) or {}
        return info.get("Independent") == "Y"

    def country(self, iso3: str) -> CountryInfo | None:
        if iso3 not in self._info:
            info = self._country.get_country_info_from_iso3(iso3, use_live=False)
            if not info:
                return None
            names = {lang: info.get(f"{label} Short") or info.get("English Short") or iso3
                     for lang, label in (("en", "English"), ("fr", "French"), ("es", "Spanish"),
                                         ("ru", "Russian"), ("zh", "Chinese"), ("ar", "Arabic"))}
            self._info[iso3] = CountryInfo(iso3, names["en"], info.get("Region Name") or "",
                                           info.get("Sub-region Name") or "",
                                           info.get("Intermediate Region Name") or "", names)
        return self._info[iso3]

    def country_code(self, name: str, fuzzy: bool = True) -> str | None:
        """A whole list item -> ISO3, or None. Overrides first, then exact, then (when
        ``fuzzy``) hdx's fuzzy match, which is only asked about single names."""
        key = name.strip().strip(".").strip()
        if not key or len(key) < 4 and key.upper() not in ("UAE", "USA", "DRC"):
            return None
        if key.casefold() in self.overrides:
            return self.overrides[key.casefold()]
        iso3 = self._country.get_iso3_country_code(key, use_live=False)
        if iso3 or not fuzzy:
            return iso3
        iso3, _exact = self._country.get_iso3_country_code_fuzzy(key, use_live=False)
        return iso3 if iso3 and self._plausible(key, iso3) else None

    def _plausible(self, item: str, iso3: str) -> bool:
        """Accept a fuzzy match only when it is a spelling of the country's name:
        the same letters (Viet Nam / Vietnam), a short tail (Surinam / Suriname), or
        all of the item's words in the name (the Philippines, Democratic Republic of Congo).
        "Eastern" is not Uruguay and "Central" is not the Central African Republic."""
        info = self._country.get_country_info_from_iso3(iso3, use_live=False) or {}
        names = [info.get(k) for k in ("English Short", "Preferred Term", "English Formal", "ISO Alt Term",
                                       "DGACM Alt Term", "HPC Tools Alt Term", "RW Short Name", "M49 English")]
        item_letters, item_words = _letters(item), _words(item)
        for name in filter(None, names):
            letters = _letters(name)
            if item_letters == letters:
                return True
            if len(item_letters) >= 5 and letters.startswith(item_letters) and len(letters) - len(item_letters) <= 2:
                return True
            if len(item_words) >= 2 and item_words <= _words(name):
                return True
        return False

    def resolve(self, printed: str, known_organisation=lambda item: False) -> Geography:
        geo = Geography()
        text = plain_text(printed).strip().rstrip(".")
        if not text:
            return geo
        found: dict[str, tuple[str, str]] = {}  # iso3 -> (basis, via)

        def add(iso3: str, basis: str, via: str) -> None:
            if iso3 not in found or BASIS_ORDER[basis] < BASIS_ORDER[found[iso3][0]]:
                found[iso3] = (basis, via)

        def take_region(match: re.Match) -> str:
            region = self.regions[self._phrase_region[match.group(1).casefold()]]
            if region.region not in geo.regions:
                geo.regions.append(region.region)
            return ","

        def take_mission(match: re.Match) -> str:
            mission = match.group(1)
            if mission not in geo.regions:
                geo.regions.append(mission)
            return ","

        rest = self._regions_re.sub(take_region, text)
        rest = self._missions_re.sub(take_mission, rest)
        words = {w.casefold() for w in re.findall(r"[A-Za-z]+", rest)}
        is_global = "global" in words or "worldwide" in words
        is_regional = "regional" in words
        is_national = "national" in words
        rest = re.sub(r"\b(?:global|worldwide|regional|national)\b", ",", rest, flags=re.I)
        rest = re.sub(r"[()]", ",", rest)

        named: list[str] = []
        for item in re.split(r"[,;]", rest):
            item = re.sub(r"^(?:and|&)\s+|\s+(?:and|&)$", "", item.strip(), flags=re.I).strip()
            if not item or _FILLER.match(item):
                continue
            # "Trinidad and Tobago" is one country; "Lebanon and Syria" is two.
            iso3 = self.country_code(item, fuzzy=False)
            if iso3:
                named.append(iso3)
                continue
            parts = [p.strip() for p in re.split(r"\s+(?:and|&)\s+", item) if p.strip()]
            for part in parts:
                if _FILLER.match(part):
                    continue
                iso3 = self.country_code(part)
                if iso3:
                    named.append(iso3)
                elif known_organisation(part):
                    if "Regional and international organizations" not in geo.regions:
                        geo.regions.append("Regional and international organizations")
                else:
                    geo.unresolved.append(part)

        for iso3 in named:
            add(iso3, "named", "")
        for name in geo.regions:
            if name in self.missions:
                add(self.missions[name], "mission", name)
            else:
                for iso3 in self.regions[name].members:
                    add(iso3, "region", name)
        geo.countries = sorted(((iso, b, v) for iso, (b, v) in found.items()),
                               key=lambda c: (BASIS_ORDER[c[1]], named.index(c[0]) if c[1] == "named" else 0, c[0]))

        region_scopes = [self.regions[r].scope for r in geo.regions if r in self.regions]
        n_places = len(dict.fromkeys(named)) + sum(1 for r in geo.regions if r in self.missions)
        if is_global:
            geo.scope = "Global"
        elif is_regional or "Regional" in region_scopes:
            geo.scope = "Regional"
        elif n_places > 1 or "Multi-country" in region_scopes:
            geo.scope = "Multi-country"
        elif n_places == 1 or is_national:
            geo.scope = "National"
        return geo


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer()
