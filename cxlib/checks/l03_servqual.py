"""Lesson 03's questions: SERVQUAL (exercises/03_servqual.ipynb)."""

from __future__ import annotations

from .. import data, servqual
from ._spec import Mistake, Question, name, number

POINTS = {"tangibles": 10, "reliability": 35, "responsiveness": 25, "assurance": 15, "empathy": 15}
"""q2's importance points (stated in the exercise)."""
RELIABILITY = range(5, 10)


def setup() -> dict:
    return {"survey": data.load("servqual_survey")}


def _columns(prefix, items):
    return [f"{prefix}{i}" for i in items]


def _pooled(survey, items, first="P", second="E"):
    """Mean of all `first` answers minus mean of all `second` answers over the items."""
    return survey[_columns(first, items)].to_numpy().mean() - survey[_columns(second, items)].to_numpy().mean()


def _alpha(d, prefix="P", items=RELIABILITY):
    return servqual.cronbach_alpha(d.survey[_columns(prefix, items)])


def _mixed_ddof(d, item_ddof, total_ddof):
    values = d.survey[_columns("P", RELIABILITY)].to_numpy(float)
    k = values.shape[1]
    return k / (k - 1) * (1 - values.var(axis=0, ddof=item_ddof).sum() / values.sum(axis=1).var(ddof=total_ddof))


def _by_branch(d, value="gap"):
    return servqual.dimension_scores_by(d.survey, "branch", value=value)


def _worst(table, column="reliability", pick="idxmin"):
    branch = getattr(table[column], pick)()
    return {"branch": branch, "gap": table.loc[branch, column]}


def _branches(d):
    return {b: [] for b in d.survey["branch"].unique()}


def _east(d):
    return servqual.tolerance_zone(d.survey[d.survey["branch"] == "East"])


def _shifted(items, label):
    return Mistake(f"items {label}", lambda d: _pooled(d.survey, items),
                   f"you used items {label}; responsiveness is items 10-13.")


