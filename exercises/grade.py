"""Grade a class's exercise notebooks: ``make grade SUBMISSIONS=folder``.

Learners hand in their exercise notebooks (any file names) in one folder. Each notebook runs
in a fresh kernel, in a sandbox, several at a time, and every question of its lesson gets one
outcome:

- ``PASS``, ``FAIL`` (with the mistake the check named) or ``NOT ATTEMPTED``, as ``check()``
  showed it in the learner's notebook (read from its ``application/vnd.cxlib.check+json``
  output, never from the text);
- ``NOT ATTEMPTED`` also when no cell checks the question any more (the learner deleted it);
- ``ERROR`` with the reason when the question's cell could not give an answer: it raised, it ran
  past its time limit (an endless loop), the kernel died, the notebook's time ran out before
  the cell, or the file is not a notebook at all.

It writes ``folder/_grades/``: ``gradebook.csv`` (one row per learner: ``learner``, ``file``,
one column per question id, ``passed``), ``summary.html`` (pass rates, the most common named
mistakes, a bar chart) and ``feedback/<learner>.html``. The same folder gives the same files,
byte for byte: nothing in them depends on time, order of completion or the machine.

The learner's name is a ``name = "..."`` line in the notebook's first code cell if there is
one, else the file name without ``.ipynb``. One learner's several files (two lessons, or a
resubmission) make one row; for each question the best outcome counts
(PASS > FAIL > ERROR > NOT ATTEMPTED).

**Sandbox.** Learners' code is untrusted. Each notebook runs in its own scratch copy under
bubblewrap (``bwrap``, Debian package ``bubblewrap``): the whole file system read-only, the
user's home and ``/root`` hidden except the course and Python, the submissions folder hidden
(no learner sees another's file), a private ``/tmp``, no network, its own process namespace
(when it ends, every process it started ends with it), and hard limits on memory, processes,
CPU time and file size. As root it runs the learner's code as an unprivileged user of its own
(root ignores the process limit). Without bubblewrap the grader refuses to run unless told
``--no-sandbox`` (your own test notebooks only: then only the limits and the scratch copy apply).

    python exercises/grade.py FOLDER [--timeout 60] [--cell-timeout 15] [--jobs N]
"""

from __future__ import annotations

import argparse
import ast
import csv
import io
import json
import os
import queue
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNNER = Path(__file__).resolve().parent / "grade_runner.py"
MIME = "application/vnd.cxlib.check+json"
PASS, FAIL, NOT_ATTEMPTED, ERROR = "PASS", "FAIL", "NOT ATTEMPTED", "ERROR"
STATUSES = (PASS, FAIL, NOT_ATTEMPTED, ERROR)
RANK = {PASS: 3, FAIL: 2, ERROR: 1, NOT_ATTEMPTED: 0}  # which outcome counts when a learner sends two
OUT_DIR = "_grades"
MAX_NOTEBOOK_BYTES = 20 * 1024 * 1024
SANDBOX_DIR = "/tmp/submission"  # where the learner's copy sits inside the sandbox
FIRST_UID = 61000  # as root: sandbox slot k runs its learner's code as uid FIRST_UID + k

_QID = r"\d{2}\.q\d+"
_CHECK_CALL = re.compile(r"""check\(\s*["'](%s)["']""" % _QID)
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_ADDRESS = re.compile(r"0x[0-9a-fA-F]{6,}")


@dataclass(frozen=True)
class Outcome:
    """One question's outcome: status, the check's message (or the ERROR's reason), the mistake."""

    status: str
    message: str = ""
    mistake: str | None = None
    handed_in: bool = True  # False: the learner handed in no notebook of this question's lesson


@dataclass
class Graded:
    """One submitted file: whose, which questions, and each question's outcome."""

    file: str  # relative to the submissions folder, with forward slashes
    learner: str
    questions: list[str]  # the lesson's question ids ([] if the lesson is unknown)
    outcomes: dict[str, Outcome] = field(default_factory=dict)
    problem: str = ""  # why the whole file is ERROR (not a notebook, no lesson, sandbox failed)


