"""Tidy every course notebook in place: navigation, slide tags, no outputs.

- Writes the ``<- 01 | Contents | 03 ->`` line at the top and bottom of each lesson in
  ``notebooks/`` (as the Python Data Science Handbook's ``add_navigation.py`` does).
- Tags cells for slides (``jupyter nbconvert --to slides``, or RISE): a ``#``/``##`` heading
  starts a slide, ``###`` a sub-slide, navigation cells are skipped.
- Strips outputs and execution counts from notebooks in notebooks/, solutions/, exercises/.

    python notebooks/tidy.py
"""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAV = "<!--NAVIGATION-->"
LESSON = re.compile(r"^(\d\d)_.*\.ipynb$")


def _src(cell: dict) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def _title(nb: dict) -> str:
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown" and not _src(cell).startswith(NAV):
            for line in _src(cell).splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return ""


def nav_line(lessons: list[Path], i: int) -> str:
    parts = []
    if i > 0:
        prev = lessons[i - 1]
        parts.append(f"[← {prev.name[:2]} {_short(prev)}]({prev.name})")
    parts.append("[Contents](00_start_here.ipynb)")
    if i + 1 < len(lessons):
        nxt = lessons[i + 1]
        parts.append(f"[{nxt.name[:2]} {_short(nxt)} →]({nxt.name})")
    return f"{NAV}\n" + " | ".join(parts)


def _short(path: Path) -> str:
    return path.stem[3:].replace("_", " ")


def slide_type(cell: dict) -> str:
    src = _src(cell).lstrip()
    if src.startswith(NAV):
        return "skip"
    if cell["cell_type"] == "markdown" and re.match(r"#{1,2} ", src):
        return "slide"
    if cell["cell_type"] == "markdown" and src.startswith("### "):
        return "subslide"
    return "-"


def tidy(nb: dict, nav: str | None) -> dict:
    cells = [c for c in nb["cells"] if not _src(c).startswith(NAV)]
    if nav is not None:
        top = {"cell_type": "markdown", "metadata": {}, "source": nav}
        cells = [dict(top, id="nav-top")] + cells + [dict(top, id="nav-bottom")]
    for cell in cells:
        if cell["cell_type"] == "code":
            cell["outputs"], cell["execution_count"] = [], None
        cell["source"] = _src(cell)
        meta = dict(cell.get("metadata", {}))
        meta["slideshow"] = {"slide_type": slide_type(cell)}
        cell["metadata"] = meta
    nb = dict(nb, cells=cells, nbformat=4, nbformat_minor=5)
    nb["metadata"] = dict(nb.get("metadata", {}))
    nb["metadata"]["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    nb["metadata"]["language_info"] = {"name": "python"}
    for k, cell in enumerate(nb["cells"]):
        cell.setdefault("id", f"cell-{k}")
    return nb


def main() -> None:
    lessons = sorted(p for p in (ROOT / "notebooks").glob("*.ipynb") if LESSON.match(p.name))
    for folder in ("notebooks", "solutions", "exercises", "notebooks/dashboards"):
        for path in sorted((ROOT / folder).glob("*.ipynb")):
            nb = json.loads(path.read_text(encoding="utf-8"))
            nav = nav_line(lessons, lessons.index(path)) if path in lessons and path.name[:2] != "00" else None
            text = json.dumps(tidy(nb, nav), indent=1, ensure_ascii=False) + "\n"
            if path.read_text(encoding="utf-8") != text:
                path.write_text(text, encoding="utf-8")
                print("tidied", path.relative_to(ROOT))


if __name__ == "__main__":
    main()
