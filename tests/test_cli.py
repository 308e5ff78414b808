"""The command line: exit codes, one-line errors, nothing half-written, no traceback."""
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matrix.errors import MatrixError
from tests.conftest import RAW, run_cli, small_matrix


def _assert_error(result, *fragments):
    assert result.returncode == 2, result
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    return lines[0]


def test_build_prints_a_one_line_summary(tmp_path):
    result = run_cli("build", "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines() == [
        "317 projects parsed (120/56/124/17 by pillar), 189 issues found, "
        f"from data/raw/A-72-840_report_ar_annexes_en.txt into {tmp_path / 'out'}"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "datapackage.json", "overlaps.csv", "project_countries.csv", "project_entities.csv", "project_resolutions.csv",
        "project_themes.csv", "projects.csv", "quality.json", "region_members.csv"]


def test_quality_prints_reconciliation_and_every_issue():
    result = run_cli("quality")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[:6] == [
        "source: data/raw/A-72-840_report_ar_annexes_en.txt", "total: stated 320, parsed 317",
        "pillar 1: stated 120, header 120, parsed 120", "pillar 2: stated 55, header 55, parsed 56",
        "pillar 3: stated 128, header 125, parsed 124", "pillar 4: stated 17, header 17, parsed 17"]
    assert len(lines) == 6 + 189
    assert "data/raw/A-72-840_report_ar_annexes_en.txt:615: duplicate_serial P2-026b: pillar 2 prints serial 26 again; this row is P2-026b" in lines


def test_missing_path(tmp_path):
    _assert_error(run_cli("build", "--source", tmp_path / "nope.txt", "--out", tmp_path / "out"), "nope.txt: no such file")
    assert not (tmp_path / "out").exists()


def test_empty_file(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    _assert_error(run_cli("build", "--source", tmp_path / "empty.txt", "--out", tmp_path / "out"), "empty.txt: file is empty")
    assert not (tmp_path / "out").exists()


def test_binary_file(tmp_path):
    (tmp_path / "blob.txt").write_bytes(b"Serial\tx\n\x89PNG\x00\x01\x02")
    _assert_error(run_cli("quality", "--source", tmp_path / "blob.txt"), "blob.txt:2: binary content")


def test_not_utf8(tmp_path):
    (tmp_path / "latin.txt").write_bytes("line one\ncaf\xe9".encode("latin-1"))
    _assert_error(run_cli("quality", "--source", tmp_path / "latin.txt"), "latin.txt:2: not UTF-8")


def test_file_with_no_matrix(tmp_path):
    (tmp_path / "prose.txt").write_text("# A report\n\nNothing tabular here.\n")
    _assert_error(run_cli("build", "--source", tmp_path / "prose.txt", "--out", tmp_path / "out"), "prose.txt: no matrix found")
    assert not (tmp_path / "out").exists()


def test_directory_as_source(tmp_path):
    _assert_error(run_cli("quality", "--source", tmp_path), "is a directory")


def test_bad_arguments():
    _assert_error(run_cli("build", "--nonsense"), "unrecognized arguments")
    _assert_error(run_cli("frobnicate"), "invalid choice")


def test_damaged_row_inside_a_good_file_is_a_quality_issue(tmp_path):
    path = tmp_path / "m.txt"
    path.write_text(small_matrix("1\tGood (2018) <b>UNODC</b>\tOngoing\tx\tMali",
                                 "2\tShort row <b>UNODC</b>\tOngoing",
                                 "3\tOdd status <b>UNODC</b>\tMaybe\tx\tNiger"), encoding="utf-8")
    result = run_cli("quality", "--source", path)
    assert result.returncode == 0, result.stderr
    assert f"{path}:7: malformed_row: row has 3 cells, expected 5; missing cells left empty" in result.stdout
    assert f"{path}:8: unknown_status P1-003: status 'Maybe' is not one of Ongoing, Completed, In development; left empty" in result.stdout


# --- property: mutated sources never escape with anything but MatrixError ---------------

SAMPLE = RAW.read_text(encoding="utf-8").splitlines()
BASE = "\n".join(SAMPLE[398:420] + SAMPLE[570:600])  # summary sentence, two table starts, a continuation


@st.composite
def mutated(draw):
    lines = BASE.split("\n")
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["delete", "duplicate", "insert", "cut", "retab", "garble"]))
        i = draw(st.integers(0, len(lines) - 1))
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "insert":
            lines.insert(i, draw(st.text(max_size=80)))
        elif op == "cut":
            lines[i] = lines[i][: draw(st.integers(0, max(0, len(lines[i]))))]
        elif op == "retab":
            lines[i] = lines[i].replace("\t", draw(st.sampled_from(["", "\t\t", " ", "\t<b>"])), 1)
        else:
            pos = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:pos] + draw(st.text(min_size=1, max_size=10)) + lines[i][pos:]
        if not lines:
            lines = [""]
    return "\n".join(lines)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=mutated(), as_bytes=st.booleans(), junk=st.binary(max_size=8))
def test_mutated_sources_raise_only_matrix_error(tmp_path, text, as_bytes, junk):
    from loaders import load_source
    from matrix.build import build_tables

    path = tmp_path / "mutated.txt"
    data = text.encode("utf-8", "surrogatepass") if not as_bytes else text.encode("utf-8", "surrogatepass") + junk
    path.write_bytes(data)
    try:
        tables = build_tables(load_source(path))
    except MatrixError as exc:
        assert exc.file == str(path)
        return
    # Nothing silently dropped: every line that starts like a numbered row is a project
    # (at its own line) or is reported with its line.
    lines = path.read_bytes().decode("utf-8", "replace").splitlines()
    numbered = {i for i, line in enumerate(lines, start=1) if re.match(r"\d{1,6}[a-z]?\t", line)}
    accounted = set(tables.projects["source_line"].astype(int)) | {i.line for i in tables.issues if i.line}
    assert numbered <= accounted, sorted(numbered - accounted)[:5]
    assert tables.projects["project_id"].is_unique
