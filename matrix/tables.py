"""The tidy tables on disk: write them reproducibly, read them back into the same shape.

In memory, list-valued cells are Python lists and years are nullable integers; on disk
they are ``; ``-joined strings and empty cells, as CONTRACT.md says.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd

from matrix.build import Tables
from matrix.datapackage import datapackage
from matrix.model import BOOL_COLUMNS, FLOAT_COLUMNS, INT_COLUMNS, LIST_COLUMNS

FILES = ("projects.csv", "project_entities.csv", "project_countries.csv")


def _to_disk(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for col in out.columns:
        if col in LIST_COLUMNS:
            out[col] = out[col].map(lambda items: "; ".join(items) if isinstance(items, list) else (items or ""))
        elif col in BOOL_COLUMNS:
            out[col] = out[col].map(lambda v: "true" if v is True or v == "true" else "false")
    return out


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    _to_disk(frame).to_csv(path, index=False, encoding="utf-8", lineterminator="\n")


def write_tables(tables: Tables, out: str | Path) -> list[Path]:
    """Write every table into ``out`` all at once: into a temporary folder first, then
    moved into place, so a failure leaves nothing half-written."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".build-", dir=out))
    try:
        frames = {"projects.csv": tables.projects, "project_entities.csv": tables.project_entities,
                  "project_countries.csv": tables.project_countries, **tables.extra}
        for name, frame in frames.items():
            write_csv(frame, staging / name)
        (staging / "quality.json").write_text(json.dumps(tables.quality, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        columns = {name.removesuffix(".csv"): list(frame.columns) for name, frame in frames.items()}
        package = datapackage(sorted(frames), columns)
        (staging / "datapackage.json").write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        written = []
        for item in sorted(staging.iterdir()):
            os.replace(item, out / item.name)
            written.append(out / item.name)
        return written
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def read_csv(path: Path) -> pd.DataFrame:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    for col in frame.columns:
        if col in LIST_COLUMNS:
            frame[col] = frame[col].map(lambda s: [x for x in s.split("; ") if x] if s else [])
        elif col in INT_COLUMNS:
            frame[col] = pd.to_numeric(frame[col].replace("", None)).astype("Int64")
        elif col in BOOL_COLUMNS:
            frame[col] = frame[col].eq("true")
        elif col in FLOAT_COLUMNS:
            frame[col] = pd.to_numeric(frame[col])
    return frame


def read_tables(folder: str | Path) -> dict[str, pd.DataFrame | dict]:
    """Every CSV of a processed folder as a frame, keyed by file stem, plus ``quality``."""
    folder = Path(folder)
    data: dict = {path.stem: read_csv(path) for path in sorted(folder.glob("*.csv"))}
    quality = folder / "quality.json"
    if not quality.exists():
        from matrix.errors import MatrixError

        raise MatrixError("quality.json missing: run `python -m matrix build`", file=str(folder))
    data["quality"] = json.loads(quality.read_text(encoding="utf-8"))
    return data
