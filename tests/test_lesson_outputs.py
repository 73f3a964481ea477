"""Every lesson runs top to bottom, and what a reader sees is sentences and tables, not reprs.

Every lesson is executed once through ``notebooks/execute.py`` (cached by content, shared with
the site and slides); a failing cell or assert fails the test, as nbval would (``make test``
therefore leaves the lessons out of its nbval pass: they run once, here). Then each output is
read the way JupyterLab shows it: the richest MIME
type wins (a widget, then HTML, then a picture, then plain text). A test fails on what a
learner should never have to decode: ``np.float64(-1.2)``, ``array([...])``, a bare tuple, a
quoted string, a ``SurveyIndex(...)``-style object repr, a pandas ``dtype:`` footer, text cut
off with "...", "-0.00", an emoji used as an icon, or a warning printed into the lesson.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # conftest.py starts slow files first

ROOT = Path(__file__).resolve().parent.parent
LESSONS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))

_spec = importlib.util.spec_from_file_location("course_execute", ROOT / "notebooks" / "execute.py")
_execute = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_execute)

# Raw reprs anywhere in what is shown (plain text, HTML or printed text).
_ANYWHERE = {
    "a numpy scalar repr such as np.float64(...)": re.compile(r"\bnp\.(?:float|int|uint|bool|str)\w*\("),
    "a numpy array repr": re.compile(r"\barray\(\["),
    "an object repr with a memory address": re.compile(r"<[\w.]+ (?:object )?at 0x[0-9a-f]+>"),
    "a value shown as -0.00": re.compile(r"(?<![\w.])-0\.0+(?![0-9])"),
    "an emoji used as an icon": re.compile("[\u2300-\u23ff\u2600-\u27bf\u2b50\u2b55\U0001f000-\U0001faff\ufe0f]"),
}
# Whole plain-text results that are a Python literal or object rather than a sentence or table.
_RESULT = {
    "a quoted string": re.compile(r"^\s*(?:'[^\n]*'|\"[^\n]*\")\s*$"),
    "a tuple": re.compile(r"^\s*\(.*\)\s*$", re.S),
    "a list or dict literal": re.compile(r"^\s*[\[{]"),
    "an object repr such as SurveyIndex(...)": re.compile(r"^\s*[A-Z]\w*\(\w+="),
    "a pandas Series footer (show it as a table)": re.compile(r"(?:^|\n)(?:Name: .*, )?dtype: \w+\s*$"),
}
_TRUNCATED_CELL = re.compile(r"<td[^>]*>[^<]*(?:\.\.\.|…)\s*</td>")


def _shown(output: dict) -> tuple[str, str]:
    """(mime type, text) of what JupyterLab renders for one output."""
    if output["output_type"] == "stream":
        return output["name"], output["text"]
    if output["output_type"] == "error":
        return "error", f"{output['ename']}: {output['evalue']}"
    data = output.get("data", {})
    for mime in ("application/vnd.jupyter.widget-view+json", "text/html", "text/markdown", "image/png",
                 "image/svg+xml", "text/plain"):
        if mime in data:
            text = data[mime]
            return mime, "".join(text) if isinstance(text, list) else str(text)
    return "none", ""


def problems(nb) -> list[str]:
    """Every place in an executed notebook where a reader would see something raw."""
    found = []
    for k, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        for output in cell.get("outputs", []):
            mime, text = _shown(output)
            where = f"cell {k} ({mime})"
            if mime in ("stderr", "error"):
                found.append(f"{where}: printed to stderr or failed: {text.strip()[:120]!r}")
                continue
            if mime.startswith("image/") or mime.endswith("widget-view+json"):
                continue
            for what, pattern in _ANYWHERE.items():
                if m := pattern.search(text):
                    found.append(f"{where}: {what}: {text[max(0, m.start() - 30):m.end() + 30]!r}")
            if mime == "text/plain" and output["output_type"] in ("execute_result", "display_data"):
                for what, pattern in _RESULT.items():
                    if pattern.search(text):
                        found.append(f"{where}: {what}: {text.strip()[:100]!r}")
            if mime == "text/html" and (m := _TRUNCATED_CELL.search(text)):
                found.append(f"{where}: text cut off with '...': {m.group(0)[:120]!r}")
    return found


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_lesson_runs_and_a_reader_sees_sentences_and_tables(path: Path):
    executed = _execute.executed(path)   # raises, naming the cell, if any cell or assert fails
    found = problems(executed)
    message = f"{path.name} shows raw output:\n" + "\n".join(found)
    assert not found, message


# --- the detector itself: it must catch each kind of raw output, and pass clean ones ------------

def _nb(*outputs):
    import nbformat

    cell = nbformat.v4.new_code_cell("x")
    cell.outputs = [nbformat.from_dict(o) for o in outputs]
    return nbformat.v4.new_notebook(cells=[cell])


def _result(plain, html=None):
    data = {"text/plain": plain} | ({"text/html": html} if html else {})
    return {"output_type": "execute_result", "data": data, "metadata": {}, "execution_count": 1}


@pytest.mark.parametrize("shown", [
    _result("np.float64(-1.2)"),
    _result("'Close gap 4 first'"),
    _result("(400.0, 100.0, 20.0, 10.0)"),
    _result("SurveyIndex(overall=73.9 of 100, respondents=400)"),
    _result("array([0.48, 0.36, 0.16])"),
    _result("{'tangibles': (1, 2, 3, 4)}"),
    _result("factor\nreliability    32\nName: weight, dtype: int64"),
    _result("df", "<table><tr><td>A wardrobe door fell off three days after deli...</td></tr></table>"),
    _result("df", "<table><tr><td>-0.00</td></tr></table>"),
    {"output_type": "stream", "name": "stdout", "text": "gap np.float64(0.5)\n"},
    {"output_type": "stream", "name": "stderr", "text": "FutureWarning: something\n"},
    {"output_type": "stream", "name": "stdout", "text": "\u23f1 35 minutes\n"},
])
def test_detector_catches_raw_output(shown):
    assert problems(_nb(shown))


@pytest.mark.parametrize("shown", [
    _result("58.8"),
    _result("df", "<table><tr><td>-0.004</td><td>A wardrobe door fell off.</td><td>0.00</td></tr></table>"),
    {"output_type": "stream", "name": "stdout", "text": "Rising 0.3 a period: period 4 (gap -0.05).\n"},
    {"output_type": "display_data", "data": {"image/png": "iVBOR", "text/plain": "<Figure size 640x480 with 1 Axes>"},
     "metadata": {}},
    {"output_type": "display_data", "metadata": {},
     "data": {"application/vnd.jupyter.widget-view+json": {"model_id": "x"}, "text/plain": "WhatIf(children=(...))"}},
])
def test_detector_passes_sentences_tables_pictures_and_widgets(shown):
    assert not problems(_nb(shown))
