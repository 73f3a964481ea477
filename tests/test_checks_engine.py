"""The check engine: words that help, display and MIME output, strict mode, its own bugs, data."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from cxlib import checks, exercises
from cxlib.checks import LESSONS, QUESTIONS
from cxlib.checks._spec import Question
from cxlib.exercises import ERROR, FAIL, MIME, NOT_ATTEMPTED, PASS, check, hint, questions

from ._nbrun import namespaces, notebook

ROOT = Path(__file__).resolve().parent.parent
EMOJI = re.compile("[\u2600-\u27bf\u2b00-\u2bff\ufe0f\U0001f000-\U0001faff]")


# --- words that help ---------------------------------------------------------------------------

@pytest.mark.parametrize("answer, words, label", [
    (None, "your variable is None: did you assign the result of print()", "None"),
    (pd.Series([-1.2]), "take the value out with `.item()`", "one-item container"),
    (pd.DataFrame({"gap": [-1.2]}), "`.iloc[0, 0]`", "one-item container"),
    ([-1.2], "take the value out with `[0]`", "one-item container"),
    ("-1.2", "write the number itself, -1.2, without quotes.", "text, not a number"),
    ("1,700", "write the number itself, 1700, without quotes or commas", "text, not a number"),
    ((1, 700), "got the tuple (1, 700)", "comma in a number"),
    ("gap3", "Assign the result of your calculation (a number), not a label", "text, not a number"),
    (pd.Series([-1.2, -0.3], index=["reliability", "tangibles"]), "a pandas Series of 2 values (index: reliability",
     "not a number"),
    (float("nan"), "NaN, a missing value", "NaN"),
    (True, "a yes/no value", "True/False"),
])
def test_type_first_with_a_next_step(answer, words, label):
    result = check("04.q1", answer, strict=False)
    assert (result.status, result.mistake) == (FAIL, label)
    assert words in result.message
    assert "Remove the quotes" not in result.message


def test_gap_numbers_read_as_people_write_them():
    assert check("04.q2", 4.0000001).passed and check("04.q2", np.int64(4)).passed
    assert "give the number itself, 3, without quotes" in check("04.q2", "gap3").message
    assert "a whole number" in check("04.q2", 3.5).message
    assert "one of 1, 2, 3, 4" in check("04.q2", 7).message


def test_names_the_course_teaches_in_english_or_chinese_any_case_or_spacing():
    for answer in ("conversion", "Conversion", " CONVERSION ", "转化法"):
        assert check("06.q1", answer).passed, answer
    for channel in ("home_visit", "Home visit", "home visit", "HOME_VISIT", "登门拜访"):
        assert check("06.q3", {"channel": channel, "hours": 7.6}).passed, channel
    assert check("02.q3", "反应度").passed  # RATER's responsiveness, from rater.FACTOR_TABLE
    wrong = check("06.q1", "calm down")
    assert wrong.mistake == "not one of the options" and "'conversion'" in wrong.message


def test_unanswered_ticket_counted_as_on_time_is_told_so():
    result = check("04.q3", 72, strict=False)
    assert result.mistake == "unanswered counted as on time"
    assert "never answered as on time" in result.message and "exactly 2 hours" not in result.message


def test_not_attempted_only_for_the_placeholder():
    assert "replace the ... after `gap_3 =`" in check("04.q1", ...).message
    assert check("04.q1", None, strict=False).status == FAIL
    assert check("06.q4", {"channel": "phone", "cause": ..., "share": ...}).status == NOT_ATTEMPTED


def test_fail_lines_name_the_question_and_point_to_a_hint():
    result = check("04.q1", 1.2, strict=False)
    assert str(result) == (f'04.q1 FAIL: got 1.2: {QUESTIONS["04.q1"].mistakes[0].message} '
                           'Stuck? `hint("04.q1")`')
    assert result.mistake == "flipped sign"


def test_unknown_question_lists_the_known_ones():
    result = check("01.q99", 1, strict=False)
    assert result.status == FAIL and "01.q1" in result.message
    assert hint("01.q99").status == "HINT" and "there is no question" in hint("01.q99").message
    assert questions("01") == ["01.q1", "01.q2", "01.q3", "01.q4"] and len(questions()) == len(QUESTIONS)


# --- a checker's own bug ------------------------------------------------------------------------

@pytest.fixture
def broken_question(monkeypatch):
    qid = "01.q9"
    monkeypatch.setitem(QUESTIONS, qid, Question(
        variable="x", answer=lambda d: d.visits["no_such_column"].mean(), passed=lambda d, x: "",
        wrong="", hints=("none",)))
    exercises._expected.cache_clear()
    yield qid
    exercises._expected.cache_clear()


def test_a_bug_in_the_check_is_reported_as_such_never_as_a_fail(broken_question):
    result = check(broken_question, 1.5, strict=False)
    assert result.status == ERROR and result.mistake == "bug in the check"
    assert "this is a bug in the check, not your answer" in result.message and "tell your trainer" in result.message
    assert check(broken_question, ..., strict=False).status == NOT_ATTEMPTED
    with pytest.raises(AssertionError, match="ERROR"):
        check(broken_question, 1.5, strict=True)


# --- strict mode -----------------------------------------------------------------------------------

def test_strict_mode_raises_unless_pass(monkeypatch):
    monkeypatch.delenv("CXLIB_STRICT", raising=False)
    assert check("01.q1", 99).status == FAIL  # lenient by default
    with pytest.raises(AssertionError, match="01.q1 FAIL"):
        check("01.q1", 99, strict=True)
    monkeypatch.setenv("CXLIB_STRICT", "1")
    with pytest.raises(AssertionError, match="NOT ATTEMPTED"):
        check("01.q1", ...)
    assert check("01.q1", -1.5).status == PASS  # a pass never raises


def test_history_records_results():
    before = len(exercises.history)
    check("01.q1", ..., strict=False)
    assert exercises.history[before].status == NOT_ATTEMPTED


# --- display: once, anywhere in a cell, a stable MIME bundle, no emoji -------------------------------

@pytest.fixture
def shell():
    from IPython.core.interactiveshell import InteractiveShell

    yield InteractiveShell.instance()
    InteractiveShell.clear_instance()


def _run(shell, code: str):
    from IPython.utils.capture import capture_output

    with capture_output() as captured:
        shell.run_cell(code, store_history=True)  # as Jupyter does: each cell gets its number
    # a terminal shell prints an empty "Out[n]:" prompt; a Jupyter kernel sends nothing more
    return [o.data for o in captured.outputs], re.sub(r"Out\[\d+\]:\s*", "", captured.stdout).strip()


def test_check_shows_itself_once_wherever_it_sits(shell):
    shell.run_cell("from cxlib.exercises import check, hint")
    shown, printed = _run(shell, 'check("04.q1", -1.2)\nx = 1')          # not the last line
    assert len(shown) == 1 and shown[0][MIME]["status"] == PASS and not printed
    shown, printed = _run(shell, 'x = 1\ncheck("04.q1", 1.2)')           # the last line: still once
    assert len(shown) == 1 and shown[0][MIME]["mistake"] == "flipped sign" and not printed
    shown, _ = _run(shell, 'r = check("04.q1", ...)\nr')                 # same cell: once
    assert len(shown) == 1
    shown, _ = _run(shell, "r")                                           # a later cell may show it again
    assert len(shown) == 1 and shown[0][MIME]["status"] == NOT_ATTEMPTED
    shown, _ = _run(shell, 'hint("04.q1")\nx = 2')
    assert len(shown) == 1 and MIME not in shown[0] and "HINT 1/2" in shown[0]["text/plain"]


def test_mime_bundle_is_stable_json():
    bundle = check("04.q1", 1.2, strict=False)._repr_mimebundle_()
    assert set(bundle) == {"text/plain", "text/html", MIME}
    assert set(bundle[MIME]) == {"question", "status", "message", "mistake"}
    assert json.loads(json.dumps(bundle[MIME])) == {
        "question": "04.q1", "status": FAIL, "mistake": "flipped sign", "message": bundle[MIME]["message"]}
    html = bundle["text/html"]
    assert "FAIL</span>" in html and "background:#cf222e" in html and '<code>hint("04.q1")</code>' in html


def test_no_emoji_anywhere_in_feedback():
    texts = [h for q in QUESTIONS.values() for h in q.hints]
    texts += [m.message for q in QUESTIONS.values() for m in q.mistakes]
    for qid in QUESTIONS:
        for answer in (..., None, "x", 0.5):
            result = check(qid, answer, strict=False)
            texts += [str(result), result._repr_html_()]
    texts += [str(hint(qid, n)) for qid in QUESTIONS for n in (1, 2, 3)]
    found = [t for t in texts if EMOJI.search(t)]
    assert not found, found[:3]


# --- the tables: data, imports, the exercises they describe -------------------------------------------

def _fingerprint(d) -> dict:
    out = {}
    for name, value in vars(d).items():
        if isinstance(value, (pd.DataFrame, pd.Series)):
            out[name] = int(pd.util.hash_pandas_object(value, index=True).sum())
        else:
            out[name] = repr(value)
    return out


@pytest.mark.parametrize("lesson", sorted(LESSONS))
def test_computations_never_modify_the_data(lesson):
    d = exercises._data(lesson)
    before = _fingerprint(d)
    for qid in questions(lesson):
        q = QUESTIONS[qid]
        exact = q.answer(d)
        q.passed(d, exercises._expected(qid)[0])
        for mistake in q.mistakes:
            mistake.value(d)
        assert exact is not None
    assert _fingerprint(d) == before


@pytest.mark.parametrize("lesson", sorted(LESSONS))
def test_tables_see_the_data_the_exercise_loads(lesson):
    _, namespace = namespaces(notebook("exercises", lesson))["setup"]
    for name, value in LESSONS[lesson].setup().items():
        shown = namespace[name]
        if isinstance(value, (pd.DataFrame, pd.Series)):
            assert shown.equals(value), f"{lesson}: {name} differs from the exercise's setup cell"
        else:
            assert shown == value


@pytest.mark.parametrize("qid", sorted(QUESTIONS))
def test_each_question_checks_the_variable_it_names(qid):
    variable, namespace = namespaces(notebook("exercises", qid[:2]))[qid]
    assert variable == QUESTIONS[qid].variable
    assert namespace[variable] is ... or isinstance(namespace[variable], dict)


def test_imports_run_one_way():
    for path in (ROOT / "cxlib" / "checks").glob("*.py"):
        assert not re.search(r"^\s*(from|import)\s+[.\w]*exercises", path.read_text(), re.M), path.name
    assert checks.QUESTIONS is exercises.QUESTIONS
