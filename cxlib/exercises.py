"""Auto-checks for the exercises: ``check`` gives one calm line of feedback, ``hint`` a nudge.

Every exercise ends with ``check("01.q2", answer)``. The answer is passed in, never read from
the notebook's globals. ``check`` returns a :class:`Result` (shown as one line) and never
raises at the learner, whatever the answer is:

>>> check("01.q1", ...)
✏️ 01.q1 NOT ATTEMPTED: replace the ... with your answer, then run the cell again.
>>> check("01.q1", "-1")
❌ 01.q1 FAIL: expected a number, got str '-1'. Remove the quotes. Stuck? hint("01.q1")

Strict mode (``check(..., strict=True)`` or the environment variable ``CXLIB_STRICT=1``, which
the test suite sets for ``solutions/``) raises ``AssertionError`` with the same text unless the
answer passes, so a wrong solution fails the build while blank exercises still run.

Questions live in ``cxlib/checks/`` (one module per lesson). Each is a plain function that
receives the learner's answer and either returns the PASS message or raises :class:`Wrong`
with the FAIL message; :func:`number` and :func:`call` cover the usual first steps.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = [
    "Result",
    "Wrong",
    "NotAttempted",
    "check",
    "hint",
    "question",
    "questions",
    "number",
    "close",
    "call",
    "choice",
    "refuse_percentage",
    "history",
]

PASS, FAIL, NOT_ATTEMPTED = "PASS", "FAIL", "NOT ATTEMPTED"
_ICON = {PASS: "✅", FAIL: "❌", NOT_ATTEMPTED: "✏️"}
_COLOUR = {PASS: "#1a7f37", FAIL: "#cf222e", NOT_ATTEMPTED: "#6e7781"}

history: list["Result"] = []
"""Every result ``check`` returned in this session, oldest first (the tests read it)."""


class Wrong(Exception):
    """Raised by a question's checker: the message is the learner's feedback."""


class NotAttempted(Exception):
    """Raised by a question's checker when the answer is still the blank."""


@dataclass(frozen=True)
class Result:
    """The outcome of one check: question id, status (PASS / FAIL / NOT ATTEMPTED), message."""

    question: str
    status: str
    message: str

    @property
    def passed(self) -> bool:
        return self.status == PASS

    def _icon(self) -> str:
        return "💡" if self.status.startswith("HINT") else _ICON.get(self.status, "")

    def __str__(self) -> str:
        return f"{self._icon()} {self.question} {self.status}: {self.message}"

    __repr__ = __str__

    def _repr_markdown_(self) -> str:
        colour = _COLOUR.get(self.status, "black")
        return (
            f"{self._icon()} <span style='color:{colour}'>**{self.question} "
            f"{self.status}**</span>: {self.message}"
        )


@dataclass(frozen=True)
class Question:
    id: str
    checker: Callable[[Any], str]
    hints: tuple[str, ...]
    blank: str = "replace the ... with your answer, then run the cell again."
    topic: str = ""


_QUESTIONS: dict[str, Question] = {}


def question(
    qid: str, *, hints: Sequence[str], blank: str | None = None, topic: str = ""
) -> Callable[[Callable[[Any], str]], Callable[[Any], str]]:
    """Register a checker under ``qid`` (``"NN.qK"``). Used by the modules in ``cxlib.checks``."""
    if not hints:
        raise ValueError(f"question {qid} needs at least one hint")

    def register(fn: Callable[[Any], str]) -> Callable[[Any], str]:
        if qid in _QUESTIONS and _QUESTIONS[qid].checker.__qualname__ != fn.__qualname__:
            raise ValueError(f"question {qid} is registered twice")
        kwargs = {"blank": blank} if blank else {}
        _QUESTIONS[qid] = Question(qid, fn, tuple(hints), topic=topic, **kwargs)
        return fn

    return register


def questions(lesson: str | None = None) -> list[str]:
    """Ids of all registered questions, or those of one lesson (``"01"``)."""
    _load()
    ids = sorted(_QUESTIONS)
    return [q for q in ids if lesson is None or q.split(".")[0] == lesson]


def _load() -> None:
    from . import checks  # noqa: F401  (importing registers every lesson's questions)


def _is_blank(answer: Any) -> bool:
    if answer is Ellipsis or answer is None:
        return True
    if isinstance(answer, Mapping):
        return any(_is_blank(v) for v in answer.values())
    if isinstance(answer, (list, tuple)):
        return any(v is Ellipsis for v in answer)
    return False


def _strict_from_env() -> bool:
    return os.environ.get("CXLIB_STRICT", "").strip().lower() in {"1", "true", "yes", "on"}


