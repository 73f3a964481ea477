"""The 5GAP service-quality gap model (Parasuraman, Zeithaml and Berry, 1985; seeds 000, 002).

Gap 5, customer expectation vs perceived service, is what customers feel; it closes only when
the four provider gaps behind it close (seed 000). Sign convention throughout: a gap is the
later level minus the earlier one, so **negative = shortfall**.

- :func:`measure` -- gaps 1-5 from six measured levels, one row per service dimension.
- :func:`priority` / :func:`advice` -- which of gaps 1-4 to close first, as a number / in words.
- :func:`predicted_gap5` -- the course's teaching model: customers judge what is delivered
  against the higher of expectation and promise, gap 5 = min(gap 1 + gap 2 + gap 3, gap 4).
- :func:`sla_breaches` / :func:`sla_summary` -- tickets checked against a response and repair
  promise (seed 002's Haier promise: 2 h, 24 h, 72 h), as evidence of gap 4.
- ``GAPS`` (names, comparisons, causes, side), ``LEVELS``, ``HAIER_PROMISE``.

>>> audit = pd.DataFrame({"expectation": [6.5], "management_perception": [6.3], "standard": [6.2],
...     "delivered": [5.0], "promised": [5.3], "perceived": [4.8]}, index=["reliability"])
>>> measure(audit).round(2).loc["reliability"].tolist()
[-0.2, -0.1, -1.2, -0.3, -1.7]
>>> advice(measure(audit).loc["reliability"])
'Close gap 3 (not delivering to service standards) first: -1.20, the largest shortfall.'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from ._validate import InputError, require_columns, require_frame, require_number, require_scores, rows_at, show_rows

__all__ = [
    "GAPS",
    "LEVELS",
    "HAIER_PROMISE",
    "measure",
    "priority",
    "advice",
    "predicted_gap5",
    "sla_breaches",
    "sla_summary",
]

LEVELS = ("expectation", "management_perception", "standard", "delivered", "promised", "perceived")
"""The six levels the model compares, as column names for :func:`measure`."""

GAPS = pd.DataFrame(
    [
        (1, "not knowing what customers expect", "不了解客户期望", "management_perception - expectation",
         "crosses the line (customer vs provider)",
         ("managers lack service awareness and chase short-term profit",
          "poor upward communication: what front-line staff learn never reaches the top",
          "too many management layers distort the information")),
        (2, "not the right service designs and standards", "未选择正确的服务设计和标准",
         "standard - management_perception", "provider",
         ("management does not value quality management, so there are no rules to follow",
          "managers do not understand how to meet the needs, so the design cannot work "
          "(the service department and management hold different information)")),
        (3, "not delivering to service standards", "未按标准提供服务", "delivered - standard", "provider",
         ("weak cohesion: staff share no view of what good service is",
          "staff knowledge, skills or temperament do not suit the job",
          "performance measures miss what customers care about",
          "role ambiguity and role conflict")),
        (4, "performance not matching promises", "服务绩效与服务承诺不相匹配", "delivered - promised", "provider",
         ("advertising over-promises: the agency never talks to front-line staff",
          "other departments coordinate badly with service, so promises shrink in execution",
          "service policy is inconsistent with the processes")),
        (5, "the customer gap", "客户差距", "perceived - expectation", "customer",
         ("the result of gaps 1-4; it closes only when they close",)),
    ],
    columns=["gap", "name", "chinese", "formula", "side", "causes"],
).set_index("gap")
"""Gaps 1-5: name, Chinese name, formula (negative = shortfall), side of the customer/provider
line, and causes (seed 002; gap names also seed 000)."""

HAIER_PROMISE = {"respond_h": 2, "ordinary_fix_h": 24, "major_fix_h": 72}
"""Haier commercial air conditioning's service promise (seed 002): respond within 2 hours of a
fault report, fix ordinary faults within 24 hours and major faults within 72 hours."""

_GAP_COLUMNS = ("gap1", "gap2", "gap3", "gap4")


def measure(frame: pd.DataFrame, scale: tuple[float, float] | None = (1, 7)) -> pd.DataFrame:
    """Gaps 1-5 for every row (one row per service dimension) of a table of six levels.

    ``frame`` needs the columns of ``LEVELS`` on ``scale`` (``None`` skips the range check).
    gap1 = management_perception - expectation, gap2 = standard - management_perception,
    gap3 = delivered - standard, gap4 = delivered - promised, gap5 = perceived - expectation.
    Negative means a shortfall. The index is kept.

    >>> audit = pd.DataFrame({"expectation": [6], "management_perception": [5], "standard": [5],
    ...     "delivered": [4], "promised": [6]}, index=["responsiveness"])
    >>> measure(audit)
    Traceback (most recent call last):
    ...
    cxlib._validate.InputError: gap audit has no column perceived (it has: expectation, management_perception, standard, delivered, promised)
    """
    require_frame(frame, "gap audit")
    levels = require_scores(frame, LEVELS, scale, what="gap audit")
    gaps = pd.DataFrame(
        {
            "gap1": levels["management_perception"] - levels["expectation"],
            "gap2": levels["standard"] - levels["management_perception"],
            "gap3": levels["delivered"] - levels["standard"],
            "gap4": levels["delivered"] - levels["promised"],
            "gap5": levels["perceived"] - levels["expectation"],
        },
        index=levels.index,
    )
    return gaps


def _provider_gaps(gaps: Any) -> np.ndarray:
    """gap1..gap4 as a float array, one row per case, from a Series, mapping or DataFrame."""
    if isinstance(gaps, pd.DataFrame):
        require_frame(gaps, "gaps")
        return require_scores(gaps, _GAP_COLUMNS, None, what="gaps").to_numpy()
    if isinstance(gaps, (Mapping, pd.Series)):
        missing = [g for g in _GAP_COLUMNS if g not in gaps.keys()]
        if missing:
            raise InputError(f"gaps give no value for {', '.join(missing)}; pass a row of measure(...) "
                             "or a mapping with gap1..gap4")
        return np.array([[require_number(gaps[g], g) for g in _GAP_COLUMNS]])
    raise TypeError(f"gaps must be a row or table from measure(...) or a mapping gap1..gap4, got {type(gaps).__name__}")


def _first_priority(values: np.ndarray) -> np.ndarray:
    """Per row: 1-4 for the most negative gap (lowest number among ties), 0 when none is negative."""
    lowest = values.min(axis=1, keepdims=True)
    first = np.argmax(values <= lowest + 1e-9, axis=1) + 1
    return np.where(lowest[:, 0] < 0, first, 0)


def priority(gaps: Any) -> Any:
    """The gap (1-4) to close first: the largest shortfall (most negative); ties go to the lower number.

    Pass one row of :func:`measure` (or ``measure(...).mean()``, or a mapping gap1..gap4): the
    answer is an ``int``, or ``None`` when no gap of 1-4 is negative. Pass the whole table: a
    Series with one answer per row (``<NA>`` where there is no shortfall). Gap 5 is ignored:
    it is the result, not a lever.

    >>> priority({"gap1": -0.2, "gap2": -0.1, "gap3": -1.2, "gap4": -0.3})
    3
    >>> priority({"gap1": -0.5, "gap2": 0.0, "gap3": -0.5, "gap4": 0.1}) # a tie: the lower number
    1
    >>> priority({"gap1": 0.0, "gap2": 0.2, "gap3": 0.0, "gap4": 0.1}) is None
    True
    """
    first = _first_priority(_provider_gaps(gaps))
    if isinstance(gaps, pd.DataFrame):
        return pd.Series(first, index=gaps.index, name="priority").replace(0, pd.NA).astype("Int64")
    return int(first[0]) if first[0] else None


def advice(gaps: Any) -> str:
    """:func:`priority` in plain words, for one row of gaps (or their average).

    >>> advice({"gap1": -0.2, "gap2": -0.1, "gap3": -0.4, "gap4": -1.4})
    'Close gap 4 (performance not matching promises) first: -1.40, the largest shortfall.'
    >>> advice({"gap1": 0.1, "gap2": 0.0, "gap3": 0.3, "gap4": 0.0})
    'No shortfall in gaps 1-4: nothing to close; keep them there.'
    """
    if isinstance(gaps, pd.DataFrame):
        raise TypeError("advice takes one row of gaps (or measure(...).mean()), not a whole table")
    g = priority(gaps)
    if g is None:
        return "No shortfall in gaps 1-4: nothing to close; keep them there."
    value = _provider_gaps(gaps)[0, g - 1]
    return f"Close gap {g} ({GAPS.loc[g, 'name']}) first: {value:+.2f}, the largest shortfall."


def predicted_gap5(gap1: Any, gap2: Any, gap3: Any, gap4: Any) -> Any:
    """Gap 5 by the course's teaching model: min(gap1 + gap2 + gap3, gap4).

    **A teaching simplification, not a model Parasuraman, Zeithaml and Berry estimated**
    (their 1985 paper says only that gap 5 is a function of gaps 1-4). Its two assumptions:
    customers perceive what is delivered, and they judge it against the *higher* of what they
    expected and what they were promised (a promise below their expectation does not lower
    it). So gap 5 = delivered - max(expectation, promised). Gaps 1-3 chain from expectation to
    delivery, gap1 + gap2 + gap3 = delivered - expectation, and gap 4 = delivered - promised,
    hence gap 5 = min(gap1 + gap2 + gap3, gap4): **the worse of the two shortfalls**.

    One shortfall is counted once: with promise = standard = expectation and delivery one
    point short, gap 5 = -1 (gap 3 = gap 4 = -1). The implied reference level
    delivered - gap 5 = max(expectation, promised) never leaves the rating scale. Closing a
    gap that is not the binding one leaves gap 5 unchanged. Works on numbers, arrays or Series.

    >>> predicted_gap5(0, 0, -1, -1)        # the promise is the expectation; delivery 1 short
    -1.0
    >>> round(predicted_gap5(-0.2, -0.1, -1.2, -0.3), 2)   # delivery falls short: gaps 1-3 bind
    -1.5
    >>> round(predicted_gap5(-0.2, -0.1, -0.4, -1.4), 2)   # over-promising binds: gap 4
    -1.4
    """
    parts = []
    for name, g in (("gap1", gap1), ("gap2", gap2), ("gap3", gap3), ("gap4", gap4)):
        if isinstance(g, (pd.Series, np.ndarray, list, tuple)):
            arr = pd.Series(g) if not isinstance(g, pd.Series) else g
            if not pd.api.types.is_numeric_dtype(arr) or pd.api.types.is_bool_dtype(arr):
                raise TypeError(f"{name} must hold numbers; its dtype is {arr.dtype}")
            if arr.isna().any():
                raise InputError(f"{name} is blank in {show_rows(rows_at(arr.index, arr.isna()))}")
            parts.append(g.astype(float) if isinstance(g, pd.Series) else np.asarray(g, dtype=float))
        else:
            parts.append(require_number(g, name))
    to_delivery = parts[0] + parts[1] + parts[2]   # delivered - expectation
    result = np.minimum(to_delivery, parts[3])     # delivered - max(expectation, promised)
    return float(result) if np.ndim(result) == 0 and not isinstance(result, pd.Series) else result


# --- the service promise (gap 4 evidence) ------------------------------------------------------

_TICKET_COLUMNS = ("severity", "reported_at", "responded_at", "fixed_at")
_SEVERITIES = ("ordinary", "major")


def _timestamps(tickets: pd.DataFrame, column: str, required: bool) -> pd.Series:
    raw = tickets[column]
    if pd.api.types.is_datetime64_any_dtype(raw):
        parsed = raw
    else:
        parsed = pd.to_datetime(raw, errors="coerce", format="ISO8601")
        bad = parsed.isna() & raw.notna() & (raw.astype(str).str.strip() != "")
        if bad.any():
            raise InputError(f"tickets column {column} is not a date-time: {show_rows(rows_at(raw.index, bad), raw[bad].tolist())}. "
                             "Use ISO time stamps such as 2024-07-03 14:05.")
    if getattr(parsed.dt, "tz", None) is not None:
        raise InputError(f"tickets column {column} carries a time zone; convert all columns to one local time without zone")
    if required and parsed.isna().any():
        raise InputError(f"tickets column {column} is blank in {show_rows(rows_at(parsed.index, parsed.isna()))}; every ticket needs it")
    return parsed


def sla_breaches(
    tickets: pd.DataFrame,
    respond_h: float = 2,
    ordinary_fix_h: float = 24,
    major_fix_h: float = 72,
    as_of: Any = None,
) -> pd.DataFrame:
    """Check every ticket against a response and repair promise (default: Haier's, seed 002).

    ``tickets`` needs ``severity`` (``"ordinary"`` or ``"major"``) and three ISO time stamps
    (strings or datetimes): ``reported_at`` (never blank), ``responded_at`` and ``fixed_at``
    (blank while the ticket waits). Hours are counted from ``reported_at``.

    Unfinished tickets are judged at ``as_of`` (default: the latest time stamp in the table,
    i.e. when the extract was taken): a ticket still waiting for a response or a fix *beyond*
    its limit is a breach already; one still within its limit is *pending* -- not a breach, and
    left out of the shares in :func:`sla_summary` because its outcome is not known yet.

    Returns a copy of ``tickets`` with new columns: ``response_h`` and ``fix_h`` (hours; blank
    if not done), ``fix_limit_h``, ``respond_breach`` and ``fix_breach`` (True/False),
    ``respond_pending`` and ``fix_pending`` (True while still open within the limit).

    >>> t = pd.DataFrame({"severity": ["ordinary", "major", "ordinary"],
    ...     "reported_at": ["2024-07-01 08:00", "2024-07-01 09:00", "2024-07-02 10:00"],
    ...     "responded_at": ["2024-07-01 09:30", "2024-07-01 12:00", None],
    ...     "fixed_at": ["2024-07-01 20:00", None, None]})
    >>> sla_breaches(t, as_of="2024-07-02 11:00")[["respond_breach", "fix_breach", "fix_pending"]]
       respond_breach  fix_breach  fix_pending
    0           False       False        False
    1            True       False         True
    2           False       False         True
    """
    require_frame(tickets, "tickets")
    require_columns(tickets, _TICKET_COLUMNS, "tickets")
    limits = {name: require_number(v, name) for name, v in
              (("respond_h", respond_h), ("ordinary_fix_h", ordinary_fix_h), ("major_fix_h", major_fix_h))}
    for name, v in limits.items():
        if v <= 0:
            raise InputError(f"{name} must be a positive number of hours, got {v:g}")
    severity = tickets["severity"]
    bad = ~severity.isin(_SEVERITIES)
    if bad.any():
        raise InputError(f"tickets column severity must be 'ordinary' or 'major': "
                         f"{show_rows(rows_at(severity.index, bad), severity[bad].tolist())}")
    reported = _timestamps(tickets, "reported_at", required=True)
    responded = _timestamps(tickets, "responded_at", required=False)
    fixed = _timestamps(tickets, "fixed_at", required=False)
    for name, stamp in (("responded_at", responded), ("fixed_at", fixed)):
        early = stamp < reported
        if early.any():
            raise InputError(f"tickets column {name} is before reported_at in {show_rows(rows_at(stamp.index, early))}; "
                             "check the time stamps")
    if as_of is None:
        as_of = pd.concat([reported, responded, fixed]).max()
    else:
        try:
            as_of = pd.Timestamp(as_of)
        except (TypeError, ValueError):
            raise InputError(f"as_of must be a date-time such as '2024-09-01 00:00', got {as_of!r}") from None
    late_report = reported > as_of
    if late_report.any():
        raise InputError(f"tickets reported after as_of ({as_of}): {show_rows(rows_at(reported.index, late_report))}")
    hours = pd.Timedelta(hours=1)
    response_h = (responded - reported) / hours
    fix_h = (fixed - reported) / hours
    waited_h = (as_of - reported) / hours
    fix_limit = pd.Series(np.where(severity == "major", limits["major_fix_h"], limits["ordinary_fix_h"]),
                          index=tickets.index, dtype=float)
    out = tickets.copy()
    out["response_h"] = response_h.round(4)
    out["fix_h"] = fix_h.round(4)
    out["fix_limit_h"] = fix_limit
    out["respond_breach"] = (response_h > limits["respond_h"]) | (responded.isna() & (waited_h > limits["respond_h"]))
    out["fix_breach"] = (fix_h > fix_limit) | (fixed.isna() & (waited_h > fix_limit))
    out["respond_pending"] = responded.isna() & ~out["respond_breach"]
    out["fix_pending"] = fixed.isna() & ~out["fix_breach"]
    return out


def sla_summary(breaches: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """Share of decided tickets that broke each promise, overall or per group (e.g. region).

    ``breaches`` is the output of :func:`sla_breaches`. Columns: ``tickets``, ``respond``
    (share of tickets that broke the response promise), ``fix_ordinary`` and ``fix_major``
    (share of ordinary / major faults fixed too late), ``any`` (share that broke at least one
    promise), and ``pending`` (tickets still open within their limits, left out of the shares).
    Shares are between 0 and 1; blank where a group has no decided ticket of that kind.

    >>> t = pd.DataFrame({"severity": ["ordinary", "ordinary"], "reported_at": ["2024-07-01 08:00"] * 2,
    ...     "responded_at": ["2024-07-01 09:00", "2024-07-01 11:00"],
    ...     "fixed_at": ["2024-07-01 12:00", "2024-07-03 08:00"]})
    >>> sla_summary(sla_breaches(t))[["tickets", "respond", "fix_ordinary", "any"]]
         tickets  respond  fix_ordinary  any
    all        2      0.5           0.5  0.5
    """
    require_frame(breaches, "breaches")
    needed = ["severity", "respond_breach", "fix_breach", "respond_pending", "fix_pending"]
    if any(c not in breaches.columns for c in needed):
        raise InputError("sla_summary takes the table returned by sla_breaches(tickets); "
                         "run that first")
    if by is not None:
        require_columns(breaches, [by], "breaches")
        keys = breaches[by]
    else:
        keys = pd.Series("all", index=breaches.index)
    major = breaches["severity"] == "major"
    decided_fix = ~breaches["fix_pending"]
    parts = pd.DataFrame({
        "key": keys,
        "one": 1,
        "r_n": (~breaches["respond_pending"]).astype(int),
        "r_b": breaches["respond_breach"].astype(int),
        "fo_n": (decided_fix & ~major).astype(int),
        "fo_b": (breaches["fix_breach"] & ~major).astype(int),
        "fm_n": (decided_fix & major).astype(int),
        "fm_b": (breaches["fix_breach"] & major).astype(int),
        "a_n": (~(breaches["respond_pending"] | breaches["fix_pending"])
                | breaches["respond_breach"] | breaches["fix_breach"]).astype(int),
        "a_b": (breaches["respond_breach"] | breaches["fix_breach"]).astype(int),
        "pending": (breaches["respond_pending"] | breaches["fix_pending"]).astype(int),
    })
    sums = parts.groupby("key", sort=True).sum()

    def share(b: str, n: str) -> pd.Series:
        return sums[b] / sums[n].where(sums[n] > 0)

    table = pd.DataFrame({
        "tickets": sums["one"],
        "respond": share("r_b", "r_n"),
        "fix_ordinary": share("fo_b", "fo_n"),
        "fix_major": share("fm_b", "fm_n"),
        "any": share("a_b", "a_n"),
        "pending": sums["pending"],
    })
    table.index.name = by
    return table
