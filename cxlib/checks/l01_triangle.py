"""Lesson 01's questions: the satisfaction triangle (exercises/01_satisfaction_triangle.ipynb)."""

from __future__ import annotations

import numpy as np

from .. import data, triangle
from ._spec import SHARE, Mistake, Question, name

GUEST_EXPECTATION, GUEST_EXPERIENCE = 8.0, 6.5  # q1's hotel guest (stated in the exercise)
QUARTER = 5  # q3's quarter (stated in the exercise)


def setup() -> dict:
    return {"visits": data.load("satisfaction_visits")}


def _satisfaction(visits):
    return visits["experience"] - visits["expectation"]


def _by_shop(visits):
    return _satisfaction(visits).groupby(visits["shop"]).mean()


def _slope(visits, column):
    means = (_satisfaction(visits) if column == "satisfaction" else visits[column]).groupby(visits["quarter"]).mean()
    return np.polyfit(means.index.to_numpy(float), means.to_numpy(), 1)[0]


def _shops(d):
    return {shop: [] for shop in d.visits["shop"].unique()}


QUESTIONS = {
    "01.q1": Question(
        variable="guest_satisfaction",
        answer=lambda d: GUEST_EXPERIENCE - GUEST_EXPECTATION,
        passed=lambda d, x: f"satisfaction = 6.5 - 8.0 = {x:+.1f}: the guest is {triangle.verdict(x)}.",
        mistakes=(
            Mistake("flipped sign", lambda d: GUEST_EXPECTATION - GUEST_EXPERIENCE,
                    "that is expectation - experience; satisfaction is experience - expectation."),
            Mistake("ratio", lambda d: GUEST_EXPERIENCE / GUEST_EXPECTATION,
                    "that is a ratio; the formula takes a difference, experience - expectation."),
        ),
        wrong="subtract the expectation (8.0) from the experience (6.5).",
        hints=("Satisfaction is experience minus expectation, in that order.",
               "`triangle.satisfaction(experience=6.5, expectation=8.0)` does it for you."),
    ),
    "01.q2": Question(
        variable="dissatisfied_share",
        kind=SHARE,
        answer=lambda d: (_satisfaction(d.visits) < 0).mean(),
        passed=lambda d, x: f"{x:.1%} of visits left the customer dissatisfied (experience below expectation).",
        mistakes=(
            Mistake("counted 'met' too", lambda d: (_satisfaction(d.visits) <= 0).mean(),
                    "you also counted visits where experience exactly met expectation; those are "
                    "'met', not dissatisfied. Count satisfaction < 0 only."),
            Mistake("satisfied share", lambda d: (_satisfaction(d.visits) > 0).mean(),
                    "that is the share of satisfied visits (satisfaction > 0); the question asks for "
                    "the dissatisfied ones, satisfaction < 0."),
            Mistake("count, not share", lambda d: (_satisfaction(d.visits) < 0).sum(),
                    "that is the number of dissatisfied visits; divide by the number of visits for a share."),
            Mistake("mean satisfaction", lambda d: _satisfaction(d.visits).mean(),
                    "that is the mean satisfaction; the question asks what share of visits is below zero."),
        ),
        wrong="expected the share of visits with satisfaction (experience - expectation) below 0.",
        hints=("Satisfaction is experience minus expectation, one value per visit: "
               "`satisfaction = visits['experience'] - visits['expectation']`.",
               "`satisfaction < 0` is True for each dissatisfied visit, and the mean of True/False "
               "values is the share of True: `(satisfaction < 0).mean()`."),
    ),
    "01.q3": Question(
        variable="worst_shop",
        kind=name(_shops, "one of the shops"),
        answer=lambda d: _by_shop(d.visits[d.visits["quarter"] == QUARTER]).idxmin(),
        passed=lambda d, x: (f"{x} had the lowest mean satisfaction in quarter {QUARTER} "
                             f"({_by_shop(d.visits[d.visits['quarter'] == QUARTER])[x]:+.2f}): it stands "
                             "still while expectations rise; Market's slide only starts after quarter 5."),
        mistakes=(
            Mistake("no quarter filter", lambda d: _by_shop(d.visits).idxmin(),
                    "Market is the lowest over all eight quarters (and in the last three), not in "
                    "quarter 5: keep only the rows of quarter 5 first."),
            Mistake("highest, not lowest", lambda d: _by_shop(d.visits[d.visits["quarter"] == QUARTER]).idxmax(),
                    "that shop has the highest mean satisfaction in quarter 5; the question asks for the lowest."),
        ),
        wrong="compare the three shops' mean satisfaction in quarter 5 and take the lowest.",
        hints=("Keep quarter 5 only: `q5 = visits[visits['quarter'] == 5]`.",
               "Average satisfaction per shop: `(q5['experience'] - q5['expectation']).groupby(q5['shop']).mean()`; "
               ".idxmin() then gives the shop with the lowest value."),
    ),
    "01.q4": Question(
        variable="rise_per_quarter",
        answer=lambda d: _slope(d.visits, "expectation"),
        passed=lambda d, x: (f"expectations rise by about {x:.2f} points a quarter; a shop that stands "
                             "still loses that much satisfaction every quarter."),
        mistakes=(
            Mistake("trend of satisfaction", lambda d: _slope(d.visits, "satisfaction"),
                    "that is the trend of satisfaction; the question asks how fast expectation rises."),
            Mistake("trend of experience", lambda d: _slope(d.visits, "experience"),
                    "that is the trend of experience; the question asks how fast expectation rises."),
            Mistake("total rise", lambda d: d.visits.groupby("quarter")["expectation"].mean().pipe(
                        lambda m: m.iloc[-1] - m.iloc[0]),
                    "that is the total rise from quarter 1 to quarter 8; fit a line to get the rise per quarter."),
            Mistake("two-point slope", lambda d: d.visits.groupby("quarter")["expectation"].mean().pipe(
                        lambda m: (m.iloc[-1] - m.iloc[0]) / 7),
                    "that uses only quarters 1 and 8; fit a line through all eight quarterly means."),
        ),
        wrong="fit a straight line to the mean expectation against the quarter and give its slope.",
        hints=("Average the expectation per quarter: `visits.groupby('quarter')['expectation'].mean()`.",
               "np.polyfit(x, y, 1) fits a straight line and its element [0] is the slope: "
               "`means = visits.groupby('quarter')['expectation'].mean()`, then "
               "`np.polyfit(means.index, means.to_numpy(), 1)[0]`.",
               "The slope is in points per quarter: a small positive number."),
    ),
}