def check(qid: str, answer: Any, *, strict: bool | None = None) -> Result:
    """Check ``answer`` for question ``qid`` and return one line of feedback."""
    _load()
    q = _QUESTIONS.get(qid)
    if q is None:
        lesson = str(qid).split(".")[0]
        known = ", ".join(questions(lesson)) or ", ".join(questions())
        result = Result(str(qid), FAIL, f"there is no question {qid!r}; known ones: {known}.")
    elif _is_blank(answer):
        result = Result(qid, NOT_ATTEMPTED, q.blank)
    else:
        try:
            result = Result(qid, PASS, q.checker(answer))
        except NotAttempted as exc:
            result = Result(qid, NOT_ATTEMPTED, str(exc) or q.blank)
        except Wrong as exc:
            result = Result(qid, FAIL, f'{exc} Stuck? hint("{qid}")')
        except Exception as exc:  # the learner's code failed inside the checker: say so, calmly
            result = Result(
                qid,
                FAIL,
                f"checking your answer raised {type(exc).__name__}: {exc}. "
                f'Is it the kind of object the question asks for? Stuck? hint("{qid}")',
            )
    history.append(result)
    if (strict if strict is not None else _strict_from_env()) and not result.passed:
        raise AssertionError(str(result))
    return result


def hint(qid: str, n: int = 1) -> Result:
    """Hint number ``n`` (1, 2, ...) for question ``qid``; all but the last say another exists."""
    _load()
    q = _QUESTIONS.get(qid)
    if q is None:
        return Result(str(qid), "HINT", f"there is no question {qid!r}.")
    n = max(1, min(int(n), len(q.hints)))
    more = f' (another: hint("{qid}", {n + 1}))' if n < len(q.hints) else ""
    return Result(qid, f"HINT {n}/{len(q.hints)}", q.hints[n - 1] + more)


# --- helpers for writing checkers -------------------------------------------------------------


def number(answer: Any, what: str = "a number") -> float:
    """The answer as a float, or :class:`Wrong` saying what type it is.

    >>> number("0.75")
    Traceback (most recent call last):
    ...
    cxlib.exercises.Wrong: expected a number, got str '0.75'. Remove the quotes.
    """
    if isinstance(answer, bool):
        raise Wrong(f"expected {what}, got True/False. Compute the value itself.")
    if isinstance(answer, str):
        raise Wrong(f"expected {what}, got str {answer!r}. Remove the quotes.")
    try:
        value = float(answer)
    except (TypeError, ValueError):
        raise Wrong(f"expected {what}, got {type(answer).__name__}.") from None
    if math.isnan(value):
        raise Wrong(f"expected {what}, got NaN (a blank). Check for missing values.")
    return value


def close(got: float, expected: float, rel: float = 1e-6, abs_: float = 1e-9) -> bool:
    """``math.isclose`` with the tolerances the checks use."""
    return math.isclose(got, expected, rel_tol=rel, abs_tol=abs_)


def refuse_percentage(got: float, expected_share: float, rel: float = 1e-6) -> None:
    """Raise :class:`Wrong` if ``got`` is the expected share written as a percentage.

    >>> refuse_percentage(23.0, 0.23)
    Traceback (most recent call last):
    ...
    cxlib.exercises.Wrong: got 23, a percentage; give the share as a number between 0 and 1 (0.23).
    >>> refuse_percentage(0.23, 0.23)  # a share passes silently
    """
    if close(got, expected_share * 100, rel=rel):
        raise Wrong(f"got {got:g}, a percentage; give the share as a number between 0 and 1 ({got / 100:g}).")


def call(fn: Any, *args: Any, **kwargs: Any) -> Any:
    """Call the learner's function; a blank body (returns None or ...) counts as not attempted."""
    if not callable(fn):
        raise Wrong(f"expected a function, got {type(fn).__name__}. Pass the function's name, no ().")
    result = fn(*args, **kwargs)
    if result is None or result is Ellipsis:
        raise NotAttempted("your function returns nothing yet: fill in its body and `return` the answer.")
    return result


def choice(answer: Any, options: Sequence[str]) -> str:
    """The answer as one of ``options`` (case and spaces ignored), else :class:`Wrong`."""
    if not isinstance(answer, str):
        raise Wrong(f"expected one of {', '.join(map(repr, options))}, got {type(answer).__name__}.")
    norm = answer.strip().lower()
    for opt in options:
        if norm == opt.lower():
            return opt
    raise Wrong(f"{answer!r} is not one of {', '.join(map(repr, options))}.")
