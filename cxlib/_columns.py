"""Where a survey keeps its items: the ``columns=`` mapping of :mod:`cxlib.servqual` and the report.

A survey file may call its items ``E1``/``P1``, ``exp_1``/``perc_1``, ``a01`` or anything else.
:class:`ItemColumns` answers "which column holds the answers to E7?" for every naming the
``columns=`` argument accepts, and :func:`numbered_columns_hint` suggests a ``columns=`` when a
file's items are numbered in its own way.

>>> import pandas as pd
>>> survey = pd.DataFrame({"exp_1": [7], "perc_1": [6]})
>>> ItemColumns(survey, {"E": "exp_", "P": "perc_"}).label("P", 1)
'perc_1'
>>> numbered_columns_hint(["q1_a", "e1", "e2", "s1", "s2"], "EP")
" Its numbered columns are e1-e2, s1-s2: if those are your items, say which holds which, e.g. columns={'E': 'e', 'P': 's'}."
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from ._validate import InputError

__all__ = ["ItemColumns", "item_template", "numbered_columns_hint", "ROLES", "ITEM_NAME"]

ITEM_NAME = re.compile(r"([AEP])(\d+)")
ROLES = {"A": "adequate (A)", "E": "expectation (E)", "P": "perception (P)"}


def item_template(prefix: str, pattern: Any) -> tuple[str, re.Pattern]:
    """``columns={"E": pattern}``: a prefix ("exp_" -> exp_1) or a pattern ("a{:02d}" -> a01)."""
    if not isinstance(pattern, str) or not pattern:
        raise TypeError(f"columns[{prefix!r}] must be the text in front of the item number, e.g. "
                        f"'exp_' (exp_1, exp_2, ...) or a pattern such as 'q{{}}_exp'; got {pattern!r}")
    if "{" not in pattern and "}" not in pattern:
        pattern += "{}"
    try:
        parts = list(string.Formatter().parse(pattern))
        fields = [field for _, field, _, _ in parts if field is not None]
        ok = len(fields) == 1 and fields[0] in ("", "0") and isinstance(pattern.format(1), str)
    except (ValueError, IndexError, KeyError):
        ok = False
    if not ok:
        raise InputError(f"columns[{prefix!r}] = {pattern!r} is not a usable pattern: write a prefix such "
                         "as 'exp_', or one {} where the item number goes, e.g. 'q{}_exp' or 'a{:02d}'")
    regex = "".join(re.escape(text) + (r"(\d+)" if field is not None else "") for text, field, _, _ in parts)
    return pattern, re.compile(regex)


class ItemColumns:
    """Where a survey keeps each item: ``label("E", 7)`` is the column holding the answers to E7.

    ``columns`` (see :func:`cxlib.servqual.dimension_scores`) is ``None`` (columns are named E1, P1...), a
    mapping prefix -> the file's prefix or pattern (``{"E": "exp_", "P": "a{:02d}"}``), or a
    mapping from the file's column names to item names (``{"courtesy_exp": "E1", ...}``).
    """

    def __init__(self, survey: pd.DataFrame, columns: Any = None):
        self.cols = set(survey.columns)
        self.templates = {p: item_template(p, p) for p in "AEP"}
        self.renamed: dict[str, Any] = {}
        if columns is None:
            return
        if not isinstance(columns, Mapping):
            raise TypeError("columns must be a mapping: prefixes such as {'E': 'exp_', 'P': 'perc_'}, or "
                            f"the file's column names to item names such as {{'q1_exp': 'E1'}}; got "
                            f"{type(columns).__name__}")
        targets = [v for v in columns.values() if isinstance(v, str) and ITEM_NAME.fullmatch(v)]
        if columns and all(k in ROLES for k in columns) and not targets:
            self.templates.update({p: item_template(p, pattern) for p, pattern in columns.items()})
            return
        for source, target in columns.items():
            if not (isinstance(target, str) and ITEM_NAME.fullmatch(target)):
                raise InputError(
                    f"columns maps {source!r} to {target!r}; map the file's columns to item names such as "
                    "E1, P1 (or A1), or map prefixes to prefixes: {'E': 'exp_', 'P': 'perc_'}")
            if source not in self.cols:
                have = ", ".join(map(str, list(survey.columns)[:12])) + (", ..." if survey.shape[1] > 12 else "")
                raise InputError(f"columns names {source!r}, which the survey does not have (it has: {have})")
            if target in self.renamed:
                raise InputError(f"columns maps both {self.renamed[target]!r} and {source!r} to {target}; "
                                 "each item needs exactly one column")
            if target in self.cols and target != source:
                raise InputError(f"columns maps {source!r} to {target}, but the survey already has a column "
                                 f"{target}: drop or rename one of them, so it is clear which answers are {target}")
            self.renamed[target] = source

    def label(self, prefix: str, n: int) -> Any:
        return self.renamed.get(f"{prefix}{n}", self.templates[prefix][0].format(n))

    def shown(self, prefix: str, n: int) -> str:
        label = self.label(prefix, n)
        return str(label) if label == f"{prefix}{n}" else f"{label} ({prefix}{n})"

    def numbers(self, prefix: str) -> set[int]:
        """Item numbers the survey has a column for under ``prefix``."""
        regex = self.templates[prefix][1]
        found = {int(m.group(1)) for c in self.cols if isinstance(c, str) and (m := regex.fullmatch(c))}
        found = {n for n in found if self.label(prefix, n) in self.cols}
        return found | {int(t[1:]) for t in self.renamed if t[0] == prefix}


def numbered_columns_hint(cols: Iterable[Any], prefixes: str) -> str:
    """A hint naming the survey's numbered column families (e1-e23, a01-a22) and a columns= for them."""
    stems: dict[str, list[tuple[int, str]]] = {}
    for c in cols:
        if isinstance(c, str) and (m := re.fullmatch(r"(.*?\D)(\d+)", c)):
            stems.setdefault(m.group(1), []).append((int(m.group(2)), m.group(2)))
    families = sorted(((s, sorted(n)) for s, n in stems.items() if len(n) >= 2), key=lambda x: (-len(x[1]), x[0]))
    if not families:
        return ""
    shown = ", ".join(f"{s}{n[0][1]}-{s}{n[-1][1]}" for s, n in families[:4])
    patterns = [s + (f"{{:0{len(n[0][1])}d}}" if n[0][1].startswith("0") else "") for s, n in families]
    named = prefixes[-len(patterns):]  # with fewer families than prefixes, P first: SERVPERF
    example = ", ".join(f"'{p}': '{pattern}'" for p, pattern in zip(named, patterns))
    return (f" Its numbered columns are {shown}: if those are your items, say which holds which, "
            f"e.g. columns={{{example}}}.")
