"""Mutation testing of the maths modules: ``make mutate`` (``python tests/mutate.py --help``).

A *mutant* is a module with one small deliberate bug, the kind a tired author makes: ``<``
for ``<=``, ``+`` for ``-``, ``and`` for ``or``, a ``raise`` dropped, ``0`` for ``1``. A good
test suite fails on it (the mutant is *killed*); a mutant every test still passes (it
*survives*) marks behaviour no test pins. The kill rate is killed / (mutants - equivalent),
where an *equivalent* mutant behaves exactly like the original (``0 * x`` vs ``0 / x``...):
no test could kill it, so it is listed with its reason in ``tests/mutate_equivalent.txt``.

How a run works, and why it is fast enough to re-run after every change:

1. Every mutant is made from the module's syntax tree (``ast``), never by editing files: the
   working tree is not touched, so a crash leaves nothing behind.
2. One *baseline* run of the module's tests records, with a line tracer, which test executes
   which line of the module (and how long it takes). All baseline tests must pass.
3. Each mutant runs only the tests that execute its line, fastest first, stopping at the
   first failure (``-x``). A default argument counts as part of its function; a mutant in
   other module-level code (a catalogue, a constant) runs every test of the module's own
   files. A mutant on a line no test executes survives without a run.
4. Mutants run in forked processes (``--jobs``, default 2) that already have pandas, numpy,
   matplotlib, pytest and hypothesis imported; each child imports ``cxlib`` afresh with the
   mutated module in place of the original, runs pytest in-process and exits. A child that
   runs longer than its timeout is killed and counts as killed (the mutant hangs).

Operators (``--help`` lists them): ``cmp`` (``<``/``<=``, ``>``/``>=``, ``==``/``!=``,
``is``/``is not``, ``in``/``not in``), ``arith`` (``+``/``-``, ``*``/``/``, ``//``->``/``,
``**``->``*``, also in ``+=``...), ``bool`` (``and``/``or``, ``&``/``|``), ``const``
(``0``/``1``, ``n``->``n+1``, ``True``/``False``), ``raise`` (``raise ...`` -> ``pass``),
``return`` (``return x`` -> ``return None``), ``negate`` (``if c`` -> ``if not c``, also
``while``, ``x if c else y`` and comprehension filters; ``not c``/``~c`` -> ``c``) and
``unary`` (``-x`` -> ``x``). Not mutated: docstrings and other strings, type annotations,
``__all__``, and expressions inside f-strings (message wording has its own tests).

Tests per module: its doctests (``cxlib/<module>.py``), ``tests/test_<module>.py``, the pins
``tests/test_pins_<module>.py``, and the shared ``tests/test_tools_*.py`` and
``tests/test_validation_*.py``; the line tracer narrows each mutant to the tests that reach it.

Output: per-module killed/total and kill rate, the overall rate, each surviving mutant
(file:line, operator, ID and the changed line) and the equivalent ones excluded. The exit
status is 1 when the overall rate is below ``--fail-under`` (default 95). The full result is
written to ``build/mutate/results.json``.
"""

from __future__ import annotations

import argparse
import ast
import copy
import gc
import glob
import hashlib
import importlib.abc
import importlib.util
import json
import os
import pickle
import re
import signal
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MODULES = ("triangle", "rater", "servqual", "_columns", "gaps", "complaints", "measure")
EQUIVALENT_FILE = ROOT / "tests" / "mutate_equivalent.txt"
RESULTS = ROOT / "build" / "mutate" / "results.json"
SHARED_TESTS = ("tests/test_tools_*.py", "tests/test_validation_*.py")
OPERATORS = ("cmp", "arith", "bool", "const", "raise", "return", "negate", "unary")


# A private helper module is tested through the public module it serves (and its own doctests).
PART_OF = {"_columns": "servqual"}


