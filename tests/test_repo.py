"""The repository's own promises: layout, stripped notebooks, pins in sync, generated files fresh."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_DIRS = ("notebooks", "exercises", "solutions", "notebooks/dashboards")
ALL_NOTEBOOKS = sorted(p for d in NOTEBOOK_DIRS for p in (ROOT / d).glob("*.ipynb"))


def test_layout_as_the_user_asked():
    for name in ("notebooks", "cxlib", "data", "exercises", "solutions", "tests", ".ci"):
        assert (ROOT / name).is_dir(), name
    for name in ("environment.yml", "README.md", "pyproject.toml", "Makefile", ".ci/run", "postBuild"):
        assert (ROOT / name).is_file(), name


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_notebook_committed_without_outputs(path: Path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    dirty = [k for k, c in enumerate(nb["cells"]) if c["cell_type"] == "code" and (c.get("outputs") or c.get("execution_count"))]
    assert not dirty, f"{path.name}: cells {dirty} carry outputs; run `make tidy`"


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_notebook_names_are_numbered_snake_case(path: Path):
    assert re.fullmatch(r"\d\d_[a-z0-9]+(_[a-z0-9]+)*\.ipynb", path.name), path.name


def _pins(lines: list[str]) -> dict[str, str]:
    pins = {}
    for line in lines:
        m = re.match(r"^\s*-?\s*([A-Za-z0-9_.\-\[\]]+)==([^\s#]+)", line)
        if m:
            pins[m.group(1).lower().replace("_", "-")] = m.group(2)
    return pins


def test_environment_yml_matches_pip_pins():
    req = _pins((ROOT / "requirements.txt").read_text().splitlines())
    env = _pins((ROOT / "environment.yml").read_text().splitlines())
    assert req, "requirements.txt pins nothing"
    assert env == req, f"environment.yml and requirements.txt disagree: {set(env.items()) ^ set(req.items())}"
    py = re.search(r"python\s*=\s*(3\.\d+)", (ROOT / "environment.yml").read_text())
    assert py and tuple(map(int, py.group(1).split("."))) >= (3, 11)


def test_constraints_agree_with_requirements():
    req = _pins((ROOT / "requirements.txt").read_text().splitlines())
    con = _pins((ROOT / "constraints.txt").read_text().splitlines())
    clash = {k: (v, con[k]) for k, v in req.items() if k in con and con[k] != v}
    assert not clash, f"constraints.txt pins differ from requirements.txt: {clash}"
    assert set(req) <= set(con), f"not in constraints.txt: {set(req) - set(con)}"


def test_exercises_are_generated_from_solutions():
    out = subprocess.run([sys.executable, "exercises/make_exercises.py", "--check"], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_data_regenerates_byte_identically():
    out = subprocess.run([sys.executable, "data/make_data.py", "--check"], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_every_lesson_has_solutions_and_every_solution_a_lesson():
    lessons = {p.name for p in (ROOT / "notebooks").glob("0[1-9]_*.ipynb")}
    solutions = {p.name for p in (ROOT / "solutions").glob("*.ipynb")}
    assert solutions == lessons, f"lessons without solutions: {lessons - solutions}; solutions without lessons: {solutions - lessons}"


def test_glossary_is_complete_and_bilingual():
    with open(ROOT / "data" / "glossary.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows and list(rows[0]) == ["english", "chinese", "definition", "seed", "lesson"]
    terms = [r["english"].strip().lower() for r in rows]
    assert len(terms) == len(set(terms)), f"duplicate glossary terms: {[t for t in terms if terms.count(t) > 1]}"
    for r in rows:
        assert r["english"].strip() and r["definition"].strip(), r
        assert re.search(r"[\u4e00-\u9fff]", r["chinese"]), f"no Chinese term for {r['english']!r}"
        assert re.fullmatch(r"\d\d", r["lesson"].strip()), f"lesson of {r['english']!r} must be like 03"


def test_no_network_calls_in_course_code():
    pattern = re.compile(r"\b(import requests|urllib\.request|urlopen|http\.client|pip install)\b")
    files = list((ROOT / "cxlib").rglob("*.py")) + ALL_NOTEBOOKS
    offenders = [str(p.relative_to(ROOT)) for p in files if pattern.search(p.read_text(encoding="utf-8"))]
    assert not offenders, offenders


def test_make_lab_leaves_the_matplotlib_backend_alone():
    # MPLBACKEND=Agg inherited by a kernel would make every plt.show() in the lessons blank
    assert "MPLBACKEND" not in (ROOT / "Makefile").read_text()
