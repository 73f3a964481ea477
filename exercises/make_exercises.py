"""Generate ``exercises/`` from ``solutions/``: the solutions are the single source.

In a code cell, the lines from ``# BEGIN SOLUTION`` to ``# END SOLUTION`` are deleted; where
that ends an indented block (a function body, say) one ``...`` is written at the block's
indent, as otter-grader does, so the learner sees where to write. In a markdown cell, ``<!-- BEGIN SOLUTION -->`` ...
``<!-- END SOLUTION -->`` is replaced by an invitation to write your own answer, and
``<!-- BEGIN SOLUTIONS ONLY -->`` ... ``<!-- END SOLUTIONS ONLY -->`` (a note such as "this is the
solutions notebook") is dropped. Outputs
are cleared. The placeholder (``answer = ...``) sits *outside* the markers, so the
generated exercise runs and ``check`` reports NOT ATTEMPTED.

    python exercises/make_exercises.py          # rewrite exercises/*.ipynb
    python exercises/make_exercises.py --check  # fail if any is out of date (the tests run it)
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOLUTIONS, EXERCISES = ROOT / "solutions", ROOT / "exercises"
BEGIN, END = re.compile(r"^(\s*)# BEGIN SOLUTION\s*$"), re.compile(r"^\s*# END SOLUTION\s*$")
MD_BLOCK = re.compile(r"<!-- BEGIN SOLUTION -->.*?<!-- END SOLUTION -->", re.S)
MD_ONLY = re.compile(r"\n*<!-- BEGIN SOLUTIONS ONLY -->.*?<!-- END SOLUTIONS ONLY -->", re.S)
MD_BLANK = "*Write your answer here.*"


class MarkerError(ValueError):
    pass


def blank_code(source: str, where: str = "cell") -> str:
    """Delete solution blocks from code, leaving ``...`` where a block would be empty.

    >>> print(blank_code("def f(x):\\n    # BEGIN SOLUTION\\n    return 2 * x\\n    # END SOLUTION\\ncheck('q', f)"))
    def f(x):
        ...
    check('q', f)
    >>> print(blank_code("y = ...\\n# BEGIN SOLUTION\\ny = 3\\n# END SOLUTION\\ncheck('q', y)"))
    y = ...
    check('q', y)
    """
    lines = source.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        m = BEGIN.match(lines[i])
        if not m:
            if END.match(lines[i]):
                raise MarkerError(f"{where}: '# END SOLUTION' without a BEGIN (line {i + 1})")
            out.append(lines[i])
            i += 1
            continue
        indent = m.group(1)
        j = i + 1
        while j < len(lines) and not END.match(lines[j]):
            if BEGIN.match(lines[j]):
                raise MarkerError(f"{where}: nested '# BEGIN SOLUTION' (line {j + 1})")
            j += 1
        if j == len(lines):
            raise MarkerError(f"{where}: '# BEGIN SOLUTION' on line {i + 1} is never closed")
        nxt = next((l for l in lines[j + 1:] if l.strip() and not l.strip().startswith("#")), None)
        continues = nxt is not None and len(nxt) - len(nxt.lstrip()) >= len(indent)
        if indent and not continues:  # an indented block would end here: leave a visible blank
            out.append(f"{indent}...")
        i = j + 1
    return "\n".join(out)


def blank_markdown(source: str) -> str:
    """Replace written answers by an invitation; drop notes meant for the solutions only.

    >>> blank_markdown("Why? <!-- BEGIN SOLUTION -->Because.<!-- END SOLUTION -->")
    'Why? *Write your answer here.*'
    >>> blank_markdown("# Title\\n\\n<!-- BEGIN SOLUTIONS ONLY -->answers inside<!-- END SOLUTIONS ONLY -->")
    '# Title'
    """
    return MD_BLOCK.sub(MD_BLANK, MD_ONLY.sub("", source))


def exercise_from_solution(nb: dict, name: str) -> dict:
    """The exercise notebook (a new dict) made from a solutions notebook."""
    cells = []
    for k, cell in enumerate(nb["cells"]):
        cell = json.loads(json.dumps(cell))  # deep copy
        src = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if cell["cell_type"] == "code":
            src = blank_code(src, f"{name} cell {k}")
            cell["outputs"], cell["execution_count"] = [], None
        elif cell["cell_type"] == "markdown":
            if "<!-- BEGIN SOLUTION -->" in src and not MD_BLOCK.search(src):
                raise MarkerError(f"{name} cell {k}: unclosed <!-- BEGIN SOLUTION -->")
            src = blank_markdown(src)
        cell["source"] = src
        cells.append(cell)
    out = dict(nb, cells=cells)
    out["metadata"] = dict(nb.get("metadata", {}))
    out["metadata"]["cx_generated_from"] = f"solutions/{name}"
    return out


def render(nb: dict) -> str:
    return json.dumps(nb, indent=1, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="generate exercises/ from solutions/")
    parser.add_argument("--check", action="store_true", help="verify, do not write")
    args = parser.parse_args(argv)
    stale, expected = [], set()
    for src in sorted(SOLUTIONS.glob("*.ipynb")):
        expected.add(src.name)
        text = render(exercise_from_solution(json.loads(src.read_text(encoding="utf-8")), src.name))
        target = EXERCISES / src.name
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            stale.append(src.name)
            if not args.check:
                target.write_text(text, encoding="utf-8")
    orphans = sorted(p.name for p in EXERCISES.glob("*.ipynb") if p.name not in expected)
    if args.check and (stale or orphans):
        if stale:
            print("out of date (run `make exercises`): " + ", ".join(stale))
        if orphans:
            print("exercises with no solutions/ source: " + ", ".join(orphans))
        return 1
    print(("wrote: " + ", ".join(stale)) if stale and not args.check else "exercises are up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
