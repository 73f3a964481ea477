"""Every exercise: the generated blank is rejected (NOT ATTEMPTED), the solution accepted (PASS).

Runs each solutions/ and exercises/ notebook in-process and reads the results of its
``check`` calls; also proves every registered question is exercised by its lesson's notebook.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cxlib.exercises import NOT_ATTEMPTED, PASS, questions

from ._nbrun import run_checks

ROOT = Path(__file__).resolve().parent.parent
SOLUTIONS = sorted((ROOT / "solutions").glob("*.ipynb"))


def test_there_are_solutions():
    assert SOLUTIONS, "solutions/ holds no notebooks"


@pytest.mark.parametrize("solution", SOLUTIONS, ids=lambda p: p.stem)
def test_solution_accepted_and_blank_rejected(solution: Path):
    lesson = solution.name[:2]
    registered = set(questions(lesson))
    assert len(registered) >= 3, f"lesson {lesson} registers {len(registered)} questions; at least 3 expected"

    solved = run_checks(solution, strict=True)
    assert {r.question for r in solved} == registered, "solution must check every question of its lesson"
    assert all(r.status == PASS for r in solved), [str(r) for r in solved if r.status != PASS]

    blank = run_checks(ROOT / "exercises" / solution.name, strict=False)
    assert {r.question for r in blank} == registered, "exercise must check every question of its lesson"
    not_blank = [str(r) for r in blank if r.status != NOT_ATTEMPTED]
    assert not not_blank, f"generated blanks must read NOT ATTEMPTED: {not_blank}"
