"""Every named mistake is reachable: computed from the exercise's own data as a student would slip.

Each slip below is code a learner could write in the exercise notebook at that question. It
runs in the exercise's own namespace (its cells up to the question), and ``check`` must name
exactly that mistake. Tests also prove each mistake's value differs from the answer and from
the other mistakes (else the data could not tell them apart), and that no slip goes unlisted.
"""

from __future__ import annotations

import pytest

from cxlib.checks import QUESTIONS
from cxlib.exercises import FAIL, _expected, _same, check

from ._nbrun import fresh, namespaces, notebook

WEST = "w = survey[survey['branch'] == 'Westgate']\n"
OLD = "old = survey[survey['branch'] == 'Old Town']\n"
WEST_MEANS = "wm = survey[survey['branch'] == 'Westgate'][factors].mean()\n"
RESP = "g = gaps.measure(audit).loc['responsiveness']\n"
FLAGS = "flags = gaps.sla_breaches(tickets, as_of='2024-09-01 00:00')\nsouth = flags[flags['region'] == 'South']\n"
VP = "vp = (log['escalation_level'] == 'vice_president').sum()\n"
CELLS = "cells = log.groupby(['channel', 'cause']).size()\nchannel, cause = cells.idxmax()\n"
MAY = "may = months.loc['2024-05']\n"
R = "R = measure.membership_matrix(answers, attributes=list(experts.index))\n"
BEFORE = "before = lounge[lounge['period'] == 'before']\n"
R2 = ("r2 = {p: measure.driver_weights(lounge[lounge['period'] == p], 'overall', ATTRIBUTES).r_squared "
      "for p in ('before', 'after')}\n")
POINTS = "points = survey[[f'imp_{d}' for d in servqual.DIMENSIONS]].mean().set_axis(list(servqual.DIMENSIONS))\n"
BRANCHES = "t = servqual.dimension_scores_by(survey, 'branch')\n"
P_A = ("p = servqual.respondent_gaps(survey, value='perception').mean(axis=1)\n"
       "a = pd.DataFrame({d: survey[[f'A{i}' for i in items]].mean(axis=1) "
       "for d, items in servqual.ITEMS_1988.items()}).mean(axis=1)\nshare = (p < a).mean()\n")


def _items_gap(lo, hi):
    return (f"responsiveness_gap = survey[[f'P{{i}}' for i in range({lo}, {hi})]].to_numpy().mean() "
            f"- survey[[f'E{{i}}' for i in range({lo}, {hi})]].to_numpy().mean()")


def _alpha(lo, hi, prefix="P"):
    return f"alpha_reliability = servqual.cronbach_alpha(survey[[f'{prefix}{{i}}' for i in range({lo}, {hi})]])"