@dataclass(frozen=True)
class Settings:
    timeout: float = 60.0  # seconds for one notebook, kernel start included
    cell_timeout: float = 15.0  # seconds for one cell (an endless loop costs only its question)
    memory_mb: int = 2048  # address space of each process
    max_processes: int = 64  # processes and threads in one sandbox (a kernel and the runner use ~20)
    jobs: int = 0  # notebooks at a time; 0 = one per available core
    sandbox: bool = True


# --- reading a submission (parsed, never evaluated) ----------------------------------------


def find_submissions(folder: Path) -> list[Path]:
    """Every ``*.ipynb`` under ``folder``, sorted, skipping ``_grades`` and hidden folders."""
    found = []
    for path in folder.rglob("*.ipynb"):
        parts = path.relative_to(folder).parts
        if any(p.startswith((".", "_grades")) for p in parts[:-1]) or parts[-1].startswith("."):
            continue
        found.append(path)
    return sorted(found, key=lambda p: p.relative_to(folder).as_posix())


def _source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else str(src)


def _code_cells(nb: dict) -> list[dict]:
    return [c for c in nb.get("cells", []) if isinstance(c, dict) and c.get("cell_type") == "code"]


def learner_name(nb: dict | None, path: Path) -> str:
    """``name = "..."`` from the first code cell if present (parsed, not run), else the file name.

    >>> learner_name({"cells": [{"cell_type": "code", "source": 'name = "Li Na"\\nx = 1'}]}, Path("a.ipynb"))
    'Li Na'
    >>> learner_name({"cells": [{"cell_type": "code", "source": "name = input()"}]}, Path("ana_01.ipynb"))
    'ana_01'
    """
    cells = _code_cells(nb) if isinstance(nb, dict) else []
    if cells:
        src = _source(cells[0])
        try:
            tree = ast.parse(src)
        except SyntaxError:
            tree = None
        if tree is not None:
            for node in tree.body:
                if (isinstance(node, ast.Assign) and len(node.targets) == 1
                        and isinstance(node.targets[0], ast.Name) and node.targets[0].id == "name"
                        and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
                        and node.value.value.strip()):
                    return " ".join(node.value.value.split())[:80]
        else:
            m = re.search(r"""^name\s*=\s*["']([^"'\n]+)["']\s*$""", src, re.M)
            if m and m.group(1).strip():
                return " ".join(m.group(1).split())[:80]
    return path.stem


def lesson_of(nb: dict, path: Path) -> str | None:
    """The two-digit lesson: from the checks the notebook calls, its origin, or its file name."""
    ids = sorted({m for c in _code_cells(nb) for m in _CHECK_CALL.findall(_source(c))})
    lessons = sorted({q[:2] for q in ids})
    if len(lessons) == 1:
        return lessons[0]
    origin = str((nb.get("metadata") or {}).get("cx_generated_from", ""))
    m = re.search(r"(\d{2})_", origin) or re.match(r"(\d{2})(?=[_\- .])", path.name)
    if m:
        return m.group(1)
    return lessons[0] if lessons else None


def read_notebook(path: Path) -> dict:
    """The file as a notebook dict, or ``ValueError`` saying why it is not one."""
    if path.is_symlink():
        raise ValueError("a link, not a file: hand in the notebook itself")
    size = path.stat().st_size
    if size > MAX_NOTEBOOK_BYTES:
        raise ValueError(f"{size / 1e6:.0f} MB, too large for an exercise notebook")
    raw = path.read_bytes()
    try:
        nb = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ValueError("not a notebook: the file is not text (is it a PDF, a zip or a Word file?)") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"not a notebook: broken JSON at line {exc.lineno}, column {exc.colno}") from None
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        raise ValueError("not a notebook: no list of cells")
    if nb.get("nbformat") != 4:
        raise ValueError(f"not a notebook this course can run (nbformat {nb.get('nbformat')!r}, need 4)")
    return nb


# --- reading the outcomes from the executed copy -------------------------------------------