def test_files(module: str) -> list[str]:
    """The test files (relative to the repository) that may kill a mutant of ``module``."""
    names = (module, *((PART_OF[module],) if module in PART_OF else ()))
    patterns = (*(p for n in names for p in (f"cxlib/{n}.py", f"tests/test_{n}.py", f"tests/test_pins_{n}.py")),
                *SHARED_TESTS)
    found = []
    for pattern in patterns:
        found += sorted(str(Path(p).relative_to(ROOT)) for p in glob.glob(str(ROOT / pattern)))
    return list(dict.fromkeys(found))


# --- making mutants ----------------------------------------------------------------------------

_CMP = {ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt, ast.Eq: ast.NotEq,
        ast.NotEq: ast.Eq, ast.Is: ast.IsNot, ast.IsNot: ast.Is, ast.In: ast.NotIn, ast.NotIn: ast.In}
_ARITH = {ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div, ast.Div: ast.Mult,
          ast.FloorDiv: ast.Div, ast.Pow: ast.Mult, ast.Mod: ast.FloorDiv}
_BITS = {ast.BitAnd: ast.BitOr, ast.BitOr: ast.BitAnd}


@dataclass
class Mutant:
    """One mutant: where it is, what changed, and (in memory only) how to apply it."""

    module: str
    qualname: str
    op: str
    lineno: int
    end_lineno: int
    before: str  # the original source of the changed part
    after: str  # what replaces it
    reach: tuple[int, int] | None  # lines whose tests can see it; None: module-level code, run at import
    cols: tuple = ()  # UTF-8 byte offsets of the changed part in its first / last line
    id: str = ""
    # where the change goes: container node, field name, list index (None for a plain field)
    slot: tuple = field(default=(), repr=False)
    new: ast.AST | None = field(default=None, repr=False)

    @property
    def where(self) -> str:
        return f"cxlib/{self.module}.py:{self.lineno}"


