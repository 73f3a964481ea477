"""`make grade`: a class folder made from solutions/ and exercises/, graded twice in sandboxes.

The folder holds what a trainer really collects: a solved notebook (with a `name = "..."`
line), a blank one, one with a typical mistake, one with an endless loop, one with a deleted
question cell, a corrupt file, and a hostile one that tries to write into the course and into
another learner's file, to allocate 10 GB and to fork-bomb. Every case must end as the right
outcome, nothing outside the sandbox may change, no process may be left, and a second run
must write the same bytes.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import os
import re
import shutil
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # conftest.py starts slow files first

ROOT = Path(__file__).resolve().parent.parent
LESSON = "01_satisfaction_triangle.ipynb"


def _load(name: str):
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "exercises" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


grade = _load("grade")
SETTINGS = grade.Settings(timeout=30, cell_timeout=4, memory_mb=2048, max_processes=40, jobs=2)


def _nb(folder: str) -> dict:
    return json.loads((ROOT / folder / LESSON).read_text(encoding="utf-8"))


def _edit(nb: dict, qid: str, edit) -> dict:
    """Apply ``edit(source) -> source`` to the cell that checks ``qid``."""
    for cell in nb["cells"]:
        src = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if f'check("{qid}"' in src:
            cell["source"] = edit(src)
            return nb
    raise AssertionError(f"no cell checks {qid}")


def make_class(folder: Path, victim: Path, course_file: Path) -> None:
    """Five hand-ins, each case a learner really produces (four kernels: eve never runs)."""
    solved = _nb("solutions")
    first = next(c for c in solved["cells"] if c["cell_type"] == "code")
    first["source"] = 'name = "Ana Lima"\n' + "".join(first["source"])
    (folder / "submission_01.ipynb").write_text(json.dumps(solved))
    shutil.copy(ROOT / "exercises" / LESSON, folder / "ben.ipynb")
    # a typical mistake (the sign flipped) and a deleted question cell
    cara = _edit(_nb("solutions"), "01.q1", lambda s: s.replace(
        "check(", "guest_satisfaction = 8.0 - 6.5  # expectation - experience\ncheck(", 1))
    cara["cells"] = [c for c in cara["cells"] if 'check("01.q4"' not in "".join(c["source"])]
    (folder / "cara.ipynb").write_text(json.dumps(cara))
    (folder / "eve.ipynb").write_text('{"cells": [ oops this is not JSON')
    # the hostile one: writes into the course and into another learner's file, loops forever,
    # allocates 10 GB and fork-bombs; each costs only its own question (the cells after run)
    attempts = (f"blocked = []\nfor target in ({str(course_file)!r}, {str(victim)!r}):\n"
                "    try:\n        open(target, 'a').write('overwritten by a learner')\n"
                "    except OSError as exc:\n        blocked.append(exc)\n"
                "if blocked:\n    raise blocked[-1]\n")
    hostile = _nb("solutions")
    for qid, code in {
        "01.q1": attempts,
        "01.q2": "while True:\n    pass\n",
        "01.q3": "hog = bytearray(10 * 1024**3)\n",
        # forks until the process limit says no; each copy sleeps. (The exponential kind, where
        # every copy forks too, is contained the same way, but whether the limit or the cell's
        # time limit stops it first is a race, so it would make the second run differ.)
        "01.q4": "import os, time\nwhile True:\n    if os.fork() == 0:\n        time.sleep(600)\n",
    }.items():
        hostile = _edit(hostile, qid, lambda s, code=code: code + s)
    (folder / "mallory.ipynb").write_text(json.dumps(hostile))


def _live_processes(token: str) -> list[int]:
    """Processes (not zombies) carrying this run's marker in their environment."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            if f"CXGRADE_RUN={token}".encode() in (proc / "environ").read_bytes():
                found.append(int(proc.name))
        except OSError:
            continue
    return found


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder / "_grades").as_posix(): p.read_bytes()
            for p in sorted((folder / "_grades").rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    if not grade.sandbox_available():
        pytest.skip("bubblewrap (bwrap) is not installed or cannot make namespaces here")
    folder = tmp_path_factory.mktemp("class")
    victim = folder / "ben-essay.txt"  # another learner's file, handed in beside the notebooks
    victim.write_text("Ben's essay on the five gaps.\n")
    course_file = ROOT / "data" / "README.md"
    make_class(folder, victim, course_file)
    before = {p: p.read_bytes() for p in (victim, course_file)}
    runs = []
    token = f"test-{os.getpid()}-1"
    results = grade.grade_folder(folder, SETTINGS, token=token)
    grade.write_grades(folder, results, SETTINGS, sandboxed=True)
    runs.append((results, _snapshot(folder), _live_processes(token)))
    # The second run (for byte-for-byte sameness) regrades the cases whose outcome could depend
    # on timing or the machine (mallory's loop, fork bomb and hostile writes; the corrupt file);
    # the plain ones are hidden from it (the grader skips dot-files) to keep the test fast.
    plain = ["submission_01.ipynb", "ben.ipynb", "cara.ipynb"]  # deterministic by construction
    for name in plain:
        (folder / name).rename(folder / f".{name}")
    try:
        token = f"test-{os.getpid()}-2"
        again = grade.grade_folder(folder, SETTINGS, token=token)
        grade.write_grades(folder, again, SETTINGS, sandboxed=True)
        runs.append((again, _snapshot(folder), _live_processes(token)))
    finally:
        for name in plain:
            (folder / f".{name}").rename(folder / name)
    grade.write_grades(folder, results, SETTINGS, sandboxed=True)  # as after the first run
    return folder, runs, before


def _rows(folder: Path) -> dict[str, dict]:
    with open(folder / "_grades" / "gradebook.csv", encoding="utf-8", newline="") as fh:
        return {r["learner"]: r for r in csv.DictReader(fh)}


def test_gradebook_has_every_outcome(graded):
    folder, _, _ = graded
    rows = _rows(folder)
    with open(folder / "_grades" / "gradebook.csv", encoding="utf-8") as fh:
        assert fh.readline().strip() == "learner,file,01.q1,01.q2,01.q3,01.q4,passed"
    assert sorted(rows) == ["Ana Lima", "ben", "cara", "eve", "mallory"]
    q = ["01.q1", "01.q2", "01.q3", "01.q4"]
    assert [rows["Ana Lima"][k] for k in q] == ["PASS"] * 4 and rows["Ana Lima"]["passed"] == "4"
    assert rows["Ana Lima"]["file"] == "submission_01.ipynb"
    assert [rows["ben"][k] for k in q] == ["NOT ATTEMPTED"] * 4 and rows["ben"]["passed"] == "0"
    assert [rows["cara"][k] for k in q] == ["FAIL", "PASS", "PASS", "NOT ATTEMPTED"]
    assert [rows["eve"][k] for k in q] == ["ERROR"] * 4
    assert [rows["mallory"][k] for k in q] == ["ERROR"] * 4


def test_reasons_and_named_mistakes(graded):
    _, runs, _ = graded
    by_learner = {g.learner: g for g in runs[0][0]}
    assert by_learner["cara"].outcomes["01.q1"].mistake == "flipped sign"  # the check's own label
    assert "deleted" in by_learner["cara"].outcomes["01.q4"].message
    assert by_learner["eve"].problem.startswith("not a notebook")
    why = {q: o.message for q, o in by_learner["mallory"].outcomes.items()}
    assert "Permission denied" in why["01.q1"] or "Read-only" in why["01.q1"] or "No such file" in why["01.q1"], why
    assert why["01.q2"].startswith("time limit"), why  # the loop was stopped, and the next cells ran:
    assert "MemoryError" in why["01.q3"] and "memory limit" in why["01.q3"], why
    assert "process limit" in why["01.q4"], why


def test_hostile_notebook_is_contained(graded):
    _, runs, before = graded
    for path, content in before.items():
        assert path.read_bytes() == content, f"{path} was changed by a learner's notebook"
    for _, _, live in runs:
        assert live == [], f"processes left after grading: {live}"


def test_second_run_writes_the_same_bytes(graded):
    folder, runs, _ = graded
    first, second = runs[0][1], runs[1][1]
    assert {k for k in first if k.startswith("feedback/")} == {
        f"feedback/{n}.html" for n in ("Ana-Lima", "ben", "cara", "eve", "mallory")}
    assert sorted(second) == ["feedback/eve.html", "feedback/mallory.html", "gradebook.csv", "summary.html"]
    for name in ("feedback/eve.html", "feedback/mallory.html"):
        assert first[name] == second[name], f"{name} differs between two runs"
    lines = first["gradebook.csv"].decode().splitlines()
    assert [l for l in lines if l.startswith(("learner,", "eve,", "mallory,"))] == \
        second["gradebook.csv"].decode().splitlines()
    assert _snapshot(folder) == first  # rewritten from the first run's results: the same bytes


def test_summary_names_mistakes_and_errors(graded):
    folder, _, _ = graded
    html = (folder / "_grades" / "summary.html").read_text(encoding="utf-8")
    assert "<svg" in html and "Go over after the break" in html
    assert "flipped sign" in html  # cara's named mistake
    assert "not a notebook" in html and "time limit" in html
    assert "http://" not in html and "https://" not in html and "<script" not in html
    page = (folder / "_grades" / "feedback" / "cara.html").read_text(encoding="utf-8")
    assert "FAIL" in page and "hint(&quot;01.q1&quot;)" in page and "Ana" not in page


def test_learner_name_and_lesson_are_parsed_not_run(tmp_path):
    nb = {"nbformat": 4, "cells": [{"cell_type": "code", "source": 'name = "  Li   Na "\nimport os'}]}
    assert grade.learner_name(nb, Path("x.ipynb")) == "Li Na"
    nb["cells"][0]["source"] = 'name = __import__("os").getcwd()'
    assert grade.learner_name(nb, Path("x.ipynb")) == "x"
    nb["cells"].append({"cell_type": "code", "source": 'check("03.q2", x)'})
    assert grade.lesson_of(nb, Path("whatever.ipynb")) == "03"
    assert grade.lesson_of({"cells": []}, Path("05_iceberg_and_pyramid.ipynb")) == "05"
    (tmp_path / "a.ipynb").write_bytes(b"%PDF-1.4 \x00\xff")
    with pytest.raises(ValueError, match="not a notebook"):
        grade.read_notebook(tmp_path / "a.ipynb")


def test_outcomes_are_read_from_the_check_bundle_only():
    """Contract 2's JSON bundle is the source; a text line that merely looks like a result is not."""
    bundle = {"output_type": "display_data", "metadata": {}, "data": {
        grade.MIME: {"question": "01.q1", "status": "FAIL", "message": "got 1.5: flipped", "mistake": "flipped sign"},
        "text/plain": "01.q1 FAIL: got 1.5: flipped"}}
    faked = {"output_type": "stream", "name": "stdout", "text": "01.q2 PASS: trust me"}
    printed = {"output_type": "execute_result", "metadata": {}, "execution_count": 1,
               "data": {"text/plain": "01.q2 PASS: trust me too"}}
    raised = {"output_type": "error", "ename": "NameError", "evalue": "name 'visits' is not defined",
              "traceback": []}
    broken = {"output_type": "display_data", "metadata": {}, "data": {grade.MIME: {
        "question": "01.q4", "status": "ERROR", "message": "this is a bug in the check", "mistake": None}}}
    nb = {"cells": [
        {"cell_type": "code", "source": 'check("01.q1", a)', "outputs": [bundle], "metadata": {"cxgrade": "ran"}},
        {"cell_type": "code", "source": 'check("01.q2", b)', "outputs": [faked, printed], "metadata": {"cxgrade": "ran"}},
        {"cell_type": "code", "source": 'x = visits\ncheck("01.q3", x)', "outputs": [raised],
         "metadata": {"cxgrade": "error"}},
        {"cell_type": "code", "source": 'check("01.q4", y)', "outputs": [broken], "metadata": {"cxgrade": "ran"}},
    ]}
    got = grade.read_outcomes(nb, ["01.q1", "01.q2", "01.q3", "01.q4", "01.q5"])
    assert got["01.q1"] == grade.Outcome("FAIL", "got 1.5: flipped", "flipped sign")
    assert got["01.q2"].status == "NOT ATTEMPTED" and "showed no check result" in got["01.q2"].message
    assert got["01.q3"].status == "ERROR" and "NameError" in got["01.q3"].message
    assert got["01.q4"].status == "ERROR" and "the check itself failed" in got["01.q4"].message
    assert got["01.q5"].status == "NOT ATTEMPTED" and "deleted" in got["01.q5"].message


def test_csv_is_safe_in_a_spreadsheet():
    row = grade.Row("=HYPERLINK(1)", ["=x.ipynb"], {"01.q1": grade.Outcome("PASS")})
    text = grade.gradebook_csv(["01.q1"], [row])
    assert "'=HYPERLINK(1)" in text and "'=x.ipynb" in text


def make_big_class(folder: Path, n: int = 30) -> None:
    """``n`` hand-ins across the eight lessons: solved, blank and one flipped answer in turn."""
    lessons = sorted(p.name for p in (ROOT / "solutions").glob("[0-9][0-9]_*.ipynb"))
    for k in range(n):
        name = lessons[k % len(lessons)]
        kind = ("solutions", "exercises", "mistake")[k % 3]
        nb = json.loads((ROOT / ("exercises" if kind == "exercises" else "solutions") / name).read_text())
        if kind == "mistake":  # the learner's first answer replaced by a wrong number
            cell = next(c for c in nb["cells"] if "check(" in "".join(c["source"]))
            src = "".join(cell["source"])
            cell["source"] = src.replace("check(", "_wrong = -12345.0\ncheck(", 1)
            qid = re.search(r'check\("([^"]+)", (\w+)', src)
            cell["source"] = cell["source"].replace(f'check("{qid.group(1)}", {qid.group(2)})',
                                                    f'check("{qid.group(1)}", _wrong)')
        (folder / f"learner{k + 1:02d}_{name}").write_text(json.dumps(nb))


if __name__ == "__main__":  # the number in the trainer guide: python tests/test_grade.py FOLDER [N]
    import time

    target = Path(sys.argv[1])
    target.mkdir(parents=True, exist_ok=True)
    make_big_class(target, int(sys.argv[2]) if len(sys.argv) > 2 else 30)
    start = time.monotonic()
    __import__("subprocess").run(["make", "-s", "grade", f"SUBMISSIONS={target}"], cwd=ROOT, check=True)
    print(f"make grade: {time.monotonic() - start:.1f} s for {len(list(target.glob('*.ipynb')))} notebooks")


def test_learners_code_runs_at_low_priority():
    """The runner (and so the kernel and anything a cell starts) gives way to the trainer's programs."""
    import subprocess

    code = ("import sys; sys.path.insert(0, sys.argv[1]); import grade_runner, os; "
            "print(grade_runner.lower_priority(), os.nice(0))")
    out = subprocess.run([sys.executable, "-c", code, str(ROOT / "exercises")], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    niceness = str(_load("grade_runner").NICENESS)
    assert out.stdout.split() == [niceness, niceness]
