"""The course datasets: ``load(name)`` gives a fresh DataFrame, ``path(name)`` the CSV file;
``read_survey(source)`` reads your own survey (a path, an upload's bytes or a DataFrame).

Data is found wherever cxlib is installed from, never relative to the current directory:
``$CXLIB_DATA`` if set, else the ``data/`` folder of a source checkout (an editable install),
else ``<prefix>/share/cxlib/data`` (a wheel install).

>>> "glossary" in available()
True
>>> load("glossary").columns[:2].tolist()
['english', 'chinese']
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path
from typing import BinaryIO

import pandas as pd

from ._validate import InputError

__all__ = ["load", "path", "available", "data_dir", "read_survey"]


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


_ENCODING_TIP = ("save it from Excel as 'CSV UTF-8', or name its encoding, e.g. "
                 "read_survey(path, encoding='gb18030') for Chinese, 'cp949' for Korean, "
                 "'cp1252' for Western European files")


def read_survey(
    source: str | Path | pd.DataFrame | bytes | BinaryIO,
    encoding: str = "utf-8-sig",
    name: str | None = None,
) -> pd.DataFrame:
    """A survey from a CSV path, an uploaded file (bytes or a binary file object) or a DataFrame
    (copied), with a clear error if it cannot be read.

    The CSV needs a header line; for SERVQUAL, columns ``E1``..``E22`` and ``P1``..``P22``
    (other columns such as ``branch`` are kept). ``encoding`` defaults to UTF-8 (with or
    without the byte-order mark Excel writes).

    >>> read_survey("no/such/file.csv")
    Traceback (most recent call last):
    ...
    FileNotFoundError: no survey file at no/such/file.csv; give the path of a CSV with columns E1..E22 and P1..P22
    """
    if isinstance(source, pd.DataFrame):
        return source.copy()
    if isinstance(source, (bytes, bytearray, memoryview)):
        source = io.BytesIO(bytes(source))
    if hasattr(source, "read"):  # an upload: never written to disk, only parsed
        path = Path(name or getattr(source, "name", None) or "the uploaded file")
        reader = source
    elif isinstance(source, (str, Path)):
        path = Path(source)
        if not path.is_file():
            raise FileNotFoundError(f"no survey file at {source}; give the path of a CSV with columns E1..E22 and P1..P22")
        reader = path
    else:
        raise TypeError(f"survey must be a DataFrame or the path of a CSV file, got {type(source).__name__}")
    try:
        frame = pd.read_csv(reader, encoding=encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"{path.name} is not {exc.encoding.upper()} text (byte {exc.start} cannot be "
                         f"read); {_ENCODING_TIP}") from None
    except LookupError:
        raise InputError(f"encoding {encoding!r} is unknown; try 'utf-8', 'gb18030', 'cp949' or 'cp1252'") from None
    except pd.errors.EmptyDataError:
        raise InputError(f"{path.name} is empty: it has no header line and no answers") from None
    except pd.errors.ParserError as exc:
        raise InputError(f"{path.name} is not a well-formed CSV: {exc}") from None
    if frame.shape[1] == 1 and ";" in str(frame.columns[0]):
        raise InputError(f"{path.name} separates its columns with ';', not ','; read it with "
                         "pd.read_csv(path, sep=';') and pass the DataFrame")
    return frame
