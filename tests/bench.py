"""``make bench``: the numbers the issue notes report (a benchmark, not a test).

1. scoring throughput: SERVQUAL ``dimension_scores`` + ``seed_sq`` on 1,000,000 synthetic
   respondents x 44 items, against a naive per-row Python loop (timed on a slice, scaled);
1b. ``report(..., figures=False)`` on 1,000,000 x 44 answers: wall time (best of 3) and peak
   memory above the data (tracemalloc), for int8 and int64 answers, with and without a
   segment column (targets: under 3 s, peak at most the data's own size);
2. widget callbacks: median and 95th-percentile ms over >= 100 moves of every what-if;
3. per-notebook execution time (a fresh kernel each, as nbval runs them);
4. the whole suite (``make test`` itself, timed), unless ``--no-suite``;
5. with ``--cold-setup``: a fresh clone, a new .venv, ``make setup`` timed (what ``make lab``
   does before JupyterLab starts).

    python tests/bench.py [--no-suite] [--no-notebooks] [--cold-setup] [--only-report]
"""

from __future__ import annotations

import argparse
import inspect
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
os.environ.pop("MPLBACKEND", None)  # notebook kernels draw inline, as for a learner


def bench_scoring(n: int = 1_000_000, loop_rows: int = 50_000) -> None:
    from cxlib import servqual

    rng = np.random.default_rng(0)
    cols = [f"E{i}" for i in range(1, 23)] + [f"P{i}" for i in range(1, 23)]
    survey = pd.DataFrame(rng.integers(1, 8, size=(n, 44)).astype(np.int8), columns=cols)

    start = time.perf_counter()
    scores = servqual.dimension_scores(survey)
    sq = servqual.seed_sq(survey)
    fast = time.perf_counter() - start

    def naive(frame: pd.DataFrame) -> tuple[dict, list]:
        sums = {d: [0.0, 0.0] for d in servqual.DIMENSIONS}
        per_respondent = []
        for _, row in frame.iterrows():  # the loop a spreadsheet habit would write
            total = 0.0
            for d, items in servqual.ITEMS_1988.items():
                for i in items:
                    sums[d][0] += row[f"E{i}"]
                    sums[d][1] += row[f"P{i}"]
                    total += row[f"P{i}"] - row[f"E{i}"]
            per_respondent.append(total)
        return sums, per_respondent

    part = survey.iloc[:loop_rows]
    start = time.perf_counter()
    _, loop_sq = naive(part)
    loop = (time.perf_counter() - start) * (n / loop_rows)
    assert np.allclose(loop_sq, sq.iloc[:loop_rows].to_numpy()), "naive loop disagrees with seed_sq"
    print(f"\n## Scoring throughput ({n:,} respondents x 44 items)")
    print(f"vectorised dimension_scores + seed_sq: {fast:.3f} s")
    print(f"naive per-row loop: {loop:.1f} s (timed on {loop_rows:,} rows, scaled x{n // loop_rows})")
    print(f"speed-up: {loop / fast:.0f}x   (targets: < 1 s and >= 1,000x)")
    assert scores.shape == (5, 3)


def bench_report(n: int = 1_000_000) -> None:
    import tracemalloc

    from cxlib.report import report

    print(f"\n## report(..., figures=False) on {n:,} respondents x 44 answers")
    print(f"{'answers':<26}{'data MB':>9}{'time s':>8}{'peak above data MB':>20}{'ratio':>7}")
    rng = np.random.default_rng(0)
    cols = [f"E{i}" for i in range(1, 23)] + [f"P{i}" for i in range(1, 23)]
    answers = rng.integers(1, 8, size=(n, 44)).astype(np.int8)
    branch = rng.choice(["North", "South", "East", "West"], n)
    for dtype, with_branch in (("int8", False), ("int8", True), ("int64", False), ("int64", True)):
        survey = pd.DataFrame(answers.astype(dtype), columns=cols)
        if with_branch:
            survey["branch"] = branch
        size = int(survey.memory_usage(deep=True).sum())
        report(survey.head(1000), figures=False)  # imports and caches warm
        times = []
        for _ in range(3):
            start = time.perf_counter()
            r = report(survey, figures=False)
            times.append(time.perf_counter() - start)
        tracemalloc.start()
        base = tracemalloc.get_traced_memory()[0]
        report(survey, figures=False)
        peak = tracemalloc.get_traced_memory()[1] - base
        tracemalloc.stop()
        label = f"{dtype}{' + branch (text)' if with_branch else ''}"
        print(f"{label:<26}{size / 1e6:>9.1f}{min(times):>8.2f}{peak / 1e6:>20.1f}{peak / size:>7.2f}")
        assert r.respondents == n
        del survey
    print("targets: time < 3 s; peak above the data <= 1.00 x the data's size")


