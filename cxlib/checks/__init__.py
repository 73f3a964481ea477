"""The exercise questions as data: one table per lesson (``l01_triangle.py``, ...).

Each lesson module has ``setup()``, the data its exercise's setup cell loads (same names, same
values), and ``QUESTIONS``, a dict ``{"01.q1": Question(...)}`` (see ``_spec.py``). The engine,
``cxlib.exercises``, imports this package; nothing here imports the engine.
"""

from . import (l01_triangle, l02_rater, l03_servqual, l04_five_gaps, l05_iceberg_pyramid,
               l06_complaint_methods, l07_measuring, l08_capstone)
from ._spec import Question

LESSONS = {module.__name__.rsplit(".l", 1)[1][:2]: module for module in (
    l01_triangle, l02_rater, l03_servqual, l04_five_gaps, l05_iceberg_pyramid,
    l06_complaint_methods, l07_measuring, l08_capstone)}
"""Lesson number ("01") -> its table module."""

QUESTIONS: dict[str, Question] = {qid: q for m in LESSONS.values() for qid, q in m.QUESTIONS.items()}
"""Every question, by id."""
