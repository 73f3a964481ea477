"""Run a notebook's code cells in this process (fast: no kernel), collect its checks or its namespaces."""

from __future__ import annotations

import json
import os
import re
from functools import cache
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from cxlib import exercises  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CHECK = re.compile(r"""check\(\s*["'](\d\d\.q\d+)["']\s*,\s*(\w+)""")


def code_cells(path: Path) -> list[str]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    cells = []
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            src = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            cells.append(src)
    return cells


def fresh(namespace: dict) -> dict:
    """A copy of a notebook namespace whose tables can be changed without touching the original."""
    return {k: v.copy() if isinstance(v, (pd.DataFrame, pd.Series)) else v for k, v in namespace.items()}


def _run(path: Path, strict: bool, after_cell=None) -> None:
    old_cwd, old_env = os.getcwd(), os.environ.get("CXLIB_STRICT")
    os.chdir(path.parent)
    if strict:
        os.environ["CXLIB_STRICT"] = "1"
    else:
        os.environ.pop("CXLIB_STRICT", None)
    namespace: dict = {"__name__": "__main__"}
    try:
        for k, src in enumerate(code_cells(path)):
            if src.lstrip().startswith(("%", "!")):
                continue
            exec(compile(src, f"{path.name} code cell {k}", "exec"), namespace)
            if after_cell:
                after_cell(k, src, namespace)
    finally:
        os.chdir(old_cwd)
        if old_env is None:
            os.environ.pop("CXLIB_STRICT", None)
        else:
            os.environ["CXLIB_STRICT"] = old_env
        plt.close("all")


def run_checks(path: Path, strict: bool) -> list[exercises.Result]:
    """Execute every code cell of ``path`` in a fresh namespace; return the check results."""
    start = len(exercises.history)
    _run(path, strict)
    return exercises.history[start:]


@cache
def namespaces(path: Path) -> dict[str, tuple[str, dict]]:
    """``{qid: (variable, namespace)}``: the namespace right after the cell that checks ``qid``,
    and the name of the variable it checks; ``"setup"`` holds the namespace after the first cell."""
    found: dict[str, tuple[str, dict]] = {}

    def snapshot(k: int, src: str, namespace: dict) -> None:
        if k == 0:
            found["setup"] = ("", fresh(namespace))
        for qid, variable in CHECK.findall(src):
            found[qid] = (variable, fresh(namespace))

    _run(path, strict=False, after_cell=snapshot)
    return found


def notebook(folder: str, lesson: str) -> Path:
    """The exercises/ or solutions/ notebook of a lesson ("04")."""
    (path,) = (ROOT / folder).glob(f"{lesson}_*.ipynb")
    return path
