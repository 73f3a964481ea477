"""The generator of exercises/ and the notebook tidier (the checks themselves: tests/test_checks_*.py)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _load(relpath: str):
    spec = importlib.util.spec_from_file_location(Path(relpath).stem, ROOT / relpath)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_exercises = _load("exercises/make_exercises.py")
tidy = _load("notebooks/tidy.py")


def test_generator_blanks_solutions_and_keeps_placeholders():
    src = "x = ...\n# BEGIN SOLUTION\nx = 3\n# END SOLUTION\ncheck('q', x)"
    assert make_exercises.blank_code(src) == "x = ...\ncheck('q', x)"
    documented = "def f(a):\n    '''doc'''\n    # BEGIN SOLUTION\n    return a\n    # END SOLUTION\n"
    # the docstring keeps the body non-empty, yet the learner still needs a visible blank
    assert make_exercises.blank_code(documented) == "def f(a):\n    '''doc'''\n    ...\n"
    body = "def f(a):\n    # BEGIN SOLUTION\n    return a\n    # END SOLUTION\nprint(1)"
    assert make_exercises.blank_code(body) == "def f(a):\n    ...\nprint(1)"
    md = "Answer: <!-- BEGIN SOLUTION -->because<!-- END SOLUTION -->"
    assert make_exercises.blank_markdown(md) == "Answer: " + make_exercises.MD_BLANK


@pytest.mark.parametrize("src, message", [
    ("# BEGIN SOLUTION\nx = 1\n", "never closed"),
    ("x = 1\n# END SOLUTION\n", "without a BEGIN"),
    ("# BEGIN SOLUTION\n# BEGIN SOLUTION\n# END SOLUTION\n", "nested"),
])
def test_generator_refuses_broken_markers(src, message):
    with pytest.raises(make_exercises.MarkerError, match=message):
        make_exercises.blank_code(src)


def test_generated_exercise_has_no_solution_text_and_no_outputs():
    for sol in (ROOT / "solutions").glob("*.ipynb"):
        ex = json.loads((ROOT / "exercises" / sol.name).read_text(encoding="utf-8"))
        text = json.dumps(ex)
        assert "BEGIN SOLUTION" not in text and "END SOLUTION" not in text, sol.name
        assert ex["metadata"]["cx_generated_from"] == f"solutions/{sol.name}"


def test_navigation_and_slide_tags():
    lessons = [Path("01_a.ipynb"), Path("02_b.ipynb"), Path("03_c.ipynb")]
    line = tidy.nav_line(lessons, 1)
    assert "[← 01 a](01_a.ipynb)" in line and "[03 c →](03_c.ipynb)" in line and "Contents" in line
    assert tidy.slide_type({"cell_type": "markdown", "source": "## Why"}) == "slide"
    assert tidy.slide_type({"cell_type": "code", "source": "x = 1"}) == "-"
