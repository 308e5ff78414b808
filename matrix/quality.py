"""Data-quality issues: one small record per problem, with its place in the source.

Modelled on frictionless' errors: a ``kind`` (a stable code users can filter on), a
human message, and the position (source line, pillar, serial, project).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

from matrix.i18n import N_

# kind -> short human description (translated where shown)
ISSUE_KINDS = {
    "duplicate_serial": N_("Serial printed twice in one pillar"),
    "missing_serial": N_("Serial skipped in a pillar's numbering"),
    "continuation_merged": N_("Continuation line merged into the row above"),
    "count_mismatch": N_("Stated and parsed counts differ"),
    "unknown_entity": N_("Entity not in the reference table"),
    "unresolved_geography": N_("Geography not resolved to a country or region"),
    "undated": N_("No year in the duration"),
    "unknown_status": N_("Status not one of Ongoing, Completed, In development"),
    "malformed_row": N_("Row with missing or extra cells"),
    "missing_title": N_("Row without a title"),
    "untagged": N_("Project without a theme"),
    "resolution_year": N_("Resolution cited with a year other than its adoption"),
    "unknown_resolution": N_("Resolution not in the catalogue"),
}


@dataclass
class Issue:
    kind: str
    message: str
    line: int | None = None
    pillar: int | None = None
    serial: str | None = None
    project_id: str | None = None

    def as_dict(self) -> dict:
        return asdict(self)

    def as_line(self, source: str) -> str:
        where = f"{source}:{self.line}" if self.line else source
        who = f" {self.project_id}" if self.project_id else ""
        return f"{where}: {self.kind}{who}: {self.message}"
