"""Checks for lesson 04, the 5GAP model (exercises/04_five_gaps.ipynb)."""

from __future__ import annotations

from .. import data, gaps
from ..exercises import Wrong, close, number, question, refuse_percentage

AS_OF = "2024-09-01 00:00"  # when the ticket extract was taken (stated in the exercise)


def _audit():
    return data.load("gap_audit").set_index("dimension")


def _gaps():
    return gaps.measure(_audit())


@question("04.q1", topic="measuring one gap", hints=[
    "Gap 3 compares what was delivered with the standard: delivered - standard.",
    "audit.loc['reliability', 'delivered'] - audit.loc['reliability', 'standard']",
])
def _q1(answer):
    got = number(answer, "a gap (a number)")
    audit = _audit().loc["reliability"]
    expected = float(audit["delivered"] - audit["standard"])
    if close(got, expected):
        return f"gap 3 = {expected:+.2f}: repairs fall short of the network's own standard for reliability."
    if close(got, -expected):
        raise Wrong(f"got {got:+.2f}, i.e. standard - delivered; gap 3 is delivered - standard (negative = shortfall).")
    if close(got, float(audit["perceived"] - audit["expectation"])):
        raise Wrong("that is gap 5 (perceived - expectation); gap 3 compares delivery with the standard.")
    if close(got, float(audit["delivered"] - audit["promised"])):
        raise Wrong("that is gap 4 (delivered - promised); gap 3 compares delivery with the standard.")
    raise Wrong(f"got {got:+g}; expected delivered - standard for reliability.")


@question("04.q2", topic="which gap first", blank="replace the ... with a gap number, 1 to 4.", hints=[
    "Measure all gaps, average each column over the five dimensions, and find the most negative of gaps 1-4.",
    "gaps.priority(gaps.measure(audit).mean())",
])
def _q2(answer):
    got = number(answer, "a gap number, 1 to 4")
    mean = _gaps().mean()
    expected = gaps.priority(mean)
    if got == expected:
        return (f"gap {expected} ({gaps.GAPS.loc[expected, 'name']}): {mean[f'gap{expected}']:+.2f} on average, "
                "the largest shortfall across the five dimensions.")
    if got == 5:
        raise Wrong("gap 5 is the result customers feel; it closes only by closing gaps 1-4. Pick one of those.")
    if got not in (1, 2, 3, 4):
        raise Wrong(f"got {got:g}; answer with a gap number 1, 2, 3 or 4.")
    g = int(got)
    least = int(mean[["gap1", "gap2", "gap3", "gap4"]].idxmax()[3:])
    if g == least:
        raise Wrong(f"gap {g} is the smallest shortfall; look for the most negative average.")
    raise Wrong(f"gap {g} averages {mean[f'gap{g}']:+.2f}; another gap is more negative on average "
                "(average over all five dimensions, not one).")


@question("04.q3", topic="the 2-hour promise", hints=[
    "Run gaps.sla_breaches(tickets, as_of='2024-09-01 00:00'), then gaps.sla_summary(..., by='region').",
    "Read the 'respond' column in the South row: a share between 0 and 1.",
    "A ticket never answered and already past 2 hours counts as a breach.",
])
def _q3(answer):
    got = number(answer, "a share between 0 and 1")
    tickets = data.load("service_tickets")
    flags = gaps.sla_breaches(tickets, as_of=AS_OF)
    summary = gaps.sla_summary(flags, by="region")
    expected = float(summary.loc["South", "respond"])
    if close(got, expected):
        return (f"{expected:.1%} of South's tickets waited more than 2 hours for a response: the promise "
                "is broken often there, evidence of gap 4.")
    refuse_percentage(got, expected)
    south = flags[flags["region"] == "South"]
    answered = south[south["response_h"].notna()]
    if close(got, float((answered["response_h"] > 2).mean())):
        raise Wrong("you left out South tickets that never got a response; one still unanswered after 2 hours "
                    "is a breach too (sla_breaches counts it).")
    if close(got, float((answered["response_h"] >= 2).mean())) or close(got, float((south["response_h"] >= 2).mean())):
        raise Wrong("a response at exactly 2 hours keeps the promise; count only waits longer than 2 hours.")
    if close(got, float(gaps.sla_summary(flags).loc["all", "respond"])):
        raise Wrong("that is the share for the whole network; keep only the South region.")
    if close(got, float(south["respond_breach"].sum())):
        raise Wrong("that is a count of tickets; divide by the number of South tickets for a share.")
    raise Wrong(f"got {got:g}; expected the share of South tickets breaking the 2-hour response promise.")


@question("04.q4", topic="the teaching model", hints=[
    "Take responsiveness's gaps 1-3 from measure(audit) and set gap 4 to 0.",
    "gaps.predicted_gap5(g['gap1'], g['gap2'], g['gap3'], 0)",
])
def _q4(answer):
    got = number(answer, "a gap (a number)")
    g = _gaps().loc["responsiveness"]
    expected = float(gaps.predicted_gap5(g["gap1"], g["gap2"], g["gap3"], 0.0))
    if close(got, expected):
        return (f"gap 5 would shrink to {expected:+.2f} by the teaching model (from "
                f"{float(gaps.predicted_gap5(g['gap1'], g['gap2'], g['gap3'], g['gap4'])):+.2f}): "
                "promising only what is delivered removes the largest part of the shortfall.")
    if close(got, float(gaps.predicted_gap5(g["gap1"], g["gap2"], g["gap3"], g["gap4"]))):
        raise Wrong("that keeps gap 4 as it is; the question sets gap 4 to 0.")
    if close(got, float(g["gap5"])):
        raise Wrong("that is today's measured gap 5; use the teaching model with gap 4 = 0.")
    if close(got, float(g["gap5"] - g["gap4"])):
        raise Wrong("you removed gap 4 from the measured gap 5; the question asks for the teaching model "
                    "(gap1 + gap2 + gap3 + 0).")
    if close(got, -expected):
        raise Wrong(f"got {got:+g}: the sign is flipped; a shortfall is negative.")
    raise Wrong(f"got {got:+g}; expected gap1 + gap2 + gap3 + 0 for responsiveness.")
