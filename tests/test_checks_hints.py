"""Hints that run: every `backticked` snippet of every hint executes in the exercise notebook's
namespace at its question (the exercise's cells up to and including that question's cell), in
order, hint after hint, as a learner pasting them one by one would."""

from __future__ import annotations

import re

import pytest

from cxlib.checks import QUESTIONS
from cxlib.exercises import hint

from ._nbrun import fresh, namespaces, notebook

SNIPPET = re.compile(r"`([^`]+)`")


def snippets(qid: str) -> list[str]:
    return [code for text in QUESTIONS[qid].hints for code in SNIPPET.findall(text)]


@pytest.mark.parametrize("qid", sorted(QUESTIONS))
def test_every_hint_snippet_runs_in_the_exercise(qid):
    _, namespace = namespaces(notebook("exercises", qid[:2]))[qid]
    namespace = fresh(namespace)
    for code in snippets(qid):
        try:
            exec(compile(code, f"{qid} hint", "exec"), namespace)
        except Exception as exc:  # pragma: no cover - the message is the point
            pytest.fail(f"{qid} hint snippet `{code}` raises {type(exc).__name__}: {exc}")


@pytest.mark.parametrize("qid", sorted(QUESTIONS))
def test_hints_are_numbered_and_every_question_has_code_to_try(qid):
    total = len(QUESTIONS[qid].hints)
    assert snippets(qid), f"{qid}: no hint has a runnable snippet"
    for n in range(1, total + 1):
        shown = hint(qid, n)
        assert shown.status == f"HINT {n}/{total}"
        assert (f'hint("{qid}", {n + 1})' in shown.message) == (n < total)
    assert hint(qid, 99).status == f"HINT {total}/{total}"  # past the last: the last
