"""The shape of a question: what every lesson table in this package is made of.

A question is data, not code. It names the variable the learner fills, computes the exact
answer from the exercise's own data, says what kind of answer it is, and lists the common
mistakes as computations on the same data, each with its message. The engine,
``cxlib.exercises.check``, reads these tables; nothing in this package imports the engine.

Every computation takes ``d``, the exercise's data: a namespace holding what the exercise's
setup cell loads (``d.visits``, ``d.audit``, ...), built from the lesson module's ``setup()``.
Computations never modify ``d``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

Data = SimpleNamespace
Compute = Callable[[Data], Any]


@dataclass(frozen=True)
class Kind:
    """What sort of answer a question (or one field of a dict answer) takes.

    ``type`` is ``"number"``, ``"share"`` (a number between 0 and 1; a percentage is named
    as a mistake for you), ``"whole"`` (one of the whole numbers ``options``, e.g. a gap
    number) or ``"name"`` (a label; ``names(d)`` maps each accepted id to its other names,
    such as the English and Chinese names of a catalogue). ``what`` describes it in messages.
    """

    type: str
    what: str
    options: tuple[int, ...] = ()
    names: Callable[[Data], Mapping[str, Iterable[str]]] | None = None


NUMBER = Kind("number", "a number")
SHARE = Kind("share", "a share between 0 and 1")


def number(what: str) -> Kind:
    """A number described in messages as ``what`` (``number("a number of customers")``)."""
    return Kind("number", what)


def whole(*options: int, what: str) -> Kind:
    """A whole number out of ``options`` (``whole(1, 2, 3, 4, what="a gap number")``)."""
    return Kind("whole", what, options=tuple(options))


def name(names: Callable[[Data], Mapping[str, Iterable[str]]], what: str) -> Kind:
    """A label: ``names(d)`` gives ``{id: [other accepted names]}``; case and spaces are ignored."""
    return Kind("name", what, names=names)


@dataclass(frozen=True)
class Mistake:
    """A common slip: ``value(d)`` is what it gives on the exercise's data; ``message`` says
    what went wrong and what to do instead (it follows "got <your answer>: ")."""

    label: str
    value: Compute
    message: str


@dataclass(frozen=True)
class Question:
    """One exercise question.

    ``variable`` is the name the exercise fills (``gap_3 = ...``); ``answer(d)`` the exact
    answer; ``passed(d, answer)`` the PASS explanation; ``wrong`` the FAIL advice when no
    named mistake matches; ``kind`` a :class:`Kind`, or a dict of them for an answer given as
    a dict. Hints are numbered; every `backticked` piece of a hint is code that runs in the
    exercise at that question (a test runs each one).
    """

    variable: str
    answer: Compute
    passed: Callable[[Data, Any], str]
    wrong: str
    hints: tuple[str, ...]
    kind: Kind | Mapping[str, Kind] = NUMBER
    mistakes: tuple[Mistake, ...] = ()
