"""Auto-checks for the exercises: ``check`` gives one line of feedback, ``hint`` a nudge.

Every exercise ends with ``check("04.q1", gap_3)``: the answer is passed in, never read from
the notebook. ``check`` returns a :class:`Result` and never raises at the learner:

>>> check("04.q1", ...)
04.q1 NOT ATTEMPTED: replace the ... after `gap_3 =` with your answer, then rerun this cell.
>>> check("04.q1", "-1.2")
04.q1 FAIL: got the text '-1.2': write the number itself, -1.2, without quotes. Stuck? `hint("04.q1")`
>>> check("04.q1", -1.2).status
'PASS'

**One precision rule for every number** (:func:`match_number`): an answer passes when it
equals the exact value rounded to the decimals it was written with and carries at least 2
significant figures. For 10.3797, ``10.38``, ``10.4`` and ``10.3797`` pass; ``10`` and
``10.5`` do not. A full-precision answer computed another way passes too.

**Statuses**: ``PASS``; ``FAIL`` (``.mistake`` names the slip when it is a known one, e.g.
``"flipped sign"``); ``NOT ATTEMPTED`` (only while the ``...`` placeholder is still there);
``ERROR`` (the check itself broke: a bug in cxlib, never the learner's answer).

**Display**: ``check`` and ``hint`` display their own result in IPython, so it shows wherever
the call sits in a cell, and only once when it is also the cell's last line. The display
bundle holds ``text/plain``, ``text/html`` (status word coloured with CSS; no emoji) and, for
checks, the MIME type ``application/vnd.cxlib.check+json`` with exactly the keys
``{"question", "status", "message", "mistake"}`` (strings; ``mistake`` may be null). Graders
read results from that output of an executed notebook; its keys and statuses are stable.

**Strict mode** (``check(..., strict=True)`` or ``CXLIB_STRICT=1``, set by the test suite for
``solutions/``) raises ``AssertionError`` with the same line unless the answer passes.

The questions are data: one table per lesson in ``cxlib/checks/`` (see ``checks/_spec.py``).
This module is the engine that reads them: type first, then the placeholder, the precision
rule, then each named mistake in turn.
"""

from __future__ import annotations

import html
import math
import numbers
import os
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from types import SimpleNamespace
from typing import Any

import numpy as np
import pandas as pd

from .checks import LESSONS, QUESTIONS
from .checks._spec import Kind, Question

__all__ = ["Result", "check", "hint", "questions", "match_number", "history",
           "PASS", "FAIL", "NOT_ATTEMPTED", "ERROR", "MIME"]

PASS, FAIL, NOT_ATTEMPTED, ERROR = "PASS", "FAIL", "NOT ATTEMPTED", "ERROR"
MIME = "application/vnd.cxlib.check+json"
_COLOUR = {PASS: "#1a7f37", FAIL: "#cf222e", NOT_ATTEMPTED: "#57606a", ERROR: "#9a6700"}
_BUG = "this is a bug in the check, not your answer ({}). Please tell your trainer."

history: list["Result"] = []
"""Every result ``check`` returned in this session, oldest first."""


@dataclass
class Result:
    """One check's outcome (or a hint): question id, status, one-line message, mistake label."""

    question: str
    status: str
    message: str
    mistake: str | None = None
    _shown_in: Any = field(default=None, repr=False, compare=False)

    @property
    def passed(self) -> bool:
        return self.status == PASS

    def __str__(self) -> str:
        return f"{self.question} {self.status}: {self.message}"

    __repr__ = __str__

    def as_dict(self) -> dict[str, str | None]:
        return {"question": self.question, "status": self.status, "message": self.message,
                "mistake": self.mistake}

    def _repr_html_(self) -> str:
        colour = _COLOUR.get(self.status, "#0969da")  # hints are blue
        text = re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(self.message, quote=False))
        return (f'<div class="cxlib-check"><b>{html.escape(self.question)}</b> '
                f'<span style="background:{colour};color:#fff;font-weight:bold;padding:0 .4em;'
                f'border-radius:3px">{html.escape(self.status)}</span> {text}</div>')

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        bundle: dict[str, Any] = {"text/plain": str(self), "text/html": self._repr_html_()}
        if not self.status.startswith("HINT"):
            bundle[MIME] = self.as_dict()
        return bundle

    def _ipython_display_(self) -> None:
        from IPython import get_ipython
        from IPython.display import publish_display_data

        shell = get_ipython()
        cell = (id(shell), getattr(shell, "execution_count", None))
        if self._shown_in != cell:  # shown once per cell, even when also the cell's last line
            self._shown_in = cell
            publish_display_data(self._repr_mimebundle_())


