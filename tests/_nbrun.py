"""Run a notebook's code cells in this process (fast: no kernel) and collect its checks."""

from __future__ import annotations

import json
import os
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from cxlib import exercises  # noqa: E402


def code_cells(path: Path) -> list[str]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    cells = []
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            src = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            cells.append(src)
    return cells


def run_checks(path: Path, strict: bool) -> list[exercises.Result]:
    """Execute every code cell of ``path`` in a fresh namespace; return the check results."""
    start = len(exercises.history)
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
    finally:
        os.chdir(old_cwd)
        if old_env is None:
            os.environ.pop("CXLIB_STRICT", None)
        else:
            os.environ["CXLIB_STRICT"] = old_env
        plt.close("all")
    return exercises.history[start:]
