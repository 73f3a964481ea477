"""Checks for lesson 08, the capstone case (exercises/08_capstone.ipynb)."""

from __future__ import annotations

from .. import complaints, data, gaps, servqual
from ..exercises import Wrong, choice, close, number, question

CUSTOMER_BASE = 12_000  # q4's customer base (stated in the exercise)


def _survey():
    return data.load("servqual_survey")


def _points(survey):
    """Mean importance points per dimension, indexed by dimension."""
    cols = [f"imp_{d}" for d in servqual.DIMENSIONS]
    return survey[cols].mean().set_axis(list(servqual.DIMENSIONS))


def _priority(survey) -> str:
    scores = servqual.dimension_scores(survey)
    return str(servqual.weighted_gaps(scores, _points(survey)).idxmin())


def _dissatisfied_share(survey) -> float:
    return float((servqual.respondent_gaps(survey).mean(axis=1) < 0).mean())


@question("08.q1", topic="weighted SERVQUAL score", hints=[
    "Average the five imp_<dimension> columns: those mean points are the weights.",
    "servqual.servqual_score(survey, weights) normalises the points to sum to 1 for you.",
    "Index the points by dimension name (tangibles, reliability, ...), not by column name: "
    "points.set_axis(list(servqual.DIMENSIONS)).",
])
def _q1(answer):
    got = number(answer, "a score (a number)")
    survey = _survey()
    points = _points(survey)
    scores = servqual.dimension_scores(survey)
    expected = servqual.servqual_score(scores, points)
    if close(got, expected):
        return (f"weighted SERVQUAL score = {expected:+.3f}: what customers value most (reliability, "
                f"{points['reliability']:.0f} points) falls short most, so weighing makes the score worse "
                f"than the unweighted {servqual.servqual_score(scores):+.3f}.")
    if close(got, -expected):
        raise Wrong(f"got {got:+.3f}, the sign flipped: a gap is perception - expectation (P - E), not E - P.")
    if close(got, servqual.servqual_score(scores)):
        raise Wrong(f"got {got:+.3f}, the unweighted score (the plain mean of the five gaps); weigh each gap "
                    "by the survey's mean importance points.")
    if close(got, float((points * scores["gap"]).sum())):
        raise Wrong(f"got {got:+.2f}: you multiplied by the raw points; divide by their total "
                    f"({points.sum():.0f}) so the weights sum to 1.")
    per_person = servqual.respondent_gaps(survey)
    own = survey[[f"imp_{d}" for d in servqual.DIMENSIONS]].to_numpy(float)
    own_weighted = float(((per_person.to_numpy() * own).sum(axis=1) / own.sum(axis=1)).mean())
    if close(got, own_weighted):
        raise Wrong("you weighted each respondent by their own points; the question uses the survey's "
                    "mean points for everyone (average the imp_ columns first).")
    if close(got, float(servqual.item_gaps(survey).to_numpy().mean())):
        raise Wrong("that is the mean of all 22 item gaps, which weighs each dimension by its number of "
                    "items; weigh the five dimension gaps by the importance points instead.")
    raise Wrong(f"got {got:+.3f}; compute servqual.servqual_score with the mean imp_ points as weights.")


@question("08.q2", topic="where: the worst branch", hints=[
    "First find the priority dimension: the most negative weighted gap (it is the same as in q1's weights).",
    "servqual.dimension_scores_by(survey, 'branch') gives one row per branch, one column per dimension.",
    "Take that dimension's column and ask for .idxmin(): the most negative gap.",
])
def _q2(answer):
    survey = _survey()
    priority = _priority(survey)
    table = servqual.dimension_scores_by(survey, "branch")
    channels = sorted(survey["channel"].unique())
    if isinstance(answer, str) and answer.strip().lower() in channels:
        raise Wrong(f"{answer.strip()} is a channel; the question asks which branch "
                    f"({', '.join(table.index)}).")
    got = choice(answer, list(table.index))
    expected = table[priority].idxmin()
    if got == expected:
        rest = table[priority].drop(expected)
        return (f"{expected} has the worst {priority} gap, {table.loc[expected, priority]:+.2f}; the next worst, "
                f"{rest.idxmin()}, has {rest.min():+.2f}. Start the {priority} work in {expected}.")
    if got == table[priority].idxmax():
        raise Wrong(f"{got} has the best (least negative) {priority} gap; the question asks for the worst.")
    for dim in table.columns:
        if dim != priority and got == table[dim].idxmin():
            raise Wrong(f"{got} is worst on {dim}; the question asks about the priority dimension, {priority}.")
    raise Wrong(f"{got} is not the branch with the most negative {priority} gap; compare the column's values.")


