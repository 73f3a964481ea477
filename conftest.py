"""Test-suite wiring shared by every test.

- Notebooks under ``solutions/`` run with ``CXLIB_STRICT=1`` (a failing check raises), all
  other notebooks without it, so blank exercises run and wrong solutions fail.
- With ``CI=true`` a skipped test fails the run: no browser, no kernel, no skip.
- Hypothesis profiles (see ``_hypothesis_profiles``): ``ci`` (``CI=true``) replays the same
  examples on every run; ``dev`` (default) explores new random ones, replaying any failure
  it found before from ``.hypothesis/``; ``deep`` (``make hypothesis-deep``) explores many
  more. ``HYPOTHESIS_PROFILE=<name>`` picks one explicitly.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent
# Notebook kernels get matplotlib's inline backend, exactly as in JupyterLab: never force Agg
# through the environment (a kernel that inherits MPLBACKEND=Agg shows no figures at all).
os.environ.pop("MPLBACKEND", None)


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def _hypothesis_profiles() -> str:
    """Register the course's hypothesis profiles, load the one in use and return its name.

    No profile has a deadline or the ``too_slow`` health check: both measure wall time, so
    they fail on a busy machine, not on a bug. The other health checks (e.g. a filter that
    discards too many examples) stay on. A test's own ``@settings(max_examples=...)`` is
    kept in ``ci`` and ``dev``; ``deep`` raises every test to the deep count (3000, or
    ``HYPOTHESIS_DEEP_EXAMPLES``).
    """
    calm = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}
    settings.register_profile("ci", derandomize=True, max_examples=60, print_blob=True, **calm)
    settings.register_profile("dev", max_examples=60, **calm)
    deep_examples = int(os.environ.get("HYPOTHESIS_DEEP_EXAMPLES", "3000"))
    settings.register_profile("deep", max_examples=deep_examples, print_blob=True, **calm)
    name = os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if _in_ci() else "dev")
    if name not in {"ci", "dev", "deep"}:
        raise pytest.UsageError(f"HYPOTHESIS_PROFILE={name!r}: use ci, dev or deep")
    settings.load_profile(name)
    return name


HYPOTHESIS_PROFILE = _hypothesis_profiles()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    _slow_files_first(items)
    if HYPOTHESIS_PROFILE != "deep":
        return
    deep = settings.get_profile("deep").max_examples
    for item in items:
        test = getattr(item, "obj", None)
        own = getattr(test, "_hypothesis_internal_use_settings", None)
        if own is not None and own.max_examples < deep:  # a test's own count would cap the search
            test._hypothesis_internal_use_settings = settings(own, max_examples=deep)


def _slow_files_first(items: list[pytest.Item]) -> None:
    """Start the files marked ``slow``, then ``browser``, then the rest, each in its usual order.

    pytest-xdist (``--dist loadfile``) hands out whole files in this order, so the long ones
    start while the many short ones fill in around them, instead of one long file starting
    last while the other worker sits idle.
    """
    slow = {item.path for item in items if item.get_closest_marker("slow")}
    browser = {item.path for item in items if item.get_closest_marker("browser")} - slow
    # a stable sort: each group keeps its files' usual order
    items.sort(key=lambda item: 0 if item.path in slow else 1 if item.path in browser else 2)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    # nbval starts a notebook's kernel when its first cell is set up, inheriting this env.
    if ROOT / "solutions" in Path(str(item.path)).parents:
        os.environ["CXLIB_STRICT"] = "1"
    else:
        os.environ.pop("CXLIB_STRICT", None)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if not _in_ci():
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped:
        for report in skipped[:20]:
            reason = report.longrepr[-1] if isinstance(report.longrepr, tuple) else report.longrepr
            print(f"\nCI=true: skipped test counts as a failure: {report.nodeid}: {reason}")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def output_dir() -> Path:
    out = ROOT / "test-output"
    out.mkdir(exist_ok=True)
    return out


@pytest.fixture(scope="session")
def dashboards_server():
    """The staff dashboards served as ``make dashboards`` serves them: (base URL, process).

    One server per test process, shared by the browser test files that run in it (each starts
    its own chromium), instead of one per file: a server costs seconds of CPU to start.
    """
    from tests._dashboards import dashboard_server

    with dashboard_server(f"dashboards-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}") as served:
        yield served
