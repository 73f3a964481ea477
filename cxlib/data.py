"""The course datasets: ``load(name)`` gives a fresh DataFrame, ``path(name)`` the CSV file.

Data is found wherever cxlib is installed from, never relative to the current directory:
``$CXLIB_DATA`` if set, else the ``data/`` folder of a source checkout (an editable install),
else ``<prefix>/share/cxlib/data`` (a wheel install).

>>> "glossary" in available()
True
>>> load("glossary").columns[:2].tolist()
['english', 'chinese']
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pandas as pd

__all__ = ["load", "path", "available", "data_dir"]


def data_dir() -> Path:
    """The folder holding the course CSV files."""
    candidates = []
    if os.environ.get("CXLIB_DATA"):
        candidates.append(Path(os.environ["CXLIB_DATA"]))
    candidates.append(Path(__file__).resolve().parent.parent / "data")
    candidates.append(Path(sys.prefix) / "share" / "cxlib" / "data")
    for folder in candidates:
        if (folder / "glossary.csv").is_file():
            return folder
    raise FileNotFoundError(
        "cannot find the course data (looked in: "
        + ", ".join(str(c) for c in candidates)
        + "). Reinstall with `make setup`, or set CXLIB_DATA to the data/ folder."
    )


def available() -> list[str]:
    """Names of the shipped datasets (file names without ``.csv``)."""
    return sorted(p.stem for p in data_dir().glob("*.csv"))


def path(name: str) -> Path:
    """Path of dataset ``name`` (e.g. ``"servqual_survey"``)."""
    if not isinstance(name, str):
        raise TypeError(f"dataset name must be a string, got {type(name).__name__}")
    stem = name[:-4] if name.endswith(".csv") else name
    file = data_dir() / f"{stem}.csv"
    if not file.is_file():
        raise ValueError(f"no dataset named {name!r}; available: {', '.join(available())}")
    return file


_TEXT_ONLY = {"glossary"}  # codes such as seed "003" and lesson "01" stay text


def load(name: str) -> pd.DataFrame:
    """Dataset ``name`` as a new DataFrame (each call reads afresh, so edits never leak)."""
    file = path(name)
    return pd.read_csv(file, dtype=str if file.stem in _TEXT_ONLY else None)
