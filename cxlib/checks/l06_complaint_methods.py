"""Checks for lesson 06, complaint-handling methods (exercises/06_complaint_methods.ipynb)."""

from __future__ import annotations

from collections.abc import Mapping

from .. import complaints, data
from ..exercises import Wrong, choice, close, number, question, refuse_percentage

# q1's case (stated in the exercise): a calm customer says the sofa is the wrong colour; it matches
# the order, the showroom lighting made it look different.
SOFA = {"channel": "face_to_face", "cause": "product_quality", "customer_state": "calm", "finding": "misunderstanding"}


def _method(answer) -> str:
    """Accept a method's id ('conversion') or its English name ('Conversion')."""
    names = {name.lower(): key for key, name in complaints.METHODS["name"].items()}
    if isinstance(answer, str) and answer.strip().lower() in names:
        return names[answer.strip().lower()]
    return choice(answer, list(complaints.METHODS.index))


@question("06.q1", topic="choosing a method", hints=[
    "What did assessing the complaint find: our mistake, a misunderstanding, or no basis at all?",
    "complaints.METHODS['when'] says which method fits each finding.",
])
def _q1(answer):
    got = _method(answer)
    rec = complaints.recommend_method(**SOFA)
    expected = next(m for m, f in zip(rec.reasons["method"], rec.reasons["rule"]) if f.startswith("finding"))
    if got == expected:
        return f"{complaints.METHODS.loc[got, 'name']} ({complaints.METHODS.loc[got, 'chinese']}): guide the customer, do not contradict them."
    if got == "humour":
        raise Wrong("humour may help with a calm customer, but it does not deal with the misunderstanding itself.")
    if got == "admit_mistake":
        raise Wrong("nobody made a mistake here: the sofa matches the order. Admitting one would be untrue.")
    if got == "diversion":
        raise Wrong("diversion is for baseless complaints; this one has a real cause, the showroom lighting.")
    if got == "tactful_denial":
        raise Wrong("tactful denial fits a customer who is partly right; this is a misunderstanding.")
    raise Wrong(f"{got} is for an upset or angry customer; this one is calm and has misread the colour.")


def _pareto():
    return complaints.cause_pareto(data.load("complaint_log"))


@question("06.q2", topic="Pareto of causes", hints=[
    "complaints.cause_pareto(log) sorts the causes, largest first, with each one's share.",
    "Add the shares of the first two rows.",
    "A share is between 0 and 1: 0.7, not 70.",
])
def _q2(answer):
    got = number(answer, "a share between 0 and 1")
    pareto = _pareto()
    expected = float(pareto["share"].iloc[:2].sum())
    if close(got, expected):
        top = " and ".join(c.replace("_", " ") for c in pareto.index[:2])
        return f"{top} cause {expected:.1%} of all complaints: fix these first."
    refuse_percentage(got, expected)
    if close(got, pareto["count"].iloc[:2].sum()):
        raise Wrong("that is a number of complaints; divide by the total for a share.")
    if close(got, pareto["share"].iloc[0]):
        raise Wrong("that is the top cause alone; add the second one.")
    vital = pareto.loc[pareto["vital_few"], "share"].sum()
    if close(got, vital):
        raise Wrong("that is the share of all vital-few causes; the question asks for the top two only.")
    raise Wrong(f"got {got:g}; add the shares of the two largest causes.")


def _hours():
    log = data.load("complaint_log")
    return log.groupby("channel")["hours_to_resolve"].agg(["median", "mean"])


@question("06.q3", topic="time to resolve by channel", hints=[
    "Group the log by channel and take the median of hours_to_resolve (blanks are unresolved and skipped).",
    "log.groupby('channel')['hours_to_resolve'].median().idxmax()",
])
def _q3(answer):
    hours = _hours()
    got = choice(answer, list(hours.index))
    expected = hours["median"].idxmax()
    if got == expected:
        return (f"{expected}: the typical complaint takes {hours.loc[expected, 'median']:.1f} hours there "
                f"(median; the mean is pulled up by a few escalated cases).")
    if got == hours["mean"].idxmax():
        raise Wrong(f"{got} has the longest mean, pulled up by a few slow escalated cases; use the median.")
    if got == hours["median"].idxmin():
        raise Wrong(f"{got} is the fastest channel; the question asks for the slowest.")
    raise Wrong(f"{got} is not the slowest by median; compare the four channels' medians.")


@question("06.q4", topic="your improvement project", hints=[
    "Count complaints per (channel, cause) pair: log.groupby(['channel', 'cause']).size().",
    "Divide by len(log) so the share is of ALL complaints, not of the channel's.",
    "Answer as {'channel': 'phone', 'cause': 'poor_service', 'share': 0.08}.",
])
def _q4(answer):
    if not isinstance(answer, Mapping) or not {"channel", "cause", "share"} <= set(answer):
        raise Wrong("expected a dict with keys 'channel', 'cause' and 'share'.")
    log = data.load("complaint_log")
    channel = choice(answer["channel"], sorted(set(log["channel"])))
    cause = choice(answer["cause"], sorted(set(log["cause"])))
    got = number(answer["share"], "a share between 0 and 1")
    cells = log.groupby(["channel", "cause"]).size().sort_values(ascending=False)
    expected = cells.get((channel, cause), 0) / len(log)
    if close(got, expected):
        rank = list(cells.index).index((channel, cause)) + 1 if (channel, cause) in cells.index else len(cells)
        note = "the largest cell: a strong first project" if rank == 1 else \
            f"number {rank} of {len(cells)}; say why you chose it over {cells.index[0][0]} x {cells.index[0][1]}"
        return f"{channel} x {cause}: {expected:.1%} of all complaints, {note}."
    refuse_percentage(got, expected)
    in_channel = cells.get((channel, cause), 0) / (log["channel"] == channel).sum()
    if close(got, in_channel):
        raise Wrong(f"{got:.3f} is the share within the {channel} channel; divide by all {len(log)} complaints.")
    if close(got, cells.get((channel, cause), 0)):
        raise Wrong("that is a number of complaints; divide by the total for a share.")
    raise Wrong(f"got {got:g} for {channel} x {cause}; count that pair and divide by {len(log)}.")
