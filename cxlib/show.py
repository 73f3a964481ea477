"""Showing results to readers: numbers rounded once, whole people, text tables that wrap.

The lessons and plots print numbers through these helpers so that one value never appears
as -1.92 in a table and -1.93 in a chart, no zero shows as "-0.00", counts of people are
whole, and long text in a table wraps instead of being cut off with "...".

- :func:`number` -- a value rounded exactly as ``DataFrame.round`` rounds it, as text.
- :func:`count` -- a count of people (or complaints) as a whole number with thousands commas.
- :func:`table` -- a table whose text columns wrap and align left, in JupyterLab and as
  plain text.

>>> number(-1.925), number(-0.004), number(0.1, sign=True)
('-1.92', '0.00', '+0.10')
>>> count(1378.125), count(0.3)
('1,378', 'fewer than 1')
"""

from __future__ import annotations

import html
import textwrap
from typing import Any

import numpy as np
import pandas as pd

from ._validate import InputError

__all__ = ["number", "count", "table", "TextTable"]


def number(value: float, decimals: int = 2, sign: bool = False) -> str:
    """``value`` rounded to ``decimals`` as text, the way a rounded pandas table shows it.

    pandas rounds with numpy (half to even on the scaled value), while an f-string rounds
    the exact binary value, so ``f"{-1.925:.2f}"`` gives -1.93 where ``.round(2)`` gives -1.92.
    This helper rounds like pandas, so charts and sentences agree with tables. A value that
    rounds to zero shows as 0.00, never -0.00; ``sign=True`` writes + before positive values.

    >>> number(4.175), f"{4.175:.2f}"
    ('4.18', '4.17')
    >>> number(-0.0), number(-0.001, 2, sign=True), number(0.25, 1, sign=True)
    ('0.00', '0.00', '+0.2')
    >>> number(float("nan"))
    'n/a'
    """
    value = float(value)
    if np.isnan(value):
        return "n/a"
    rounded = float(np.round(value, decimals)) + 0.0  # + 0.0 turns -0.0 into 0.0
    if rounded == 0:
        return f"{0:.{decimals}f}"
    return f"{rounded:{'+' if sign else ''}.{decimals}f}"


def count(value: float) -> str:
    """A number of people as a whole number with thousands commas (people are whole).

    The maths keeps exact shares (1,000 x 0.131 = 131.0 customers is fine, 131.1 is not a
    person); only what a reader sees is rounded.

    >>> count(609.75), count(1000), count(0)
    ('610', '1,000', '0')
    """
    value = float(value)
    if np.isnan(value):
        return "n/a"
    if 0 < value < 0.5:
        return "fewer than 1"
    return f"{int(np.round(value)):,}"