SLIPS: dict[str, dict[str, str]] = {
    "01.q1": {"flipped sign": "guest_satisfaction = 8.0 - 6.5",
              "ratio": "guest_satisfaction = 6.5 / 8.0"},
    "01.q2": {
        "counted 'met' too": "s = visits['experience'] - visits['expectation']\ndissatisfied_share = (s <= 0).mean()",
        "satisfied share": "s = visits['expectation'] - visits['experience']\ndissatisfied_share = (s < 0).mean()",
        "count, not share": "dissatisfied_share = (visits['experience'] < visits['expectation']).sum()",
        "mean satisfaction": "dissatisfied_share = (visits['experience'] - visits['expectation']).mean()",
    },
    "01.q3": {
        "no quarter filter": ("worst_shop = triangle.satisfaction(visits['experience'], visits['expectation'])"
                              ".groupby(visits['shop']).mean().idxmin()"),
        "highest, not lowest": ("q5 = visits[visits['quarter'] == 5]\n"
                                "worst_shop = (q5['experience'] - q5['expectation']).groupby(q5['shop']).mean().idxmax()"),
    },
    "01.q4": {
        "trend of satisfaction": ("m = (visits['experience'] - visits['expectation']).groupby(visits['quarter']).mean()\n"
                                  "rise_per_quarter = np.polyfit(m.index, m.to_numpy(), 1)[0]"),
        "trend of experience": ("m = visits.groupby('quarter')['experience'].mean()\n"
                                "rise_per_quarter = np.polyfit(m.index, m.to_numpy(), 1)[0]"),
        "total rise": "m = visits.groupby('quarter')['expectation'].mean()\nrise_per_quarter = m[8] - m[1]",
        "two-point slope": "m = visits.groupby('quarter')['expectation'].mean()\nrise_per_quarter = (m[8] - m[1]) / (8 - 1)",
    },
    "02.q1": {
        "divided by 5": WEST + "westgate_index = w[factors].to_numpy().mean() / 5 * 100",
        "share, not 0-100": WEST + "westgate_index = ((w[factors].mean() - 1) / 4).mean()",
        "raw mean score": WEST + "westgate_index = w[factors].mean().mean()",
        "whole bank": "westgate_index = rater.rater_index(survey)",
    },
    "02.q2": {
        "unweighted": WEST + "westgate_weighted = rater.rater_index(w)",
        "weights not normalised": WEST + "westgate_weighted = sum(weights[f] * (w[f].mean() - 1) / 4 for f in factors) * 100",
        "share, not 0-100": WEST + "westgate_weighted = sum(weights[f] / 100 * (w[f].mean() - 1) / 4 for f in factors)",
        "whole bank": "westgate_weighted = rater.rater_index(survey, weights=weights)",
    },
    "02.q3": {
        "lowest score": OLD + "old_town_first = old[factors].mean().idxmin()",
        "most important": "old_town_first = max(old_town_points, key=old_town_points.get)",
        "bank's weights": OLD + "old_town_first = rater.improvement_priority(old, weights=weights).index[0]",
        "last, not first": OLD + "old_town_first = rater.improvement_priority(old, weights=old_town_points).index[-1]",
    },
    "02.q4": {
        "new index, not the rise": (WEST_MEANS + "wm['responsiveness'] = survey[survey['branch'] == 'Harbour']"
                                    "['responsiveness'].mean()\nrise = rater.rater_index(wm, weights)"),
        "raised to the top": WEST_MEANS + "rise = rater.improvement_priority(wm, weights).loc['responsiveness', 'gain']",
        "equal weights": (WEST_MEANS + "after = wm.copy()\nafter['responsiveness'] = survey[survey['branch'] == "
                          "'Harbour']['responsiveness'].mean()\nrise = rater.rater_index(after) - rater.rater_index(wm)"),
        "gap on 1-5": ("rise = survey[survey['branch'] == 'Harbour']['responsiveness'].mean() "
                       "- survey[survey['branch'] == 'Westgate']['responsiveness'].mean()"),
    },
    "03.q1": {
        "flipped sign": ("e = survey[[f'E{i}' for i in range(10, 14)]].to_numpy().mean()\n"
                         "p = survey[[f'P{i}' for i in range(10, 14)]].to_numpy().mean()\nresponsiveness_gap = e - p"),
        "sum of item gaps": "responsiveness_gap = sum((survey[f'P{i}'] - survey[f'E{i}']).mean() for i in range(10, 14))",
        "items 9-12": _items_gap(9, 13), "items 11-14": _items_gap(11, 15),
        "items 10-12": _items_gap(10, 13), "items 10-14": _items_gap(10, 15),
        "reliability's gap": "responsiveness_gap = servqual.dimension_scores(survey).loc['reliability', 'gap']",
    },
    "03.q2": {
        "flipped sign": ("g = servqual.dimension_scores(survey)\n"
                         "weighted_score = sum(points[d] / 100 * (g.loc[d, 'expectation'] - g.loc[d, 'perception']) for d in points)"),
        "points not normalised": "g = servqual.dimension_scores(survey)['gap']\nweighted_score = sum(points[d] * g[d] for d in points)",
        "unweighted": "weighted_score = servqual.dimension_scores(survey)['gap'].mean()",
        "seed 000's SQ": "weighted_score = servqual.seed_sq(survey).mean()",
        "respondents' own points": ("own = {d: survey[f'imp_{d}'].mean() for d in points}\n"
                                    "weighted_score = servqual.servqual_score(survey, weights=own)"),
    },
    "03.q3": {
        "best, not worst": BRANCHES + "worst_region = {'branch': t['reliability'].idxmax(), 'gap': t['reliability'].max()}",
        "perception, not gap": ("p = survey.groupby('branch')[[f'P{i}' for i in range(5, 10)]].mean().mean(axis=1)\n"
                                "worst_region = {'branch': p.idxmin(), 'gap': p.min()}"),
        "responsiveness, not reliability": (BRANCHES + "worst_region = {'branch': t['responsiveness'].idxmin(), "
                                            "'gap': t['responsiveness'].min()}"),
        "flipped sign": BRANCHES + "worst_region = {'branch': t['reliability'].idxmin(), 'gap': -t['reliability'].min()}",
    },
    "03.q4": {
        "expectation items": _alpha(5, 10, "E"), "all 22 items": _alpha(1, 23),
        "items 5-8": _alpha(5, 9), "items 4-8": _alpha(4, 9), "items 6-10": _alpha(6, 11), "items 5-10": _alpha(5, 11),
        "mixed ddof (0, 1)": ("x = survey[[f'P{i}' for i in range(5, 10)]]\n"
                              "alpha_reliability = 5 / 4 * (1 - x.to_numpy().var(axis=0).sum() / x.sum(axis=1).var())"),
        "mixed ddof (1, 0)": ("x = survey[[f'P{i}' for i in range(5, 10)]]\n"
                              "alpha_reliability = 5 / 4 * (1 - x.var().sum() / x.sum(axis=1).to_numpy().var())"),
    },
    "03.q5": {
        "flipped sign": ("east = survey[survey['branch'] == 'East']\n"
                         "east_reliability_msa = east[[f'A{i}' for i in range(5, 10)]].to_numpy().mean() "
                         "- east[[f'P{i}' for i in range(5, 10)]].to_numpy().mean()"),
        "MSS, not MSA": ("east = survey[survey['branch'] == 'East']\n"
                         "east_reliability_msa = servqual.tolerance_zone(east).loc['reliability', 'MSS']"),
        "all regions": "east_reliability_msa = servqual.tolerance_zone(survey).loc['reliability', 'MSA']",
    },
    "04.q1": {
        "flipped sign": "gap_3 = audit.loc['reliability', 'standard'] - audit.loc['reliability', 'delivered']",
        "gap 4": "gap_3 = audit.loc['reliability', 'delivered'] - audit.loc['reliability', 'promised']",
        "gap 5": "gap_3 = audit.loc['reliability', 'perceived'] - audit.loc['reliability', 'expectation']",
    },
    "04.q2": {
        "gap 5 is the result": "first_gap = int(gaps.measure(audit).mean().idxmin()[-1])",
        "smallest, not largest": ("m = gaps.measure(audit).mean()\n"
                                  "first_gap = int(m[['gap1', 'gap2', 'gap3', 'gap4']].idxmax()[-1])"),
        "most common first gap": "first_gap = gaps.priority(gaps.measure(audit)).mode()[0]",
    },
    "04.q3": {
        "unanswered counted as on time": ("south = tickets[tickets['region'] == 'South']\n"
                                          "wait = pd.to_datetime(south['responded_at']) - pd.to_datetime(south['reported_at'])\n"
                                          "south_breaches = (wait > pd.Timedelta(hours=2)).sum()"),
        "whole network": FLAGS + "south_breaches = flags['respond_breach'].sum()",
        "share, not count": FLAGS + "south_breaches = south['respond_breach'].mean()",
        "fix breaches": FLAGS + "south_breaches = south['fix_breach'].sum()",
        "any breach": FLAGS + "south_breaches = (south['respond_breach'] | south['fix_breach']).sum()",
    },
    "04.q4": {
        "kept today's gap 4": RESP + "gap_5_honest = gaps.predicted_gap5(g['gap1'], g['gap2'], g['gap3'], g['gap4'])",
        "added today's gap 4": RESP + "gap_5_honest = g['gap1'] + g['gap2'] + g['gap3'] + g['gap4']",
        "measured gap 5": "gap_5_honest = gaps.measure(audit).loc['responsiveness', 'gap5']",
        "measured gap 5 minus gap 4": RESP + "gap_5_honest = g['gap5'] - g['gap4']",
        "the larger, not the smaller": RESP + "gap_5_honest = max(g['gap1'] + g['gap2'] + g['gap3'], 0)",
        "flipped sign": RESP + "gap_5_honest = -(g['gap1'] + g['gap2'] + g['gap3'])",
    },
    "05.q1": {
        "69% of everyone": "silent_customers = 3200 * 0.69",
        "British Airways' third": "silent_customers = 3200 / 3 * 0.69",
        "the ones who complain": "silent_customers = 3200 * 0.25 * (0.23 + 0.08)",
        "all dissatisfied": "silent_customers = 3200 * 0.25",
        "share, not count": "silent_customers = 0.25 * 0.69",
    },
    "05.q2": {
        "seed 000's 500": "customers_per_vp_complaint = 500",
        "not inverted": "customers_per_vp_complaint = 0.40 * 0.25 * 0.20 * 0.50",
        "left out the last step": "customers_per_vp_complaint = 1 / (0.40 * 0.25 * 0.20)",
        "the reverse": "customers_per_vp_complaint = 1000 * 0.40 * 0.25 * 0.20 * 0.50",
    },
    "05.q3": {
        "count, not share": VP + "vp_share = vp",
        "middle managers or higher": "vp_share = log['escalation_level'].isin(['middle_manager', 'vice_president']).mean()",
        "stopped at middle managers": "vp_share = (log['escalation_level'] == 'middle_manager').mean()",
        "the pyramid's prediction": "vp_share = 0.25 * 0.20 * 0.50",
    },
    "05.q4": {
        "seed 000's 500": VP + "dissatisfied_behind_vp = vp * 500",
        "VP complaints only": VP + "dissatisfied_behind_vp = vp",
        "from the front line": "dissatisfied_behind_vp = len(log) / 0.40",
        "all complaints": "dissatisfied_behind_vp = len(log)",
    },
    "06.q1": {
        "humour": "method = '幽默法'",
        "admit_mistake": "method = 'Admit the mistake'",
        "diversion": "method = 'diversion'",
        "tactful_denial": "method = 'Tactful Denial'",
        "calm_anger": "method = 'calm_anger'",
    },
    "06.q2": {
        "count, not share": "top_two_share = log['cause'].value_counts().iloc[:2].sum()",
        "top cause alone": "top_two_share = log['cause'].value_counts(normalize=True).iloc[0]",
        "all vital few": "p = complaints.cause_pareto(log)\ntop_two_share = p[p['vital_few']]['share'].sum()",
        "top two channels": "top_two_share = log['channel'].value_counts(normalize=True).iloc[:2].sum()",
    },
    "06.q3": {
        "mean, not median": ("m = log.groupby('channel')['hours_to_resolve'].mean()\n"
                             "slowest = {'channel': m.idxmax(), 'hours': m.max()}"),
        "blanks as 0": ("m = log.fillna({'hours_to_resolve': 0}).groupby('channel')['hours_to_resolve'].median()\n"
                        "slowest = {'channel': m.idxmax(), 'hours': m.max()}"),
        "fastest, not slowest": ("m = log.groupby('channel')['hours_to_resolve'].median()\n"
                                 "slowest = {'channel': m.idxmin(), 'hours': m.min()}"),
    },
    "06.q4": {
        "share within the channel": CELLS + ("project = {'channel': channel, 'cause': cause, "
                                             "'share': cells.max() / (log['channel'] == channel).sum()}"),
        "share within the cause": CELLS + ("project = {'channel': channel, 'cause': cause, "
                                           "'share': cells.max() / (log['cause'] == cause).sum()}"),
        "count, not share": CELLS + "project = {'channel': channel, 'cause': cause, 'share': cells.max()}",
        "percent for a share": CELLS + "project = {'channel': channel, 'cause': cause, 'share': 100 * cells.max() / len(log)}",
    },
    "07.q1": {
        "inverted": MAY + "complaint_rate_may = may['customers'] / may['complained']",
        "count, not rate": "complaint_rate_may = months.loc['2024-05', 'complained']",
        "whole year": "complaint_rate_may = months['complained'].sum() / months['customers'].sum()",
        "April, not May": "april = months.loc['2024-04']\ncomplaint_rate_may = april['complained'] / april['customers']",
        "praise rate": MAY + "complaint_rate_may = may['praised'] / may['customers']",
        "designation rate": MAY + "complaint_rate_may = may['named_brand'] / may['customers']",
        "repeat-purchase rate": MAY + "complaint_rate_may = may['bought_again'] / may['customers']",
    },
    "07.q2": {
        "counts, not shares": ("counts = answers[list(experts.index)].eq('good').sum()\n"
                               "b_good = (experts['weight'] * counts).sum()"),
        "weights in points": R + "b_good = (experts['weight'] * 100 * R['good']).sum()",
        "equal weights": R + "b_good = R['good'].mean()",
        **{f"only {e}": R + f"b_good = (experts['{e}'] / 100 * R['good']).sum()"
           for e in ("expert_a", "expert_b", "expert_c", "expert_d", "expert_e")},
    },
    "07.q3": {
        "eigenvalue, not share": BEFORE + "share_kept = measure.first_component(before, ATTRIBUTES).eigenvalues.iloc[0]",
        "not standardised": (BEFORE + "ev = np.linalg.eigvalsh(np.cov(before[ATTRIBUTES].to_numpy(float), rowvar=False))\n"
                             "share_kept = ev.max() / ev.sum()"),
        "both periods": "share_kept = measure.first_component(lounge, ATTRIBUTES).explained",
        "after, not before": "share_kept = measure.first_component(lounge[lounge['period'] == 'after'], ATTRIBUTES).explained",
    },
    "07.q4": {
        "flipped sign": R2 + "r2_drop = r2['after'] - r2['before']",
        "R² before only": R2 + "r2_drop = r2['before']",
        "R² after only": R2 + "r2_drop = r2['after']",
        "percentage points": R2 + "r2_drop = 100 * (r2['before'] - r2['after'])",
        "before minus everyone": R2 + "r2_drop = r2['before'] - measure.driver_weights(lounge, 'overall', ATTRIBUTES).r_squared",
    },
    "08.q1": {
        "flipped sign": (POINTS + "g = servqual.dimension_scores(survey)\n"
                         "weighted_score = (points * (g['expectation'] - g['perception'])).sum() / points.sum()"),
        "unweighted": "weighted_score = servqual.servqual_score(survey)",
        "points not normalised": POINTS + "weighted_score = (points * servqual.dimension_scores(survey)['gap']).sum()",
        "respondents' own points": ("per = servqual.respondent_gaps(survey).to_numpy()\n"
                                    "own = survey[[f'imp_{d}' for d in servqual.DIMENSIONS]].to_numpy()\n"
                                    "weighted_score = ((per * own).sum(axis=1) / own.sum(axis=1)).mean()"),
        "mean of the item gaps": "weighted_score = servqual.item_gaps(survey).to_numpy().mean()",
        "lesson 03's points": ("points = {'tangibles': 10, 'reliability': 35, 'responsiveness': 25, 'assurance': 15, "
                               "'empathy': 15}\nweighted_score = servqual.servqual_score(survey, weights=points)"),
    },
    "08.q2": {
        "best, not worst": BRANCHES + "worst_branch = {'branch': t['reliability'].idxmax(), 'gap': t['reliability'].max()}",
        **{f"{dim}, not the priority": BRANCHES + f"worst_branch = {{'branch': t['{dim}'].idxmin(), 'gap': t['{dim}'].min()}}"
           for dim in ("responsiveness", "empathy", "assurance")},
        "whole bank's gap": (BRANCHES + "worst_branch = {'branch': t['reliability'].idxmin(), "
                             "'gap': servqual.dimension_scores(survey).loc['reliability', 'gap']}"),
    },
    "08.q3": {
        "gap 5 is the result": "gap_to_close = int(gaps.measure(audit).loc['reliability'].idxmin()[-1])",
        "averaged over dimensions": "gap_to_close = gaps.priority(gaps.measure(audit).mean())",
    },
    "08.q4": {
        "below expected, not adequate": ("share = (servqual.respondent_gaps(survey).mean(axis=1) < 0).mean()\n"
                                         "silent_customers = 12_000 * share * 0.69"),
        "items, not dimensions": ("p = survey[[f'P{i}' for i in range(1, 23)]].mean(axis=1)\n"
                                  "a = survey[[f'A{i}' for i in range(1, 23)]].mean(axis=1)\n"
                                  "silent_customers = 12_000 * (p < a).mean() * 0.69"),
        "British Airways' third": "silent_customers = 12_000 / 3 * 0.69",
        "all dissatisfied": P_A + "silent_customers = 12_000 * share",
        "the ones who complain": P_A + "silent_customers = 12_000 * share * (0.23 + 0.08)",
        "share, not count": P_A + "silent_customers = share * 0.69",
        "respondents, not customers": P_A + "silent_customers = len(survey) * share * 0.69",
    },
}

