"""Lessons 05-06 data: a year of complaints at Larchfield Home, a fictional furniture retailer.

The story: product quality and poor service cause about 70% of complaints (the vital few of
a Pareto chart); a misleading November sales campaign adds a spike of promotion complaints;
complaints climb the TARP pyramid (25% go past the front line, 20% of those stay unresolved,
half of those reach a vice-president), angry customers a little more often.
"""

import numpy as np
import pandas as pd

SEED = 505
N_COMPLAINTS = 620
YEAR = 2024

CAUSES = {"product_quality": 0.42, "poor_service": 0.28, "misleading_promotion": 0.12,
          "unmet_expectations": 0.11, "poor_management": 0.07}
FINDINGS = ("our_mistake", "partly_right", "misunderstanding", "baseless")
FINDING_BY_CAUSE = {  # what assessing the complaint found, per cause
    "product_quality": (0.75, 0.10, 0.10, 0.05),
    "poor_service": (0.55, 0.30, 0.10, 0.05),
    "misleading_promotion": (0.70, 0.15, 0.15, 0.00),
    "unmet_expectations": (0.05, 0.25, 0.45, 0.25),
    "poor_management": (0.85, 0.10, 0.05, 0.00),
}
CHANNELS = ("face_to_face", "letter", "phone", "home_visit")
STATES = ("calm", "upset", "angry")
TO_MIDDLE = {"calm": 0.20, "upset": 0.27, "angry": 0.35}  # averages about TARP's 25%
BEYOND_MIDDLE, TO_VP = 0.20, 0.50
HOURS = {"front_line": 3.0, "middle_manager": 36.0, "vice_president": 120.0}  # median hours
SLOW_CHANNEL = {"face_to_face": 1.0, "phone": 1.0, "letter": 2.0, "home_visit": 1.6}


def _pick(rng: np.random.Generator, options, probs) -> str:
    p = np.asarray(probs, dtype=float)
    return str(options[rng.choice(len(options), p=p / p.sum())])


def build() -> dict[str, pd.DataFrame]:
    rng = np.random.default_rng(SEED)
    days = pd.date_range(f"{YEAR}-01-01", f"{YEAR}-12-31", freq="D")
    season = np.where(days.month >= 11, 1.6, 1.0)  # the sales season brings more complaints
    november = np.flatnonzero(days.month == 11)
    rows = []
    for _ in range(N_COMPLAINTS):
        cause = _pick(rng, list(CAUSES), list(CAUSES.values()))
        if cause == "misleading_promotion" and rng.random() < 0.5:
            day = days[rng.choice(november)]  # the November campaign
        else:
            day = days[rng.choice(len(days), p=season / season.sum())]
        home = 0.15 if cause == "product_quality" else 0.04
        channel = _pick(rng, CHANNELS, (0.34, 0.22, 0.36, home))
        angry = 0.28 if cause in ("poor_service", "poor_management") else 0.16
        state = _pick(rng, STATES, (0.50 - angry / 2, 0.50 - angry / 2, angry))
        finding = _pick(rng, FINDINGS, FINDING_BY_CAUSE[cause])
        level, resolved = "front_line", True
        if rng.random() < TO_MIDDLE[state]:
            level = "middle_manager"
            if rng.random() < BEYOND_MIDDLE:  # still unresolved after middle managers
                if rng.random() < TO_VP:
                    level, resolved = "vice_president", bool(rng.random() < 0.9)
                else:
                    resolved = False  # the customer gives up
        hours = HOURS[level] * SLOW_CHANNEL[channel] * float(np.exp(rng.normal(0, 0.6)))
        rows.append((day, channel, cause, finding, state, level,
                     round(hours, 1) if resolved else np.nan, resolved))
    log = pd.DataFrame(rows, columns=["date", "channel", "cause", "finding", "customer_state",
                                      "escalation_level", "hours_to_resolve", "resolved"])
    log = log.sort_values("date", kind="stable").reset_index(drop=True)
    log["date"] = log["date"].dt.strftime("%Y-%m-%d")
    log.insert(0, "complaint_id", [f"C{k:04d}" for k in range(1, len(log) + 1)])
    return {"complaint_log": log}
