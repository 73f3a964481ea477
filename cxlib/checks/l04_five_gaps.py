"""Lesson 04's questions: the 5GAP model (exercises/04_five_gaps.ipynb).

Gap 5 follows the course's teaching model, ``gaps.predicted_gap5``: customers judge what is
delivered against the higher of what they expected and what they were promised, so
gap5 = min(gap1 + gap2 + gap3, gap4).
"""

from __future__ import annotations

import pandas as pd

from .. import data, gaps
from ._spec import Mistake, Question, number, whole

AS_OF = "2024-09-01 00:00"  # when the ticket extract was taken (stated in the exercise)


def setup() -> dict:
    return {"audit": data.load("gap_audit").set_index("dimension"), "tickets": data.load("service_tickets")}


def _row(d, dimension):
    return d.audit.loc[dimension]


def _gaps(d):
    return gaps.measure(d.audit)


def _south(d):
    flags = gaps.sla_breaches(d.tickets, as_of=AS_OF)
    return flags[flags["region"] == "South"]


def _hours_to_respond(tickets):
    """Response time in hours from the raw time stamps (blank where nobody responded)."""
    wait = pd.to_datetime(tickets["responded_at"]) - pd.to_datetime(tickets["reported_at"])
    return wait.dt.total_seconds() / 3600


def _honest(d, gap4=0.0):
    g = _gaps(d).loc["responsiveness"]
    return gaps.predicted_gap5(g["gap1"], g["gap2"], g["gap3"], g["gap4"] if gap4 is None else gap4)


