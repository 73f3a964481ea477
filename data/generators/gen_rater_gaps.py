"""Lessons 02 and 04 data: a bank's RATER survey, and a fictional air-conditioning service
network's gap audit and service tickets (the Haier-style promise of seed 002)."""

import numpy as np
import pandas as pd

SEED = 202
FACTORS = ("reliability", "assurance", "tangibles", "empathy", "responsiveness")

# Lesson 02: mean level of each factor per branch (before rounding to a 1-5 answer).
BRANCHES = {
    #            rel  ass  tan  emp  resp   respondents
    "Harbour":  ((4.3, 4.2, 4.1, 4.0, 4.2), 80),   # the flagship
    "Old Town": ((3.7, 4.0, 2.8, 4.1, 3.8), 70),   # old building; lowest score is tangibles
    "Campus":   ((3.9, 3.6, 3.9, 3.5, 3.9), 65),
    "Airport":  ((4.0, 3.9, 4.3, 3.3, 3.6), 70),
    "Westgate": ((3.6, 3.7, 3.8, 3.7, 2.4), 75),   # understaffed: slow to respond
}
# Importance points out of 100 (mean of a customer allocation question); reliability matters most.
IMPORTANCE = {"reliability": 32, "assurance": 19, "tangibles": 11, "empathy": 16, "responsiveness": 22}

# Lesson 04: six levels per SERVQUAL dimension on a 1-7 scale (a hand-set audit summary).
# Constructed, not measured: the lesson says so and never presents a fit to any model as
# evidence. (`perceived` was set when the course used an additive gap model; lesson 04 now
# compares it with the teaching model gap 5 = delivered - max(expectation, promised).)
AUDIT = [
    # dimension        expect mgmt  std  deliv prom  perceived
    ("tangibles",      5.6,   5.5,  5.5, 5.3,  5.4,  5.25),
    ("reliability",    6.5,   6.3,  6.2, 5.0,  5.3,  4.75),   # gap 3: repairs not done to standard
    ("responsiveness", 6.2,   6.0,  5.9, 5.5,  6.9,  4.20),   # gap 4: "2-hour response" over-promised
    ("assurance",      6.0,   5.2,  5.2, 5.1,  5.3,  4.95),   # gap 1: managers underrate expertise wanted
    ("empathy",        5.8,   5.6,  4.9, 4.8,  5.0,  4.65),   # gap 2: no standard for tailoring service
]

REGIONS = {  # share of tickets, median response hours, median ordinary-fix hours
    "North":   (0.18, 0.9, 9.0),
    "East":    (0.22, 0.8, 8.0),
    "South":   (0.26, 1.9, 12.0),   # hot, understaffed: breaks the 2-hour promise often
    "West":    (0.16, 1.0, 9.5),
    "Central": (0.18, 0.85, 8.5),
}
N_TICKETS = 600
START, DAYS = pd.Timestamp("2024-06-01"), 92            # June to August 2024
EXTRACT = pd.Timestamp("2024-09-01 00:00")              # when the extract was taken


def _rater(rng: np.random.Generator) -> tuple[pd.DataFrame, pd.DataFrame]:
    rows = []
    w = np.array([IMPORTANCE[f] for f in FACTORS], float) / 100
    for branch, (means, n) in BRANCHES.items():
        person = rng.normal(0, 0.35, (n, 1))                        # lenient or harsh raters
        raw = np.asarray(means) + person + rng.normal(0, 0.7, (n, len(FACTORS)))
        answers = np.clip(np.rint(raw), 1, 5).astype(int)
        overall = np.clip(np.rint(answers @ w + rng.normal(0, 0.4, n)), 1, 5).astype(int)
        for a, o in zip(answers, overall):
            rows.append((branch, *a.tolist(), int(o)))
    scores = pd.DataFrame(rows, columns=["branch", *FACTORS, "overall"])
    scores.insert(0, "respondent", np.arange(1, len(scores) + 1))
    weights = pd.DataFrame({"factor": list(FACTORS), "weight": [IMPORTANCE[f] for f in FACTORS]})
    return scores, weights


def _tickets(rng: np.random.Generator) -> pd.DataFrame:
    names = list(REGIONS)
    region = rng.choice(names, size=N_TICKETS, p=[REGIONS[r][0] for r in names])
    severity = np.where(rng.random(N_TICKETS) < 0.18, "major", "ordinary")
    day = rng.integers(0, DAYS, N_TICKETS)
    minute = np.clip(rng.normal(13 * 60, 210, N_TICKETS), 6 * 60, 23 * 60 + 50).round()
    reported = START + pd.to_timedelta(day, unit="D") + pd.to_timedelta(minute, unit="min")
    resp_median = np.array([REGIONS[r][1] for r in region])
    fix_median = np.array([REGIONS[r][2] for r in region])
    response_h = resp_median * np.exp(rng.normal(0, 0.55, N_TICKETS))
    fix_median = np.where(severity == "major", fix_median * 4.0, fix_median)
    fix_h = response_h + fix_median * np.exp(rng.normal(0, 0.6, N_TICKETS))
    responded = reported + pd.to_timedelta(np.round(response_h * 60), unit="min")
    fixed = reported + pd.to_timedelta(np.round(fix_h * 60), unit="min")
    frame = pd.DataFrame({"region": region, "severity": severity, "reported_at": reported,
                          "responded_at": responded, "fixed_at": fixed}).sort_values("reported_at", kind="stable")
    # Extract taken at EXTRACT: whatever had not happened yet is blank.
    frame.loc[frame["responded_at"] > EXTRACT, "responded_at"] = pd.NaT
    frame.loc[frame["fixed_at"] > EXTRACT, "fixed_at"] = pd.NaT
    # One South job whose engineer never showed up: open and long overdue.
    stuck = frame.index[(frame["region"] == "South") & (frame["reported_at"] > EXTRACT - pd.Timedelta(days=4))][0]
    frame.loc[stuck, ["responded_at", "fixed_at"]] = pd.NaT
    frame.insert(0, "ticket_id", [f"T{k:04d}" for k in range(1, len(frame) + 1)])
    for col in ("reported_at", "responded_at", "fixed_at"):
        frame[col] = frame[col].dt.strftime("%Y-%m-%d %H:%M")
    return frame.reset_index(drop=True)


def build() -> dict[str, pd.DataFrame]:
    rng = np.random.default_rng(SEED)
    scores, weights = _rater(rng)
    audit = pd.DataFrame(AUDIT, columns=["dimension", "expectation", "management_perception", "standard",
                                         "delivered", "promised", "perceived"])
    return {"rater_scores": scores, "rater_weights": weights, "gap_audit": audit, "service_tickets": _tickets(rng)}