def _clean(text: str, limit: int = 300) -> str:
    text = _ADDRESS.sub("0x…", _ANSI.sub("", str(text)))
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _check_payload(output: dict) -> dict | None:
    """The check result an output shows (cxlib's JSON bundle), or None."""
    data = output.get("data") if isinstance(output, dict) else None
    payload = data.get(MIME) if isinstance(data, dict) else None
    if isinstance(payload, str):  # some writers store JSON MIME types as text
        try:
            payload = json.loads(payload)
        except json.JSONDecodeError:
            return None
    if (isinstance(payload, dict) and isinstance(payload.get("question"), str)
            and payload.get("status") in (PASS, FAIL, NOT_ATTEMPTED, ERROR)):
        return payload
    return None


def _outcome(payload: dict) -> Outcome:
    message = _clean(payload.get("message") or "", 600)
    if payload["status"] == ERROR:  # cxlib's own check broke: not the learner's doing, but no answer
        return Outcome(ERROR, f"the check itself failed: {message}")
    mistake = payload.get("mistake")
    return Outcome(payload["status"], message,
                   _clean(mistake, 120) if isinstance(mistake, str) and mistake else None)


def _error_reason(cell: dict) -> str:
    state = str((cell.get("metadata") or {}).get("cxgrade", "not run"))
    if state.startswith(("time limit", "not run")):
        return state if not state.startswith("time limit") else (
            f"{state} (an endless loop?); the cell was stopped")
    if state == "kernel died":
        return "the kernel died in this cell (out of memory, or the code ended Python)"
    for out in cell.get("outputs", []):
        if isinstance(out, dict) and out.get("output_type") == "error":
            ename, evalue = _clean(out.get("ename", "Error"), 60), _clean(out.get("evalue", ""))
            note = ""
            if ename == "MemoryError" or "MemoryError" in ename:
                note = " (the memory limit: do not build data that big)"
            elif "Errno 11" in evalue or "Resource temporarily unavailable" in evalue:
                note = " (the process limit)"
            return f"the cell raised {ename}{': ' + evalue if evalue else ''}{note}"
    return ""


def read_outcomes(nb: dict, qids: Iterable[str]) -> dict[str, Outcome]:
    """Each question's outcome in an executed notebook (see the module docstring for the rules)."""
    cells = _code_cells(nb)
    shown: dict[str, Outcome] = {}
    for cell in cells:
        for out in cell.get("outputs", []) if isinstance(cell.get("outputs"), list) else []:
            payload = _check_payload(out)
            if payload:
                shown[payload["question"]] = _outcome(payload)  # the last one shown counts
    outcomes = {}
    for qid in qids:
        if qid in shown:
            outcomes[qid] = shown[qid]
            continue
        own = [c for c in cells if qid in _CHECK_CALL.findall(_source(c))]
        if not own:
            outcomes[qid] = Outcome(NOT_ATTEMPTED, f"no cell checks {qid} (was its cell deleted?)")
            continue
        reason = next((r for r in map(_error_reason, own) if r), "")
        outcomes[qid] = (Outcome(ERROR, reason) if reason else Outcome(
            NOT_ATTEMPTED, f"the cell for {qid} ran but showed no check result"))
    return outcomes


# --- the sandbox ----------------------------------------------------------------------------


def _under(path: Path, parent: Path) -> bool:
    return path == parent or parent in path.parents


def sandbox_available() -> str | None:
    """The bubblewrap executable, if it is installed and can make a sandbox here."""
    bwrap = shutil.which("bwrap")
    if not bwrap:
        return None
    probe = [bwrap, "--ro-bind", "/", "/", "--unshare-pid", "--unshare-net", "--die-with-parent",
             "--proc", "/proc", "--dev", "/dev", "true"]
    if os.geteuid() != 0:
        probe[1:1] = ["--unshare-user"]
    ok = subprocess.run(probe, capture_output=True, timeout=30).returncode == 0
    return bwrap if ok else None


def _sandbox_env(token: str) -> dict[str, str]:
    bindir = str(Path(sys.executable).parent)
    env = {
        "PATH": f"{bindir}:/usr/local/bin:/usr/bin:/bin",
        "HOME": "/tmp/home", "TMPDIR": "/tmp", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
        "PYTHONHASHSEED": "0", "PYTHONDONTWRITEBYTECODE": "1", "PYDEVD_DISABLE_FILE_VALIDATION": "1",
        "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
        "MPLCONFIGDIR": f"{SANDBOX_DIR}/.mpl", "CXGRADE_RUN": token,
    }
    for key in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"):  # some CPUs need these (see the env notes)
        if key in os.environ:
            env[key] = os.environ[key]
    return env