def _show(result: Result) -> None:
    if "IPython" in sys.modules and sys.modules["IPython"].get_ipython() is not None:
        from IPython.display import display

        display(result)


class _Slip(Exception):
    """The learner's answer is of the wrong type or shape: ``message`` says so."""

    def __init__(self, message: str, label: str) -> None:
        super().__init__(message)
        self.message, self.label = message, label


# --- the precision rule -------------------------------------------------------------------------


def _written(x: float) -> tuple[int, int]:
    """(decimals, significant figures) of ``x`` as written: 10.4 -> (1, 3), 1700 -> (-2, 2)."""
    digits, exponent = Decimal(repr(float(x))).normalize().as_tuple()[1:]
    return -int(exponent), len(digits)


def _agreement(got: float, exact: float) -> tuple[int, int] | None:
    """(decimals, significant figures) to which ``got`` is ``exact`` rounded, or None.

    A float may have lost trailing zeros after its decimal point (``round(0.39958, 3)`` is
    stored as 0.4): while it has fewer than 2 significant figures, it counts as rounded to more
    decimals if it still agrees there. An int keeps the precision it shows (10 has 1 figure).
    """
    decimals, figures = _written(got)
    diff = abs(got - exact)
    if diff > 0.5 * 10.0 ** -decimals * (1 + 1e-9):
        return None
    while (figures < 2 and not isinstance(got, numbers.Integral) and decimals < 15
           and diff <= 0.5 * 10.0 ** -(decimals + 1) * (1 + 1e-9)):
        decimals += 1
        if decimals >= 1:
            figures = len(f"{abs(got):.{decimals}f}".replace(".", "").lstrip("0"))
    return decimals, figures


def match_number(got: float, exact: float) -> str | None:
    """How ``got`` agrees with ``exact``: ``""`` to full precision, ``"2 decimals"`` (or
    ``"3 significant figures"``) when it is ``exact`` rounded as written with at least 2
    significant figures, ``None`` when it does not agree.

    >>> [match_number(x, 10.3797) for x in (10.3797, 10.38, 10.4, 10, 10.5)]
    ['', '2 decimals', '1 decimal', None, None]
    >>> match_number(1700, 1712.3), match_number(round(0.39958, 3), 0.39958)
    ('2 significant figures', '2 decimals')
    """
    if math.isclose(got, exact, rel_tol=1e-9, abs_tol=1e-12):
        return ""
    agreement = _agreement(got, exact)
    if agreement is None or agreement[1] < 2:
        return None
    decimals, figures = agreement
    if decimals > 0:
        return f"{decimals} decimal{'s' if decimals > 1 else ''}"
    return f"{figures} significant figures"


def _rounded_too_far(got: float, exact: float) -> bool:
    agreement = _agreement(got, exact)
    return agreement is not None and agreement[1] < 2


# --- reading the learner's answer ----------------------------------------------------------------


def _number_text(v: float) -> str:
    return str(int(v)) if float(v).is_integer() and abs(v) < 1e15 else f"{v:.6g}"


def _kind_of(x: Any) -> str:
    """A few words for what ``x`` is, for messages."""
    if isinstance(x, pd.Series):
        shown = ", ".join(map(str, x.index[:4])) + (", ..." if len(x) > 4 else "")
        return f"a pandas Series of {len(x)} values (index: {shown})"
    if isinstance(x, pd.DataFrame):
        return f"a table (DataFrame) of {x.shape[0]} rows x {x.shape[1]} columns"
    if isinstance(x, (list, tuple, np.ndarray, pd.Index)):
        return f"a {type(x).__name__} of {len(x)} items"
    if isinstance(x, Result):
        return "the result of check()"
    if isinstance(x, str):
        return f"the text {x[:40]!r}"
    if isinstance(x, numbers.Number) and not isinstance(x, bool):
        return f"the number {x}"
    if callable(x):
        return "a function"
    return f"a {type(x).__name__}"


_CONTAINER = {pd.Series: "a pandas Series", pd.DataFrame: "a table (DataFrame)", np.ndarray: "a numpy array",
              list: "a list", tuple: "a tuple", pd.Index: "a pandas Index"}


