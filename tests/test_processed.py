"""data/processed/ is committed, reproducible, described, and built without a network."""
import filecmp
import json
import socket
import subprocess
import sys

import pytest

from tests.conftest import PROCESSED, ROOT, RAW


def test_processed_tables_match_a_fresh_build(tmp_path):
    from matrix.tables import write_tables
    from loaders import load_source
    from matrix.build import build_tables

    write_tables(build_tables(load_source(RAW)), tmp_path)
    fresh = sorted(p.name for p in tmp_path.iterdir())
    committed = sorted(p.name for p in PROCESSED.iterdir())
    assert fresh == committed
    for name in fresh:
        assert filecmp.cmp(tmp_path / name, PROCESSED / name, shallow=False), f"{name} differs: run `python -m matrix build`"


def test_datapackage_validates_with_frictionless():
    result = subprocess.run([sys.executable, "-m", "frictionless", "validate", "--json", "datapackage.json"],
                            cwd=PROCESSED, capture_output=True, text=True, timeout=300)
    report = json.loads(result.stdout)
    assert report["valid"], json.dumps(report, indent=1)[:3000]
    assert result.returncode == 0


def test_datapackage_declares_keys():
    package = json.loads((PROCESSED / "datapackage.json").read_text(encoding="utf-8"))
    resources = {r["name"]: r["schema"] for r in package["resources"]}
    assert resources["projects"]["primaryKey"] == ["project_id"]
    for name in ("project_entities", "project_countries"):
        assert resources[name]["foreignKeys"] == [{"fields": ["project_id"], "reference": {"resource": "projects", "fields": ["project_id"]}}]
    status = next(f for f in resources["projects"]["fields"] if f["name"] == "status")
    assert status["constraints"]["enum"] == ["Ongoing", "Completed", "In development"]


def test_build_touches_no_network(monkeypatch, tmp_path):
    def refuse(*args, **kwargs):
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    from hdx.location.country import Country
    from matrix import entities, geography
    from matrix.cli import main

    monkeypatch.setattr(Country, "_countriesdata", None)  # force the country data to load again, offline
    geography.gazetteer.cache_clear()
    entities.entity_table.cache_clear()
    assert main(["build", "--out", str(tmp_path)]) == 0
    assert (tmp_path / "projects.csv").read_text(encoding="utf-8").count("\nP") == 317
