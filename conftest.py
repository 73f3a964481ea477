"""Test-suite wiring shared by every test.

- Notebooks under ``solutions/`` run with ``CXLIB_STRICT=1`` (a failing check raises), all
  other notebooks without it, so blank exercises run and wrong solutions fail.
- With ``CI=true`` a skipped test fails the run: no browser, no kernel, no skip.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent
# Notebook kernels get matplotlib's inline backend, exactly as in JupyterLab: never force Agg
# through the environment (a kernel that inherits MPLBACKEND=Agg shows no figures at all).
os.environ.pop("MPLBACKEND", None)


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


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
