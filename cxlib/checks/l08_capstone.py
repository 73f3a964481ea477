"""Lesson 08's questions: the capstone case (exercises/08_capstone.ipynb)."""

from __future__ import annotations

import pandas as pd

from .. import complaints, data, gaps, servqual
from ._spec import Mistake, Question, name, number, whole
from .l03_servqual import POINTS as LESSON_03_POINTS

CUSTOMER_BASE = 12_000  # q4's customer base (stated in the exercise)
DIMENSIONS = list(servqual.DIMENSIONS)


def setup() -> dict:
    return {"survey": data.read_survey(data.path("servqual_survey")),
            "audit": data.load("gap_audit").set_index("dimension")}


def _points(d):
    """The survey's mean importance points, indexed by dimension."""
    return d.survey[[f"imp_{dim}" for dim in DIMENSIONS]].mean().set_axis(DIMENSIONS)


def _score(d, weights=None):
    return servqual.servqual_score(d.survey, weights)


def _priority(d):
    return servqual.weighted_gaps(servqual.dimension_scores(d.survey), _points(d)).idxmin()


def _by_branch(d):
    return servqual.dimension_scores_by(d.survey, "branch")


def _worst(d, dimension=None, pick="idxmin"):
    column = _by_branch(d)[dimension or _priority(d)]
    branch = getattr(column, pick)()
    return {"branch": branch, "gap": column[branch]}


def _branches(d):
    return {b: [] for b in d.survey["branch"].unique()}


def _per_respondent(d, prefix, by_dimension=True):
    """Each respondent's mean answer over the five dimensions (or over the 22 items)."""
    if not by_dimension:
        return d.survey[[f"{prefix}{i}" for i in range(1, 23)]].mean(axis=1)
    return pd.DataFrame({dim: d.survey[[f"{prefix}{i}" for i in items]].mean(axis=1)
                         for dim, items in servqual.ITEMS_1988.items()}).mean(axis=1)


def _dissatisfied(d, by_dimension=True):
    """Share of respondents whose perceptions fall below their adequate level (lesson 08's rule)."""
    return (_per_respondent(d, "P", by_dimension) < _per_respondent(d, "A", by_dimension)).mean()


def _silent(d, share=None, base=CUSTOMER_BASE):
    share = _dissatisfied(d) if share is None else share
    return complaints.iceberg(base, dissatisfied_share=share)["customers"]


def _own_points(d):
    """Each respondent's gaps weighted by their own points, then averaged."""
    per = servqual.respondent_gaps(d.survey).to_numpy()
    own = d.survey[[f"imp_{dim}" for dim in DIMENSIONS]].to_numpy(float)
    return ((per * own).sum(axis=1) / own.sum(axis=1)).mean()


def _wrong_dimension(dimension):
    return Mistake(f"{dimension}, not the priority", lambda d: _worst(d, dimension),
                   f"that is the worst {dimension} gap; the question asks about the priority dimension "
                   "(the most negative weighted gap).")