class _Maker:
    """Walk one module's syntax tree and list every mutant, in source order."""

    def __init__(self, module: str, source: str, tree: ast.Module) -> None:
        self.module, self.source, self.tree = module, source, tree
        self.mutants: list[Mutant] = []

    def add(self, op, slot, new, shown, after, scope) -> None:
        """Mutant replacing ``shown`` (the node in ``slot``) with ``new``, displayed as ``after``."""
        ast.fix_missing_locations(ast.copy_location(new, shown))
        before = ast.get_source_segment(self.source, shown) or ast.unparse(shown)
        end = shown.end_lineno or shown.lineno
        reach = (shown.lineno, end) if scope[1] == "own" else scope[1]
        self.mutants.append(Mutant(self.module, scope[0], op, shown.lineno, end, before, after, reach,
                                   (shown.col_offset, shown.end_col_offset), slot=slot, new=new))

    def visit(self, node: ast.AST, slot: tuple, scope: tuple) -> None:
        """Add the mutants of ``node`` and its children. ``scope`` is (qualified name, reach):
        reach ``None`` for module-level code, ``"own"`` inside a function body (a mutant is
        seen by the tests that run its line), or the (first, last) line of the function whose
        calls see a default argument."""
        self.mutations(node, slot, scope)
        if isinstance(node, ast.JoinedStr):
            return  # message wording: not mutated
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            name = "<lambda>" if isinstance(node, ast.Lambda) else node.name
            inner = (f"{scope[0]}.{name}".lstrip("."), "own")
            for i, d in enumerate(getattr(node, "decorator_list", [])):
                self.visit(d, (node, "decorator_list", i), scope)
            calls = (inner[0], (node.lineno, node.end_lineno))  # a default matters where f is called
            for kind in ("defaults", "kw_defaults"):
                for i, d in enumerate(getattr(node.args, kind)):
                    if d is not None:
                        self.visit(d, (node.args, kind, i), calls)
            body = node.body if isinstance(node.body, list) else [node.body]
            for i, child in enumerate(body):
                self.visit(child, (node, "body", i if isinstance(node.body, list) else None), inner)
            return
        if isinstance(node, ast.ClassDef):
            scope = (f"{scope[0]}.{node.name}".lstrip("."), scope[1])
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "__all__" for t in node.targets):
            return
        for name, value in ast.iter_fields(node):
            if name in ("annotation", "returns", "type_comment", "type_params"):
                continue
            if isinstance(value, list):
                for i, child in enumerate(value):
                    if isinstance(child, ast.AST):
                        self.visit(child, (node, name, i), scope)
            elif isinstance(value, ast.AST):
                self.visit(value, (node, name, None), scope)

    def mutations(self, node: ast.AST, slot: tuple, scope: tuple) -> None:
        if not slot:
            return
        if isinstance(node, ast.Compare):
            for i, op in enumerate(node.ops):
                if type(op) in _CMP:
                    ops = list(node.ops)
                    ops[i] = _CMP[type(op)]()
                    new = ast.Compare(node.left, ops, node.comparators)
                    self.add("cmp", slot, new, node, ast.unparse(new), scope)
        elif isinstance(node, ast.BinOp) and type(node.op) in (_ARITH | _BITS):
            new = ast.BinOp(node.left, (_ARITH | _BITS)[type(node.op)](), node.right)
            self.add("bool" if type(node.op) in _BITS else "arith", slot, new, node, ast.unparse(new), scope)
        elif isinstance(node, ast.AugAssign) and type(node.op) in (_ARITH | _BITS):
            new = ast.AugAssign(node.target, (_ARITH | _BITS)[type(node.op)](), node.value)
            self.add("bool" if type(node.op) in _BITS else "arith", slot, new, node, ast.unparse(new), scope)
        elif isinstance(node, ast.BoolOp):
            new = ast.BoolOp(ast.Or() if isinstance(node.op, ast.And) else ast.And(), node.values)
            self.add("bool", slot, new, node, ast.unparse(new), scope)
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.Not, ast.Invert, ast.USub)):
            op = "unary" if isinstance(node.op, ast.USub) else "negate"
            self.add(op, slot, copy.copy(node.operand), node, ast.unparse(node.operand), scope)
        elif isinstance(node, ast.Constant) and type(node.value) in (bool, int, float):
            v = node.value
            new_value = (not v) if isinstance(v, bool) else type(v)(1 if v == 0 else 0 if v == 1 else v + 1)
            self.add("const", slot, ast.Constant(new_value), node, repr(new_value), scope)
        elif isinstance(node, ast.Raise):
            self.add("raise", slot, ast.Pass(), node, "pass", scope)
        elif isinstance(node, ast.Return) and node.value is not None and not (
                isinstance(node.value, ast.Constant) and node.value.value is None):
            self.add("return", slot, ast.Return(ast.Constant(None)), node, "return None", scope)
        if isinstance(node, (ast.If, ast.While, ast.IfExp)):
            test = node.test
            self.add("negate", (node, "test", None), ast.UnaryOp(ast.Not(), test), test,
                     f"not ({ast.unparse(test)})", scope)
        elif isinstance(node, ast.comprehension):
            for i, test in enumerate(node.ifs):
                self.add("negate", (node, "ifs", i), ast.UnaryOp(ast.Not(), test), test,
                         f"not ({ast.unparse(test)})", scope)


def make_mutants(module: str) -> tuple[list[Mutant], ast.Module, str]:
    """Every mutant of ``cxlib/<module>.py``, each with a stable ID (see :func:`_name`)."""
    path = ROOT / "cxlib" / f"{module}.py"
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source, filename=str(path))
    maker = _Maker(module, source, tree)
    for i, stmt in enumerate(tree.body):
        maker.visit(stmt, (tree, "body", i), ("", None))
    seen: Counter = Counter()
    for m in maker.mutants:
        key = (m.module, m.qualname, m.op, " ".join(m.before.split()), m.after)
        seen[key] += 1
        m.id = _name(m, key, seen[key])
    return maker.mutants, tree, source