def _one_item(x: Any) -> str | None:
    """How to take the single value out of a one-element container, or None."""
    if isinstance(x, (pd.Series, np.ndarray)) and x.size == 1:
        take = "`.item()`"
    elif isinstance(x, pd.DataFrame) and x.shape == (1, 1):
        take = "`.iloc[0, 0]`"
    elif isinstance(x, (list, tuple, pd.Index)) and len(x) == 1:
        take = "`[0]`"
    else:
        return None
    what = next(name for kind, name in _CONTAINER.items() if isinstance(x, kind))
    return f"got {what} holding one value; take the value out with {take}."


def _common_slip(x: Any) -> None:
    """Raise a _Slip for answers that are wrong whatever the question: None, one-item containers."""
    if x is None:
        raise _Slip("your variable is None: did you assign the result of print() (or of a function "
                    "that returns nothing)? Assign the value itself, then check it.", "None")
    if isinstance(x, Result):
        raise _Slip("got the result of check(); pass your answer to check, not a check.", "a check result")
    one = _one_item(x)
    if one:
        raise _Slip(one, "one-item container")


def _text_slip(text: str, kind: Kind) -> _Slip:
    plain = re.sub(r"[\s,_]", "", text)
    percent = plain.endswith("%")
    try:
        value = float(plain.rstrip("%"))
    except ValueError:
        return _Slip(f"got the text {text!r}; the question asks for {kind.what}. Assign the result "
                     "of your calculation (a number), not a label.", "text, not a number")
    if percent:
        return _Slip(f"got the text {text!r}: write a number, not text; {text.strip()} is "
                     f"{_number_text(value / 100)}.", "text, not a number")
    commas = " or commas" if "," in text else ""
    return _Slip(f"got the text {text!r}: write the number itself, {plain.lstrip('+')}, without "
                 f"quotes{commas}.", "text, not a number")


def _read_number(x: Any, kind: Kind) -> float:
    _common_slip(x)
    if isinstance(x, (bool, np.bool_)):
        raise _Slip(f"got {x}, a yes/no value; the question asks for {kind.what}.", "True/False")
    if isinstance(x, str):
        raise _text_slip(x, kind)
    if isinstance(x, tuple) and len(x) > 1 and all(isinstance(v, int) and 0 <= v < 1000 for v in x[1:]) \
            and isinstance(x[0], int):
        joined = str(x[0]) + "".join(f"{v:03d}" for v in x[1:])
        raise _Slip(f"got the tuple {x!r}: Python reads the comma in a number as two numbers; write "
                    f"{joined} without commas.", "comma in a number")
    if not isinstance(x, numbers.Real) and not (isinstance(x, np.ndarray) and x.ndim == 0):
        raise _Slip(f"got {_kind_of(x)}; the question asks for {kind.what}.", "not a number")
    try:
        value = float(x)
    except (TypeError, ValueError, OverflowError):
        raise _Slip(f"got {_kind_of(x)}; the question asks for {kind.what}.", "not a number") from None
    if math.isnan(value):
        raise _Slip("got NaN, a missing value: your calculation met a blank, or a filter kept no rows.", "NaN")
    if math.isinf(value):
        raise _Slip("got infinity: did you divide by zero?", "infinity")
    return value


def _read_whole(x: Any, kind: Kind) -> int:
    if isinstance(x, str) and (m := re.fullmatch(r"\s*(?:gap)?\s*_?(\d+)\s*", x, re.I)):
        raise _Slip(f"got the text {x!r}: give the number itself, {int(m[1])}, without quotes.",
                    "text, not a number")
    value = _read_number(x, kind)
    if abs(value - round(value)) > 1e-6:
        raise _Slip(f"got {value:g}; give {kind.what}, a whole number.", "not a whole number")
    return int(round(value))


def _norm(text: str) -> str:
    return re.sub(r"[\s_\-]+", "", str(text)).casefold()


def _names(kind: Kind, d: SimpleNamespace) -> dict[str, str]:
    """Every accepted name, normalised, -> its id."""
    accepted: dict[str, str] = {}
    for ident, others in kind.names(d).items():
        for alias in (ident, *others):
            accepted[_norm(alias)] = ident
    return accepted


