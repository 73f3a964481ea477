"""Synthetic SERVQUAL survey of a mobile operator's customer service in four regions (lesson 03).

One row per respondent: the 22 expectation items (E), 22 perception items (P) and 22 adequate-
service items (A) of Parasuraman, Zeithaml & Berry (1988/1994) on a 1-7 scale, 100 importance
points over the five dimensions, and an overall quality rating.

How the answers are made: each respondent has a latent level per dimension (a shared
"general" part plus a dimension part) and each item adds its own noise, so items of one
dimension correlate (Cronbach's alpha about 0.7-0.9). Reliability has the largest shortfall;
tangibles slightly beat expectations; the East branch delivers weaker reliability and
responsiveness; phone customers wait longer (responsiveness). Adequate service sits about
1.5 points below desired (E). Everything is seeded and rounded to integers.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

SEED = 3003
N = 320
DIMENSIONS = ("tangibles", "reliability", "responsiveness", "assurance", "empathy")
ITEMS = {"tangibles": range(1, 5), "reliability": range(5, 10), "responsiveness": range(10, 14),
         "assurance": range(14, 18), "empathy": range(18, 23)}
BRANCHES = ("North", "South", "East", "West")
CHANNELS = ("counter", "phone", "app")

EXPECTED = {"tangibles": 5.5, "reliability": 6.3, "responsiveness": 6.0, "assurance": 6.1, "empathy": 5.7}
PERCEIVED = {"tangibles": 5.7, "reliability": 5.2, "responsiveness": 5.3, "assurance": 5.6, "empathy": 5.1}
BRANCH_SHIFT = {  # perception shift per branch and dimension
    "East": {"reliability": -0.9, "responsiveness": -0.7, "empathy": -0.2},
    "North": {"reliability": 0.2, "assurance": 0.1},
    "West": {"tangibles": -0.2},
}
CHANNEL_SHIFT = {"phone": {"responsiveness": -0.4}, "app": {"tangibles": 0.2, "empathy": -0.3}}
IMPORTANCE = {"tangibles": 11, "reliability": 32, "responsiveness": 22, "assurance": 19, "empathy": 16}


def _likert(x: np.ndarray) -> np.ndarray:
    return np.clip(np.rint(x), 1, 7).astype(int)


def _points(rng: np.random.Generator, n: int) -> np.ndarray:
    """Integer importance points per respondent, each row summing to exactly 100."""
    shares = rng.dirichlet([IMPORTANCE[d] * 0.6 for d in DIMENSIONS], size=n) * 100
    points = np.floor(shares).astype(int)
    short = 100 - points.sum(axis=1)
    order = np.argsort(-(shares - points), axis=1, kind="stable")  # largest remainders first
    bump = np.arange(len(DIMENSIONS))[None, :] < short[:, None]
    np.put_along_axis(points, order, np.take_along_axis(points, order, axis=1) + bump, axis=1)
    return points


def build() -> dict[str, pd.DataFrame]:
    rng = np.random.default_rng(SEED)
    branch = rng.permutation(np.repeat(BRANCHES, N // len(BRANCHES)))
    channel = rng.choice(CHANNELS, size=N, p=[0.45, 0.35, 0.20])
    general_e = rng.normal(0, 0.35, N)  # some people expect more of everything
    general_p = rng.normal(0, 0.40, N)  # some people rate everything higher
    cols: dict[str, np.ndarray] = {}
    latent_p = {}
    for d in DIMENSIONS:
        e_level = EXPECTED[d] + general_e + rng.normal(0, 0.45, N)
        shift = np.zeros(N)
        for name, table in BRANCH_SHIFT.items():
            shift += np.where(branch == name, table.get(d, 0.0), 0.0)
        for name, table in CHANNEL_SHIFT.items():
            shift += np.where(channel == name, table.get(d, 0.0), 0.0)
        p_level = PERCEIVED[d] + shift + general_p + rng.normal(0, 0.55, N)
        latent_p[d] = p_level
        for i in ITEMS[d]:
            offset_e, offset_p = rng.normal(0, 0.15, 2)
            cols[f"E{i}"] = e_level + offset_e + rng.normal(0, 0.55, N)
            cols[f"P{i}"] = p_level + offset_p + rng.normal(0, 0.65, N)
            cols[f"A{i}"] = cols[f"E{i}"] - 1.5 + rng.normal(0, 0.8, N)
    points = _points(rng, N)
    weights = points / 100
    felt = sum(weights[:, j] * latent_p[d] for j, d in enumerate(DIMENSIONS))
    overall = _likert(felt + 0.1 + rng.normal(0, 0.5, N))

    frame = pd.DataFrame({
        "respondent": [f"R{k:03d}" for k in range(1, N + 1)],
        "branch": branch,
        "channel": channel,
    })
    items = [i for d in DIMENSIONS for i in ITEMS[d]]
    for prefix in "EPA":
        for i in items:
            frame[f"{prefix}{i}"] = _likert(cols[f"{prefix}{i}"])
    for j, d in enumerate(DIMENSIONS):
        frame[f"imp_{d}"] = points[:, j]
    frame["overall"] = overall
    return {"servqual_survey": frame}
