"""The "Your survey" dashboard: a manager's own SERVQUAL survey, read and explained without code.

Upload a CSV (or take the sample); the page says what it understood (respondents, items, the
scale, rows set aside and why) or, for a file it cannot use, which column and line to fix.
Then: gaps per dimension and per group with their number of people, the importance weights,
the SERVQUAL what-if on these numbers, and the HTML report to download. Nothing is written to
disk: the file lives in memory and the report goes to the browser inside its download link.

- :func:`understand` -- what a survey table holds (items, scale, groups, blanks), in words.
- :func:`survey_dashboard` -- the page.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

import ipywidgets as w
import numpy as np
import pandas as pd

from .. import data, servqual
from .._validate import InputError
from ..report import report
from ._common import dropdown, number, part_of, table_html
from ._upload import YourDataPage, download_link, file_lines, plain_error
from .servqual import servqual_whatif

__all__ = ["understand", "Understood", "parse_groups", "survey_dashboard", "SurveyDashboard"]

_ITEM = re.compile(r"^\s*([EePp])(\d+)\s*$")
SCALES = ((1, 5), (1, 7), (1, 10), (0, 10), (1, 100), (0, 100))
MIN_GROUP = 10  # fewer people than this in a group: its gaps say little


@dataclass
class Understood:
    """What :func:`understand` found in a survey table."""

    survey: pd.DataFrame
    numbers: list[int]
    items: dict[str, list[int]]
    scale: tuple[int, int]
    set_aside: pd.Index
    groups: list[str]
    notes: list[str] = field(default_factory=list)


def _spans(numbers: list[int]) -> str:
    """[1, 2, 3, 7] -> "1-3, 7"."""
    out, start = [], None
    for k, n in enumerate(numbers):
        if start is None:
            start = n
        if k + 1 == len(numbers) or numbers[k + 1] != n + 1:
            out.append(f"{start}-{n}" if n > start else f"{n}")
            start = None
    return ", ".join(out)


def groups_text(items: dict[str, list[int]]) -> str:
    """Item groups as people write them: "tangibles: 1-4; reliability: 5-9"."""
    return "; ".join(f"{d}: {_spans(list(ns))}" for d, ns in items.items())


def parse_groups(text: str) -> dict[str, list[int]]:
    """Read item groups written as "tangibles: 1-4; reliability: 5-9, 11".

    >>> parse_groups("speed: 1-3; staff: 4, 6")
    {'speed': [1, 2, 3], 'staff': [4, 6]}
    >>> parse_groups("speed 1-3")
    Traceback (most recent call last):
    ...
    cxlib._validate.InputError: the item groups cannot be read at 'speed 1-3': write each group as a name, a colon and its item numbers, e.g. 'tangibles: 1-4; reliability: 5-9'
    """
    groups: dict[str, list[int]] = {}
    for part in filter(None, (p.strip() for p in re.split(r"[;\n]", text))):
        match = re.fullmatch(r"([^:]+):\s*([\d\s,\-–]+)", part)
        if not match:
            raise InputError(f"the item groups cannot be read at {part!r}: write each group as a name, a colon and "
                             "its item numbers, e.g. 'tangibles: 1-4; reliability: 5-9'")
        numbers: list[int] = []
        for piece in filter(None, (p.strip() for p in match.group(2).split(","))):
            ends = [int(x) for x in re.split(r"\s*[-–]\s*", piece)]
            numbers += list(range(ends[0], ends[-1] + 1)) if len(ends) == 2 else ends[:1]
        groups[match.group(1).strip()] = numbers
    if not groups:
        raise InputError("the item groups are empty: give at least one, e.g. 'tangibles: 1-4'")
    return groups


def _default_items(numbers: list[int]) -> tuple[dict[str, list[int]], str]:
    if numbers == list(range(1, 23)):
        return {d: list(ns) for d, ns in servqual.ITEMS_1988.items()}, ""
    k = len(servqual.DIMENSIONS)
    if len(numbers) < k:
        return {"all items": numbers}, (f"Your survey has {len(numbers)} items, too few for SERVQUAL's five "
                                        "dimensions: they are read as one group. Edit the groups if you can.")
    blocks = np.array_split(np.array(numbers), k)
    items = {d: [int(n) for n in b] for d, b in zip(servqual.DIMENSIONS, blocks)}
    return items, (f"Your survey has {len(numbers)} items, not SERVQUAL's 22: they are grouped in order into "
                   "five dimensions. Check the groups against your questionnaire and edit them above.")


def _detect_scale(values: np.ndarray) -> tuple[int, int]:
    """The smallest usual scale holding nearly all answers; stray values then get named as errors."""
    values = values[np.isfinite(values)]
    if values.size == 0:
        return 1, 7
    for lo, hi in SCALES:
        if ((values >= lo) & (values <= hi)).mean() >= 0.995:
            return lo, hi
    return SCALES[-1]


_NUMBERED = re.compile(r"^\s*([A-Za-z]+)_?(\d+)\s*$")


def _rename_hint(frame: pd.DataFrame, e: set[int], p: set[int]) -> str:
    """What to rename when the questions are there under other names (s1-s23, a01-a22), or "".

    >>> _rename_hint(pd.DataFrame(columns=["e1", "e2", "s1", "s2", "sat1"]), {1, 2}, set())
    'Its columns s1-s2 are numbered like its expectation columns: if they hold what customers got, rename them P1-P2 and upload the file again.'
    """
    families: dict[str, list[tuple[int, str]]] = {}
    for col in frame.columns:
        m = _NUMBERED.match(str(col))
        if m and m.group(1).upper() not in ("E", "P"):
            families.setdefault(m.group(1).lower(), []).append((int(m.group(2)), str(col)))
    have = e or p
    for cols in families.values():
        if {n for n, _ in cols} == have:
            lo, hi = min(cols), max(cols)
            if e:
                return (f"Its columns {lo[1]}-{hi[1]} are numbered like its expectation columns: if they hold what "
                        f"customers got, rename them P{lo[0]}-P{hi[0]} and upload the file again.")
            return (f"Its columns {lo[1]}-{hi[1]} are numbered like its perception columns: if they hold what "
                    f"customers expected, rename them E{lo[0]}-E{hi[0]} and upload the file again.")
    if have:
        return ""
    largest = sorted(families.values(), key=len, reverse=True)[:2]
    if largest and len(largest[0]) >= 10 and (len(largest) == 1 or len(largest[1]) < len(largest[0])):
        cols = sorted(largest[0])
        (lo, first), (hi, last) = cols[0], cols[-1]
        return (f"Its columns {first}-{last} look like {len(cols)} questions. If they are what customers got, name "
                f"them P{lo}-P{hi}, and add what customers expected of the same questions as E{lo}-E{hi}: "
                "the gaps need both. With perceptions only, this page cannot compute gaps.")
    return ""


_RATING_NAME = re.compile(r"^imp_|overall|satisf|rating|score|recommend|nps|loyal", re.IGNORECASE)
_FLAG_NAME = re.compile(r"^(?:in|is|has|was|flag)_", re.IGNORECASE)
MAX_GROUPS = 20  # more groups than this make a table no manager reads
MAX_CODES = 5  # whole-number codes (1, 2, 3 for regions); more distinct numbers are more likely ratings


def is_group_column(name: str, values: pd.Series) -> bool:
    """Whether a column holds groups a manager would compare (branch, channel, sex, age band).

    Offered: 2 to 20 distinct words, or 2 to 5 whole-number codes, each shared by several people.
    Not offered: numbered questions (E1, IMP3, Q12, s4), ratings and scores, 0/1 or True/False
    flags such as ``in_final_sample``, amounts, and IDs (a value per person).

    >>> is_group_column("age_group", pd.Series(["20s", "30s", "40s"] * 4))
    True
    >>> is_group_column("IMP3", pd.Series([5, 6, 7] * 4)), is_group_column("in_sample", pd.Series([0, 1] * 6))
    (False, False)
    """
    if _NUMBERED.match(name) or _RATING_NAME.search(name):
        return False
    values = values.dropna()
    distinct = values.nunique()
    if not 2 <= distinct <= MAX_GROUPS or distinct > max(2, len(values) // 3):
        return False  # one group, too many to compare, or about one value per person
    if pd.api.types.is_bool_dtype(values) or values.map(lambda v: isinstance(v, (bool, np.bool_))).all():
        return False  # True/False: a filter, not groups
    if _FLAG_NAME.match(name) and values.isin([0, 1]).all():
        return False
    if pd.api.types.is_numeric_dtype(values):
        return distinct <= MAX_CODES and bool((values == values.round()).all())
    return True


def understand(frame: pd.DataFrame, name: str = "your file", scale: tuple[int, int] | None = None,
               groups: str | None = None) -> Understood:
    """Find the survey in ``frame``: E/P item columns (any case), item groups, scale, blanks, groups.

    Raises :class:`InputError` with a plain sentence when the table cannot be a SERVQUAL survey.

    >>> u = understand(data.load("servqual_survey"))
    >>> len(u.numbers), u.scale, u.groups[:2]
    (22, (1, 7), ['branch', 'channel'])
    """
    matches = {c: _ITEM.match(str(c)) for c in frame.columns}
    rename = {c: f"{m.group(1).upper()}{int(m.group(2))}" for c, m in matches.items() if m and str(c) != f"{m.group(1).upper()}{int(m.group(2))}"}
    survey = frame.rename(columns=rename)
    e = {int(m.group(2)) for m in matches.values() if m and m.group(1) in "Ee"}
    p = {int(m.group(2)) for m in matches.values() if m and m.group(1) in "Pp"}
    if not e or not p:
        shown = ", ".join(map(str, list(frame.columns)[:8])) + (", ..." if frame.shape[1] > 8 else "")
        missing = "expectation (E1, E2, ...)" if not e else "perception (P1, P2, ...)"
        raise InputError(f"{name} has no {missing} columns. A SERVQUAL survey has one column per question: "
                         f"E1, E2, ... for what customers expected and P1, P2, ... for what they got. "
                         + (_rename_hint(frame, e, p) or f"Its columns are: {shown}."))
    unmatched = sorted(e ^ p)
    if unmatched:
        n = unmatched[0]
        have, lack = ("E", "P") if n in e else ("P", "E")
        raise InputError(f"column {have}{n} has no matching {lack}{n}: every question needs both an expectation "
                         f"(E) and a perception (P) column (unmatched: {', '.join(map(str, unmatched[:8]))}).")
    numbers = sorted(e)
    notes = []
    if rename:
        notes.append(f"Read {', '.join(list(map(str, rename))[:4])}{' ...' if len(rename) > 4 else ''} as "
                     f"{', '.join(list(rename.values())[:4])}{' ...' if len(rename) > 4 else ''}.")
    if groups:
        items = parse_groups(groups)
        listed = [n for ns in items.values() for n in ns]
        absent = [n for n in listed if n not in numbers]
        if absent:
            raise InputError(f"the item groups list item {absent[0]}, but the file has no E{absent[0]} and "
                             f"P{absent[0]} columns (its items are {_spans(numbers)})")
        left = [n for n in numbers if n not in listed]
        if left:
            raise InputError(f"items {_spans(left)} are in the file but in no item group: add them to a group")
    else:
        items, note = _default_items(numbers)
        if note:
            notes.append(note)
    columns = [f"{x}{n}" for n in numbers for x in "EP"]
    answers = survey[columns].apply(pd.to_numeric, errors="coerce").to_numpy(dtype=float)
    detected = _detect_scale(answers)
    blank = survey[columns].isna().any(axis=1)
    candidates = [str(col) for col in survey.columns if is_group_column(str(col), survey[col])]
    return Understood(survey, numbers, items, scale or detected, survey.index[blank], candidates, notes)


def _gap_cell(x: float) -> str:
    colour = "#FFFFFF" if round(x, 2) == 0 else "#FBE3D6" if x < 0 else "#DDF2EA"  # as printed
    return f"<td style='text-align:right;background:{colour}'>{number(x)}</td>"


def _segment_table(scores: pd.DataFrame, sizes: pd.Series, by: str) -> str:
    """Gaps by group: a row per dimension, a column per group headed with its number of people."""
    groups = list(scores.index)
    head = "".join(f"<th scope='col'>{html.escape(str(g))}<br><span style='font-weight:normal'>"
                   f"{int(sizes.get(g, 0))} people{' (few)' if sizes.get(g, 0) < MIN_GROUP else ''}</span></th>"
                   for g in groups)
    rows = "".join(f"<tr><th scope='row' style='text-align:left'>{html.escape(str(d))}</th>"
                   f"{''.join(_gap_cell(scores.loc[g, d]) for g in groups)}</tr>" for d in scores.columns)
    few = (f"<p style='margin:2px 0;font-size:13px'>Groups marked (few) have fewer than {MIN_GROUP} people: "
           "read their gaps with care.</p>" if (sizes.reindex(groups, fill_value=0) < MIN_GROUP).any() else "")
    return (f"<div class='cx-table-wrap' style='max-width:100%;overflow-x:auto'><table class='cx-table' "
            f"style='border-collapse:collapse;font-size:13px;line-height:1.3'>"
            f"<caption style='text-align:left;font-weight:600'>Gaps by {html.escape(by)} (below zero: falls short)"
            f"</caption><thead><tr><th scope='col'>dimension</th>{head}</tr></thead>"
            f"<tbody>{rows}</tbody></table></div>{few}")


class SurveyDashboard(YourDataPage):
    """The "Your survey" page (see the module docstring); :attr:`status` says what was understood."""

    def __init__(self) -> None:
        self.scale = dropdown("Answers are on a scale of", [(f"{lo} to {hi}", (lo, hi)) for lo, hi in SCALES], (1, 7))
        self.groups = w.Textarea(description="Item groups (dimension: item numbers)", style={"description_width": "initial"},
                                 layout=w.Layout(width="100%", max_width="640px", height="64px"))
        self.by = dropdown("Break the gaps down by", [("nothing", "")], "")
        self.apply = w.Button(description="Use these item groups", layout=w.Layout(width="auto", align_self="flex-start"))
        self._default_groups = ""
        super().__init__("survey", lambda: data.load("servqual_survey"),
                         w.VBox([self.scale, self.groups, self.apply, self.by]))
        self.scale.observe(lambda _: self._refresh(), names="value")
        self.by.observe(lambda _: self._refresh(), names="value")
        self.apply.on_click(lambda _: self._refresh(groups=True))

    def _load(self, frame: pd.DataFrame, name: str) -> None:
        self._frame, self._name = frame, name
        try:
            found = understand(frame, name)
        except (InputError, ValueError, TypeError) as exc:
            self._fail(plain_error(str(exc), name))
            return
        self._quiet = True
        self.scale.value = found.scale
        self.groups.value = self._default_groups = groups_text(found.items)
        self.by.options = [("nothing", "")] + [(g, g) for g in found.groups]
        self.by.value = next((g for g in ("branch", "channel", "segment", "region", "store") if g in found.groups),
                             found.groups[0] if found.groups else "")
        self._quiet = False
        self._refresh()

    # --- computing --------------------------------------------------------------------------
    def _refresh(self, groups: bool = False) -> None:
        if self._quiet or self._frame is None:
            return
        name = self._name
        try:
            edited = groups or self.groups.value.strip() != self._default_groups
            found = understand(self._frame, name, self.scale.value, self.groups.value if edited else None)
            items, scale, survey = found.items, found.scale, found.survey
            scores = servqual.dimension_scores(survey, items, scale, dropna=True)
            kept = servqual.respondent_gaps(survey, items, scale, dropna=True).index
        except (InputError, ValueError, TypeError) as exc:  # e.g. the wrong scale chosen: let them fix it
            self._fail(plain_error(str(exc), name), keep_settings=True)
            self.settings.layout.display = "flex"
            return
        by = self.by.value or None
        self.status.value = self._understood(found, len(kept), by)
        self.settings.layout.display = "flex"
        parts = [w.HTML(table_html(["dimension", "expected", "got", "gap (got - expected)"],
                                   [[d, f"{r.expectation:.2f}", f"{r.perception:.2f}", number(r.gap)]
                                    for d, r in scores.iterrows()],
                                   f"Gaps per dimension ({len(kept)} people; below zero: falls short)"))]
        if by:
            by_scores = servqual.dimension_scores_by(survey, by, items, scale, dropna=True)
            sizes = survey.loc[kept, by].value_counts()
            parts.append(w.HTML(_segment_table(by_scores, sizes, by)))
        has_points = all(f"imp_{d}" in survey.columns for d in items)
        source = ("The importance weights below start from your customers' own importance points." if has_points else
                  "Your file has no importance points per dimension, so the dimensions start with equal weights: "
                  "move the importance sliders below to try yours.")
        parts.append(w.HTML(f"<p style='margin:6px 0'>{source}</p>"))
        self.whatif = servqual_whatif(survey, items, scale, by=by, dropna=True)
        parts.append(self.whatif)
        parts.append(self._report(survey, items, scale, by))
        self.results.children = tuple(parts)

    def _understood(self, found: Understood, kept: int, by: str | None) -> str:  # type: ignore[override]
        lo, hi = found.scale
        lines = [f"<b>{kept:,} respondents</b> in {html.escape(self._name)}, "
                 f"{len(found.numbers)} questions (E{found.numbers[0]}-E{found.numbers[-1]} and "
                 f"P{found.numbers[0]}-P{found.numbers[-1]}), answers on a {lo}-{hi} scale, "
                 f"{len(found.items)} dimensions."]
        if len(found.set_aside):
            lines.append(f"<b>{part_of(len(found.set_aside), len(found.survey), 'respondents')} set aside</b>: "
                         f"they left at least one question blank ({file_lines(found.set_aside, self._name)}).")
        else:
            lines.append("No respondent set aside: every question is answered.")
        if by:
            lines.append(f"Groups compared: {html.escape(by)}.")
        lines += [html.escape(n) for n in found.notes]
        return super()._understood(lines)

    def _report(self, survey: pd.DataFrame, items: dict, scale: tuple, by: str | None) -> w.Widget:
        try:
            page = report(survey, items=items, scale=scale, by=[by] if by else [], dropna=True).html()
        except (InputError, ValueError, TypeError) as exc:
            self.download.value = f"<p>The report cannot be made from this file: {html.escape(plain_error(str(exc), self._name))}</p>"
        else:
            self.download.value = download_link(page, "service-quality-report.html", "Download report")
        return self.download


def survey_dashboard() -> SurveyDashboard:
    """The "Your survey" page: upload or sample, what was read, gaps, weights, what-if, report.

    >>> page = survey_dashboard()
    >>> page.sample.click()
    >>> "320 respondents" in page.status.value and "Download report" in page.download.value
    True
    """
    return SurveyDashboard()
