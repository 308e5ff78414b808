"""The matrix as the app and the exports use it: the tidy tables, read once."""
from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from matrix.errors import MatrixError
from matrix.reference import PROCESSED_DIR


@dataclass(frozen=True)
class Matrix:
    projects: pd.DataFrame  # one row per project; list columns are Python lists
    entities: pd.DataFrame  # project_entities
    countries: pd.DataFrame  # project_countries
    quality: dict
    extra: dict = field(default_factory=dict)  # further long tables by name (themes, resolutions…)

    def subset(self, project_ids) -> "Matrix":
        """The same matrix restricted to some projects, long tables included."""
        ids = pd.Index(project_ids)

        def keep(frame: pd.DataFrame) -> pd.DataFrame:
            if "project_id" in frame:
                return frame[frame["project_id"].isin(ids)]
            if "project_a" in frame:  # pair tables (overlaps): a pair concerns the view when either project is in it
                return frame[frame["project_a"].isin(ids) | frame["project_b"].isin(ids)]
            return frame  # tables about places, not projects (region_members)

        return replace(self, projects=self.projects[self.projects["project_id"].isin(ids)],
                       entities=keep(self.entities), countries=keep(self.countries),
                       extra={name: keep(frame) for name, frame in self.extra.items()})


def data_folder() -> Path:
    """data/processed/, or the folder named by CTMATRIX_DATA (tests, other builds)."""
    return Path(os.environ.get("CTMATRIX_DATA") or PROCESSED_DIR)


def load_matrix(folder: str | Path | None = None) -> Matrix:
    from matrix.tables import read_tables

    folder = Path(folder) if folder else data_folder()
    if not (folder / "projects.csv").exists():
        raise MatrixError(f"no tidy tables here: run `python -m matrix build --out {folder}`", file=str(folder))
    data = read_tables(folder)
    core = {"projects", "project_entities", "project_countries", "quality"}
    return Matrix(projects=data["projects"], entities=data["project_entities"], countries=data["project_countries"],
                  quality=data["quality"], extra={k: v for k, v in data.items() if k not in core})


def matrix_from_tables(tables) -> Matrix:
    """A Matrix straight from a build (no files): for exports from any --source."""
    return Matrix(projects=tables.projects, entities=tables.project_entities, countries=tables.project_countries,
                  quality=tables.quality, extra={k.removesuffix(".csv"): v for k, v in tables.extra.items()})
