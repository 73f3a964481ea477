"""Lesson 02's questions: the RATER index (exercises/02_rater.ipynb)."""

from __future__ import annotations

import pandas as pd

from .. import data, rater
from ._spec import Mistake, Question, name, number

FACTORS = list(rater.FACTORS)
OLD_TOWN_POINTS = {"empathy": 30, "responsiveness": 28, "reliability": 20, "tangibles": 12, "assurance": 10}
"""q3: the 100 points Old Town's own customers shared (stated in the exercise)."""


def setup() -> dict:
    return {"survey": data.load("rater_scores"),
            "weights": data.load("rater_weights").set_index("factor")["weight"],
            "factors": FACTORS}


def _branch(d, branch):
    return d.survey[d.survey["branch"] == branch]


def _factor_names(d):
    """Each factor's id -> its Chinese name (from rater.FACTOR_TABLE)."""
    return {f: [rater.FACTOR_TABLE.loc[f, "chinese"]] for f in FACTORS}


def _after(d, weights):
    """Westgate's index with Harbour's responsiveness, minus its index today (q4)."""
    west, harbour = _branch(d, "Westgate")[FACTORS].mean(), _branch(d, "Harbour")[FACTORS].mean()
    after = west.copy()
    after["responsiveness"] = harbour["responsiveness"]
    return rater.rater_index(after, weights), rater.rater_index(west, weights)


INDEX = number("an index between 0 and 100")