def _name(m: Mutant, key: tuple, occurrence: int) -> str:
    """``module.function/operator/hash``: the hash covers the changed code and its occurrence
    in that function, not the line number, so the ID survives edits elsewhere in the file."""
    digest = hashlib.sha1(repr((key, occurrence)).encode()).hexdigest()[:6]
    where = f"{m.module}.{m.qualname}" if m.qualname else m.module
    return f"{where}/{m.op}/{digest}"


def _set(slot: tuple, value: ast.AST) -> ast.AST:
    parent, name, index = slot
    if index is None:
        old = getattr(parent, name)
        setattr(parent, name, value)
    else:
        container = getattr(parent, name)
        old, container[index] = container[index], value
    return old


def compile_mutant(m: Mutant, tree: ast.Module, path: Path):
    """Code object of the module with ``m`` applied (the tree is restored afterwards)."""
    old = _set(m.slot, m.new)
    try:
        return compile(tree, str(path), "exec", dont_inherit=True)
    finally:
        _set(m.slot, old)


def changed_line(m: Mutant, source_lines: list[str]) -> tuple[str, str]:
    """The original first line of the mutant and the same line mutated (for the report)."""
    first, last = source_lines[m.lineno - 1].encode(), source_lines[m.end_lineno - 1].encode()
    start, end = m.cols
    old = first + (b" ..." if m.lineno != m.end_lineno else b"")
    new = first[:start] + m.after.encode() + last[end:]
    return old.decode().strip(), new.decode().strip()


def load_equivalent() -> dict[str, str]:
    """ID -> reason from tests/mutate_equivalent.txt (``ID  reason`` per line, ``#`` comments)."""
    known = {}
    if EQUIVALENT_FILE.exists():
        for raw in EQUIVALENT_FILE.read_text(encoding="utf-8").splitlines():
            line = raw.strip()
            if line and not line.startswith("#"):
                mutant_id, _, reason = line.partition(" ")
                known[mutant_id] = reason.strip()
    return known


# --- running tests in forked children ------------------------------------------------------------

