"""The matrix as the app and the exports use it: the tidy tables, read once."""
from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
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
    # Each long table's rows -> their project's position, worked out once per matrix (the
    # app keeps its matrix): filtering is then array indexing, not string matching.
    # Not an init field, so ``dataclasses.replace`` starts a fresh one for the new tables.
    _rows: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def _project_index(self) -> pd.Index:
        if "index" not in self._rows:
            self._rows["index"] = pd.Index(self.projects["project_id"])
        return self._rows["index"]

    def _positions(self, name: str, frame: pd.DataFrame, column: str) -> np.ndarray:
        if (name, column) not in self._rows:
            self._rows[(name, column)] = self._project_index().get_indexer(frame[column])
        return self._rows[(name, column)]

    def subset(self, project_ids) -> "Matrix":
        """The same matrix restricted to some projects, long tables included."""
        keep = np.zeros(len(self.projects) + 1, dtype=bool)  # the extra last slot: rows of no project
        positions = self._project_index().get_indexer(pd.Index(project_ids))
        keep[positions[positions >= 0]] = True

        def rows(name: str, frame: pd.DataFrame, column: str) -> np.ndarray:
            return keep[self._positions(name, frame, column)]  # -1 (no such project) reads the last slot: False

        def keep_rows(name: str, frame: pd.DataFrame) -> pd.DataFrame:
            if "project_id" in frame:
                return frame[rows(name, frame, "project_id")]
            if "project_a" in frame:  # pair tables (overlaps): a pair concerns the view when either project is in it
                return frame[rows(name, frame, "project_a") | rows(name, frame, "project_b")]
            return frame  # tables about places, not projects (region_members)

        return replace(self, projects=self.projects[keep[:-1]],
                       entities=keep_rows("entities", self.entities), countries=keep_rows("countries", self.countries),
                       extra={name: keep_rows(name, frame) for name, frame in self.extra.items()})


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
