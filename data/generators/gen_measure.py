"""Lesson 07 data: measuring satisfaction (seed 001's four methods, seed 003's lounge story).

- ``satisfaction_drivers``: lounge guests' attribute ratings (1-5) and overall score (1-10),
  before and after the lounge swapped Diet Coke for lemon Diet Coke. The swap is not on the
  questionnaire: sub-scores stay high, the overall score falls for the guests who drank plain
  Diet Coke, and the attributes explain the overall score less well afterwards.
- ``fuzzy_weights`` / ``fuzzy_answers``: an expert panel's weights and 120 customers' graded
  answers about a telecom service hall (for fuzzy comprehensive evaluation).
- ``satisfaction_indicators``: twelve months of counts for the seed 001 indicators.
"""

import numpy as np
import pandas as pd

SEED_LOUNGE, SEED_FUZZY, SEED_MONTHS = 701, 702, 703

ATTRIBUTES = ("seating", "cleanliness", "food", "drinks_variety", "staff", "wifi")
MEANS = (4.1, 4.3, 3.9, 4.2, 4.2, 3.5)  # high sub-scores: the lounge is good at what it asks about
DRIVE = (0.45, 0.55, 0.45, 0.25, 0.75, 0.35)  # how much each attribute moves the overall score
GUESTS_PER_PERIOD = 200
DIET_COKE_SHARE = 0.45  # guests who came for plain Diet Coke (seed 003: a large group)

COMMENTS_REGULAR = ("Where is the plain Diet Coke?", "Only lemon Diet Coke now.",
                    "Please bring back regular Diet Coke.")
COMMENTS_OTHER = ("Great staff.", "Wifi was slow.", "Comfortable seats.", "Food could be warmer.",
                  "Very clean.")

HALL = ("waiting_time", "staff_attitude", "staff_skill", "environment", "billing_clarity")
GRADES = ("excellent", "good", "fair", "poor", "bad")
EXPERT_POINTS = {  # five experts each share 100 points over the five attributes
    "waiting_time": (35, 25, 30, 30, 30),
    "staff_attitude": (25, 30, 20, 25, 25),
    "staff_skill": (20, 20, 25, 15, 20),
    "environment": (10, 10, 10, 15, 5),
    "billing_clarity": (10, 15, 15, 15, 20),
}
ANSWER_PROBS = {  # excellent, good, fair, poor, bad
    "waiting_time": (0.05, 0.20, 0.35, 0.30, 0.10),
    "staff_attitude": (0.30, 0.45, 0.15, 0.07, 0.03),
    "staff_skill": (0.20, 0.45, 0.25, 0.08, 0.02),
    "environment": (0.35, 0.40, 0.20, 0.05, 0.00),
    "billing_clarity": (0.10, 0.35, 0.35, 0.15, 0.05),
}
HALL_RESPONDENTS = 120


def _lounge() -> pd.DataFrame:
    rng = np.random.default_rng(SEED_LOUNGE)
    n = 2 * GUESTS_PER_PERIOD
    period = np.repeat(["before", "after"], GUESTS_PER_PERIOD)
    mood = rng.normal(0, 1, n)  # a guest's general impression colours every rating
    latent = np.column_stack([m + 0.7 * mood + rng.normal(0, 0.7, n) for m in MEANS])
    ratings = np.clip(np.rint(latent), 1, 5).astype(int)
    centred = ratings - np.array(MEANS)
    overall = 7.9 + centred @ np.array(DRIVE) + rng.normal(0, 0.9, n)
    regular = rng.random(n) < DIET_COKE_SHARE  # nobody asked them about it
    after = period == "after"
    overall = overall - np.where(after & regular, rng.normal(2.6, 0.9, n), 0.0)
    overall = np.clip(np.rint(overall), 1, 10).astype(int)
    u = rng.random(n)
    pick = rng.integers(0, 3, n)
    other = rng.integers(0, len(COMMENTS_OTHER), n)
    comment = np.where(after & regular & (u < 0.35), np.array(COMMENTS_REGULAR, dtype=object)[pick],
                       np.where(u > 0.9, np.array(COMMENTS_OTHER, dtype=object)[other], ""))
    frame = pd.DataFrame(ratings, columns=list(ATTRIBUTES))
    frame.insert(0, "period", period)
    frame.insert(0, "respondent", np.arange(1, n + 1))
    frame["overall"] = overall
    frame["comment"] = comment
    return frame


def _fuzzy() -> dict[str, pd.DataFrame]:
    rng = np.random.default_rng(SEED_FUZZY)
    experts = pd.DataFrame(EXPERT_POINTS, index=[f"expert_{k}" for k in "abcde"]).T
    weights = experts.copy()
    weights["weight"] = (experts.mean(axis=1) / 100).round(2)
    weights.index.name = "attribute"
    answers = pd.DataFrame({a: rng.choice(GRADES, size=HALL_RESPONDENTS, p=p) for a, p in ANSWER_PROBS.items()})
    answers.insert(0, "respondent", np.arange(1, HALL_RESPONDENTS + 1))
    return {"fuzzy_weights": weights.reset_index(), "fuzzy_answers": answers}


def _months() -> pd.DataFrame:
    rng = np.random.default_rng(SEED_MONTHS)
    months = pd.period_range("2024-01", periods=12, freq="M").astype(str)
    customers = rng.integers(3800, 4600, 12)
    complain = np.array([2.4, 2.6, 2.3, 2.5, 6.1, 5.2, 3.0, 2.7, 2.4, 2.0, 1.8, 1.7]) / 100  # May: new billing system
    praise = np.array([31, 32, 30, 31, 22, 25, 29, 31, 33, 35, 37, 38]) / 100
    naming = np.array([18, 18, 19, 18, 16, 16, 17, 18, 19, 20, 21, 22]) / 100
    repeat = np.array([61, 62, 61, 62, 57, 56, 58, 60, 62, 64, 66, 67]) / 100  # Sept: service programme
    draw = lambda p: rng.binomial(customers, p)  # noqa: E731
    return pd.DataFrame({"month": months, "customers": customers, "praised": draw(praise),
                         "named_brand": draw(naming), "bought_again": draw(repeat), "complained": draw(complain)})


def build() -> dict[str, pd.DataFrame]:
    return {"satisfaction_drivers": _lounge(), **_fuzzy(), "satisfaction_indicators": _months()}
