"""Lesson 07's questions: measuring satisfaction (exercises/07_measuring_satisfaction.ipynb)."""

from __future__ import annotations

import numpy as np

from .. import data, measure
from ._spec import SHARE, Mistake, Question, number

ATTRIBUTES = ["seating", "cleanliness", "food", "drinks_variety", "staff", "wifi"]
MONTH = "2024-05"  # q1's month (stated in the exercise)


def setup() -> dict:
    return {"months": data.load("satisfaction_indicators").set_index("month"),
            "experts": data.load("fuzzy_weights").set_index("attribute"),
            "answers": data.load("fuzzy_answers"),
            "lounge": data.load("satisfaction_drivers"),
            "ATTRIBUTES": ATTRIBUTES}


def _rate(d, column="complained", month=MONTH):
    return d.months.loc[month, column] / d.months.loc[month, "customers"]


def _R(d):
    return measure.membership_matrix(d.answers, attributes=list(d.experts.index))


def _B(d, weights):
    return measure.fuzzy_evaluate(weights, _R(d)).vector


def _good(d, weights):
    return _B(d, weights)["good"]


def _period(d, period):
    return d.lounge if period is None else d.lounge[d.lounge["period"] == period]


def _r2(d, period):
    return measure.driver_weights(_period(d, period), "overall", ATTRIBUTES).r_squared


def _expert(name):
    return Mistake(f"only {name}", lambda d: _good(d, d.experts[name]),
                   f"that uses only {name}'s points; the panel's weight is the mean of the five experts "
                   "(the weight column).")


