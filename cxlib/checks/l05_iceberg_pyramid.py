"""Lesson 05's questions: the complaint iceberg and pyramid (exercises/05_iceberg_and_pyramid.ipynb)."""

from __future__ import annotations

from .. import complaints, data
from ._spec import SHARE, Mistake, Question, number

CUSTOMERS, DISSATISFIED = 3200, 0.25  # q1's airline (stated in the exercise)
CUSTOMER_COUNT = number("a number of customers")


def setup() -> dict:
    return {"log": data.load("complaint_log")}


def _ice():
    return complaints.iceberg(CUSTOMERS, dissatisfied_share=DISSATISFIED)["customers"]


def _escalation(d):
    return complaints.escalation_summary(d.log)


def _vp(d):
    return (d.log["escalation_level"] == "vice_president").sum()


QUESTIONS = {
    "05.q1": Question(
        variable="silent_customers",
        kind=CUSTOMER_COUNT,
        answer=lambda d: _ice()["silent"],
        passed=lambda d, x: (f"{x:,.0f} of the airline's {_ice()['dissatisfied']:,.0f} dissatisfied customers "
                             "never complain: the company never hears from them."),
        mistakes=(
            Mistake("69% of everyone", lambda d: CUSTOMERS * 0.69,
                    "that is 69% of all 3,200 customers; the 69% is a share of the dissatisfied quarter only."),
            Mistake("British Airways' third", lambda d: CUSTOMERS / 3 * 0.69,
                    "that is what British Airways' third gives (3,200 x 1/3 x 0.69, the same number as "
                    "3,200 x 0.23); this airline's survey says a quarter are dissatisfied, and 69% of those "
                    "never complain."),
            Mistake("the ones who complain", lambda d: _ice()["to_staff"] + _ice()["to_relations"],
                    "those are the dissatisfied customers who do complain (23% + 8%); the question asks "
                    "for the silent ones."),
            Mistake("all dissatisfied", lambda d: _ice()["dissatisfied"],
                    "that is every dissatisfied customer; take the 69% of them who never complain."),
            Mistake("share, not count", lambda d: DISSATISFIED * 0.69,
                    "that is the silent share of all customers; the question asks how many customers."),
        ),
        wrong="multiply 3,200 by the dissatisfied share (a quarter), then by the silent share (0.69).",
        hints=("A quarter of the 3,200 customers are dissatisfied; the 69% is a share of those, not of everyone.",
               "`complaints.iceberg(3200, dissatisfied_share=0.25)` gives every layer; read the 'silent' row."),
    ),
    "05.q2": Question(
        variable="customers_per_vp_complaint",
        kind=CUSTOMER_COUNT,
        answer=lambda d: 1 / (0.40 * 0.25 * 0.20 * 0.50),
        passed=lambda d, x: (f"1 / (0.40 x 0.25 x 0.20 x 0.50) = 1 / 0.01 = {x:.0f}: each complaint on the VP's "
                             "desk stands for 100 dissatisfied customers (seed 000's 500 is an arithmetic slip)."),
        mistakes=(
            Mistake("seed 000's 500", lambda d: 500,
                    "500 is the figure seed 000 prints, but its own shares do not give it; multiply them yourself."),
            Mistake("not inverted", lambda d: 0.40 * 0.25 * 0.20 * 0.50,
                    "that is the share of dissatisfied customers whose complaint reaches a VP; invert it (1 / share)."),
            Mistake("left out the last step", lambda d: 1 / (0.40 * 0.25 * 0.20),
                    "you left out the last step: only half of the unresolved complaints reach a VP."),
            Mistake("the reverse", lambda d: complaints.pyramid(1000).loc["vice_president", "customers"],
                    "that is how many VP complaints 1,000 dissatisfied customers make; the question asks the reverse."),
        ),
        wrong="compute 1 / (0.40 x 0.25 x 0.20 x 0.50).",
        hints=("Multiply the four shares: `0.40 * 0.25 * 0.20 * 0.50` is the share of dissatisfied customers "
               "whose complaint reaches a VP.",
               "One VP complaint stands for 1 / (that product) dissatisfied customers.",
               "`complaints.dissatisfied_per_vp_complaint()` does it for you; do it by hand first."),
    ),
    "05.q3": Question(
        variable="vp_share",
        kind=SHARE,
        answer=lambda d: (d.log["escalation_level"] == "vice_president").mean(),
        passed=lambda d, x: (f"{x:.1%} of logged complaints reached a vice-president (the pyramid predicts "
                             f"{_escalation(d).loc['vice_president', 'pyramid_share']:.1%}): the VP sees about 1 "
                             f"complaint in {1 / x:.0f}."),
        mistakes=(
            Mistake("count, not share", lambda d: _vp(d),
                    "that is the number of VP complaints; divide by the number of complaints in the log."),
            Mistake("middle managers or higher", lambda d: _escalation(d).loc["middle_manager", "share_reached"],
                    "that is the share reaching middle managers or higher; the question asks about the VP."),
            Mistake("stopped at middle managers", lambda d: (d.log["escalation_level"] == "middle_manager").mean(),
                    "that is the share that stopped at middle managers; the question asks about the VP."),
            Mistake("the pyramid's prediction", lambda d: _escalation(d).loc["vice_president", "pyramid_share"],
                    "that is the share the pyramid predicts; the question asks what the log shows."),
        ),
        wrong="divide the VP complaints by all complaints in the log.",
        hints=("Count the complaints whose escalation_level is 'vice_president', then divide by all complaints.",
               "`log['escalation_level'] == 'vice_president'` is True for each VP complaint, and the mean of "
               "True/False values is the share of True.",
               "A share is between 0 and 1: 0.03, not 3."),
    ),
    "05.q4": Question(
        variable="dissatisfied_behind_vp",
        kind=CUSTOMER_COUNT,
        answer=lambda d: _vp(d) * complaints.dissatisfied_per_vp_complaint(),
        passed=lambda d, x: (f"{_vp(d)} VP complaints x {complaints.dissatisfied_per_vp_complaint():.0f} = "
                             f"{x:,.0f} dissatisfied customers behind the VP's desk."),
        mistakes=(
            Mistake("seed 000's 500", lambda d: _vp(d) * 500,
                    "that uses seed 000's wrong ratio, 500; each VP complaint stands for 100."),
            Mistake("VP complaints only", lambda d: _vp(d),
                    "that is the number of VP complaints; multiply by the customers each one stands for."),
            Mistake("from the front line", lambda d: len(d.log) / 0.40,
                    "that estimate starts from the front line (complaints / 0.40); this question starts "
                    "from the VP's desk."),
            Mistake("all complaints", lambda d: len(d.log),
                    "that is the number of complaints in the log; start from the ones that reached the VP."),
        ),
        wrong="multiply the VP complaints in the log by the customers each one stands for (q2).",
        hints=("Count the VP complaints: `(log['escalation_level'] == 'vice_president').sum()`.",
               "Each of them stands for `complaints.dissatisfied_per_vp_complaint()` dissatisfied customers."),
    ),
}