def _read_name(x: Any, kind: Kind, d: SimpleNamespace) -> str:
    ids = sorted(set(_names(kind, d).values()))
    listing = ", ".join(repr(i) for i in ids)
    if isinstance(x, str):
        ident = _names(kind, d).get(_norm(x))
        if ident is None:
            raise _Slip(f"got {x!r}, which is not {kind.what}: give one of {listing}.", "not one of the options")
        return ident
    _common_slip(x)
    if isinstance(x, pd.Series):
        raise _Slip(f"got {_kind_of(x)}; the question asks for one name. .idxmin() or .idxmax() give "
                    "the label of the smallest or largest value.", "a Series, not a name")
    raise _Slip(f"got {_kind_of(x)}; the question asks for {kind.what}, as text: one of {listing}.",
                "not a name")


def _read(kind: Kind | Mapping[str, Kind], x: Any, d: SimpleNamespace) -> Any:
    if isinstance(kind, Mapping):
        example = "{" + ", ".join(f"{k!r}: ..." for k in kind) + "}"
        _common_slip(x)
        if not isinstance(x, Mapping):
            raise _Slip(f"got {_kind_of(x)}; the question asks for a dict {example}.", "not a dict")
        missing = [k for k in kind if k not in x]
        if missing:
            raise _Slip(f"your dict has no key {', '.join(map(repr, missing))}; give {example}.", "missing key")
        out = {}
        for key, sub in kind.items():
            try:
                out[key] = _read(sub, x[key], d)
            except _Slip as slip:
                raise _Slip(f"in {key!r}, {slip.message}", slip.label) from None
        return out
    if kind.type == "name":
        return _read_name(x, kind, d)
    if kind.type == "whole":
        return _read_whole(x, kind)
    return _read_number(x, kind)


# --- comparing ------------------------------------------------------------------------------------


def _normal(kind: Kind | Mapping[str, Kind], value: Any, d: SimpleNamespace) -> Any:
    """A computed value in the form answers are compared in (raises on a checker bug)."""
    if isinstance(kind, Mapping):
        return {k: _normal(sub, value[k], d) for k, sub in kind.items()}
    if kind.type == "name":
        return _names(kind, d)[_norm(value)]
    if kind.type == "whole":
        return int(value)
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"the expected value is {value}")
    return value


def _same(kind: Kind | Mapping[str, Kind], got: Any, exact: Any) -> str | None:
    """None if ``got`` differs from ``exact``; else the precision note ("" when exact)."""
    if isinstance(kind, Mapping):
        notes = [_same(sub, got[k], exact[k]) for k, sub in kind.items()]
        return None if None in notes else next((n for n in notes if n), "")
    if kind.type in ("name", "whole"):
        return "" if got == exact else None
    return match_number(got, exact)


def _shown(kind: Kind | Mapping[str, Kind], got: Any) -> str:
    if isinstance(kind, Mapping):
        return "{" + ", ".join(f"{k!r}: {_shown(sub, got[k])}" for k, sub in kind.items()) + "}"
    return repr(got) if kind.type == "name" else _number_text(got)


@cache
def _data(lesson: str) -> SimpleNamespace:
    return SimpleNamespace(**LESSONS[lesson].setup())


@cache
def _expected(qid: str) -> tuple[Any, list[Any]]:
    """The exact answer and each named mistake's value, normalised (cached: the data is fixed)."""
    q, d = QUESTIONS[qid], _data(qid[:2])
    return (_normal(q.kind, q.answer(d), d), [_normal(q.kind, m.value(d), d) for m in q.mistakes])


def _judge(qid: str, q: Question, answer: Any) -> Result:
    stuck = f'Stuck? `hint("{qid}")`'
    if answer is Ellipsis:
        return Result(qid, NOT_ATTEMPTED, f"replace the ... after `{q.variable} =` with your answer, then rerun this cell.")
    if isinstance(q.kind, Mapping) and isinstance(answer, Mapping):
        blank = [repr(k) for k in q.kind if answer.get(k) is Ellipsis]
        if blank:
            return Result(qid, NOT_ATTEMPTED, f"replace every ... in `{q.variable}` (still blank: "
                          f"{', '.join(blank)}), then rerun this cell.")
    try:
        d = _data(qid[:2])
        try:
            got = _read(q.kind, answer, d)
        except _Slip as slip:
            return Result(qid, FAIL, f"{slip.message} {stuck}", slip.label)
        exact, slips = _expected(qid)
        note = _same(q.kind, got, exact)
        if note is not None:
            rounded = f" (right to {note}; keep the unrounded value for later steps)" if note else ""
            return Result(qid, PASS, q.passed(d, exact) + rounded)
        return _explain(qid, q, got, exact, slips, stuck)
    except Exception as exc:  # not the learner's fault: say so, never blame the answer
        return Result(qid, ERROR, _BUG.format(f"{type(exc).__name__}: {exc}"), "bug in the check")