class TextTable:
    """A table for reading: text columns wrap and align left, numbers align right.

    Shown as HTML in JupyterLab (nothing is cut off with "...") and as a plain-text table
    everywhere else. Build it with :func:`table`.
    """

    def __init__(self, frame: pd.DataFrame, index: bool, width: int, counts: tuple[str, ...] = ()) -> None:
        self.frame = frame.copy()
        self.index = index
        self.width = width
        self.counts = tuple(counts)

    def _rows(self) -> tuple[list[str], list[list[str]], list[bool]]:
        frame = self.frame
        header = ([str(frame.index.name or "")] if self.index else []) + [str(c) for c in frame.columns]
        numeric = ([False] if self.index else []) + [
            pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(frame[c])
            for c in frame.columns]
        rows = []
        whole = [c in self.counts for c in frame.columns]
        places = [_decimals(frame[c]) for c in frame.columns]   # one number of decimals per column
        for label, row in zip(frame.index, frame.itertuples(index=False)):
            cells = [count(v) if w else _text(v, d) for v, w, d in zip(row, whole, places)]
            rows.append(([_text(label)] if self.index else []) + cells)
        return header, rows, numeric

    def _repr_html_(self) -> str:
        header, rows, numeric = self._rows()
        cell = "padding:4px 10px;vertical-align:top;white-space:normal;border:none;"
        th = "".join(f'<th style="{cell}text-align:{"right" if n else "left"}">{html.escape(h)}</th>'
                     for h, n in zip(header, numeric))
        body = []
        for k, row in enumerate(rows):
            shade = "background:#f5f5f5;" if k % 2 else ""
            tds = []
            for j, (value, n) in enumerate(zip(row, numeric)):
                weight = "font-weight:bold;" if self.index and j == 0 else ""
                limit = "" if n else f"max-width:{self.width}ch;"
                tds.append(f'<td style="{cell}{shade}{weight}{limit}text-align:{"right" if n else "left"}">'
                           f"{html.escape(value)}</td>")
            body.append("<tr>" + "".join(tds) + "</tr>")
        return (f'<table class="cx-text-table" style="border-collapse:collapse;margin:4px 0">'
                f'<thead><tr style="border-bottom:1px solid #999">{th}</tr></thead>'
                f'<tbody>{"".join(body)}</tbody></table>')

    def __repr__(self) -> str:
        header, rows, numeric = self._rows()
        columns = list(zip(header, *rows)) if rows else [(h,) for h in header]
        widths = [min(self.width, max(len(s) for s in col)) for col in columns]
        lines = []
        for row in [header, *rows]:
            wrapped = [textwrap.wrap(v, w) or [""] for v, w in zip(row, widths)]
            for k in range(max(len(c) for c in wrapped)):
                parts = []
                for c, w, n in zip(wrapped, widths, numeric):
                    piece = c[k] if k < len(c) else ""
                    parts.append(piece.rjust(w) if n else piece.ljust(w))
                lines.append("  ".join(parts).rstrip())
            if row is header:
                lines.append("  ".join("-" * w for w in widths))
        return "\n".join(lines)


def _decimals(column: pd.Series) -> int | None:
    """Decimals that show every value of a float column as it is (at most 4), or None."""
    if not pd.api.types.is_float_dtype(column):
        return None
    values = column.dropna().to_numpy(float)
    for places in range(5):
        if np.allclose(values, np.round(values, places), rtol=0, atol=1e-9):
            return places
    return 4


def _text(value: Any, places: int | None = None) -> str:
    if isinstance(value, (list, tuple)):
        return "; ".join(_text(v) for v in value)
    if isinstance(value, (float, np.floating)):
        if np.isnan(value):
            return ""
        return number(value, places) if places is not None else f"{value:g}"
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value)


def table(frame: pd.DataFrame | pd.Series, index: bool | None = None, width: int = 60,
          counts: list[str] | tuple[str, ...] = ()) -> TextTable:
    """Show ``frame`` for reading: text wraps (at about ``width`` characters), nothing is cut off.

    ``index`` shows the row labels as a first, bold column (default: unless they are pandas'
    default 0, 1, 2, ...). Lists in a cell are joined with "; ". Numbers show as they are: round them
    first (``frame.round(2)``) if needed.

    >>> steps = pd.DataFrame({"step": ["Identify", "Assess"],
    ...                       "what": ["Confirm what the complaint is.", "Judge how serious it is."]})
    >>> table(steps, width=20)
    step      what
    --------  --------------------
    Identify  Confirm what the
              complaint is.
    Assess    Judge how serious it
              is.
    >>> table(pd.DataFrame({"customers": [2000.0, 131.1]}, index=["satisfied", "silent"]), counts=["customers"])
               customers
    ---------  ---------
    satisfied      2,000
    silent           131
    """
    if isinstance(frame, pd.Series):
        frame = frame.to_frame()
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"text_table shows a pandas DataFrame or Series, got {type(frame).__name__}")
    missing = [c for c in counts if c not in frame.columns]
    if missing:
        raise InputError(f"counts names columns the table does not have: {', '.join(map(str, missing))}")
    if index is None:  # hide only pandas' default labels 0, 1, 2, ...
        default = isinstance(frame.index, pd.RangeIndex) and frame.index.start == 0 and frame.index.step == 1
        index = not default
    return TextTable(frame, bool(index), int(width), tuple(counts))