QUESTIONS = {
    "02.q1": Question(
        variable="westgate_index",
        kind=INDEX,
        answer=lambda d: rater.rater_index(_branch(d, "Westgate")),
        passed=lambda d, x: f"Westgate's unweighted RATER index is {x:.1f}/100.",
        mistakes=(
            Mistake("divided by 5", lambda d: _branch(d, "Westgate")[FACTORS].mean().mean() / 5 * 100,
                    "that is the mean score divided by 5, the colleague's mistake. The scale starts at 1, "
                    "not 0: each factor's place on it is (score - 1) / (5 - 1)."),
            Mistake("share, not 0-100", lambda d: rater.rater_index(_branch(d, "Westgate")) / 100,
                    "that is a share; the index runs from 0 to 100 (multiply by 100)."),
            Mistake("raw mean score", lambda d: _branch(d, "Westgate")[FACTORS].mean().mean(),
                    "that is the mean raw score on the 1-5 scale; rescale it to 0-100."),
            Mistake("whole bank", lambda d: rater.rater_index(d.survey),
                    "that is the index of the whole bank; keep only Westgate's respondents."),
        ),
        wrong="expected Westgate's index on 0-100 with equal weights.",
        hints=("Keep Westgate's rows: `westgate = survey[survey['branch'] == 'Westgate']`.",
               "`rater.rater_index(westgate)` gives the index with equal weights.",
               "By hand: 100 x the mean over the five factors of (mean score - 1) / (5 - 1)."),
    ),
    "02.q2": Question(
        variable="westgate_weighted",
        kind=INDEX,
        answer=lambda d: rater.rater_index(_branch(d, "Westgate"), weights=d.weights),
        passed=lambda d, x: (f"weighted by importance, Westgate scores {x:.1f}/100 "
                             f"({x - rater.rater_index(_branch(d, 'Westgate')):+.1f} against equal weights)."),
        mistakes=(
            Mistake("unweighted", lambda d: rater.rater_index(_branch(d, "Westgate")),
                    "that is the unweighted index from q1; pass the importance weights."),
            Mistake("weights not normalised", lambda d: sum(
                        d.weights[f] * (_branch(d, "Westgate")[f].mean() - 1) / 4 for f in FACTORS) * 100,
                    "the points were not divided by their total (100): weights must sum to 1 "
                    "(rater_index normalises them for you)."),
            Mistake("share, not 0-100", lambda d: rater.rater_index(_branch(d, "Westgate"), weights=d.weights) / 100,
                    "that is a share; the index runs from 0 to 100."),
            Mistake("whole bank", lambda d: rater.rater_index(d.survey, weights=d.weights),
                    "that is the whole bank's weighted index; keep only Westgate."),
        ),
        wrong="expected Westgate's index on 0-100, weighted by the importance points in weights.",
        hints=("`weights` already maps each factor to its points (a Series): pass it as the weights= "
               "argument; rater_index divides the points by their total for you.",
               "`westgate = survey[survey['branch'] == 'Westgate']`, then "
               "`rater.rater_index(westgate, weights=weights)`."),
    ),
    "02.q3": Question(
        variable="old_town_first",
        kind=name(_factor_names, "a RATER factor"),
        answer=lambda d: rater.improvement_priority(_branch(d, "Old Town"), weights=OLD_TOWN_POINTS).index[0],
        passed=lambda d, x: (f"{x}: raising it to the top would add "
                             f"{rater.improvement_priority(_branch(d, 'Old Town'), weights=OLD_TOWN_POINTS)['gain'].iloc[0]:.1f} "
                             "index points, more than any other factor. Neither the lowest score nor the "
                             "most important factor comes first: their product does."),
        mistakes=(
            Mistake("lowest score", lambda d: _branch(d, "Old Town")[FACTORS].mean().idxmin(),
                    "tangibles has the lowest score (the largest shortfall), but Old Town's customers give it "
                    "few points; compare the points each factor would add (weight x shortfall)."),
            Mistake("most important", lambda d: pd.Series(OLD_TOWN_POINTS).idxmax(),
                    "empathy gets the most points, but Old Town already scores well on it; compare the "
                    "points each factor would add (weight x shortfall)."),
            Mistake("bank's weights", lambda d: rater.improvement_priority(_branch(d, "Old Town"), weights=d.weights).index[0],
                    "reliability is what the whole bank values most, and it comes first with the bank-wide "
                    "weights; this question uses Old Town's own points (old_town_points)."),
            Mistake("last, not first", lambda d: rater.improvement_priority(_branch(d, "Old Town"), weights=OLD_TOWN_POINTS).index[-1],
                    "that factor would add the fewest points; improvement_priority lists the largest gain first."),
        ),
        wrong="another factor would add more index points; compare weight x shortfall for all five.",
        hints=("The lowest score is not always the first job, nor is the most important factor: weigh "
               "each shortfall by its importance.",
               "`old_town = survey[survey['branch'] == 'Old Town']`, then "
               "`rater.improvement_priority(old_town, weights=old_town_points)` lists the factors, "
               "largest gain first."),
    ),
    "02.q4": Question(
        variable="rise",
        kind=number("a number of index points"),
        answer=lambda d: (lambda a, b: a - b)(*_after(d, d.weights)),
        passed=lambda d, x: (f"matching Harbour's responsiveness lifts Westgate by {x:.1f} points, from "
                             f"{_after(d, d.weights)[1]:.1f} to {_after(d, d.weights)[0]:.1f}."),
        mistakes=(
            Mistake("new index, not the rise", lambda d: _after(d, d.weights)[0],
                    "that is the new index; the question asks how many points it rises."),
            Mistake("raised to the top", lambda d: rater.improvement_priority(
                        _branch(d, "Westgate")[FACTORS].mean(), d.weights).loc["responsiveness", "gain"],
                    "that is the rise if responsiveness reached the top of the scale (5); raise it to "
                    "Harbour's level only."),
            Mistake("equal weights", lambda d: (lambda a, b: a - b)(*_after(d, None)),
                    "that rise uses equal weights; pass the importance weights."),
            Mistake("gap on 1-5", lambda d: _branch(d, "Harbour")["responsiveness"].mean()
                    - _branch(d, "Westgate")["responsiveness"].mean(),
                    "that is the gap in mean responsiveness on the 1-5 scale; turn it into index points."),
        ),
        wrong="expected the rise in Westgate's weighted index, in points.",
        hints=("Take each branch's factor means: "
               "`west_means = survey[survey['branch'] == 'Westgate'][factors].mean()` and "
               "`harbour_means = survey[survey['branch'] == 'Harbour'][factors].mean()`.",
               "Copy Westgate's means and swap in Harbour's responsiveness: `after = west_means.copy()`, "
               "then `after['responsiveness'] = harbour_means['responsiveness']`.",
               "The rise is `rater.rater_index(after, weights) - rater.rater_index(west_means, weights)`, "
               "in index points."),
    ),
}