def _moves(control, k: int) -> list:
    import ipywidgets as w

    if isinstance(control, (w.FloatSlider, w.IntSlider, w.FloatLogSlider)):
        lo, hi = control.min, control.max
        values = np.linspace(lo, hi, k)
        if isinstance(control, w.IntSlider):
            values = np.round(values).astype(int)
        return [type(control.value)(v) for v in values]
    options = getattr(control, "options", None)
    if options:
        labels = [o[1] if isinstance(o, tuple) else o for o in options]
        return [labels[i % len(labels)] for i in range(k)]
    return []


def bench_widgets(moves: int = 120) -> None:
    import matplotlib

    matplotlib.use("Agg")  # this process has no screen; widgets render their own frames
    from cxlib import widgets

    print(f"\n## Widget callbacks (ms per move, {moves} moves per control)")
    print(f"{'widget':<28}{'moves':>7}{'median':>9}{'p95':>9}")
    for name, factory in sorted(vars(widgets).items()):
        if not callable(factory) or inspect.isclass(factory) or name.startswith("_"):
            continue
        if not (name.endswith("_whatif") or name.endswith("_picker")):
            continue
        box = factory()
        box.timings_ms.clear()
        for control in box.controls.values():
            original = control.value
            for value in _moves(control, moves):
                control.value = value
            control.value = original
        t = sorted(box.timings_ms)
        if t:
            p95 = t[int(0.95 * (len(t) - 1))]
            print(f"{name:<28}{len(t):>7}{statistics.median(t):>9.2f}{p95:>9.2f}")
    print("target: median < 16 ms (one frame at 60 Hz)")


def bench_notebooks() -> None:
    import nbformat
    from nbclient import NotebookClient

    print("\n## Notebook execution (fresh kernel each, seconds)")
    total = 0.0
    for folder in ("notebooks", "notebooks/dashboards", "exercises", "solutions"):
        for path in sorted((ROOT / folder).glob("*.ipynb")):
            nb = nbformat.read(path, as_version=4)
            env_strict = folder == "solutions"
            if env_strict:
                os.environ["CXLIB_STRICT"] = "1"
            start = time.perf_counter()
            NotebookClient(nb, timeout=120, kernel_name="python3",
                           extra_arguments=["--IPKernelApp.log_level=ERROR"],  # no loopback-TCP notice
                           resources={"metadata": {"path": str(path.parent)}}).execute()
            took = time.perf_counter() - start
            os.environ.pop("CXLIB_STRICT", None)
            total += took
            print(f"{str(path.relative_to(ROOT)):<52}{took:6.2f}")
    print(f"{'total (serial)':<52}{total:6.2f}")


def bench_suite() -> None:
    print("\n## Whole suite (`make test`, set up already)")
    start = time.perf_counter()
    out = subprocess.run(["make", "--no-print-directory", "test"], cwd=ROOT, capture_output=True, text=True)
    took = time.perf_counter() - start
    lines = out.stdout.strip().splitlines()
    print(lines[-1] if lines else out.stderr[-500:])
    print(f"wall time: {took:.1f} s on {os.cpu_count()} cores")


def bench_cold_setup() -> None:
    print("\n## Cold set-up (fresh clone, new .venv, `make setup`)")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["git", "clone", "-q", str(ROOT), f"{tmp}/c"], check=True)
        start = time.perf_counter()
        subprocess.run(["make", "-s", "setup"], cwd=f"{tmp}/c", check=True, stdout=subprocess.DEVNULL)
        cold = time.perf_counter() - start
        start = time.perf_counter()
        subprocess.run(["make", "-s", "setup"], cwd=f"{tmp}/c", check=True, stdout=subprocess.DEVNULL)
        warm = time.perf_counter() - start
    print(f"cold: {cold:.1f} s   re-run with nothing changed: {warm:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description="print the course's performance numbers")
    parser.add_argument("--no-suite", action="store_true")
    parser.add_argument("--no-notebooks", action="store_true")
    parser.add_argument("--cold-setup", action="store_true")
    parser.add_argument("--only-report", action="store_true", help="just the scoring and report numbers")
    args = parser.parse_args()
    bench_scoring()
    bench_report()
    if args.only_report:
        return
    bench_widgets()
    if not args.no_notebooks:
        bench_notebooks()
    if not args.no_suite:
        bench_suite()
    if args.cold_setup:
        bench_cold_setup()


if __name__ == "__main__":
    main()
