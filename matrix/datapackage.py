"""A Frictionless Data Package describing the tidy tables, and the column dictionary.

The same field descriptions feed the workbook's About sheet, so the data is documented
once. ``frictionless validate data/processed/datapackage.json`` checks it.
"""
from __future__ import annotations

from matrix.i18n import N_
from matrix.model import BASES, ROLES, SCOPES, STATUSES

_BOOL = {"type": "boolean", "trueValues": ["true"], "falseValues": ["false"]}

# column -> (frictionless type and constraints, description)
FIELDS: dict[str, tuple[dict, str]] = {
    "project_id": ({"type": "string", "constraints": {"required": True, "pattern": r"P[1-4]-\d{3}[a-z]?[a-z]?"}},
                   N_("Identifier: P{pillar}-{serial}; a repeated serial gets b, c")),
    "pillar": ({"type": "integer", "constraints": {"required": True, "minimum": 1, "maximum": 4}},
               N_("Pillar of the Global Counter-Terrorism Strategy (1 to 4)")),
    "pillar_name": ({"type": "string", "constraints": {"required": True}}, N_("The pillar's name")),
    "serial": ({"type": "string", "constraints": {"required": True}}, N_("Serial number as printed in the matrix")),
    "title": ({"type": "string"}, N_("Project title, without duration or entities")),
    "duration_text": ({"type": "string"}, N_("Duration as printed")),
    "start_year": ({"type": "integer", "constraints": {"minimum": 1945, "maximum": 2100}}, N_("First year named in the duration")),
    "end_year": ({"type": "integer", "constraints": {"minimum": 1945, "maximum": 2100}}, N_("Last year named in the duration; empty when open-ended")),
    "recurring": ({**_BOOL, "constraints": {"required": True}}, N_("An annual event")),
    "open_ended": ({**_BOOL, "constraints": {"required": True}}, N_("Runs 'since' a year or is 'ongoing'")),
    "status": ({"type": "string", "constraints": {"enum": list(STATUSES)}}, N_("Status of implementation")),
    "activities": ({"type": "string"}, N_("Main activities, plain text")),
    "geography": ({"type": "string"}, N_("Geographical scope as printed")),
    "scope": ({"type": "string", "constraints": {"enum": list(SCOPES)}}, N_("Global, Regional, Multi-country or National")),
    "entities": ({"type": "string"}, N_("Implementing entities (canonical), in printed order, joined with '; '")),
    "lead_entity": ({"type": "string"}, N_("The first implementing entity")),
    "countries": ({"type": "string"}, N_("ISO 3166 alpha-3 codes of the countries the geography names, joined with '; '")),
    "source_line": ({"type": "integer", "constraints": {"required": True, "minimum": 1}}, N_("Line of the row in the source file")),
    "regions": ({"type": "string"}, N_("Regions and UN missions the geography names, joined with '; '")),
    "entity": ({"type": "string", "constraints": {"required": True}}, N_("Canonical entity acronym or name")),
    "entity_name": ({"type": "string"}, N_("Entity's full name")),
    "entity_group": ({"type": "string"}, N_("Kind of body (UN Secretariat office, agency, peace operation, …)")),
    "role": ({"type": "string", "constraints": {"required": True, "enum": list(ROLES)}}, N_("lead (first named) or partner")),
    "parent": ({"type": "string"}, N_("The body a sub-unit belongs to (DPKO-UNMAS belongs to DPKO)")),
    "iso3": ({"type": "string", "constraints": {"required": True, "pattern": "[A-Z]{3}"}}, N_("ISO 3166 alpha-3 country code")),
    "country": ({"type": "string"}, N_("Country's UN short name")),
    "region": ({"type": "string"}, N_("UN M49 region")),
    "subregion": ({"type": "string"}, N_("UN M49 sub-region")),
    "basis": ({"type": "string", "constraints": {"required": True, "enum": list(BASES)}},
              N_("named: the geography names the country; region: a named region covers it; mission: a named UN mission operates there")),
    "intermediate_region": ({"type": "string"}, N_("UN M49 intermediate region")),
    "via": ({"type": "string"}, N_("The region or mission that brings the country in")),
    "theme": ({"type": "string", "constraints": {"required": True}}, N_("Theme or cross-cutting tag (data/reference/themes.csv)")),
    "kind": ({"type": "string", "constraints": {"required": True, "enum": ["theme", "tag"]}},
             N_("theme: a thematic area of annex II's narrative; tag: a cross-cutting subject")),
    "matched": ({"type": "string", "constraints": {"required": True}}, N_("The words in the title or activities that made the label")),
    "resolution": ({"type": "string", "constraints": {"required": True, "pattern": r"\d{3,4}"}}, N_("Security Council resolution number")),
    "year": ({"type": "integer", "constraints": {"minimum": 1945, "maximum": 2100}}, N_("Year of the resolution: as cited, or from the catalogue")),
    "field": ({"type": "string", "constraints": {"required": True, "enum": ["title", "activities"]}}, N_("Where the project cites it")),
    "project_a": ({"type": "string", "constraints": {"required": True}}, N_("First project of the pair")),
    "project_b": ({"type": "string", "constraints": {"required": True}}, N_("Second project of the pair")),
    "score": ({"type": "number", "constraints": {"required": True, "minimum": 0, "maximum": 1}},
              N_("Similarity of the two descriptions (TF-IDF cosine, 0 to 1)")),
    "shared_terms": ({"type": "string"}, N_("Distinctive words both descriptions use, strongest first")),
    "lead_a": ({"type": "string"}, N_("Lead entity of the first project")),
    "lead_b": ({"type": "string"}, N_("Lead entity of the second project")),
    "title_a": ({"type": "string"}, N_("Title of the first project")),
    "title_b": ({"type": "string"}, N_("Title of the second project")),
    "source": ({"type": "string"}, N_("Where the region's membership comes from")),
}

