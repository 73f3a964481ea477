"""The exercise machinery (check, hint, strict mode) and the generator of exercises/."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from cxlib import exercises
from cxlib.exercises import FAIL, NOT_ATTEMPTED, PASS, Wrong, call, check, choice, number

ROOT = Path(__file__).resolve().parent.parent


def _load(relpath: str):
    spec = importlib.util.spec_from_file_location(Path(relpath).stem, ROOT / relpath)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_exercises = _load("exercises/make_exercises.py")
tidy = _load("notebooks/tidy.py")


def test_strict_mode_raises_unless_pass(monkeypatch):
    monkeypatch.delenv("CXLIB_STRICT", raising=False)
    assert check("01.q1", 99).status == FAIL  # lenient by default
    with pytest.raises(AssertionError, match="01.q1 FAIL"):
        check("01.q1", 99, strict=True)
    monkeypatch.setenv("CXLIB_STRICT", "1")
    with pytest.raises(AssertionError, match="NOT ATTEMPTED"):
        check("01.q1", ...)
    assert check("01.q1", -1.5).status == PASS  # a pass never raises


def test_result_shows_as_one_line_and_markdown():
    r = check("01.q1", -1.5, strict=False)
    assert str(r).startswith("✅ 01.q1 PASS: ") and "\n" not in str(r)
    assert "**01.q1 PASS**" in r._repr_markdown_()


def test_unknown_question_lists_the_known_ones():
    r = check("01.q99", 1, strict=False)
    assert r.status == FAIL and "01.q1" in r.message


def test_history_records_results():
    before = len(exercises.history)
    check("01.q1", ..., strict=False)
    assert exercises.history[before].status == NOT_ATTEMPTED


def test_checker_helpers():
    with pytest.raises(Wrong, match="got str '0.5'"):
        number("0.5")
    with pytest.raises(Wrong, match="True/False"):
        number(True)
    with pytest.raises(Wrong, match="NaN"):
        number(float("nan"))
    with pytest.raises(exercises.NotAttempted):
        call(lambda: None)
    with pytest.raises(Wrong, match="expected a function"):
        call(3)
    assert choice(" market ", ["Market", "Station"]) == "Market"
    with pytest.raises(Wrong, match="not one of"):
        choice("Harbour", ["Market"])


def test_a_crashing_learner_function_is_reported_not_raised():
    from cxlib.exercises import Question, _QUESTIONS

    _QUESTIONS["99.q1"] = Question("99.q1", lambda f: call(f, 1), ("try again",))
    try:
        r = check("99.q1", lambda x: 1 / 0, strict=False)
        assert r.status == FAIL and "ZeroDivisionError" in r.message
        assert check("99.q1", lambda x: None, strict=False).status == NOT_ATTEMPTED
    finally:
        del _QUESTIONS["99.q1"]


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
