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

import csv
import io
import os
import re
import sys
from pathlib import Path
from typing import BinaryIO

import pandas as pd

from ._validate import InputError, require_unique_columns

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

_SNIFF_BYTES = 64 * 1024  # how much of a file is looked at to find its separator and header
_SEPARATORS = {",": "comma", "\t": "tab", ";": "semicolon", "|": "vertical bar"}
_EXCEL_SEP_LINE = re.compile(r'^"?sep=(.)"?\s*$', re.IGNORECASE)
_NUMBER = re.compile(r"^\s*[-+]?(\d+([.,]\d*)?|[.,]\d+)\s*$")
_MANGLED = re.compile(r"^(.+)\.(\d+)$")


def read_survey(
    source: str | Path | pd.DataFrame | bytes | BinaryIO,
    encoding: str = "utf-8-sig",
    name: str | None = None,
    sep: str | None = None,
) -> pd.DataFrame:
    r"""A survey from a CSV path, an uploaded file (bytes or a binary file object) or a DataFrame
    (copied), with a clear error if it cannot be read.

    The file needs a header line naming the columns; for SERVQUAL, ``E1``..``E22`` and
    ``P1``..``P22`` (other columns such as ``branch`` are kept). ``encoding`` defaults to UTF-8
    (with or without the byte-order mark Excel writes); a UTF-16 file with its byte-order mark
    is read as UTF-16. ``sep=None`` finds the separator: comma, tab, semicolon (then a decimal
    comma is understood too) or vertical bar, and Excel's ``sep=;`` first line. What was
    detected is listed in ``frame.attrs["read_notes"]``. Refused with a message that says why:
    a file without a header line, a header that names a column twice (pandas would silently
    rename the second ``E1`` to ``E1.1``), an encoding that does not fit.

    >>> read_survey(b"E1\tP1\n7\t6\n", name="survey.tsv")
       E1  P1
    0   7   6
    >>> read_survey(b"E1,P1,E1\n7,6,5\n", name="survey.csv")
    Traceback (most recent call last):
    ...
    cxlib._validate.InputError: survey.csv names column E1 twice in its header (columns 1 and 3, counting from 1); pandas would silently rename the second to E1.1. Give each column its own name.
    >>> read_survey("no/such/file.csv")
    Traceback (most recent call last):
    ...
    FileNotFoundError: no survey file at no/such/file.csv; give the path of a CSV with columns E1..E22 and P1..P22
    """
    if isinstance(source, pd.DataFrame):
        require_unique_columns(source, "survey")
        _refuse_mangled(list(source.columns), "survey")
        return source.copy()
    if isinstance(source, (bytes, bytearray, memoryview)):
        source = io.BytesIO(bytes(source))
    if hasattr(source, "read"):  # an upload: never written to disk, only parsed
        path = Path(name or getattr(source, "name", None) or "the uploaded file")
        raw = source.read()
        if isinstance(raw, str):
            raise TypeError(f"{path.name} was opened as text; open it in binary mode ('rb') or pass its path")
        head, reader = raw[:_SNIFF_BYTES], io.BytesIO(raw)
    elif isinstance(source, (str, Path)):
        path = Path(source)
        if not path.is_file():
            raise FileNotFoundError(f"no survey file at {source}; give the path of a CSV with columns E1..E22 and P1..P22")
        with open(path, "rb") as f:
            head = f.read(_SNIFF_BYTES)
        reader = path
    else:
        raise TypeError(f"survey must be a DataFrame or the path of a CSV file, got {type(source).__name__}")
    if sep is not None and (not isinstance(sep, str) or len(sep) != 1):
        raise InputError(f"sep must be one character such as ',' or ';', got {sep!r}")
    options, notes = _sniff(head, path.name, encoding, sep)
    try:
        frame = pd.read_csv(reader, **options)
    except UnicodeDecodeError as exc:
        tip = _ENCODING_TIP
        if b"\x00" in head:
            tip = "it looks like UTF-16 (every other byte is zero): read_survey(path, encoding='utf-16-le')"
        raise InputError(f"{path.name} is not {exc.encoding.upper()} text (byte {exc.start} cannot be "
                         f"read); {tip}") from None
    except LookupError:
        raise InputError(f"encoding {encoding!r} is unknown; try 'utf-8', 'gb18030', 'cp949', 'utf-16' or 'cp1252'") from None
    except pd.errors.EmptyDataError:
        raise InputError(f"{path.name} is empty: it has no header line and no answers") from None
    except pd.errors.ParserError as exc:
        raise InputError(f"{path.name} is not a well-formed CSV: {exc}") from None
    frame.attrs["read_notes"] = notes
    return frame


