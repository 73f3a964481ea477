"""Lesson 06's questions: complaint-handling methods (exercises/06_complaint_methods.ipynb)."""

from __future__ import annotations

from .. import complaints, data
from ._spec import SHARE, Mistake, Question, name, number


def setup() -> dict:
    return {"log": data.load("complaint_log")}


def _catalogue(table):
    """A cxlib catalogue's ids -> their English and Chinese names (all accepted as answers)."""
    return lambda d: {ident: [row["name"], row["chinese"]] for ident, row in table.iterrows()}


METHOD = name(_catalogue(complaints.METHODS), "one of the six methods")
CHANNEL = name(_catalogue(complaints.CHANNELS), "one of the four channels")
CAUSE = name(_catalogue(complaints.CAUSES), "one of the five causes")


def _method_for(finding):
    rules = complaints.RULES
    return rules[(rules["field"] == "finding") & (rules["value"] == finding)]["method"].iloc[0]


def _hours(d, fill=None):
    hours = d.log["hours_to_resolve"] if fill is None else d.log["hours_to_resolve"].fillna(fill)
    return hours.groupby(d.log["channel"])


def _top(series, pick="idxmax"):
    label = getattr(series, pick)()
    return label, series[label]


def _slowest(d, how="median", pick="idxmax", fill=None):
    channel, hours = _top(getattr(_hours(d, fill), how)(), pick)
    return {"channel": channel, "hours": hours}


def _cells(d):
    return d.log.groupby(["channel", "cause"]).size()


def _biggest(d, divide_by=None):
    (channel, cause), count = _top(_cells(d))
    total = {None: 1, "all": len(d.log), "channel": (d.log["channel"] == channel).sum(),
             "cause": (d.log["cause"] == cause).sum()}[divide_by]
    return {"channel": channel, "cause": cause, "share": count / total}


def _picked(method, message):
    return Mistake(method, lambda d: method, message)


QUESTIONS = {
    "06.q1": Question(
        variable="method",
        kind=METHOD,
        answer=lambda d: _method_for("misunderstanding"),
        passed=lambda d, x: (f"{complaints.METHODS.loc[x, 'name']} ({complaints.METHODS.loc[x, 'chinese']}): a "
                             "misunderstanding, so guide the customer and do not contradict them."),
        mistakes=(
            _picked("humour", "humour may help with a calm customer, but it does not deal with the "
                              "misunderstanding itself."),
            _picked("admit_mistake", "nobody made a mistake here: the sofa matches the order. Admitting one "
                                     "would be untrue."),
            _picked("diversion", "diversion is for baseless complaints; this one has a real cause, the "
                                 "showroom lighting."),
            _picked("tactful_denial", "tactful denial fits a customer who is partly right; this is a "
                                      "misunderstanding."),
            _picked("calm_anger", "calming the anger is for an upset or angry customer; this one is calm and "
                                  "has misread the colour."),
        ),
        wrong="which method fits a complaint caused by a misunderstanding?",
        hints=("What did assessing the complaint find: our mistake, a misunderstanding, or no basis at all?",
               "`complaints.METHODS['when']` says which situation each method fits."),
    ),
    "06.q2": Question(
        variable="top_two_share",
        kind=SHARE,
        answer=lambda d: complaints.cause_pareto(d.log)["share"].iloc[:2].sum(),
        passed=lambda d, x: (" and ".join(c.replace("_", " ") for c in complaints.cause_pareto(d.log).index[:2])
                             + f" cause {x:.1%} of all complaints: fix these first."),
        mistakes=(
            Mistake("count, not share", lambda d: complaints.cause_pareto(d.log)["count"].iloc[:2].sum(),
                    "that is a number of complaints; divide by the total for a share."),
            Mistake("top cause alone", lambda d: complaints.cause_pareto(d.log)["share"].iloc[0],
                    "that is the top cause alone; add the second one."),
            Mistake("all vital few", lambda d: complaints.cause_pareto(d.log).query("vital_few")["share"].sum(),
                    "that is the share of all vital-few causes; the question asks for the top two only."),
            Mistake("top two channels", lambda d: d.log["channel"].value_counts(normalize=True).iloc[:2].sum(),
                    "that is the share of the two largest channels; the question asks about causes."),
        ),
        wrong="add the shares of the two largest causes.",
        hints=("`complaints.cause_pareto(log)` sorts the causes, largest first, with each one's share.",
               "Add the shares of the first two rows: `complaints.cause_pareto(log)['share'].iloc[:2]`.",
               "A share is between 0 and 1: 0.7, not 70."),
    ),
    "06.q3": Question(
        variable="slowest",
        kind={"channel": CHANNEL, "hours": number("a number of hours")},
        answer=lambda d: _slowest(d),
        passed=lambda d, x: (f"{x['channel']}: the typical complaint takes {x['hours']:.1f} hours there (median); "
                             f"by the mean, {_slowest(d, 'mean')['channel']} looks slowest, pulled up by a few "
                             "very slow cases."),
        mistakes=(
            Mistake("mean, not median", lambda d: _slowest(d, "mean"),
                    "that is the slowest channel by the mean, which a few very slow cases pull up; use the median."),
            Mistake("blanks as 0", lambda d: _slowest(d, fill=0),
                    "the channel is right, but the hours count unresolved complaints (blank) as 0 hours; "
                    "leave the blanks out (median() skips them)."),
            Mistake("fastest, not slowest", lambda d: _slowest(d, pick="idxmin"),
                    "that is the fastest channel; the question asks for the slowest."),
        ),
        wrong="give the channel with the largest median hours_to_resolve, and that median.",
        hints=("Blank hours are complaints not resolved yet: leave them out (median() skips them; do not "
               "fill them with 0).",
               "`medians = log.groupby('channel')['hours_to_resolve'].median()`, then `medians.idxmax()` and "
               "`medians.max()` give the slowest channel and its hours."),
    ),
    "06.q4": Question(
        variable="project",
        kind={"channel": CHANNEL, "cause": CAUSE, "share": number("a share between 0 and 1")},
        answer=lambda d: _biggest(d, "all"),
        passed=lambda d, x: (f"{x['channel']} x {x['cause']}: {x['share']:.1%} of all complaints, the largest "
                             "cell: a strong first project."),
        mistakes=(
            Mistake("share within the channel", lambda d: _biggest(d, "channel"),
                    "that share is within the channel; divide by all complaints in the log."),
            Mistake("share within the cause", lambda d: _biggest(d, "cause"),
                    "that share is within the cause; divide by all complaints in the log."),
            Mistake("count, not share", lambda d: _biggest(d),
                    "that is a number of complaints; divide by the total for a share."),
            Mistake("percent for a share", lambda d: {**_biggest(d, "all"), "share": 100 * _biggest(d, "all")["share"]},
                    "that share is a percentage; give it as a number between 0 and 1."),
        ),
        wrong="find the channel x cause pair with the most complaints, and its share of all complaints.",
        hints=("Count complaints per pair: `log.groupby(['channel', 'cause']).size()`.",
               "Divide by `len(log)` so the share is of all complaints, not of the channel's; .idxmax() gives "
               "the (channel, cause) pair and .max() its share."),
    ),
}
