"""Checks for lesson 03, SERVQUAL (exercises/03_servqual.ipynb)."""

from __future__ import annotations

from .. import data, servqual
from ..exercises import Wrong, choice, close, number, question

POINTS = {"tangibles": 10, "reliability": 35, "responsiveness": 25, "assurance": 15, "empathy": 15}
"""The importance points of q2 (stated in the exercise)."""


def _survey():
    return data.load("servqual_survey")


def _columns(prefix: str, items) -> list[str]:
    return [f"{prefix}{i}" for i in items]


def _pooled_gap(survey, items) -> float:
    return float(survey[_columns("P", items)].to_numpy().mean() - survey[_columns("E", items)].to_numpy().mean())


@question("03.q1", topic="one dimension's gap by hand", hints=[
    "Responsiveness is items 10 to 13. Take the mean of P10..P13 and the mean of E10..E13 over everyone.",
    "cols = [f'P{i}' for i in range(10, 14)]; survey[cols].to_numpy().mean() is the mean perception.",
    "The gap is perception minus expectation, so it is negative when service falls short.",
])
def _q1(answer):
    got = number(answer)
    survey = _survey()
    scores = servqual.dimension_scores(survey)["gap"]
    expected = float(scores["responsiveness"])
    if close(got, expected):
        return (f"the responsiveness gap is {expected:+.2f}: on average, perceptions fall "
                f"{-expected:.2f} points short of expectations.")
    if close(got, -expected):
        raise Wrong(f"got {got:+.2f}, i.e. E - P; the gap is perception - expectation (P - E).")
    if close(got, 4 * expected):
        raise Wrong("that is the sum of the four item gaps; average over the items instead (divide by 4).")
    for shifted in (range(9, 13), range(11, 15), range(10, 13), range(10, 15)):
        if close(got, _pooled_gap(survey, shifted)):
            raise Wrong(f"you used items {shifted.start}-{shifted.stop - 1}; responsiveness is items 10-13.")
    for dim, gap in scores.items():
        if close(got, float(gap)):
            raise Wrong(f"that is the {dim} gap; the question asks for responsiveness (items 10-13).")
    raise Wrong(f"got {got:+g}; expected mean(P10..P13) - mean(E10..E13) over all respondents.")


@question("03.q2", topic="weighted SERVQUAL score", hints=[
    "Turn the points into weights that sum to 1 (divide each by 100), multiply each dimension's gap "
    "by its weight, and add the five products.",
    "servqual.servqual_score(survey, weights=points) does the normalising for you.",
])
def _q2(answer):
    got = number(answer)
    survey = _survey()
    expected = servqual.servqual_score(survey, POINTS)
    if close(got, expected):
        parts = servqual.weighted_gaps(survey, POINTS)
        return (f"the weighted score is {expected:+.3f}; reliability alone contributes "
                f"{parts['reliability']:+.3f} of it, so it is where to start.")
    if close(got, -expected):
        raise Wrong(f"got {got:+.3f}: the sign is flipped; gaps are P - E.")
    if close(got, 100 * expected):
        raise Wrong("the points were not normalised: divide each by the total (100) so the weights sum to 1.")
    if close(got, servqual.servqual_score(survey)):
        raise Wrong("that is the unweighted score (the plain mean of the five gaps); weigh each gap by its points.")
    sq = servqual.seed_sq(survey)
    if close(got, float(sq.mean())) or close(got, float(sq.mean()) / 22):
        raise Wrong("that comes from the unweighted item sum (seed 000's SQ); use the five dimension gaps and the points.")
    own = {d: float(survey[f"imp_{d}"].mean()) for d in servqual.DIMENSIONS}
    if close(got, servqual.servqual_score(survey, own)):
        raise Wrong("you used the respondents' own imp_ points; this question gives the points to use (POINTS).")
    raise Wrong(f"got {got:+g}; expected the sum of (points / 100) x gap over the five dimensions.")