class _MutantFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Import ``cxlib.<module>`` from a ready code object instead of the file on disk."""

    def __init__(self, fullname: str, path: Path, code) -> None:
        self.fullname, self.path, self.code = fullname, path, code

    def find_spec(self, fullname, path=None, target=None):
        if fullname == self.fullname:
            return importlib.util.spec_from_file_location(fullname, self.path, loader=self)
        return None

    def create_module(self, spec):
        return None

    def exec_module(self, module) -> None:
        exec(self.code, module.__dict__)


class _LineTracer:
    """pytest plugin for the baseline: which test executes which line of the target modules."""

    def __init__(self, files: dict[str, str]) -> None:
        self.files = files  # absolute path -> module name
        self.outside: set = set()  # lines run at import or collection, outside any test
        self.lines: dict[str, set] = {}
        self.durations: dict[str, float] = defaultdict(float)
        self.failed: list[str] = []
        self.sink = self.outside

    def _global(self, frame, event, arg):
        return self._local if frame.f_code.co_filename in self.files else None

    def _local(self, frame, event, arg):
        if event == "line":
            self.sink.add((self.files[frame.f_code.co_filename], frame.f_lineno))
        return self._local

    def pytest_configure(self, config) -> None:
        sys.settrace(self._global)

    def pytest_unconfigure(self, config) -> None:
        sys.settrace(None)

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_protocol(self, item, nextitem):
        self.sink = self.lines.setdefault(item.nodeid, set())
        sys.settrace(self._global)  # a test may have replaced it (hypothesis explains with one)

    def pytest_runtest_logreport(self, report) -> None:
        self.durations[report.nodeid] += report.duration
        if report.failed:
            self.failed.append(report.nodeid)
        if report.when == "teardown":
            self.sink = self.outside


# --assert=plain: pytest's assertion rewriting would import a module named on the command
# line (the doctests' cxlib/<module>.py) itself, past the mutant; plain asserts fail alike.
# No third-party plugins (PYTEST_DISABLE_PLUGIN_AUTOLOAD, set in warm_imports): loading them
# costs seconds per run. unraisableexception / threadexception run gc.collect() at exit,
# which is slow with pandas and matplotlib in memory.
PYTEST_ARGS = ["-q", "-p", "no:cacheprovider", "-p", "no:unraisableexception", "-p", "no:threadexception",
               "--doctest-modules", "--assert=plain", "-o", "addopts=", "--no-header", "-W", "ignore", "--tb=line"]


def _child(run, timeout: float, log: Path | None) -> int:
    """Fork; the child calls ``run()`` (an exit code) with output to ``log``; return its pid."""
    pid = os.fork()
    if pid:
        return pid
    code = 3
    try:
        os.setpgid(0, 0)
        fd = os.open(log if log else os.devnull, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(fd, 1)
        os.dup2(fd, 2)
        signal.alarm(int(timeout) + 5)  # a last resort if the parent is gone
        code = int(run())
    except BaseException:  # noqa: BLE001 - whatever happens, the child must not return
        import traceback

        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def _run_pytest(args: list[str], plugins=(), finder: _MutantFinder | None = None) -> int:
    os.chdir(ROOT)
    if finder is not None:
        sys.meta_path.insert(0, finder)
    code = int(pytest.main(PYTEST_ARGS + args, plugins=list(plugins)))
    if finder is not None and code == 0:
        module = sys.modules.get(finder.fullname)
        if module is None or module.__spec__.loader is not finder:
            print(f"mutate.py: the tests did not run the mutant of {finder.fullname}", file=sys.stderr)
            return 3
    return code


def _wait(pid: int, timeout: float) -> tuple[int | None, float]:
    start = time.monotonic()
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return (os.waitstatus_to_exitcode(status), time.monotonic() - start)
        if time.monotonic() - start > timeout:
            _kill(pid)
            return (None, time.monotonic() - start)
        time.sleep(0.02)


def _kill(pid: int) -> None:
    for target in (-pid, pid):
        try:
            os.kill(target, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass


def warm_imports() -> None:
    """Import everything cxlib and the tests need, then forget cxlib itself (and the tests).

    Forked children inherit pandas, numpy, matplotlib, ipywidgets, pytest and hypothesis
    ready-made and import only ``cxlib`` again, with one module mutated.
    """
    os.environ.setdefault("HYPOTHESIS_PROFILE", "ci")  # the same examples on every run
    sys.dont_write_bytecode = False  # children import cxlib and the tests from cached bytecode
    os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    os.environ.pop("MPLBACKEND", None)
    sys.path.insert(0, str(ROOT))
    import matplotlib

    matplotlib.use("Agg")
    import hypothesis  # noqa: F401
    import hypothesis.extra.numpy  # noqa: F401

    import _pytest.doctest  # noqa: F401
    import _pytest.python  # noqa: F401

    import cxlib
    for name in ("widgets", "plots", "data", "exercises", "report", *MODULES):
        try:
            importlib.import_module(f"cxlib.{name}")
        except ImportError:
            pass
    del cxlib
    for name in [n for n in sys.modules if n == "cxlib" or n.startswith(("cxlib.", "tests", "conftest"))]:
        del sys.modules[name]
    gc.collect()
    gc.freeze()  # children share these pages and never scan them


def baseline(modules: list[str], out: Path, timeout: float) -> dict:
    """Run every module's tests once with the line tracer; return the coverage map."""
    files = sorted({f for m in modules for f in test_files(m)})
    targets = {str(ROOT / "cxlib" / f"{m}.py"): m for m in modules}

    def run() -> int:
        tracer = _LineTracer(targets)
        code = _run_pytest(files, plugins=[tracer])
        with open(out, "wb") as fh:
            pickle.dump({"lines": tracer.lines, "outside": tracer.outside,
                         "durations": dict(tracer.durations), "failed": tracer.failed}, fh)
        return code

    log = out.with_suffix(".log")
    code, seconds = _wait(_child(run, timeout, log), timeout)
    if code is None or not out.exists():
        sys.exit(f"the baseline test run did not finish (exit {code}); see {log}")
    with open(out, "rb") as fh:
        result = pickle.load(fh)
    result["seconds"], result["files"] = seconds, files
    return result