def _sniff(head: bytes, filename: str, encoding: str, sep: str | None) -> tuple[dict, list[str]]:
    """read_csv options for a file that starts with ``head``, and notes on what was detected."""
    notes: list[str] = []
    if not head.strip():
        raise InputError(f"{filename} is empty: it has no header line and no answers")
    if head[:2] in (b"\xff\xfe", b"\xfe\xff") and encoding.lower().replace("_", "-") in ("utf-8-sig", "utf-8", "utf8"):
        encoding = "utf-16"
        notes.append("read as UTF-16 (the file starts with its byte-order mark)")
    try:
        text = head.decode(encoding, errors="replace")
    except LookupError:
        raise InputError(f"encoding {encoding!r} is unknown; try 'utf-8', 'gb18030', 'cp949', 'utf-16' or 'cp1252'") from None
    if "\x00" in text and not encoding.lower().startswith("utf-16"):
        raise InputError(f"{filename} looks like UTF-16 text (every other byte is zero); read it with "
                         "read_survey(path, encoding='utf-16-le'), or save it from Excel as 'CSV UTF-8'")
    lines = text.lstrip("\ufeff").splitlines()
    skip = 0
    excel = _EXCEL_SEP_LINE.match(lines[0]) if lines else None
    if excel:
        skip = 1
        if sep is None:
            sep = excel.group(1)
        notes.append(f"skipped Excel's first line {lines[0].strip()!r}")
    header = lines[skip] if len(lines) > skip else ""
    if sep is None:
        sep = next((c for c in _SEPARATORS if len(next(csv.reader([header], delimiter=c), [])) > 1), ",")
        if sep != ",":
            notes.append(f"columns separated by {_SEPARATORS[sep]}s")
    fields = next(csv.reader([header], delimiter=sep), [])
    if fields and all(_NUMBER.match(f) for f in fields):
        shown = ", ".join(fields[:5]) + (", ..." if len(fields) > 5 else "")
        raise InputError(
            f"{filename} has no header line: its first line is all numbers ({shown}). Add a first line "
            "naming the columns (e.g. E1,...,E22,P1,...,P22), or read it with "
            "pd.read_csv(path, header=None, names=[...]) and pass the DataFrame"
        )
    names = [f.strip() for f in fields]
    twice = next((f for f in names if f and names.count(f) > 1), None)
    if twice is not None:
        where = [str(k + 1) for k, f in enumerate(names) if f == twice]
        raise InputError(
            f"{filename} names column {twice} twice in its header (columns {', '.join(where[:-1])} and "
            f"{where[-1]}, counting from 1); pandas would silently rename the second to {twice}.1. "
            "Give each column its own name."
        )
    options = {"sep": sep, "encoding": encoding, "skiprows": skip}
    body = "\n".join(lines[skip + 1:skip + 200])
    if sep == ";" and re.search(r"\d,\d", body) and not re.search(r"\d\.\d", body):
        options["decimal"] = ","
        notes.append("decimal commas read as decimal points")
    return options, notes


def _refuse_mangled(columns: list, what: str) -> None:
    """Refuse item columns such as ``E1.1``: pandas' silent renaming of a second ``E1`` column."""
    for c in columns:
        m = _MANGLED.match(c) if isinstance(c, str) else None
        if m and m.group(1) in columns and re.fullmatch(r"[AEP]\d+", m.group(1)):
            raise InputError(
                f"{what} has columns {m.group(1)} and {c}: {c} is how pandas renames a second column "
                f"named {m.group(1)} when it reads a file. Check the file's header, give each column its "
                "own name, and read it again"
            )