QUESTIONS = {
    "07.q1": Question(
        variable="complaint_rate_may",
        kind=SHARE,
        answer=lambda d: measure.complaint_rate(d.months.loc[MONTH, "complained"], d.months.loc[MONTH, "customers"]),
        passed=lambda d, x: (f"complaint rate in {MONTH} = {x:.4f} ({x:.1%}), against about "
                             f"{measure.indicators(d.months.drop(index=MONTH))['complaint_rate'].median():.1%} in "
                             "a usual month: the new billing system shows at once."),
        mistakes=(
            Mistake("inverted", lambda d: 1 / _rate(d),
                    "that is customers / complained; the rate is complained / customers."),
            Mistake("count, not rate", lambda d: d.months.loc[MONTH, "complained"],
                    "that is the number of customers who complained; divide by the month's customers."),
            Mistake("whole year", lambda d: d.months["complained"].sum() / d.months["customers"].sum(),
                    "that is the rate over the whole year; keep only 2024-05."),
            Mistake("April, not May", lambda d: _rate(d, month="2024-04"),
                    "that is April's rate; the billing system went live in May, 2024-05."),
            *(Mistake(f"{label} rate", lambda d, column=column: _rate(d, column),
                      f"that is the {label} rate; the complaint rate uses the complained column.")
              for column, label in (("praised", "praise"), ("named_brand", "designation"),
                                    ("bought_again", "repeat-purchase"))),
        ),
        wrong="divide complained by customers in the 2024-05 row.",
        hints=("The complaint rate is the share of customers who complained: complained / customers.",
               "`may = months.loc['2024-05']` is May's row (months is indexed by month, as in the lesson).",
               "`measure.complaint_rate(may['complained'], may['customers'])` gives a share between 0 and 1."),
    ),
    "07.q2": Question(
        variable="b_good",
        kind=number("a membership between 0 and 1"),
        answer=lambda d: _good(d, d.experts["weight"]),
        passed=lambda d, x: (f"B['good'] = {x:.3f}, the largest entry of B, so the hall grades 'good'; "
                             f"'fair' follows with {_B(d, d.experts['weight'])['fair']:.3f}."),
        mistakes=(
            Mistake("counts, not shares", lambda d: d.experts["weight"] @ (_R(d)["good"] * len(d.answers)),
                    "that is built from counts of answers; R needs shares (each row sums to 1)."),
            Mistake("weights in points", lambda d: 100 * _good(d, d.experts["weight"]),
                    "that is 100 times too much: were the weights in points (summing to 100)? Use weights "
                    "that sum to 1."),
            Mistake("equal weights", lambda d: _good(d, {a: 1 for a in d.experts.index}),
                    "that is B with equal weights (the plain mean of R's 'good' column); weight each "
                    "attribute by the experts' weight column."),
            *(_expert(e) for e in ("expert_a", "expert_b", "expert_c", "expert_d", "expert_e")),
        ),
        wrong="compute B = W·R with the experts' weight column and read its 'good' entry.",
        hints=("`R = measure.membership_matrix(answers, attributes=list(experts.index))` builds R: one row "
               "per attribute, one column per grade.",
               "`result = measure.fuzzy_evaluate(experts['weight'], R)`; B is `result.vector`.",
               "The answer is one number, B's entry at the grade 'good': `result.vector['good']`."),
    ),
    "07.q3": Question(
        variable="share_kept",
        kind=SHARE,
        answer=lambda d: measure.first_component(_period(d, "before"), ATTRIBUTES).explained,
        passed=lambda d, x: (f"the first component keeps {x:.1%} of the variance of the six attributes: "
                             "one index carries about half of what the questionnaire measured."),
        mistakes=(
            Mistake("eigenvalue, not share", lambda d: measure.first_component(_period(d, "before"), ATTRIBUTES)
                    .eigenvalues.iloc[0],
                    "that is the first eigenvalue; divide it by the sum of all eigenvalues (6 attributes)."),
            Mistake("not standardised", lambda d: (lambda ev: ev[-1] / ev.sum())(np.linalg.eigvalsh(
                        np.cov(_period(d, "before")[ATTRIBUTES].to_numpy(dtype=float), rowvar=False))),
                    "that PCA ran on raw scores (covariance); standardise the attributes first (correlation)."),
            Mistake("both periods", lambda d: measure.first_component(d.lounge, ATTRIBUTES).explained,
                    "that uses both periods; keep only period == 'before'."),
            Mistake("after, not before", lambda d: measure.first_component(_period(d, "after"), ATTRIBUTES).explained,
                    "that is the 'after' period; the question asks for 'before'."),
        ),
        wrong="run the PCA on the before guests' six standardised attributes and give the first "
              "component's share of variance.",
        hints=("`before = lounge[lounge['period'] == 'before']` keeps the guests surveyed before the swap.",
               "`pc = measure.first_component(before, ATTRIBUTES)` runs the PCA on the standardised "
               "attributes; look at `pc.explained` and `pc.eigenvalues`.",
               "A share is between 0 and 1."),
    ),
    "07.q4": Question(
        variable="r2_drop",
        kind=number("a drop in R² (a number)"),
        answer=lambda d: _r2(d, "before") - _r2(d, "after"),
        passed=lambda d, x: (f"R² fell from {_r2(d, 'before'):.2f} to {_r2(d, 'after'):.2f} (a drop of {x:.2f}): "
                             "after the swap the questionnaire explains far less of the overall score. "
                             "Something it does not ask about now moves satisfaction."),
        mistakes=(
            Mistake("flipped sign", lambda d: _r2(d, "after") - _r2(d, "before"),
                    "that is after - before; the drop is before - after (a positive number)."),
            Mistake("R² before only", lambda d: _r2(d, "before"),
                    "that is the R² before the swap; subtract the R² after."),
            Mistake("R² after only", lambda d: _r2(d, "after"),
                    "that is the R² after the swap; subtract it from the R² before."),
            Mistake("percentage points", lambda d: 100 * (_r2(d, "before") - _r2(d, "after")),
                    "that is in percentage points; give R² as a share (0-1), so the drop is below 1."),
            Mistake("before minus everyone", lambda d: _r2(d, "before") - _r2(d, None),
                    "you compared 'before' with all guests; fit the 'after' period on its own."),
        ),
        wrong="fit one regression per period and subtract: R² before - R² after.",
        hints=("`fit = measure.driver_weights(lounge[lounge['period'] == 'before'], 'overall', ATTRIBUTES)` "
               "fits one period; `fit.r_squared` is its R².",
               "Do the same for 'after'; the drop is R² before minus R² after, a positive number."),
    ),
}
