import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RAW = ROOT / "data" / "raw" / "A-72-840_report_ar_annexes_en.txt"
PROCESSED = ROOT / "data" / "processed"

HEADER = "Serial\tProject Title/Duration/CTITF Entities\tStatus of Implementation\tMain Activities\tGeographical Scope"


@pytest.fixture(scope="session")
def tables():
    from loaders import load_source
    from matrix.build import build_tables

    return build_tables(load_source(RAW))


@pytest.fixture(scope="session")
def projects(tables):
    return tables.projects.set_index("project_id", drop=False)


def run_cli(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "matrix", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def small_matrix(*rows: str, pillar: str = "I", count: str | None = None) -> str:
    """A minimal annex-style source: one pillar table with the given rows."""
    lines = ["### CTITF Matrix of UN Counter-Terrorism Projects and Activities", "",
             f"#### Pillar {pillar} of the UN Global Counter-Terrorism Strategy", ""]
    if count:
        lines += [f"#### {count} projects", ""]
    lines += [HEADER, *rows, ""]
    return "\n".join(lines)
