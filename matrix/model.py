"""The vocabulary of the matrix: pillars, statuses, scopes and the tidy tables' columns."""
from __future__ import annotations

from matrix.i18n import N_

PILLARS = (1, 2, 3, 4)
PILLAR_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
# The Strategy's own wording; used when a source does not print the pillar names.
PILLAR_NAMES = {
    1: N_("Measures to address conditions conducive to the spread of terrorism"),
    2: N_("Measures to prevent and combat terrorism"),
    3: N_("Measures to build States' capacity to prevent and combat terrorism and to strengthen the role of the United Nations system in this regard"),
    4: N_("Measures to ensure the protection of human rights and the rule of law while combating terrorism"),
}
STATUSES = (N_("Ongoing"), N_("Completed"), N_("In development"))
SCOPES = (N_("Global"), N_("Regional"), N_("Multi-country"), N_("National"))
BASES = (N_("named"), N_("region"), N_("mission"))
ROLES = (N_("lead"), N_("partner"))

PROJECT_COLUMNS = [
    "project_id", "pillar", "pillar_name", "serial", "title", "duration_text", "start_year",
    "end_year", "recurring", "open_ended", "status", "activities", "geography", "scope",
    "entities", "lead_entity", "countries", "source_line",
    # beyond the contract's minimum:
    "regions",
]
LIST_COLUMNS = ("entities", "countries", "regions")
INT_COLUMNS = ("pillar", "start_year", "end_year", "source_line", "year")
FLOAT_COLUMNS = ("score",)
BOOL_COLUMNS = ("recurring", "open_ended")
ENTITY_COLUMNS = ["project_id", "entity", "entity_name", "entity_group", "role", "parent"]
COUNTRY_COLUMNS = ["project_id", "iso3", "country", "region", "subregion", "basis", "intermediate_region", "via"]


def parse_pillar(value: str | int) -> int | None:
    """'II', '2', 2, 'Pillar II' -> 2."""
    text = str(value).strip().upper().removeprefix("PILLAR").strip()
    roman = {v: k for k, v in PILLAR_ROMAN.items()}
    if text in roman:
        return roman[text]
    if text.isdigit() and int(text) in PILLARS:
        return int(text)
    return None