CASES = [(qid, label) for qid, slips in SLIPS.items() for label in slips]


def test_every_named_mistake_has_a_slip():
    named = {qid: {m.label for m in q.mistakes} for qid, q in QUESTIONS.items()}
    assert {qid: set(s) for qid, s in SLIPS.items() if s} == {qid: s for qid, s in named.items() if s}


@pytest.mark.parametrize("qid", sorted(QUESTIONS))
def test_mistakes_differ_from_the_answer_and_from_each_other(qid):
    kind = QUESTIONS[qid].kind
    exact, values = _expected(qid)
    labels = [m.label for m in QUESTIONS[qid].mistakes]
    assert len(set(labels)) == len(labels), "mistake labels must be unique"
    for label, value in zip(labels, values):
        assert _same(kind, value, exact) is None, f"{label!r} gives the right answer on this data"
    for i, (a, va) in enumerate(zip(labels, values)):  # the engine prefers an exact match to a rounded one
        for b, vb in zip(labels[i + 1:], values[i + 1:]):
            assert "" not in (_same(kind, vb, va), _same(kind, va, vb)), f"{a!r} and {b!r} give the same value"


@pytest.mark.parametrize("qid, label", CASES, ids=[f"{q}:{label}" for q, label in CASES])
def test_a_student_slip_gets_its_own_message(qid, label):
    variable, namespace = namespaces(notebook("exercises", qid[:2]))[qid]
    assert variable == QUESTIONS[qid].variable
    namespace = fresh(namespace)
    exec(SLIPS[qid][label], namespace)
    result = check(qid, namespace[variable], strict=False)
    mistake = next(m for m in QUESTIONS[qid].mistakes if m.label == label)
    assert (result.status, result.mistake) == (FAIL, label), str(result)
    assert mistake.message in result.message


def _to_figures(kind, value, figures: int):
    if isinstance(kind, dict):
        return {k: _to_figures(sub, value[k], figures) for k, sub in kind.items()}
    return float(f"{value:.{figures}g}") if kind.type in ("number", "share") else value


@pytest.mark.parametrize("qid", sorted(QUESTIONS))
def test_a_slip_written_to_3_significant_figures_still_fails(qid):
    """The data tell each slip from the answer at the coarsest rounding a learner commonly copies."""
    kind = QUESTIONS[qid].kind
    exact, values = _expected(qid)
    for mistake, value in zip(QUESTIONS[qid].mistakes, values):
        assert _same(kind, _to_figures(kind, value, 3), exact) is None, mistake.label
