"""Input checks shared by every cxlib module.

Each function either returns a clean *new* object or raises :class:`InputError` (a
``ValueError``) or ``TypeError`` with a sentence that names the problem: which column, which
rows, which value, and what was expected. Nothing passed in is ever modified.

>>> import pandas as pd
>>> survey = pd.DataFrame({"P1": [5, 9, 6]})
>>> require_scores(survey, ["P1"], (1, 7), what="survey")
Traceback (most recent call last):
...
cxlib._validate.InputError: survey column P1 has a value outside the 1-7 scale: row 1 is 9. Fix or remove that row.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from numbers import Real
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "InputError",
    "require_frame",
    "require_columns",
    "require_scores",
    "require_score_matrix",
    "require_weights",
    "require_share",
    "require_count",
    "require_number",
    "require_choice",
    "show_rows",
    "rows_at",
    "require_filled",
    "require_unique_columns",
]

_SHOW = 5  # how many offending rows an error message lists


class InputError(ValueError):
    """Bad input to a cxlib function; the message says what to fix."""


class _At:
    """A row named by its position, for frames whose index repeats labels (see :func:`rows_at`)."""

    __slots__ = ("position", "label")

    def __init__(self, position: int, label: Any) -> None:
        self.position, self.label = position, label


def rows_at(index: pd.Index, mask: Any) -> list:
    """The rows of ``index`` where ``mask`` is true, as :func:`show_rows` should name them.

    Labels when they are unique; when the index repeats a label, "row 0" is ambiguous, so the
    rows are named by position (``frame.iloc[p]``) and label.

    >>> show_rows(rows_at(pd.Index([10, 11, 12]), [False, True, False]))
    'row 11'
    >>> show_rows(rows_at(pd.Index([0, 1, 0]), [False, False, True]), [9])
    'row at position 2 (label 0) is 9'
    """
    positions = np.flatnonzero(np.asarray(mask, dtype=bool))
    if index.is_unique:
        return list(index[positions])
    return [_At(int(p), index[p]) for p in positions]


def show_rows(labels: Sequence[Any], values: Sequence[Any] | None = None) -> str:
    """Name the first few offending rows, e.g. ``"rows 3, 8 are 9, 0"``.

    ``labels`` are row labels, or :func:`rows_at`'s answer (positions where labels repeat).

    >>> show_rows([3, 8], [9, 0])
    'rows 3, 8 are 9, 0'
    >>> show_rows([1], [9])
    'row 1 is 9'
    >>> show_rows(list(range(7)))
    'rows 0, 1, 2, 3, 4 and 2 more'
    """
    labels = list(labels)
    more = f" and {len(labels) - _SHOW} more" if len(labels) > _SHOW else ""
    one = len(labels) == 1
    if labels and all(isinstance(x, _At) for x in labels):
        shown = labels[:_SHOW]
        where = ", ".join(str(x.position) for x in shown)
        named = ", ".join(str(x.label) for x in shown)
        head = (f"row at position {where} (label {named})" if one
                else f"rows at positions {where}{more} (labels {named})")
        more = ""
    else:
        head = ("row " if one else "rows ") + ", ".join(str(x) for x in labels[:_SHOW])
    if values is None:
        return f"{head}{more}"
    shown_values = ", ".join(repr(v) if isinstance(v, str) else _num(v) for v in list(values)[:_SHOW])
    return f"{head}{more} {'is' if one else 'are'} {shown_values}"


def _num(v: Any) -> str:
    if isinstance(v, (bool, np.bool_)):
        return str(bool(v))  # True, not 1: the learner typed True
    try:
        f = float(v)
    except (TypeError, ValueError):
        return repr(v)
    return str(int(f)) if f.is_integer() else f"{f:g}"


def require_frame(frame: Any, what: str = "table") -> pd.DataFrame:
    """Return ``frame`` if it is a non-empty DataFrame whose columns each have their own name.

    Every public function that takes a table starts here, so a repeated column name gets the
    same clear message everywhere (never a shape error deep in pandas).

    >>> require_frame([1, 2], "survey")
    Traceback (most recent call last):
    ...
    TypeError: survey must be a pandas DataFrame, got list
    >>> require_frame(pd.DataFrame([[7, 6, 5]], columns=["E1", "P1", "E1"]), "survey")
    Traceback (most recent call last):
    ...
    cxlib._validate.InputError: survey has more than one column named E1 (columns 1 and 3, counting from 1); rename or drop the extra one so each column has its own name
    """
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{what} must be a pandas DataFrame, got {type(frame).__name__}")
    require_unique_columns(frame, what)
    if frame.shape[0] == 0:
        raise InputError(f"{what} is empty: it has no rows")
    return frame


def require_unique_columns(frame: pd.DataFrame, what: str = "table") -> None:
    """Raise if two columns share a name, naming it and where the copies are (counting from 1)."""
    if not frame.columns.has_duplicates:
        return
    names = list(frame.columns)
    first = next(c for c in names if names.count(c) > 1)
    where = [str(k + 1) for k, c in enumerate(names) if c == first]
    others = sorted({str(c) for c in names if names.count(c) > 1} - {str(first)})
    also = f" (also repeated: {', '.join(others[:5])})" if others else ""
    raise InputError(
        f"{what} has more than one column named {first} (columns {', '.join(where[:-1])} and {where[-1]}, "
        f"counting from 1){also}; rename or drop the extra one so each column has its own name"
    )


def require_columns(frame: pd.DataFrame, columns: Iterable[str], what: str = "table") -> None:
    """Raise if any of ``columns`` is missing from ``frame``, naming every missing one.

    >>> require_columns(pd.DataFrame({"E1": [7]}), ["E1", "P1"], "survey")
    Traceback (most recent call last):
    ...
    cxlib._validate.InputError: survey has no column P1 (it has: E1)
    """
    columns = list(columns)
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        have = ", ".join(map(str, list(frame.columns)[:12]))
        more = ", ..." if frame.shape[1] > 12 else ""
        noun = "column" if len(missing) == 1 else "columns"
        raise InputError(
            f"{what} has no {noun} {', '.join(map(str, missing))} (it has: {have}{more})"
        )


def require_filled(values: pd.Series, column: str, what: str, dropna: bool | None,
                   fix: str = "Fill the blanks", dropped: str = "leave those rows out") -> pd.Series:
    """Mask of the non-blank rows of ``values``; blanks raise, naming the rows, unless ``dropna``.

    ``dropna=None`` means the calling function has no ``dropna`` option, so the message does
    not offer one.

    >>> require_filled(pd.Series(["a", None]), "cause", "complaint log", dropna=False)
    Traceback (most recent call last):
    ...
    cxlib._validate.InputError: complaint log column cause is blank in row 1. Fill the blanks, or pass dropna=True to leave those rows out.
    >>> require_filled(pd.Series(["a", None]), "cause", "complaint log", dropna=True).tolist()
    [True, False]
    """
    blank = values.isna()
    if blank.any() and not dropna:
        raise InputError(f"{what} column {column} is blank in {show_rows(rows_at(values.index, blank))}. "
                         + _blank_fix(dropna, fix, dropped))
    return ~blank


def _blank_fix(dropna: bool | None, fix: str = "Fill the blanks",
               dropped: str = "leave those respondents out") -> str:
    return f"{fix}." if dropna is None else f"{fix}, or pass dropna=True to {dropped}."


def _is_plain_number(dtype: Any) -> bool:
    return pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype)


def require_scores(
    frame: pd.DataFrame,
    columns: Iterable[str],
    scale: tuple[float, float] | None,
    what: str = "survey",
    dropna: bool | None = None,
) -> pd.DataFrame:
    """Return ``frame[columns]`` as floats after checking every value.

    Non-numeric values, blanks and values outside ``scale`` (``(low, high)``, inclusive;
    ``None`` skips the range check) raise an :class:`InputError` naming the column and the
    first offending rows. ``dropna=True`` drops rows with a blank instead; ``dropna=None``
    (the default) is for callers without that option: their message does not offer it.

    >>> require_scores(pd.DataFrame({"E1": [7, None]}), ["E1"], (1, 7), dropna=False)
    Traceback (most recent call last):
    ...
    cxlib._validate.InputError: survey column E1 is blank in row 1. Fill the blanks, or pass dropna=True to leave those respondents out.
    >>> require_scores(pd.DataFrame({"E1": [7, None]}), ["E1"], (1, 7), dropna=True)
        E1
    0  7.0
    """
    columns = list(columns)
    require_columns(frame, columns, what)
    require_unique_columns(frame, what)
    if scale is not None:
        lo, hi = _check_scale(scale)
    block = frame.loc[:, columns]
    if all(_is_plain_number(t) for t in block.dtypes):  # fast path: one vectorised copy
        clean = pd.DataFrame(block.to_numpy(dtype=float, na_value=np.nan), index=block.index, columns=columns)
    else:
        out = {}
        for col in columns:
            raw = block[col]
            if pd.api.types.is_bool_dtype(raw.dtype):
                raise InputError(f"{what} column {col} holds True/False, not scores; use numbers")
            flags = raw.map(lambda v: isinstance(v, (bool, np.bool_))).to_numpy(dtype=bool)
            if flags.any():  # True/False beside blanks: pandas stores them as objects, to_numeric reads 1/0
                raise InputError(f"{what} column {col} holds True/False, not scores: "
                                 f"{show_rows(rows_at(raw.index, flags), raw[flags].tolist())}; use numbers")
            num = pd.to_numeric(raw, errors="coerce")
            bad = num.isna() & raw.notna()
            if bad.any():
                raise InputError(
                    f"{what} column {col} is not numeric: {show_rows(rows_at(raw.index, bad), raw[bad].tolist())}. "
                    "Use numbers only (no text or labels)."
                )
            out[col] = num.astype(float)
        clean = pd.DataFrame(out, index=block.index)
    positions = np.arange(clean.shape[0])
    blank = clean.isna().to_numpy()
    if blank.any():
        if dropna:
            keep = ~blank.any(axis=1)
            clean, positions = clean.loc[keep], positions[keep]
            if clean.shape[0] == 0:
                raise InputError(f"{what} has no complete rows once blanks are dropped")
        else:
            j = int(np.argmax(blank.any(axis=0)))
            raise InputError(
                f"{what} column {columns[j]} is blank in {show_rows(rows_at(block.index, blank[:, j]))}. "
                + _blank_fix(dropna)
            )
    if scale is not None:
        values = clean.to_numpy()
        outside = (values < lo) | (values > hi) | ~np.isfinite(values)
        if outside.any():
            j = int(np.argmax(outside.any(axis=0)))
            col = columns[j]
            mask = np.zeros(block.shape[0], dtype=bool)
            mask[positions[outside[:, j]]] = True
            one = mask.sum() == 1
            raise InputError(
                f"{what} column {col} has {'a value' if one else 'values'} outside the "
                f"{_num(lo)}-{_num(hi)} scale: "
                f"{show_rows(rows_at(block.index, mask), values[outside[:, j], j].tolist())}. "
                + ("Fix or remove that row." if one
                   else "Fix or remove those rows (or pass the right scale=).")
            )
    return clean


def require_score_matrix(
    frame: pd.DataFrame,
    columns: Iterable[str],
    scale: tuple[float, float] | None,
    what: str = "survey",
    dropna: bool | None = None,
) -> tuple[np.ndarray, pd.Index]:
    """Like :func:`require_scores`, but return ``(values, rows)``: a numeric array and the rows kept.

    Built for big surveys: numpy int, uint and float columns are read as they are stored
    (often a read-only view, no copy) and checked with one column min/max; nullable pandas
    dtypes are converted to float. Anything else (text, blanks, values outside ``scale``) goes
    through :func:`require_scores`, which names the column and rows, or drops blank rows when
    ``dropna=True``. Never write into ``values``. Small dtypes stay small (int8, uint8...), so
    compute with ``dtype=float`` (``np.subtract(p, e, dtype=float)``) to avoid overflow.

    >>> values, rows = require_score_matrix(pd.DataFrame({"E1": [7, 5], "P1": [6, 6]}), ["E1", "P1"], (1, 7))
    >>> values.tolist(), rows.tolist()
    ([[7, 6], [5, 6]], [0, 1])
    >>> require_score_matrix(pd.DataFrame({"E1": [7, 0]}), ["E1"], (1, 7))
    Traceback (most recent call last):
    ...
    cxlib._validate.InputError: survey column E1 has a value outside the 1-7 scale: row 1 is 0. Fix or remove that row.
    """
    columns = list(columns)
    require_columns(frame, columns, what)
    require_unique_columns(frame, what)
    block = frame.loc[:, columns]
    if all(_is_plain_number(t) for t in block.dtypes) and block.shape[0] > 0:
        native = all(isinstance(t, np.dtype) and t.kind in "iuf" for t in block.dtypes)
        values = block.to_numpy() if native else block.to_numpy(dtype=float, na_value=np.nan)
        low, high = values.min(axis=0), values.max(axis=0)  # NaN propagates into both
        if scale is None:
            fine = np.isfinite(low).all() and np.isfinite(high).all()
        else:
            lo, hi = _check_scale(scale)
            fine = bool((low >= lo).all() and (high <= hi).all())
        if fine:
            return values, block.index
    clean = require_scores(frame, columns, scale, what, dropna)
    return clean.to_numpy(dtype=float), clean.index


def _check_scale(scale: Any) -> tuple[float, float]:
    try:
        lo, hi = (float(x) for x in scale)
    except (TypeError, ValueError):
        raise TypeError(f"scale must be a pair (low, high), got {scale!r}") from None
    if not (math.isfinite(lo) and math.isfinite(hi)) or lo >= hi:
        raise InputError(f"scale must be (low, high) with low < high, got {scale!r}")
    return lo, hi


def require_number(value: Any, name: str) -> float:
    """Return ``value`` as a finite float, or raise naming ``name``.

    >>> require_number("7", "expectation")
    Traceback (most recent call last):
    ...
    TypeError: expectation must be a number, got str '7'
    """
    if isinstance(value, bool) or not isinstance(value, (Real, np.integer, np.floating)):
        shown = f" {value!r}" if isinstance(value, str) else ""
        raise TypeError(f"{name} must be a number, got {type(value).__name__}{shown}")
    f = float(value)
    if not math.isfinite(f):
        raise InputError(f"{name} must be a finite number, got {value!r}")
    return f


def require_share(value: Any, name: str) -> float:
    """A proportion between 0 and 1 inclusive.

    A share computed as one minus the others can miss 0 or 1 by a rounding error; within
    1e-12 of either end it is taken as that end.

    >>> require_share(0.69, "silent")
    0.69
    >>> require_share(1 - 0.9 - 0.1, "silent")  # -2.8e-17, 0 on paper
    0.0
    >>> require_share(69, "silent")
    Traceback (most recent call last):
    ...
    cxlib._validate.InputError: silent must be a share between 0 and 1, got 69 (write 69% as 0.69)
    """
    f = require_number(value, name)
    if -1e-12 < f < 0.0 or 1.0 < f < 1.0 + 1e-12:
        f = float(round(f))
    if not 0.0 <= f <= 1.0:
        if 2 <= f <= 100:
            tip = f" (write {_num(f)}% as {f / 100:g})"
        elif f > 1:
            tip = " (a share is a fraction of the whole: 69% is 0.69, all of them is 1)"
        else:
            tip = ""
        raise InputError(f"{name} must be a share between 0 and 1, got {_num(f)}{tip}")
    return f


def require_count(value: Any, name: str, whole: bool = False) -> float:
    """A non-negative number of people, tickets, complaints...; ``whole=True``: no fractions.

    >>> require_count(-3, "customers")
    Traceback (most recent call last):
    ...
    cxlib._validate.InputError: customers must be zero or more, got -3
    >>> require_count(9000.5, "customers", whole=True)
    Traceback (most recent call last):
    ...
    cxlib._validate.InputError: customers counts people, so it must be a whole number, got 9000.5
    """
    f = require_number(value, name)
    if f < 0:
        raise InputError(f"{name} must be zero or more, got {_num(f)}")
    if whole and not f.is_integer():
        raise InputError(f"{name} counts people, so it must be a whole number, got {_num(f)}")
    return f


def require_choice(value: Any, options: Sequence[str], name: str) -> str:
    """Return the option ``value`` names (case, spaces and hyphens ignored), else list the options.

    >>> require_choice("Face to face", ["face_to_face", "phone"], "channel")
    'face_to_face'
    >>> require_choice("furious", ["calm", "upset", "angry"], "customer_state")
    Traceback (most recent call last):
    ...
    cxlib._validate.InputError: customer_state 'furious' is not one of: calm, upset, angry
    """
    options = [str(o) for o in options]
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string, one of: {', '.join(options)}; got {type(value).__name__}")
    key = value.strip().lower().replace(" ", "_").replace("-", "_")
    for option in options:
        if key == option.lower():
            return option
    raise InputError(f"{name} {value!r} is not one of: {', '.join(options)}")


def require_weights(
    weights: Mapping[str, Any] | pd.Series,
    names: Sequence[str],
    what: str = "weights",
    allow_missing: bool = False,
) -> pd.Series:
    """Check a mapping ``name -> weight`` and return it normalised to sum to 1.

    Keys must be among ``names``; every weight must be a finite number >= 0 and at least one
    must be positive. Missing names raise unless ``allow_missing`` (then they weigh 0).
    The result is indexed by ``names`` in that order.

    >>> require_weights({"a": 30, "b": 70}, ["a", "b"]).tolist()
    [0.3, 0.7]
    >>> require_weights({"a": 1, "c": 1}, ["a", "b"])
    Traceback (most recent call last):
    ...
    cxlib._validate.InputError: weights name c, which is not one of: a, b
    """
    if isinstance(weights, pd.Series):
        items = list(weights.items())
    elif isinstance(weights, Mapping):
        items = list(weights.items())
    else:
        raise TypeError(
            f"{what} must be a mapping such as {{'{names[0]}': 30, ...}} or a pandas Series, "
            f"got {type(weights).__name__}"
        )
    names = list(names)
    unknown = [str(k) for k, _ in items if k not in names]
    if unknown:
        raise InputError(f"{what} name {', '.join(unknown)}, which is not one of: {', '.join(map(str, names))}")
    keys = [k for k, _ in items]
    if len(set(keys)) != len(keys):
        raise InputError(f"{what} give the same name twice")
    given = {k: require_number(v, f"{what}[{k!r}]") for k, v in items}
    bad = {k: v for k, v in given.items() if v < 0}
    if bad:
        k, v = next(iter(bad.items()))
        raise InputError(f"{what} must not be negative: {k} is {_num(v)}")
    missing = [n for n in names if n not in given]
    if missing and not allow_missing:
        raise InputError(f"{what} give no weight for {', '.join(map(str, missing))}; give every one (0 is allowed)")
    series = pd.Series([given.get(n, 0.0) for n in names], index=names, dtype=float)
    total = series.sum()
    if total <= 0:
        raise InputError(f"{what} are all zero; at least one must be positive")
    return series / total


def require_flag(value: Any, name: str) -> bool:
    """Return ``value`` if it is True or False; text such as ``"False"`` (which is truthy) raises.

    >>> require_flag("False", "higher_is_better")
    Traceback (most recent call last):
    ...
    TypeError: higher_is_better must be True or False, got str 'False'
    """
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    shown = f" {value!r}" if isinstance(value, (str, Real)) else ""
    raise TypeError(f"{name} must be True or False, got {type(value).__name__}{shown}")