@dataclass
class Plan:
    mutant: Mutant
    code: object
    tests: list[str]
    timeout: float
    key: str = ""  # the result's key (default: the mutant's ID)

    def __post_init__(self) -> None:
        self.key = self.key or self.mutant.id


def plan_tests(m: Mutant, cover: dict) -> list[str]:
    """The tests that execute the mutant's lines, fastest first ([] when none does)."""
    lines = {(m.module, n) for n in range(m.reach[0], m.reach[1] + 1)} if m.reach else set()
    mine = set(test_files(m.module))
    candidates = {t for t in cover["lines"] if t.split("::")[0] in mine and t not in cover["failed"]}
    if m.reach is None or lines & cover["outside"]:
        # module-level code (a catalogue, a constant) is read without running a line of the
        # module, so every test of the module's own files counts, and shared ones that touch it
        own = {f for f in mine if not any(Path(f).match(p) for p in SHARED_TESTS)}
        chosen = {t for t in candidates if t.split("::")[0] in own
                  or any(mod == m.module for mod, _ in cover["lines"][t])}
    else:
        chosen = {t for t in candidates if cover["lines"][t] & lines}
    return sorted(chosen, key=lambda t: (cover["durations"].get(t, 0), t))


def run_all(plans: list[Plan], jobs: int, progress: bool) -> dict[str, tuple[str, float]]:
    """Run each plan's tests against its mutant, ``jobs`` at a time; key -> (status, seconds)."""
    results: dict[str, tuple[str, float]] = {}
    queue = list(plans)
    running: dict[int, tuple[Plan, float]] = {}
    total = len(plans)
    while queue or running:
        while queue and len(running) < jobs:
            p = queue.pop(0)
            if not p.tests:
                results[p.key] = ("survived", 0.0)
                continue
            finder = _MutantFinder(f"cxlib.{p.mutant.module}", ROOT / "cxlib" / f"{p.mutant.module}.py", p.code)
            pid = _child(lambda p=p, f=finder: _run_pytest(["-x", *p.tests], finder=f), p.timeout, None)
            running[pid] = (p, time.monotonic())
        time.sleep(0.01)
        for pid, (p, started) in list(running.items()):
            done, status = os.waitpid(pid, os.WNOHANG)
            elapsed = time.monotonic() - started
            if done:
                code = os.waitstatus_to_exitcode(status)
                # pytest: 0 all passed, 1 a test failed, 2 collection/import failed (the
                # mutant broke the module), negative = crashed by a signal
                status_ = {0: "survived", 1: "killed", 2: "killed"}.get(code, "killed" if code < 0 else f"error {code}")
            elif elapsed > p.timeout:
                _kill(pid)
                status_ = "timeout"
            else:
                continue
            del running[pid]
            results[p.key] = (status_, elapsed)
        if progress:
            print(f"\r  {len(results)}/{total} mutants run", end="", file=sys.stderr, flush=True)
    if progress:
        print(file=sys.stderr)
    return results