QUESTIONS = {
    "04.q1": Question(
        variable="gap_3",
        kind=number("a gap (a number)"),
        answer=lambda d: _row(d, "reliability")["delivered"] - _row(d, "reliability")["standard"],
        passed=lambda d, x: f"gap 3 = {x:+.2f}: repairs fall short of the network's own standard for reliability.",
        mistakes=(
            Mistake("flipped sign", lambda d: _row(d, "reliability")["standard"] - _row(d, "reliability")["delivered"],
                    "that is standard - delivered; gap 3 is delivered - standard (negative = shortfall)."),
            Mistake("gap 4", lambda d: _row(d, "reliability")["delivered"] - _row(d, "reliability")["promised"],
                    "that is gap 4 (delivered - promised); gap 3 compares delivery with the standard."),
            Mistake("gap 5", lambda d: _row(d, "reliability")["perceived"] - _row(d, "reliability")["expectation"],
                    "that is gap 5 (perceived - expectation); gap 3 compares delivery with the standard."),
        ),
        wrong="expected delivered - standard in the reliability row.",
        hints=("Gap 3 compares what was delivered with the standard: delivered - standard.",
               "`audit.loc['reliability']` is reliability's row; its 'delivered' and 'standard' levels are "
               "the two you need."),
    ),
    "04.q2": Question(
        variable="first_gap",
        kind=whole(1, 2, 3, 4, what="a gap number (1, 2, 3 or 4)"),
        answer=lambda d: gaps.priority(_gaps(d).mean()),
        passed=lambda d, x: (f"gap {x} ({gaps.GAPS.loc[x, 'name']}): {_gaps(d).mean()[f'gap{x}']:+.2f} on "
                             "average, the largest shortfall across the five dimensions."),
        mistakes=(
            Mistake("gap 5 is the result", lambda d: int(_gaps(d).mean().idxmin()[3:]),
                    "gap 5 is the result customers feel; it closes only by closing gaps 1-4. Pick one of those."),
            Mistake("smallest, not largest", lambda d: int(_gaps(d).mean()[["gap1", "gap2", "gap3", "gap4"]].idxmax()[3:]),
                    "that gap is the smallest shortfall on average; look for the most negative average."),
            Mistake("most common first gap", lambda d: int(gaps.priority(_gaps(d)).mode()[0]),
                    "that gap comes first for more dimensions than any other, but the question averages "
                    "each gap over the five dimensions first, then takes the most negative."),
        ),
        wrong="average each of gaps 1-4 over the five dimensions and take the most negative.",
        hints=("`gaps.measure(audit)` gives gap1..gap5 for every dimension; `gaps.measure(audit).mean()` "
               "averages each column over the five dimensions.",
               "Gap 5 is the result, not a lever: pick the most negative of gap1..gap4. "
               "`gaps.priority(gaps.measure(audit).mean())` does it for you."),
    ),
    "04.q3": Question(
        variable="south_breaches",
        kind=number("a number of tickets"),
        answer=lambda d: _south(d)["respond_breach"].sum(),
        passed=lambda d, x: (f"{x:.0f} of South's {len(_south(d))} tickets ({x / len(_south(d)):.1%}) waited more "
                             "than 2 hours for a response: the promise is broken often there, evidence of gap 4."),
        mistakes=(
            Mistake("unanswered counted as on time", lambda d: (_hours_to_respond(_south(d)) > 2).sum(),
                    "you counted the ticket that was never answered as on time: its response time is blank "
                    "(NaN), and NaN > 2 is False. Still unanswered at the extract, long after 2 hours, it broke "
                    "the promise too (sla_breaches counts it)."),
            Mistake("whole network", lambda d: gaps.sla_breaches(d.tickets, as_of=AS_OF)["respond_breach"].sum(),
                    "that counts the whole network; keep only the South region."),
            Mistake("share, not count", lambda d: _south(d)["respond_breach"].mean(),
                    "that is the share of South's tickets; the question asks how many tickets."),
            Mistake("fix breaches", lambda d: _south(d)["fix_breach"].sum(),
                    "that counts broken promises to fix (24 or 72 hours); the question asks about the "
                    "2-hour response."),
            Mistake("any breach", lambda d: (_south(d)["respond_breach"] | _south(d)["fix_breach"]).sum(),
                    "that counts tickets breaking any promise; the question asks about the 2-hour response only."),
        ),
        wrong="count South's tickets that waited more than 2 hours for a response, or are still waiting.",
        hints=("`flags = gaps.sla_breaches(tickets, as_of='2024-09-01 00:00')` marks every ticket; its "
               "'respond_breach' column is True where the 2-hour promise was broken.",
               "Keep South's rows and count the True values: "
               "`flags[flags['region'] == 'South']['respond_breach'].sum()`.",
               "A ticket never answered and already past 2 hours is a breach: sla_breaches counts it, "
               "a plain comparison with 2 does not (NaN > 2 is False)."),
    ),
    "04.q4": Question(
        variable="gap_5_honest",
        kind=number("a gap (a number)"),
        answer=lambda d: _honest(d, 0.0),
        passed=lambda d, x: (f"gap 5 would be {x:+.2f} by the teaching model, against {_honest(d, None):+.2f} "
                             "with today's promise: promising only what is delivered removes the over-promise, "
                             "and what is left is gaps 1-3."),
        mistakes=(
            Mistake("kept today's gap 4", lambda d: _honest(d, None),
                    "that keeps today's gap 4; the question sets gap 4 to 0 (promise only what is delivered)."),
            Mistake("added today's gap 4", lambda d: sum(_gaps(d).loc["responsiveness", f"gap{i}"] for i in (1, 2, 3, 4)),
                    "that adds today's gap 4 to gaps 1-3; the question sets gap 4 to 0, and in the teaching "
                    "model gap 5 is the smaller of gap1 + gap2 + gap3 and gap 4, not their sum."),
            Mistake("measured gap 5", lambda d: _gaps(d).loc["responsiveness", "gap5"],
                    "that is today's measured gap 5; use the teaching model with gap 4 = 0."),
            Mistake("measured gap 5 minus gap 4", lambda d: _gaps(d).loc["responsiveness", "gap5"]
                    - _gaps(d).loc["responsiveness", "gap4"],
                    "you took gap 4 out of the measured gap 5; the question asks for the teaching model, "
                    "gap 5 = the smaller of gap1 + gap2 + gap3 and gap 4."),
            Mistake("the larger, not the smaller", lambda d: max(
                        sum(_gaps(d).loc["responsiveness", f"gap{i}"] for i in (1, 2, 3)), 0.0),
                    "gap 5 is not 0 when promises are honest: customers still feel gaps 1-3. Gap 5 is the "
                    "smaller (more negative) of gap1 + gap2 + gap3 and gap 4."),
            Mistake("flipped sign", lambda d: -_honest(d, 0.0),
                    "the sign is flipped; a shortfall is negative."),
        ),
        wrong="expected the teaching model's gap 5 for responsiveness with gap 4 set to 0.",
        hints=("`g = gaps.measure(audit).loc['responsiveness']` holds responsiveness's gaps 1-5.",
               "The teaching model: gap 5 is the smaller of gap1 + gap2 + gap3 and gap 4. "
               "`gaps.predicted_gap5(g['gap1'], g['gap2'], g['gap3'], 0)` sets gap 4 to 0."),
    ),
}
