"""Checks for lesson 02, the RATER index (exercises/02_rater.ipynb)."""

from __future__ import annotations

from .. import data, rater
from ..exercises import Wrong, choice, close, number, question
from ..rater import FACTORS

WEAK, BEST, OLD = "Westgate", "Harbour", "Old Town"  # the branches the questions name


def _survey():
    return data.load("rater_scores")


def _weights():
    return data.load("rater_weights").set_index("factor")["weight"]


def _branch(name):
    survey = _survey()
    return survey[survey["branch"] == name]


@question("02.q1", topic="the index, unweighted", hints=[
    "Keep Westgate's rows, then give that table to rater.rater_index.",
    "rater.rater_index(survey[survey['branch'] == 'Westgate'])",
    "By hand: 100 * mean over factors of (mean score - 1) / (5 - 1).",
])
def _q1(answer):
    got = number(answer, "an index between 0 and 100")
    west = _branch(WEAK)
    expected = rater.rater_index(west)
    raw = float(west[list(FACTORS)].mean().mean())
    if close(got, expected):
        return f"Westgate's unweighted RATER index is {expected:.1f}/100."
    if close(got, raw / 5 * 100):
        raise Wrong(f"got {got:.1f}: that is the mean score divided by 5. The scale starts at 1, not 0: "
                    "use (score - 1) / (5 - 1).")
    if close(got, expected / 100):
        raise Wrong(f"got {got:.3f}, a share; the index runs from 0 to 100 (multiply by 100).")
    if close(got, raw):
        raise Wrong(f"got {got:.2f}, the mean raw score on 1-5; rescale it to 0-100.")
    if close(got, rater.rater_index(_survey())):
        raise Wrong("that is the index of the whole bank; keep only Westgate's respondents.")
    raise Wrong(f"got {got:g}; expected Westgate's index on 0-100 with equal weights.")


@question("02.q2", topic="importance weights", hints=[
    "Turn rater_weights into a Series factor -> weight, then pass it as weights=.",
    "w = weights.set_index('factor')['weight']; rater.rater_index(westgate, weights=w)",
])
def _q2(answer):
    got = number(answer, "an index between 0 and 100")
    west, w = _branch(WEAK), _weights()
    expected = rater.rater_index(west, weights=w)
    if close(got, expected):
        return (f"weighted by importance, Westgate scores {expected:.1f}/100 "
                f"({expected - rater.rater_index(west):+.1f} against equal weights).")
    if close(got, rater.rater_index(west)):
        raise Wrong("that is the unweighted index from q1; pass the importance weights.")
    if close(got, expected * float(w.sum())):
        raise Wrong("the weights were not divided by their total; the weights must sum to 1 "
                    "(rater_index normalises them for you).")
    if close(got, expected / 100):
        raise Wrong(f"got {got:.3f}, a share; the index runs from 0 to 100.")
    if close(got, rater.rater_index(_survey(), weights=w)):
        raise Wrong("that is the whole bank's weighted index; keep only Westgate.")
    raise Wrong(f"got {got:g}; expected Westgate's index with the rater_weights importance weights.")


@question("02.q3", topic="which factor first", blank="replace the ... with a factor name, e.g. 'empathy'.", hints=[
    "The lowest score is not always the first priority: weigh each shortfall by importance.",
    "rater.improvement_priority(old_town, weights=w).index[0]",
])
def _q3(answer):
    old, w = _branch(OLD), _weights()
    table = rater.improvement_priority(old, weights=w)
    got = choice(answer, list(FACTORS))
    expected = table.index[0]
    if got == expected:
        return (f"{expected}: raising it to the top would add {table['gain'].iloc[0]:.1f} index points, "
                "more than any other factor.")
    lowest = old[list(FACTORS)].mean().idxmin()
    if got == lowest:
        raise Wrong(f"{got} has the lowest score, but customers weigh it little; compare the points each "
                    "factor would add (weight x shortfall).")
    unweighted = rater.improvement_priority(old).index[0]
    if got == unweighted:
        raise Wrong(f"{got} comes first with equal weights; use the importance weights.")
    raise Wrong(f"{got} would add {table.loc[got, 'gain']:.1f} points; another factor adds more.")


@question("02.q4", topic="what-if between branches", hints=[
    "Copy Westgate's factor means, set responsiveness to Harbour's mean, and recompute the weighted index.",
    "after = west_means.copy(); after['responsiveness'] = harbour_means['responsiveness']",
    "The answer is rater_index(after, w) - rater_index(west_means, w): a rise in points.",
])
def _q4(answer):
    got = number(answer, "a number of index points")
    w = _weights()
    west = _branch(WEAK)[list(FACTORS)].mean()
    harbour = _branch(BEST)[list(FACTORS)].mean()
    after = west.copy()
    after["responsiveness"] = harbour["responsiveness"]
    before_i, after_i = rater.rater_index(west, w), rater.rater_index(after, w)
    expected = after_i - before_i
    if close(got, expected):
        return (f"matching Harbour's responsiveness lifts Westgate by {expected:.1f} points, "
                f"from {before_i:.1f} to {after_i:.1f}.")
    if close(got, after_i):
        raise Wrong("that is the new index; the question asks how many points it rises.")
    if close(got, float(rater.improvement_priority(west, w).loc["responsiveness", "gain"])):
        raise Wrong("that is the rise if responsiveness reached the top (5); raise it to Harbour's level only.")
    if close(got, rater.rater_index(after) - rater.rater_index(west)):
        raise Wrong("that rise uses equal weights; pass the importance weights.")
    if close(got, float(harbour["responsiveness"] - west["responsiveness"])):
        raise Wrong("that is the gap in mean scores on 1-5; turn it into index points.")
    raise Wrong(f"got {got:g}; expected the rise in Westgate's weighted index, in points.")