def bwrap_command(bwrap: str, scratch: Path, submissions: Path, slot: int, s: Settings) -> list[str]:
    """The bubblewrap command line that runs the runner on ``scratch``'s copy (see the docstring)."""
    home = Path(os.path.expanduser("~")).resolve()
    hidden = sorted({p for p in (home, Path("/root"), Path("/tmp"), Path("/var/tmp"), Path("/dev/shm"))
                     if p != Path("/") and p.is_dir()})
    needed = {ROOT, Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve(),
              Path(sys.executable).resolve().parent.parent}
    needed = sorted(n for n in needed if not any(m != n and _under(n, m) for m in needed))
    cmd = [bwrap, "--die-with-parent", "--new-session", "--unshare-pid", "--unshare-net",
           "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try", "--hostname", "grading",
           "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc"]
    for h in hidden:
        if h == Path("/tmp"):
            cmd += ["--size", str(256 * 1024 * 1024), "--perms", "1777", "--tmpfs", "/tmp"]
        elif not any(_under(h, n) for n in needed):
            cmd += ["--tmpfs", str(h)]  # (read-only below, once what lives under it is back)
    for n in needed:  # bring back what the hidden folders cover: the course and Python
        cover = [h for h in hidden if _under(n, h)]
        if cover:
            made = cover[0]
            for part in n.relative_to(made).parts[:-1]:  # folders on the way, traversable by all
                made = made / part
                cmd += ["--perms", "0755", "--dir", str(made)]
            cmd += ["--ro-bind", str(n), str(n)]
    cmd += ["--tmpfs", str(submissions), "--remount-ro", str(submissions)]  # nobody sees the others' files
    for h in hidden:
        if h != Path("/tmp") and not any(_under(h, n) for n in needed) and not _under(submissions, h):
            cmd += ["--remount-ro", str(h)]
    cmd += ["--bind", str(scratch), SANDBOX_DIR, "--chdir", SANDBOX_DIR]
    runner = [sys.executable, str(RUNNER), f"{SANDBOX_DIR}/notebook.ipynb",
              f"{SANDBOX_DIR}/executed.ipynb", "--timeout", str(s.timeout),
              "--cell-timeout", str(s.cell_timeout), "--memory-mb", str(s.memory_mb),
              "--max-processes", str(s.max_processes), "--own-pid-namespace"]
    if os.geteuid() == 0:
        # Root ignores RLIMIT_NPROC and owns root's files: the runner drops to its own uid.
        cmd += ["--cap-drop", "ALL", "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID",
                "--cap-add", "CAP_DAC_OVERRIDE"]
        runner += ["--uid", str(FIRST_UID + slot)]
    else:
        cmd += ["--unshare-user", "--disable-userns"]
    return cmd + ["--", *runner]


def _font_caches() -> list[Path]:
    """matplotlib's font list as this Python built it (copied into each sandbox)."""
    global _FONT_CACHES
    if _FONT_CACHES is None:
        try:
            import matplotlib.font_manager  # noqa: F401  (builds the list if missing)
            from matplotlib import get_cachedir

            _FONT_CACHES = sorted(Path(get_cachedir()).glob("fontlist-*.json"))
        except Exception:  # noqa: BLE001 (only a speed-up)
            _FONT_CACHES = []
    return _FONT_CACHES


_FONT_CACHES: list[Path] | None = None


def _kill_tree(pid: int) -> None:
    """Kill a process and everything it started (no sandbox: the kernel has its own session)."""
    try:
        import psutil
    except ImportError:  # pragma: no cover
        psutil = None
    if psutil is None:
        return
    try:
        parent = psutil.Process(pid)
        procs = parent.children(recursive=True) + [parent]
    except psutil.NoSuchProcess:
        return
    for p in procs:
        try:
            p.kill()
        except psutil.NoSuchProcess:
            pass
    psutil.wait_procs(procs, timeout=5)


