"""Lesson 01 data: customer visits with an expectation and an experience score (0-10)."""

import numpy as np
import pandas as pd

SEED = 101
SHOPS = ("Riverside", "Station", "Market")
VISITS_PER_SHOP_QUARTER = 15


def build() -> dict[str, pd.DataFrame]:
    rng = np.random.default_rng(SEED)
    rows = []
    for quarter in range(1, 9):
        mean_expectation = 6.6 + 0.15 * (quarter - 1)  # the bar rises every quarter
        service = {
            "Riverside": 6.9 + 0.22 * (quarter - 1),  # keeps improving
            "Station": 7.1,  # stands still
            "Market": 7.3 if quarter <= 5 else 6.2,  # slips when staff leave
        }
        for shop in SHOPS:
            n = VISITS_PER_SHOP_QUARTER
            person = rng.normal(0, 0.5, n)  # demanding customers expect more and rate harsher
            expectation = mean_expectation + person + rng.normal(0, 0.4, n)
            experience = service[shop] - 0.3 * person + rng.normal(0, 0.6, n)
            for e, x in zip(expectation, experience):
                rows.append((shop, quarter, round(float(np.clip(e, 0, 10)), 1), round(float(np.clip(x, 0, 10)), 1)))
    frame = pd.DataFrame(rows, columns=["shop", "quarter", "expectation", "experience"])
    frame.insert(0, "visit", np.arange(1, len(frame) + 1))
    return {"satisfaction_visits": frame}