QUESTIONS = {
    "03.q1": Question(
        variable="responsiveness_gap",
        answer=lambda d: _pooled(d.survey, range(10, 14)),
        passed=lambda d, x: (f"the responsiveness gap is {x:+.2f}: on average, perceptions fall "
                             f"{-x:.2f} points short of expectations."),
        mistakes=(
            Mistake("flipped sign", lambda d: _pooled(d.survey, range(10, 14), "E", "P"),
                    "that is E - P; the gap is perception - expectation (P - E)."),
            Mistake("sum of item gaps", lambda d: 4 * _pooled(d.survey, range(10, 14)),
                    "that is the sum of the four item gaps; average over the items instead."),
            _shifted(range(9, 13), "9-12"), _shifted(range(11, 15), "11-14"),
            _shifted(range(10, 13), "10-12"), _shifted(range(10, 15), "10-14"),
            Mistake("reliability's gap", lambda d: _pooled(d.survey, RELIABILITY),
                    "that is the reliability gap (items 5-9); responsiveness is items 10-13."),
        ),
        wrong="expected mean(P10..P13) - mean(E10..E13) over all respondents.",
        hints=("Responsiveness is items 10 to 13. Take the mean of P10..P13 and the mean of E10..E13 over everyone.",
               "`cols = [f'P{i}' for i in range(10, 14)]`, then `survey[cols].to_numpy().mean()` is the "
               "mean perception.",
               "The gap is perception minus expectation: negative when service falls short."),
    ),
    "03.q2": Question(
        variable="weighted_score",
        answer=lambda d: servqual.servqual_score(d.survey, POINTS),
        passed=lambda d, x: (f"the weighted score is {x:+.3f}; reliability alone contributes "
                             f"{servqual.weighted_gaps(d.survey, POINTS)['reliability']:+.3f} of it, so it is "
                             "where to start."),
        mistakes=(
            Mistake("flipped sign", lambda d: -servqual.servqual_score(d.survey, POINTS),
                    "the sign is flipped; gaps are P - E."),
            Mistake("points not normalised", lambda d: 100 * servqual.servqual_score(d.survey, POINTS),
                    "the points were not normalised: divide each by the total (100) so the weights sum to 1."),
            Mistake("unweighted", lambda d: servqual.servqual_score(d.survey),
                    "that is the unweighted score (the plain mean of the five gaps); weigh each gap by its points."),
            Mistake("seed 000's SQ", lambda d: servqual.seed_sq(d.survey).mean(),
                    "that is the unweighted item sum (seed 000's SQ); use the five dimension gaps and the points."),
            Mistake("respondents' own points", lambda d: servqual.servqual_score(
                        d.survey, {dim: d.survey[f"imp_{dim}"].mean() for dim in servqual.DIMENSIONS}),
                    "that uses the respondents' own imp_ points; this question gives the points to use (points)."),
        ),
        wrong="expected the sum over the five dimensions of (points / 100) x gap.",
        hints=("Turn the points into weights that sum to 1 (divide each by 100), multiply each "
               "dimension's gap by its weight, and add the five products.",
               "`servqual.dimension_scores(survey)['gap']` gives the five gaps; "
               "`servqual.servqual_score(survey, weights=points)` does the weighting for you."),
    ),
    "03.q3": Question(
        variable="worst_region",
        kind={"branch": name(_branches, "a region of the survey"), "gap": number("a gap (a number)")},
        answer=lambda d: _worst(_by_branch(d)),
        passed=lambda d, x: (f"{x['branch']}'s reliability gap is {x['gap']:+.2f}, against "
                             f"{_by_branch(d)['reliability'].drop(x['branch']).mean():+.2f} for the other "
                             "regions on average."),
        mistakes=(
            Mistake("best, not worst", lambda d: _worst(_by_branch(d), pick="idxmax"),
                    "that region has the best (least negative) reliability gap; the question asks for the worst."),
            Mistake("perception, not gap", lambda d: _worst(_by_branch(d, "perception")),
                    "that is the region's mean reliability perception; the gap is perception - expectation."),
            Mistake("responsiveness, not reliability", lambda d: _worst(_by_branch(d), "responsiveness"),
                    "that is the worst responsiveness gap; the question asks about reliability."),
            Mistake("flipped sign", lambda d: {**_worst(_by_branch(d)), "gap": -_worst(_by_branch(d))["gap"]},
                    "the region is right but the gap's sign is flipped: P - E is negative when service falls short."),
        ),
        wrong="find the region with the most negative reliability gap and give that gap.",
        hints=("`servqual.dimension_scores_by(survey, 'branch')` gives one row per region and one "
               "column per dimension.",
               "The worst gap is the most negative: `table = servqual.dimension_scores_by(survey, 'branch')`, "
               "then `table['reliability'].idxmin()` names the region and `table['reliability'].min()` "
               "gives its gap."),
    ),
    "03.q4": Question(
        variable="alpha_reliability",
        kind=number("an alpha (a number up to 1)"),
        answer=lambda d: _alpha(d),
        passed=lambda d, x: (f"alpha = {x:.3f}, above the usual 0.7 bar: the five reliability items hang "
                             "together, so averaging them into one score is fair." if x >= 0.7 else
                             f"alpha = {x:.3f}, below the usual 0.7 bar: look at the items one by one."),
        mistakes=(
            Mistake("expectation items", lambda d: _alpha(d, "E"),
                    "that is alpha of the expectation items E5..E9; the question asks for perceptions P5..P9."),
            Mistake("all 22 items", lambda d: _alpha(d, items=range(1, 23)),
                    "that is alpha of all 22 perception items; use only reliability's P5..P9."),
            *(Mistake(f"items {r.start}-{r.stop - 1}", lambda d, r=r: _alpha(d, items=r),
                      f"you used P{r.start}..P{r.stop - 1}; reliability is items 5 to 9.")
              for r in (range(5, 9), range(4, 9), range(6, 11), range(5, 11))),
            *(Mistake(f"mixed ddof ({a}, {b})", lambda d, a=a, b=b: _mixed_ddof(d, a, b),
                      "the item variances and the total's variance use different ddof (numpy's .var() "
                      "defaults to 0, pandas' to 1); use ddof=1 for both.")
              for a, b in ((0, 1), (1, 0))),
        ),
        wrong="expected Cronbach's alpha of P5..P9: k/(k-1) x (1 - sum of item variances / variance of "
              "the row totals), all with ddof=1; it is never above 1.",
        hints=("Select the five reliability perception columns P5..P9 as a table: "
               "`survey[[f'P{i}' for i in range(5, 10)]]`.",
               "By hand: k/(k-1) x (1 - sum of item variances / variance of the row totals), all with ddof=1.",
               "`servqual.cronbach_alpha(survey[[f'P{i}' for i in range(5, 10)]])` does it for you."),
    ),
    "03.q5": Question(
        variable="east_reliability_msa",
        answer=lambda d: _east(d).loc["reliability", "MSA"],
        passed=lambda d, x: (f"East's reliability MSA is {x:+.2f}: perceptions sit "
                             + ("below even adequate service, outside the zone of tolerance: the first fix for East."
                                if x < 0 else "at or above adequate service.")),
        mistakes=(
            Mistake("flipped sign", lambda d: -_east(d).loc["reliability", "MSA"],
                    "the sign is flipped: MSA is perceived - adequate, negative when service is inadequate."),
            Mistake("MSS, not MSA", lambda d: _east(d).loc["reliability", "MSS"],
                    "that is MSS (perceived - desired, the P - E gap); MSA compares perceptions with "
                    "adequate service (the A items)."),
            Mistake("all regions", lambda d: servqual.tolerance_zone(d.survey).loc["reliability", "MSA"],
                    "that is the MSA of all regions together; keep only the East rows first."),
        ),
        wrong="expected East's reliability perceived - adequate (P5..P9 minus A5..A9).",
        hints=("Keep only the East rows: `east = survey[survey['branch'] == 'East']`; "
               "`servqual.tolerance_zone(east)` reads its A, E and P items.",
               "MSA (measure of service adequacy) = perceived - adequate: "
               "`servqual.tolerance_zone(east).loc['reliability']` holds it."),
    ),
}