QUESTIONS = {
    "08.q1": Question(
        variable="weighted_score",
        kind=number("a score (a number)"),
        answer=lambda d: _score(d, _points(d)),
        passed=lambda d, x: (f"weighted SERVQUAL score = {x:+.3f}: what customers value most (reliability, "
                             f"{_points(d)['reliability']:.0f} points) falls short most, so weighing makes the "
                             f"score worse than the unweighted {_score(d):+.3f}."),
        mistakes=(
            Mistake("flipped sign", lambda d: -_score(d, _points(d)),
                    "the sign is flipped: a gap is perception - expectation (P - E), not E - P."),
            Mistake("unweighted", lambda d: _score(d),
                    "that is the unweighted score (the plain mean of the five gaps); weigh each gap by the "
                    "survey's mean importance points."),
            Mistake("points not normalised", lambda d: (_points(d) * servqual.dimension_scores(d.survey)["gap"]).sum(),
                    "you multiplied by the raw points; divide by their total so the weights sum to 1."),
            Mistake("respondents' own points", _own_points,
                    "you weighted each respondent by their own points; the question uses the survey's mean "
                    "points for everyone (average the imp_ columns first)."),
            Mistake("mean of the item gaps", lambda d: servqual.item_gaps(d.survey).to_numpy().mean(),
                    "that is the mean of all 22 item gaps, which weighs each dimension by its number of "
                    "items; weigh the five dimension gaps by the importance points instead."),
            Mistake("lesson 03's points", lambda d: _score(d, LESSON_03_POINTS),
                    "that uses the workshop's points from lesson 03; this question uses the survey's own "
                    "mean imp_ points."),
        ),
        wrong="compute servqual.servqual_score with the mean imp_ points as weights.",
        hints=("Average the five imp_<dimension> columns: those mean points are the weights.",
               "`points = survey[[f'imp_{d}' for d in servqual.DIMENSIONS]].mean()`; index them by dimension "
               "name, not column name: `points = points.set_axis(list(servqual.DIMENSIONS))`.",
               "`servqual.servqual_score(survey, points)` divides the points by their total for you."),
    ),
    "08.q2": Question(
        variable="worst_branch",
        kind={"branch": name(_branches, "a branch of the survey"), "gap": number("a gap (a number)")},
        answer=lambda d: _worst(d),
        passed=lambda d, x: (f"{x['branch']} has the worst {_priority(d)} gap, {x['gap']:+.2f}; the other branches "
                             f"average {_by_branch(d)[_priority(d)].drop(x['branch']).mean():+.2f}. Start the "
                             f"{_priority(d)} work in {x['branch']}."),
        mistakes=(
            Mistake("best, not worst", lambda d: _worst(d, pick="idxmax"),
                    "that branch has the best (least negative) gap on the priority dimension; the question "
                    "asks for the worst."),
            _wrong_dimension("responsiveness"), _wrong_dimension("empathy"), _wrong_dimension("assurance"),
            Mistake("whole bank's gap", lambda d: {**_worst(d), "gap": servqual.dimension_scores(d.survey)
                                                   .loc[_priority(d), "gap"]},
                    "the branch is right, but that gap is the whole bank's; give the branch's own gap."),
        ),
        wrong="find the priority dimension (most negative weighted gap), then the branch with the most "
              "negative gap on it, and that gap.",
        hints=("First find the priority dimension, the most negative weighted gap: "
               "`points = survey[[f'imp_{d}' for d in servqual.DIMENSIONS]].mean().set_axis(list(servqual.DIMENSIONS))`, "
               "then `priority = servqual.weighted_gaps(servqual.dimension_scores(survey), points).idxmin()`.",
               "`table = servqual.dimension_scores_by(survey, 'branch')` gives one row per branch, one "
               "column per dimension.",
               "`table[priority].idxmin()` names the branch with the most negative gap; "
               "`table[priority].min()` is that gap."),
    ),
    "08.q3": Question(
        variable="gap_to_close",
        kind=whole(1, 2, 3, 4, what="a gap number (1, 2, 3 or 4)"),
        answer=lambda d: gaps.priority(gaps.measure(d.audit).loc[_priority(d)]),
        passed=lambda d, x: (f"close gap {x} first for {_priority(d)}: {gaps.GAPS.loc[x, 'name']} "
                             f"({gaps.measure(d.audit).loc[_priority(d), f'gap{x}']:+.2f}, the largest "
                             "shortfall of gaps 1-4)."),
        mistakes=(
            Mistake("gap 5 is the result", lambda d: int(gaps.measure(d.audit).loc[_priority(d)].idxmin()[3:]),
                    "gap 5 is the customer gap, the result you see in the survey; it closes only by closing "
                    "one of gaps 1-4. Which of those is most negative?"),
            Mistake("averaged over dimensions", lambda d: gaps.priority(gaps.measure(d.audit).mean()),
                    "that gap comes first averaged over all five dimensions (lesson 04's question); this "
                    "question asks about the priority dimension's row only."),
        ),
        wrong="find the most negative of gap1..gap4 in the priority dimension's row of the audit.",
        hints=("Find the priority dimension as in q2: "
               "`points = survey[[f'imp_{d}' for d in servqual.DIMENSIONS]].mean().set_axis(list(servqual.DIMENSIONS))` "
               "and `priority = servqual.weighted_gaps(servqual.dimension_scores(survey), points).idxmin()`.",
               "`gaps.measure(audit).loc[priority]` is that dimension's row of gaps 1-5.",
               "`gaps.priority(gaps.measure(audit).loc[priority])` names the gap (1-4) to close first; gap 5 "
               "is the result, not a lever."),
    ),
    "08.q4": Question(
        variable="silent_customers",
        kind=number("a number of customers"),
        answer=lambda d: _silent(d)["silent"],
        passed=lambda d, x: (f"about {x:,.0f} of {CUSTOMER_BASE:,} customers are dissatisfied and never say so "
                             f"({_dissatisfied(d):.1%} dissatisfied x 69% silent): the complaints you log are "
                             "the tip."),
        mistakes=(
            Mistake("below expected, not adequate", lambda d: _silent(
                        d, (servqual.respondent_gaps(d.survey).mean(axis=1) < 0).mean())["silent"],
                    "that counts a respondent as dissatisfied when perception is below expectation (a mean "
                    "gap below 0); this question counts those below the adequate level (the A items)."),
            Mistake("items, not dimensions", lambda d: _silent(d, _dissatisfied(d, by_dimension=False))["silent"],
                    "that averages over the 22 items, which weighs each dimension by its number of items; "
                    "average over the five dimensions, as lesson 08's rule does."),
            Mistake("British Airways' third", lambda d: _silent(d, 1 / 3)["silent"],
                    "you used the iceberg's third; use the share of dissatisfied respondents in this survey."),
            Mistake("all dissatisfied", lambda d: _silent(d)["dissatisfied"],
                    "that counts all dissatisfied customers; only 69% of them stay silent."),
            Mistake("the ones who complain", lambda d: _silent(d)["to_staff"] + _silent(d)["to_relations"],
                    "that counts the dissatisfied who do complain (23% + 8%); the question asks for the silent 69%."),
            Mistake("share, not count", lambda d: _dissatisfied(d) * 0.69,
                    "that is a share of all customers; multiply by the customer base, 12,000."),
            Mistake("respondents, not customers", lambda d: _silent(d, base=len(d.survey))["silent"],
                    "that is for the survey's respondents; scale to the customer base of 12,000."),
        ),
        wrong="multiply 12,000 by the dissatisfied share (perception below adequate) and by 0.69.",
        hints=("A respondent is dissatisfied when their perceptions, averaged over the five dimensions, fall "
               "below their adequate level averaged the same way: "
               "`p = servqual.respondent_gaps(survey, value='perception').mean(axis=1)` and "
               "`a = pd.DataFrame({d: survey[[f'A{i}' for i in items]].mean(axis=1) "
               "for d, items in servqual.ITEMS_1988.items()}).mean(axis=1)`.",
               "`share = (p < a).mean()` is the dissatisfied share; "
               "`complaints.iceberg(12_000, dissatisfied_share=share)` gives every layer: read the 'silent' row.",
               "The answer is a number of customers, not a share or a percentage."),
    ),
}