def _explain(qid: str, q: Question, got: Any, exact: Any, slips: list[Any], stuck: str) -> Result:
    """The FAIL line: the first named mistake that matches, else the most useful general advice."""
    kind, shown = q.kind, _shown(q.kind, got)
    numeric = isinstance(kind, Kind) and kind.type in ("number", "share")
    if numeric and _rounded_too_far(got, exact):
        figures = "no significant figure" if got == 0 else "only 1 significant figure"
        return Result(qid, FAIL, f"got {shown}: that has {figures}; give at least 2 (better: the "
                      f"unrounded value). {stuck}", "rounded too far")
    hits = [(note != "", i) for i, value in enumerate(slips) if (note := _same(kind, got, value)) is not None]
    if hits:  # an exact match first: a rounded one may fit two mistakes
        mistake = q.mistakes[min(hits)[1]]
        return Result(qid, FAIL, f"got {shown}: {mistake.message} {stuck}", mistake.label)
    if isinstance(kind, Kind) and kind.type == "share" and match_number(got, 100 * exact) is not None:
        return Result(qid, FAIL, f"got {shown}, a percentage; give the share as a number between 0 "
                      f"and 1 (divide by 100). {stuck}", "percent for a share")
    if isinstance(kind, Kind) and kind.type == "whole" and got not in kind.options:
        options = ", ".join(map(str, kind.options))
        return Result(qid, FAIL, f"got {shown}: answer with {kind.what}, one of {options}. {stuck}",
                      "not one of the options")
    if isinstance(kind, Mapping):
        right = [repr(k) for k, sub in kind.items() if _same(sub, got[k], exact[k]) is not None]
        if right:
            wrong = [repr(k) for k in kind if repr(k) not in right]
            return Result(qid, FAIL, f"got {shown}: {' and '.join(right)} right, {' and '.join(wrong)} not; "
                          f"{q.wrong} {stuck}")
    if numeric and abs(got - exact) <= 0.05 * abs(exact):
        return Result(qid, FAIL, f"got {shown}: close, but not the exact value rounded to the digits "
                      f"you gave; check each step, and round only at the end. {stuck}", "close")
    return Result(qid, FAIL, f"got {shown}: {q.wrong} {stuck}")


# --- the public functions ---------------------------------------------------------------------------


def questions(lesson: str | None = None) -> list[str]:
    """Ids of every question (``"01.q1"``, ...), or those of one lesson (``"01"``)."""
    return sorted(q for q in QUESTIONS if lesson is None or q.split(".")[0] == str(lesson))


def _strict_from_env() -> bool:
    return os.environ.get("CXLIB_STRICT", "").strip().lower() in {"1", "true", "yes", "on"}


def check(qid: str, answer: Any, *, strict: bool | None = None) -> Result:
    """Check ``answer`` for question ``qid``; show and return one line of feedback."""
    qid = str(qid)
    q = QUESTIONS.get(qid)
    if q is None:
        known = ", ".join(questions(qid.split(".")[0]) or questions())
        result = Result(qid, FAIL, f"there is no question {qid!r}; known ones: {known}.", "unknown question")
    else:
        result = _judge(qid, q, answer)
    history.append(result)
    _show(result)
    if (strict if strict is not None else _strict_from_env()) and not result.passed:
        raise AssertionError(str(result))
    return result


def hint(qid: str, n: int = 1) -> Result:
    """Hint number ``n`` (1, 2, ...) for question ``qid``; all but the last say another exists."""
    q = QUESTIONS.get(str(qid))
    if q is None:
        result = Result(str(qid), "HINT", f"there is no question {qid!r}; known ones: {', '.join(questions())}.")
    else:
        try:
            n = max(1, min(int(n), len(q.hints)))
        except (TypeError, ValueError, OverflowError):
            n = 1
        more = f' (another: `hint("{qid}", {n + 1})`)' if n < len(q.hints) else ""
        result = Result(str(qid), f"HINT {n}/{len(q.hints)}", q.hints[n - 1] + more)
    _show(result)
    return result
