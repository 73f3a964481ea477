"""An offline room: everything installs from wheelhouse/ alone, and lesson 01 runs from it.

`make wheelhouse` (with internet) fills wheelhouse/; CI's .ci/run makes it before `make test`,
so there `make test` itself is installed with `--no-index` from it. These tests prove it again
as a trainer would need it: the whole pinned set and everything it depends on is there as
wheels for this platform (read from the wheels' metadata: fast), and a fresh virtual
environment installed with `pip --isolated --no-index --find-links wheelhouse` (no index, no
machine-wide pip configuration) really runs lesson 01.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
WHEELHOUSE = ROOT / "wheelhouse"
LESSON_01 = ROOT / "notebooks" / "01_satisfaction_triangle.ipynb"
LESSON_01_NEEDS = ["numpy", "pandas", "matplotlib", "seaborn", "ipywidgets"]  # cxlib's imports

pytestmark = [pytest.mark.slow, pytest.mark.skipif(
    not (WHEELHOUSE / ".complete").exists(),
    reason="no wheelhouse/: run `make wheelhouse` once with internet (.ci/run does)",
)]


def _requirements() -> list[str]:
    args = ["-r", str(ROOT / "requirements.txt")]
    if (ROOT / "requirements-site.txt").exists():
        args += ["-r", str(ROOT / "requirements-site.txt")]
    return args + ["-c", str(ROOT / "constraints.txt")]


def _offline_pip(venv: Path) -> list[str]:
    """This pip, installing into ``venv``, from the wheelhouse only, ignoring pip.conf and PIP_*."""
    return [sys.executable, "-m", "pip", "--isolated", "--disable-pip-version-check",
            "--python", str(venv / "bin" / "python"), "install", "--quiet",
            "--no-index", "--find-links", str(WHEELHOUSE)]


def _fresh_venv(path: Path) -> Path:
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(path)], check=True)
    return path


def _pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if "==" in line:
            name, version = line.split("==")
            pins[name.strip().lower().replace("_", "-")] = version.strip()
    return pins


def _wheels() -> dict[str, list[tuple[str, Path]]]:
    """name -> [(version, file)] for every wheel in the wheelhouse that installs on this Python."""
    from packaging.tags import sys_tags
    from packaging.utils import canonicalize_name, parse_wheel_filename

    here = set(sys_tags())
    found: dict[str, list[tuple[str, Path]]] = {}
    for whl in sorted(WHEELHOUSE.glob("*.whl")):
        name, version, _, tags = parse_wheel_filename(whl.name)
        if here & set(tags):
            found.setdefault(canonicalize_name(name), []).append((str(version), whl))
    return found


def test_every_pinned_package_and_its_dependencies_are_in_the_wheelhouse():
    """The whole closure, checked from the wheels' own metadata (what pip's resolver reads):
    every pin has a wheel for this platform at the pinned version, and every dependency those
    wheels declare for this Python is met by a wheel there. (`make test` in CI installs the
    full set with --no-index from it; the guide gives the measured time.)"""
    import zipfile
    from email.parser import Parser

    from packaging.markers import default_environment
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    wheels = _wheels()
    pins = {canonicalize_name(n): v for n, v in _pins().items()}
    missing = {n: v for n, v in pins.items() if v not in [ver for ver, _ in wheels.get(n, [])]}
    assert not missing, f"pinned but no wheel for this platform in wheelhouse/: {missing}"
    unmet = []
    env = default_environment()
    for name, version in pins.items():
        whl = next(f for ver, f in wheels[name] if ver == version)
        with zipfile.ZipFile(whl) as z:
            meta = next(n for n in z.namelist() if n.endswith(".dist-info/METADATA"))
            headers = Parser().parsestr(z.read(meta).decode("utf-8"), headersonly=True)
        for line in headers.get_all("Requires-Dist") or []:
            req = Requirement(line)
            if req.marker and not req.marker.evaluate({**env, "extra": ""}):
                continue
            dep = canonicalize_name(req.name)
            if dep not in pins or not req.specifier.contains(pins[dep], prereleases=True):
                unmet.append(f"{name} {version} needs {req} (pinned: {pins.get(dep)})")
    assert not unmet, "dependencies the wheelhouse cannot meet offline:\n" + "\n".join(unmet)
    # `pip install -e .` builds cxlib with setuptools (pyproject's build-system), also offline
    assert "setuptools" in wheels, "setuptools (cxlib's build backend) is not in the wheelhouse"
    for requirement in (ROOT / "requirements.txt").read_text().splitlines():
        requirement = requirement.split("#")[0].strip()
        if requirement:
            assert canonicalize_name(requirement.split("==")[0]) in pins


@pytest.fixture
def scratch(tmp_path):
    """A folder in memory (/dev/shm) when there is one: the install writes ~250 MB it then drops."""
    shm = Path("/dev/shm")
    if shm.is_dir() and os.access(shm, os.W_OK):
        import tempfile

        path = Path(tempfile.mkdtemp(prefix="cx-wheelhouse-", dir=shm))
        yield path
        shutil.rmtree(path, ignore_errors=True)
    else:
        yield tmp_path


def test_lesson_01_runs_in_a_venv_installed_from_the_wheelhouse(scratch, tmp_path):
    venv = _fresh_venv(scratch / "venv")
    done = subprocess.run(_offline_pip(venv) + ["--no-compile", "-c", str(ROOT / "constraints.txt"),
                                                *LESSON_01_NEEDS], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    # Run every code cell through IPython (installed with ipywidgets), as a kernel would.
    script = (
        "import json, sys\n"
        "from IPython.core.interactiveshell import InteractiveShell\n"
        "shell = InteractiveShell.instance()\n"
        "nb = json.load(open(sys.argv[1], encoding='utf-8'))\n"
        "for k, cell in enumerate(c for c in nb['cells'] if c['cell_type'] == 'code'):\n"
        "    result = shell.run_cell(''.join(cell['source']), silent=True)\n"
        "    if not result.success:\n"
        "        sys.exit(f'code cell {k} failed: {result.error_in_exec or result.error_before_exec!r}')\n"
        "import cxlib, numpy, pandas\n"
        "print('ran', k + 1, 'cells with numpy', numpy.__version__, 'pandas', pandas.__version__)\n"
    )
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path), "MPLBACKEND": "Agg",
           "PYTHONPATH": str(ROOT), "PYTHONHASHSEED": "0"}  # cxlib from the repo, as `-e .` puts it
    env.update({k: v for k, v in os.environ.items() if k.startswith("OPENBLAS_")})
    run = subprocess.run([str(venv / "bin" / "python"), "-c", script, str(LESSON_01)],
                         capture_output=True, text=True, cwd=LESSON_01.parent, env=env, timeout=120)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-3000:]
    pins = _pins()
    assert f"numpy {pins['numpy']} pandas {pins['pandas']}" in run.stdout