def run_sandboxed(nb: dict, bwrap: str | None, submissions: Path, slot: int, s: Settings,
                  token: str) -> tuple[dict | None, str]:
    """Execute ``nb`` in a scratch copy (in the sandbox); return (executed notebook, problem)."""
    scratch = Path(tempfile.mkdtemp(prefix="cxgrade-"))
    try:
        src = scratch / "notebook.ipynb"
        src.write_text(json.dumps(nb), encoding="utf-8")
        (scratch / ".mpl").mkdir()
        for cache in _font_caches():  # else matplotlib rebuilds its font list in every kernel
            shutil.copyfile(cache, scratch / ".mpl" / cache.name)
        env = _sandbox_env(token)
        if bwrap:
            cmd = bwrap_command(bwrap, scratch, submissions, slot, s)
            if os.geteuid() == 0:
                for p in (scratch, src, scratch / ".mpl"):
                    os.chown(p, FIRST_UID + slot, FIRST_UID + slot)
        else:
            env["HOME"] = env["MPLCONFIGDIR"] = str(scratch / ".mpl")
            env["TMPDIR"] = str(scratch)
            cmd = [sys.executable, str(RUNNER), str(src), str(scratch / "executed.ipynb"),
                   "--timeout", str(s.timeout), "--cell-timeout", str(s.cell_timeout),
                   "--memory-mb", str(s.memory_mb), "--max-processes", "0"]
        with open(scratch.parent / f"{scratch.name}.log", "wb") as log:
            proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                                    env=env, cwd=scratch, start_new_session=True)
            try:
                proc.wait(timeout=s.timeout + 10)
                problem = ""
            except subprocess.TimeoutExpired:
                problem = f"the notebook ran past its time limit ({s.timeout:g} s) and was stopped"
            finally:
                _kill_tree(proc.pid)
                proc.wait()
        executed = scratch / "executed.ipynb"
        try:
            fd = os.open(executed, os.O_RDONLY | os.O_NOFOLLOW)
            with os.fdopen(fd, "rb") as fh:
                raw = fh.read(MAX_NOTEBOOK_BYTES * 3 + 1)
            result = json.loads(raw.decode("utf-8"))
            if not isinstance(result, dict):
                raise ValueError
            return result, problem
        except (OSError, ValueError):
            tail = (scratch.parent / f"{scratch.name}.log").read_bytes()[-4000:].decode("utf-8", "replace")
            why = _last_error_line(tail)
            return None, problem or ("the notebook could not be run" + (f": {why}" if why else ""))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        try:
            (scratch.parent / f"{scratch.name}.log").unlink()
        except OSError:
            pass


def _last_error_line(log: str) -> str:
    lines = [l.strip() for l in _ANSI.sub("", log).splitlines() if l.strip()]
    errors = [l for l in lines if re.match(r"^[\w.]*(Error|Exception|bwrap)\b", l)]
    return _clean((errors or lines or [""])[-1], 200)


# --- grading --------------------------------------------------------------------------------


def grade_file(path: Path, folder: Path, runner: Callable[[dict], tuple[dict | None, str]]) -> Graded:
    """Grade one submitted file with ``runner`` (which executes a notebook dict)."""
    from cxlib import exercises

    rel = path.relative_to(folder).as_posix()
    try:
        nb = read_notebook(path)
    except (OSError, ValueError) as exc:
        return Graded(rel, path.stem, [], problem=_clean(str(exc)))
    learner = learner_name(nb, path)
    lesson = lesson_of(nb, path)
    qids = exercises.questions(lesson) if lesson else []
    if not qids:
        return Graded(rel, learner, [], problem=(
            "cannot tell which lesson this notebook is for (no check(\"NN.qK\", ...) in it)"
            if not lesson else f"lesson {lesson} has no exercise questions"))
    executed, problem = runner(nb)
    if executed is None:
        return Graded(rel, learner, qids, {q: Outcome(ERROR, problem) for q in qids}, problem)
    outcomes = read_outcomes(executed, qids)
    if problem:  # killed from outside: questions that never got their turn say why
        outcomes = {q: (Outcome(ERROR, problem) if o.status == ERROR and o.message.startswith("not run")
                        else o) for q, o in outcomes.items()}
    return Graded(rel, learner, qids, outcomes)