@question("08.q3", topic="why: the gap to close first", hints=[
    "Load the audit with data.load('gap_audit').set_index('dimension') and measure its gaps.",
    "gaps.measure(audit) gives gap1..gap5 per dimension; take the row of the priority dimension.",
    "gaps.priority(row) names the gap (1-4) to close first; gap 5 is the result, not a lever.",
])
def _q3(answer):
    got = number(answer, "a gap number (1, 2, 3 or 4)")
    survey = _survey()
    priority = _priority(survey)
    measured = gaps.measure(data.load("gap_audit").set_index("dimension"))
    row = measured.loc[priority]
    expected = gaps.priority(row)
    if close(got, expected):
        return (f"close gap {expected} first for {priority}: {gaps.GAPS.loc[expected, 'name']} "
                f"({row[f'gap{expected}']:+.2f}, the largest shortfall of gaps 1-4).")
    if close(got, 5):
        raise Wrong("gap 5 is the customer gap, the result you see in the survey; it closes only by "
                    "closing one of gaps 1-4. Which of those is most negative?")
    if any(close(got, float(v)) for v in row):
        raise Wrong(f"got {got:+.2f}, the size of a gap; give the gap's number (1-4).")
    others = {dim: gaps.priority(measured.loc[dim]) for dim in measured.index if dim != priority}
    named = [dim for dim, g in others.items() if g is not None and close(got, g)]
    if named:
        raise Wrong(f"gap {got:g} comes first for {', '.join(named)}; the question asks about {priority}.")
    raise Wrong(f"got {got:g}; find the most negative of gap1..gap4 in the {priority} row of the audit.")


@question("08.q4", topic="who is not telling us", hints=[
    "The dissatisfied share is the share of respondents whose mean gap over the five dimensions is below 0.",
    "complaints.iceberg(12_000, dissatisfied_share=share) gives every layer; read the 'silent' row.",
    "The answer is a number of customers (thousands), not a share or a percentage.",
])
def _q4(answer):
    got = number(answer, "a number of customers")
    share = _dissatisfied_share(_survey())
    ice = complaints.iceberg(CUSTOMER_BASE, dissatisfied_share=share)
    expected = float(ice.loc["silent", "customers"])
    if abs(got - expected) <= 1:
        return (f"about {expected:,.0f} of {CUSTOMER_BASE:,} customers are dissatisfied and never say so "
                f"({share:.1%} dissatisfied x 69% silent): the complaints you log are the tip.")
    silent_share = share * 0.69
    if close(got, silent_share):
        raise Wrong(f"got {got:.3f}, a share of all customers; multiply by {CUSTOMER_BASE:,} to count them.")
    if close(got, silent_share * 100):
        raise Wrong(f"got {got:.1f}, a percentage; the question asks how many customers (a count).")
    if abs(got - CUSTOMER_BASE / 3 * 0.69) <= 1:
        raise Wrong("you used the iceberg's 1/3 dissatisfied; use the share of dissatisfied respondents in this survey.")
    if abs(got - ice.loc["dissatisfied", "customers"]) <= 1:
        raise Wrong("that counts all dissatisfied customers; only 69% of them stay silent.")
    if abs(got - (ice.loc["to_staff", "customers"] + ice.loc["to_relations", "customers"])) <= 1:
        raise Wrong("that counts the dissatisfied who do complain (23% + 8%); the question asks for the silent 69%.")
    respondents = len(_survey())
    if abs(got - respondents * silent_share) <= 1:
        raise Wrong(f"that is for the {respondents} respondents; scale to the customer base of {CUSTOMER_BASE:,}.")
    raise Wrong(f"got {got:,.0f}; multiply {CUSTOMER_BASE:,} by the dissatisfied share and by 0.69.")
