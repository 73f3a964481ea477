"""With CI=true a skipped test fails the run (conftest.py); locally a skip stays a skip."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(tmp_path: Path, ci: str | None) -> int:
    shutil.copy(ROOT / "conftest.py", tmp_path / "conftest.py")
    (tmp_path / "test_demo.py").write_text("import pytest\n\ndef test_needs_a_browser():\n    pytest.skip('no browser')\n")
    # only the plugins this needs (the installed ones, e.g. nbval and playwright, take seconds to import)
    env = {k: v for k, v in os.environ.items() if k != "CI"} | {"PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}
    if ci is not None:
        env["CI"] = ci
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
                          cwd=tmp_path, env=env, capture_output=True, text=True).returncode


def test_skip_fails_in_ci(tmp_path):
    assert _run(tmp_path, "true") == 1


def test_skip_is_fine_locally(tmp_path):
    assert _run(tmp_path, None) == 0