def prove(pattern: str, plans: list[Plan], cover: dict, jobs: int, tries: int = 25) -> int:
    """Show that each test in the files matching ``pattern`` can fail: some mutant kills it.

    Each test runs alone against the mutants it reaches (those on lines it executes, then
    module-level ones), a round at a time, until one fails it. Exit 1 if a test survives
    every mutant it reaches: it asserts nothing the code could get wrong.
    """
    tests = sorted(t for t in cover["lines"] if Path(t.split("::")[0]).match(pattern) and t not in cover["failed"])
    if not tests:
        sys.exit(f"no passing test in files matching {pattern}")
    candidates = {}
    for t in tests:
        lines = cover["lines"][t]
        module = {mod for mod, _ in lines} or set(re.findall(r"test_pins_(\w+)\.py", t))
        reached = [p for p in plans if p.mutant.reach and any((p.mutant.module, n) in lines
                                                            for n in range(p.mutant.reach[0], p.mutant.reach[1] + 1))]
        at_import = [p for p in plans if p.mutant.reach is None and p.mutant.module in module]
        candidates[t] = reached + at_import
    proven: dict[str, str] = {}
    for round_ in range(tries):
        batch = [Plan(c[round_].mutant, c[round_].code, [t], c[round_].timeout, key=t)
                 for t, c in candidates.items() if t not in proven and round_ < len(c)]
        if not batch:
            break
        for t, (status, _) in run_all(batch, jobs, progress=False).items():
            if status in ("killed", "timeout"):
                proven[t] = candidates[t][round_].mutant.id
    unproven = [t for t in tests if t not in proven]
    print(f"{len(proven)} of {len(tests)} tests in {pattern} fail on a mutant (each can fail).")
    for t in tests:
        print(f"  {t}: " + (f"killed {proven[t]}" if t in proven else "NO MUTANT MADE IT FAIL"))
    return 1 if unproven else 0


# --- the report --------------------------------------------------------------------------------

