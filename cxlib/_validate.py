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
    "require_filled",
]

_SHOW = 5  # how many offending rows an error message lists


class InputError(ValueError):
    """Bad input to a cxlib function; the message says what to fix."""


def show_rows(labels: Sequence[Any], values: Sequence[Any] | None = None) -> str:
    """Name the first few offending rows, e.g. ``"rows 3, 8 (values 9, 0)"``.

    >>> show_rows([3, 8], [9, 0])
    'rows 3, 8 are 9, 0'
    >>> show_rows([1], [9])
    'row 1 is 9'
    >>> show_rows(list(range(7)))
    'rows 0, 1, 2, 3, 4 and 2 more'
    """
    labels = list(labels)
    head = ", ".join(str(x) for x in labels[:_SHOW])
    more = f" and {len(labels) - _SHOW} more" if len(labels) > _SHOW else ""
    noun = "row" if len(labels) == 1 else "rows"
    if values is None:
        return f"{noun} {head}{more}"
    shown = ", ".join(repr(v) if isinstance(v, str) else _num(v) for v in list(values)[:_SHOW])
    verb = "is" if len(labels) == 1 else "are"
    return f"{noun} {head}{more} {verb} {shown}"


def _num(v: Any) -> str:
    try:
        f = float(v)
    except (TypeError, ValueError):
        return repr(v)
    return str(int(f)) if f.is_integer() else f"{f:g}"


def require_frame(frame: Any, what: str = "table") -> pd.DataFrame:
    """Return ``frame`` if it is a non-empty DataFrame, else explain what it is.

    >>> require_frame([1, 2], "survey")
    Traceback (most recent call last):
    ...
    TypeError: survey must be a pandas DataFrame, got list
    """
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{what} must be a pandas DataFrame, got {type(frame).__name__}")
    if frame.shape[0] == 0:
        raise InputError(f"{what} is empty: it has no rows")
    return frame


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


def require_filled(values: pd.Series, column: str, what: str, dropna: bool,
                   fix: str = "Fill the blanks", dropped: str = "leave those rows out") -> pd.Series:
    """Mask of the non-blank rows of ``values``; blanks raise, naming the rows, unless ``dropna``.

    >>> require_filled(pd.Series(["a", None]), "cause", "complaint log", dropna=False)
    Traceback (most recent call last):
    ...
    cxlib._validate.InputError: complaint log column cause is blank in row 1. Fill the blanks, or pass dropna=True to leave those rows out.
    >>> require_filled(pd.Series(["a", None]), "cause", "complaint log", dropna=True).tolist()
    [True, False]
    """
    blank = values.isna()
    if blank.any() and not dropna:
        raise InputError(f"{what} column {column} is blank in {show_rows(values.index[blank])}. "
                         f"{fix}, or pass dropna=True to {dropped}.")
    return ~blank


def require_scores(
    frame: pd.DataFrame,
    columns: Iterable[str],
    scale: tuple[float, float] | None,
    what: str = "survey",
    dropna: bool = False,
) -> pd.DataFrame:
    """Return ``frame[columns]`` as floats after checking every value.

    Non-numeric values, blanks (unless ``dropna=True``, which drops those rows) and values
    outside ``scale`` (``(low, high)``, inclusive; ``None`` skips the range check) raise an
    :class:`InputError` naming the column and the first offending rows.

    >>> require_scores(pd.DataFrame({"E1": [7, None]}), ["E1"], (1, 7))
    Traceback (most recent call last):
    ...
    cxlib._validate.InputError: survey column E1 is blank in row 1. Fill the blanks, or pass dropna=True to leave those respondents out.
    >>> require_scores(pd.DataFrame({"E1": [7, None]}), ["E1"], (1, 7), dropna=True)
        E1
    0  7.0
    """
    columns = list(columns)
    require_columns(frame, columns, what)
    if scale is not None:
        lo, hi = _check_scale(scale)
    block = frame.loc[:, columns]
    numeric = all(
        pd.api.types.is_numeric_dtype(t) and not pd.api.types.is_bool_dtype(t) for t in block.dtypes
    )
    if numeric:  # fast path: one vectorised copy
        clean = pd.DataFrame(block.to_numpy(dtype=float), index=block.index, columns=columns)
    else:
        out = {}
        for col in columns:
            raw = block[col]
            num = pd.to_numeric(raw, errors="coerce")
            bad = num.isna() & raw.notna()
            if bad.any():
                rows = raw.index[bad]
                raise InputError(
                    f"{what} column {col} is not numeric: {show_rows(rows, raw[bad].tolist())}. "
                    "Use numbers only (no text or labels)."
                )
            out[col] = num.astype(float)
        clean = pd.DataFrame(out, index=block.index)
    blank = clean.isna()
    if blank.to_numpy().any():
        if dropna:
            clean = clean.loc[~blank.any(axis=1)]
            if clean.shape[0] == 0:
                raise InputError(f"{what} has no complete rows once blanks are dropped")
        else:
            col = blank.any()[lambda s: s].index[0]
            rows = clean.index[blank[col]]
            raise InputError(
                f"{what} column {col} is blank in {show_rows(rows)}. Fill the blanks, or pass "
                "dropna=True to leave those respondents out."
            )
    if scale is not None:
        values = clean.to_numpy()
        outside = (values < lo) | (values > hi) | ~np.isfinite(values)
        if outside.any():
            j = int(np.argmax(outside.any(axis=0)))
            col = columns[j]
            mask = outside[:, j]
            one = mask.sum() == 1
            raise InputError(
                f"{what} column {col} has {'a value' if one else 'values'} outside the "
                f"{_num(lo)}-{_num(hi)} scale: "
                f"{show_rows(clean.index[mask], clean[col][mask].tolist())}. "
                + ("Fix or remove that row." if one
                   else "Fix or remove those rows (or pass the right scale=).")
            )
    return clean


def require_score_matrix(
    frame: pd.DataFrame,
    columns: Iterable[str],
    scale: tuple[float, float] | None,
    what: str = "survey",
    dropna: bool = False,
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
    block = frame.loc[:, columns]
    if block.shape[1] != len(columns):
        twice = [c for c in columns if list(frame.columns).count(c) > 1]
        raise InputError(f"{what} has more than one column named {', '.join(map(str, twice[:5]))}")
    numeric = all(
        pd.api.types.is_numeric_dtype(t) and not pd.api.types.is_bool_dtype(t) for t in block.dtypes
    )
    if numeric and block.shape[0] > 0:
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

    >>> require_share(0.69, "silent")
    0.69
    >>> require_share(69, "silent")
    Traceback (most recent call last):
    ...
    cxlib._validate.InputError: silent must be a share between 0 and 1, got 69 (write 69% as 0.69)
    """
    f = require_number(value, name)
    if not 0.0 <= f <= 1.0:
        tip = f" (write {_num(f)}% as {f / 100:g})" if 1 < f <= 100 else ""
        raise InputError(f"{name} must be a share between 0 and 1, got {_num(f)}{tip}")
    return f


def require_count(value: Any, name: str) -> float:
    """A non-negative number of people, tickets, complaints...

    >>> require_count(-3, "customers")
    Traceback (most recent call last):
    ...
    cxlib._validate.InputError: customers must be zero or more, got -3
    """
    f = require_number(value, name)
    if f < 0:
        raise InputError(f"{name} must be zero or more, got {_num(f)}")
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