def grade_folder(folder: Path, s: Settings = Settings(), progress: Callable[[int, int, Graded], None] | None = None,
                 token: str = "") -> list[Graded]:
    """Grade every notebook in ``folder`` (in parallel, sandboxed); results in file order.

    ``token`` marks every process of the run (``CXGRADE_RUN`` in its environment), so a test
    can prove none is left.
    """
    folder = folder.resolve()
    files = find_submissions(folder)
    bwrap = sandbox_available() if s.sandbox else None
    if s.sandbox and not bwrap:
        raise SystemExit(
            "make grade runs learners' code in a sandbox made with bubblewrap, which is missing or "
            "cannot create namespaces here. Install it (Debian/Ubuntu: sudo apt-get install bubblewrap) "
            "or, for your own test notebooks only, pass --no-sandbox.")
    for needed in (ROOT, Path(sys.prefix).resolve()):
        if _under(needed, folder):
            raise SystemExit(f"the submissions folder {folder} contains the course or its Python: "
                             "put the class's notebooks in a folder of their own")
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    jobs = max(1, s.jobs or cores)
    slots: queue.Queue[int] = queue.Queue()
    for k in range(jobs):
        slots.put(k)
    token = token or f"{os.getpid()}-{time.monotonic_ns()}"

    def one(path: Path) -> Graded:
        slot = slots.get()
        try:
            return grade_file(path, folder, lambda nb: run_sandboxed(nb, bwrap, folder, slot, s, token))
        except Exception as exc:  # noqa: BLE001 (one file's trouble never stops the class's run)
            return Graded(path.relative_to(folder).as_posix(), path.stem, [],
                          problem=_clean(f"the grader failed on this file: {type(exc).__name__}: {exc}"))
        finally:
            slots.put(slot)

    results: dict[Path, Graded] = {}
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(one, f): f for f in files}
        for done, fut in enumerate(as_completed(futures), 1):
            results[futures[fut]] = fut.result()
            if progress:
                progress(done, len(files), results[futures[fut]])
    return [results[f] for f in files]


# --- the gradebook --------------------------------------------------------------------------


@dataclass
class Row:
    """One learner: their files and, per question, the outcome that counts."""

    learner: str
    files: list[str]
    outcomes: dict[str, Outcome]

    @property
    def passed(self) -> int:
        return sum(o.status == PASS for o in self.outcomes.values())


def gradebook(graded: list[Graded]) -> tuple[list[str], list[Row]]:
    """The question columns and one row per learner (sorted by name)."""
    qids = sorted({q for g in graded for q in g.questions})
    by_learner: dict[str, list[Graded]] = {}
    for g in graded:
        by_learner.setdefault(g.learner, []).append(g)
    rows = []
    for learner in sorted(by_learner, key=lambda n: (n.casefold(), n)):
        files = by_learner[learner]
        best: dict[str, Outcome] = {}
        for g in files:
            for q in qids:
                if q in g.outcomes:
                    o = g.outcomes[q]
                elif not g.questions:  # a file the grader could not read: ERROR everywhere
                    o = Outcome(ERROR, f"{g.file}: {g.problem}")
                else:
                    continue
                if q not in best or RANK[o.status] > RANK[best[q].status]:
                    best[q] = o
        for q in qids:
            best.setdefault(q, Outcome(NOT_ATTEMPTED, "no notebook for this lesson was handed in",
                                       handed_in=False))
        rows.append(Row(learner, sorted(g.file for g in files), best))
    return qids, rows


def _csv_safe(text: str) -> str:
    """Spreadsheets run cells that start with = + - @ as formulas: not a learner's name."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def gradebook_csv(qids: list[str], rows: list[Row]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["learner", "file", *qids, "passed"])
    for r in rows:
        w.writerow([_csv_safe(r.learner), _csv_safe("; ".join(r.files)),
                    *(r.outcomes[q].status for q in qids), r.passed])
    return buf.getvalue()


def feedback_names(rows: list[Row]) -> dict[str, str]:
    """A file name for each learner's feedback page: their name, made safe, unique."""
    names: dict[str, str] = {}
    used: set[str] = set()
    for r in rows:
        base = re.sub(r"[^\w\-]+", "-", r.learner).strip("-_")[:60] or "learner"
        name, k = base, 2
        while name.casefold() in used:
            name, k = f"{base}-{k}", k + 1
        used.add(name.casefold())
        names[r.learner] = name + ".html"
    return names