def report(mutants: list[Mutant], results: dict, equivalent: dict[str, str], sources: dict, modules: list[str],
           fail_under: float, seconds: float, baseline_seconds: float) -> int:
    by_module: dict[str, Counter] = {m: Counter() for m in modules}
    survivors, equivalents, misjudged = [], [], []
    for m in mutants:
        status, _ = results[m.id]
        c = by_module[m.module]
        if m.id in equivalent:
            c["equivalent"] += 1
            (misjudged if status in ("killed", "timeout") else equivalents).append(m)
            continue
        c["total"] += 1
        if status in ("killed", "timeout"):
            c["killed"] += 1
            c["timeout"] += status == "timeout"
        elif status == "survived":
            survivors.append(m)
        else:
            c["error"] += 1
            survivors.append(m)
    print(f"\nMutation testing of cxlib ({len(mutants)} mutants; baseline {baseline_seconds:.0f} s, "
          f"whole run {seconds:.0f} s)\n")
    print(f"{'module':<12}{'killed':>8}{'total':>7}{'rate':>9}{'timeout':>9}{'equivalent':>12}")
    killed = total = 0
    for name, c in by_module.items():
        rate = 100 * c["killed"] / c["total"] if c["total"] else 100.0
        print(f"{name:<12}{c['killed']:>8}{c['total']:>7}{rate:>8.1f}%{c['timeout']:>9}{c['equivalent']:>12}")
        killed, total = killed + c["killed"], total + c["total"]
    overall = 100 * killed / total if total else 100.0
    print(f"{'overall':<12}{killed:>8}{total:>7}{overall:>8.1f}%")
    lines = {m: src.splitlines() for m, src in sources.items()}
    if survivors:
        print(f"\nSurviving mutants ({len(survivors)}): no test fails when the code changes like this")
        for m in survivors:
            old, new = changed_line(m, lines[m.module])
            status = results[m.id][0]
            note = "" if status == "survived" else f" [{status}]"
            print(f"  {m.where}  {m.op}  {m.id}{note}\n      - {old}\n      + {new}")
    if equivalents:
        print(f"\nEquivalent mutants excluded from the rate ({len(equivalents)}; tests/mutate_equivalent.txt):")
        for m in equivalents:
            print(f"  {m.where}  {m.id}: {equivalent[m.id]}")
    if misjudged:
        print("\nListed as equivalent, yet a test kills them (remove them from the list):")
        for m in misjudged:
            print(f"  {m.where}  {m.id}")
    stale = sorted(i for i in set(equivalent) - {m.id for m in mutants} if re.split(r"[./]", i)[0] in modules)
    if stale:
        print("\nListed as equivalent but no such mutant any more (code changed; remove or re-list):")
        for i in stale:
            print(f"  {i}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({
        "seconds": round(seconds, 1), "overall": round(overall, 2), "killed": killed, "total": total,
        "modules": {k: dict(v) for k, v in by_module.items()},
        "mutants": [{"id": m.id, "where": m.where, "op": m.op, "before": m.before, "after": m.after,
                     "status": "equivalent" if m.id in equivalent else results[m.id][0],
                     "seconds": round(results[m.id][1], 2)} for m in mutants],
    }, indent=1))
    verdict = "meets" if overall >= fail_under else "is below"
    print(f"\nKill rate {overall:.1f}% {verdict} the {fail_under:g}% target. Details: {RESULTS.relative_to(ROOT)}")
    return 0 if overall >= fail_under else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--module", action="append", choices=MODULES, help="only this module (repeatable)")
    parser.add_argument("--op", action="append", choices=OPERATORS, help="only this operator (repeatable)")
    parser.add_argument("--jobs", type=int, default=2, help="mutants run at once (default 2)")
    parser.add_argument("--timeout", type=float, default=30,
                        help="seconds a mutant may take on top of 5x its tests' baseline time (default 30)")
    parser.add_argument("--fail-under", type=float, default=95, help="exit 1 below this kill rate (default 95)")
    parser.add_argument("--list", action="store_true", help="list the mutants and their tests; run nothing")
    parser.add_argument("--show", metavar="ID", help="run one mutant with the tests' output shown")
    parser.add_argument("--prove", metavar="GLOB", help="instead: show that every test in these files "
                        "(e.g. 'tests/test_pins_*.py') fails on some mutant, i.e. that it can fail")
    args = parser.parse_args(argv)
    modules = list(args.module or MODULES)
    started = time.monotonic()
    warm_imports()
    equivalent = load_equivalent()
    mutants, trees, sources = [], {}, {}
    for module in modules:
        found, trees[module], sources[module] = make_mutants(module)
        mutants += [m for m in found if not args.op or m.op in args.op]
    if args.show:
        mutants = [m for m in mutants if m.id == args.show]
        if not mutants:
            sys.exit(f"no mutant {args.show} in {', '.join(modules)}")
        modules = [mutants[0].module]
    with tempfile.TemporaryDirectory() as tmp:
        cover = baseline(modules, Path(tmp) / "baseline.pkl", timeout=600)
    if cover["failed"]:
        print("Baseline failures (these tests are left out; fix them first):\n  " + "\n  ".join(cover["failed"]))
    plans = []
    for m in mutants:
        tests = plan_tests(m, cover)
        budget = args.timeout + 5 * sum(cover["durations"].get(t, 0) for t in tests)
        plans.append(Plan(m, compile_mutant(m, trees[m.module], ROOT / "cxlib" / f"{m.module}.py"), tests, budget))
    if args.list:
        for p in plans:
            old, new = changed_line(p.mutant, sources[p.mutant.module].splitlines())
            print(f"{p.mutant.where}  {p.mutant.op}  {p.mutant.id}  ({len(p.tests)} tests)\n    - {old}\n    + {new}")
        print(f"{len(plans)} mutants")
        return 0
    if args.show:
        p = plans[0]
        old, new = changed_line(p.mutant, sources[p.mutant.module].splitlines())
        print(f"{p.mutant.where}  {p.mutant.op}  {p.mutant.id}\n  - {old}\n  + {new}\n  tests: {len(p.tests)}")
        finder = _MutantFinder(f"cxlib.{p.mutant.module}", ROOT / "cxlib" / f"{p.mutant.module}.py", p.code)
        return _run_pytest(["-x", *p.tests], finder=finder) if p.tests else 0
    if args.prove:
        return prove(args.prove, plans, cover, args.jobs)
    results = run_all(plans, args.jobs, progress=sys.stderr.isatty())
    return report(mutants, results, equivalent, sources, modules, args.fail_under,
                  time.monotonic() - started, cover["seconds"])


if __name__ == "__main__":
    sys.exit(main())