# table -> (primary key, columns that refer to projects.project_id)
KEYS = {
    "projects": (["project_id"], []),
    "project_entities": (["project_id", "entity"], ["project_id"]),
    "project_countries": (["project_id", "iso3"], ["project_id"]),
    "project_themes": (["project_id", "theme"], ["project_id"]),
    "project_resolutions": (["project_id", "resolution"], ["project_id"]),
    "overlaps": (["project_a", "project_b", "country"], ["project_a", "project_b"]),
    "region_members": (["region", "iso3"], []),
}


def describe(column: str) -> str:
    return FIELDS.get(column, ({}, ""))[1]


def _resource(name: str, columns: list[str]) -> dict:
    primary, foreign = KEYS.get(name, ([], []))
    schema: dict = {"fields": [], "missingValues": [""]}
    for col in columns:
        spec, doc = FIELDS.get(col, ({"type": "string"}, ""))
        schema["fields"].append({"name": col, **spec, "description": doc})
    if primary:
        schema["primaryKey"] = primary
    if foreign:
        schema["foreignKeys"] = [{"fields": [col], "reference": {"resource": "projects", "fields": ["project_id"]}}
                                 for col in foreign]
    return {"name": name, "path": f"{name}.csv", "profile": "tabular-data-resource", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8", "schema": schema}


def datapackage(csv_names: list[str], columns: dict[str, list[str]] | None = None) -> dict:
    from matrix.model import COUNTRY_COLUMNS, ENTITY_COLUMNS, PROJECT_COLUMNS

    known = {"projects": PROJECT_COLUMNS, "project_entities": ENTITY_COLUMNS, "project_countries": COUNTRY_COLUMNS}
    known.update(columns or {})
    resources = []
    for file_name in csv_names:
        name = file_name.removesuffix(".csv")
        resources.append(_resource(name, known.get(name, [])))
    return {
        "name": "ct-matrix",
        "title": "CTITF Matrix of UN Counter-Terrorism Projects and Activities (A/72/840, annex II)",
        "description": "Projects of the United Nations Global Counter-Terrorism Strategy's four pillars, "
                       "as tidy tables built by CT Matrix from the annex II text of A/72/840.",
        "licenses": [{"name": "other-open", "title": "United Nations document; tables derived by CT Matrix"}],
        "sources": [{"title": "A/72/840, annex II (20 April 2018)"}],
        "profile": "tabular-data-package",
        "resources": resources,
    }