def write_grades(folder: Path, graded: list[Graded], s: Settings, sandboxed: bool) -> Path:
    """Write ``_grades/`` (gradebook, summary, feedback pages); returns the folder."""
    pages = _sibling("grade_pages")
    out = folder / OUT_DIR
    fb = out / "feedback"
    fb.mkdir(parents=True, exist_ok=True)
    qids, rows = gradebook(graded)
    names = feedback_names(rows)
    files = {out / "gradebook.csv": gradebook_csv(qids, rows),
             out / "summary.html": pages.summary_page(qids, rows, graded, names, s, sandboxed)}
    by_learner: dict[str, list[Graded]] = {}
    for g in graded:
        by_learner.setdefault(g.learner, []).append(g)
    for r in rows:
        files[fb / names[r.learner]] = pages.feedback_page(r, by_learner[r.learner], qids)
    for old in fb.glob("*.html"):  # pages of learners no longer in the folder
        if old not in files:
            old.unlink()
    for path, text in files.items():
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(text, encoding="utf-8", newline="\n")
        tmp.replace(path)
    return out


def _sibling(name: str):
    """A module beside this file (``exercises/`` is a folder of scripts, not a package)."""
    import importlib.util

    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, Path(__file__).resolve().parent / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


# --- command line ---------------------------------------------------------------------------


class Progress:
    """A one-line progress bar on a terminal, one line per notebook elsewhere (logs, CI)."""

    def __init__(self, stream=sys.stderr) -> None:
        self.stream, self.tty = stream, stream.isatty()

    def __call__(self, done: int, total: int, g: Graded) -> None:
        width = 24
        bar = "#" * (width * done // max(total, 1))
        counts = [o.status for o in g.outcomes.values()]
        what = (f"ERROR: {g.problem[:60]}" if g.problem and not counts else
                ", ".join(f"{counts.count(st)} {st}" for st in STATUSES if counts.count(st)))
        line = f"grading [{bar:<{width}}] {done}/{total}  {g.file}: {what}"
        if self.tty:
            self.stream.write("\r\x1b[2K" + line[:150] + ("\n" if done == total else ""))
        else:
            self.stream.write(line + "\n")
        self.stream.flush()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="grade a folder of exercise notebooks")
    parser.add_argument("folder", type=Path, help="the folder the learners' notebooks are in")
    d = Settings()
    parser.add_argument("--timeout", type=float, default=d.timeout, help="seconds per notebook (%(default)s)")
    parser.add_argument("--cell-timeout", type=float, default=d.cell_timeout, help="seconds per cell (%(default)s)")
    parser.add_argument("--memory-mb", type=int, default=d.memory_mb, help="memory per process (%(default)s)")
    parser.add_argument("--max-processes", type=int, default=d.max_processes,
                        help="processes + threads per notebook (%(default)s)")
    parser.add_argument("--jobs", type=int, default=0, help="notebooks at a time (default: one per core)")
    parser.add_argument("--no-sandbox", action="store_true",
                        help="run without bubblewrap: only for notebooks you trust")
    args = parser.parse_args(argv)
    folder = args.folder.resolve()
    if not folder.is_dir():
        print(f"no such folder: {args.folder}", file=sys.stderr)
        return 2
    s = Settings(args.timeout, min(args.cell_timeout, args.timeout), args.memory_mb,
                 args.max_processes, args.jobs, not args.no_sandbox)
    if args.no_sandbox:
        print("warning: --no-sandbox: the notebooks' code can read and write your files", file=sys.stderr)
    start = time.monotonic()
    graded = grade_folder(folder, s, Progress())
    out = write_grades(folder, graded, s, sandboxed=s.sandbox)
    qids, rows = gradebook(graded)
    print(f"graded {len(graded)} notebooks from {len(rows)} learners in {time.monotonic() - start:.0f} s")
    print(f"  {out / 'summary.html'}\n  {out / 'gradebook.csv'}\n  {out / 'feedback'}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