@question("03.q3", topic="gaps by branch", hints=[
    "Compute the reliability gap per branch: servqual.dimension_scores_by(survey, 'branch').",
    "The worst gap is the most negative one: .idxmin() on the reliability column.",
])
def _q3(answer):
    table = servqual.dimension_scores_by(_survey(), "branch")["reliability"]
    got = choice(answer, [str(b) for b in table.index])
    expected = table.idxmin()
    if got == expected:
        return (f"{expected}'s reliability gap is {table[expected]:+.2f}, against "
                f"{table.drop(expected).mean():+.2f} for the other branches on average.")
    if got == table.idxmax():
        raise Wrong(f"{got} has the best (least negative) reliability gap; the question asks for the worst.")
    raise Wrong(f"{got}'s reliability gap is {table[got]:+.2f}, not the most negative; compare all four.")


@question("03.q4", topic="Cronbach's alpha", hints=[
    "Select the five reliability perception columns P5..P9 as a DataFrame.",
    "servqual.cronbach_alpha(survey[[f'P{i}' for i in range(5, 10)]])",
    "By hand: k/(k-1) * (1 - sum of item variances / variance of the row totals), all with ddof=1.",
])
def _q4(answer):
    got = number(answer, "an alpha (a number up to 1)")
    survey = _survey()
    items = survey[_columns("P", range(5, 10))]
    expected = servqual.cronbach_alpha(items)
    if close(got, expected):
        if expected >= 0.7:
            return (f"alpha = {expected:.3f}, above the usual 0.7 bar: the five reliability items "
                    "hang together, so averaging them into one score is fair.")
        return (f"alpha = {expected:.3f}, below the usual 0.7 bar: the five items may not measure "
                "one thing; look at them one by one before averaging.")
    if close(got, servqual.cronbach_alpha(survey[_columns("E", range(5, 10))])):
        raise Wrong("that is alpha of the expectation items E5..E9; the question asks for perceptions P5..P9.")
    if close(got, servqual.cronbach_alpha(survey[_columns("P", range(1, 23))])):
        raise Wrong("that is alpha of all 22 perception items; use only reliability's P5..P9.")
    for shifted in (range(5, 9), range(4, 9), range(6, 11), range(5, 11)):
        if close(got, servqual.cronbach_alpha(survey[_columns("P", shifted)])):
            raise Wrong(f"you used P{shifted.start}..P{shifted.stop - 1}; reliability is items 5 to 9.")
    values = items.to_numpy(float)
    k = values.shape[1]
    for item_ddof, total_ddof in ((0, 1), (1, 0)):
        mixed = k / (k - 1) * (1 - values.var(axis=0, ddof=item_ddof).sum() / values.sum(axis=1).var(ddof=total_ddof))
        if close(got, mixed):
            raise Wrong("the item variances and the total's variance use different ddof (numpy's .var() "
                        "defaults to 0, pandas' to 1); use the same, ddof=1, for both.")
    if got > 1:
        raise Wrong(f"got {got:g}; alpha cannot exceed 1. Check the formula k/(k-1) * (1 - sum var_i / var_total).")
    raise Wrong(f"got {got:g}; expected Cronbach's alpha of P5..P9 (ddof=1).")


@question("03.q5", topic="zone of tolerance", hints=[
    "Keep only the East branch's rows, then call servqual.tolerance_zone on them (it reads the A, E, P items).",
    "MSA (measure of service adequacy) = perceived - adequate; look it up in the reliability row.",
])
def _q5(answer):
    got = number(answer)
    survey = _survey()
    east = servqual.tolerance_zone(survey[survey["branch"] == "East"])
    expected = float(east.loc["reliability", "MSA"])
    if close(got, expected):
        where = ("below even adequate service, outside the zone of tolerance: the first fix for East"
                 if expected < 0 else "at or above adequate service, inside the zone or above it")
        return f"East's reliability MSA is {expected:+.2f}: perceptions sit {where}."
    if close(got, -expected):
        raise Wrong("the sign is flipped: MSA is perceived - adequate, negative when service is inadequate.")
    if close(got, float(east.loc["reliability", "MSS"])):
        raise Wrong("that is MSS (perceived - desired); MSA compares perceptions with adequate service.")
    if close(got, float(servqual.tolerance_zone(survey).loc["reliability", "MSA"])):
        raise Wrong("that is the MSA of all branches together; keep only the East branch first.")
    raise Wrong(f"got {got:+g}; expected East's reliability perceived - adequate.")
