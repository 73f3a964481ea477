"""Execute notebooks once and keep the executed copies, for everything that needs outputs.

The lessons are committed without outputs. The course website, the offline slides and the
tests that read what a learner sees all need them executed. This module runs each notebook
in a fresh kernel (as "Run all" in JupyterLab would, inline figures included) and caches the
result under ``build/executed/``, keyed by the notebook's bytes and everything it can read
(cxlib's code and the course data), so a notebook executes once per change, not once per use.
Concurrent callers (pytest-xdist workers, a parallel build) share the work through a file lock.

    python notebooks/execute.py                       # every lesson, two at a time
    python notebooks/execute.py notebooks/01_*.ipynb  # some notebooks

From Python: ``executed(path)`` returns the executed notebook (an ``nbformat`` node).
"""

from __future__ import annotations

import argparse
import fcntl
import hashlib
import os
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "build" / "executed"
LESSONS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
CELL_TIMEOUT_S = 120


def _inputs_digest() -> str:
    """A digest of everything an executed lesson depends on besides its own bytes."""
    h = hashlib.sha256()
    files = sorted((ROOT / "cxlib").rglob("*.py")) + sorted((ROOT / "data").glob("*.csv"))
    for f in files:
        h.update(str(f.relative_to(ROOT)).encode())
        h.update(f.read_bytes())
    return h.hexdigest()


def cache_path(path: Path, digest: str | None = None) -> Path:
    """Where the executed copy of ``path`` lives for the current code and data."""
    path = Path(path).resolve()
    h = hashlib.sha256(path.read_bytes())
    h.update((digest or _inputs_digest()).encode())
    return CACHE / f"{path.stem}-{h.hexdigest()[:16]}.ipynb"


def _run(path: Path) -> nbformat.NotebookNode:
    import tempfile

    from nbclient import NotebookClient
    from traitlets.config import Config

    nb = nbformat.read(path, as_version=4)
    env = {k: v for k, v in os.environ.items() if k not in {"MPLBACKEND", "CXLIB_STRICT"}}
    with tempfile.TemporaryDirectory(prefix="cx-kernel-") as sockets:
        # the kernel listens on socket files here, not on TCP ports another program (a second
        # executor, a Voila server) could take between choosing them and the kernel binding them
        local = Config({"KernelManager": {"transport": "ipc", "ip": str(Path(sockets) / "kernel")}})
        client = NotebookClient(
            nb, timeout=CELL_TIMEOUT_S, kernel_name="python3", allow_errors=False,
            resources={"metadata": {"path": str(path.parent)}}, config=local,
        )
        # a kernel that inherits MPLBACKEND=Agg would show no figures; the learner's has none set
        client.execute(env=env)
    return nb


def executed(path: str | Path, digest: str | None = None) -> nbformat.NotebookNode:
    """The executed copy of notebook ``path``: from the cache, or run now and cached.

    Raises nbclient's ``CellExecutionError`` (naming the cell) if a cell fails.
    """
    path = Path(path).resolve()
    target = cache_path(path, digest)
    CACHE.mkdir(parents=True, exist_ok=True)
    with open(target.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one executor per notebook; the others wait, then read
        if not target.exists():
            nb = _run(path)
            tmp = target.with_suffix(".tmp")
            nbformat.write(nb, tmp)
            tmp.replace(target)
    return nbformat.read(target, as_version=4)


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
STATIC_NOTE = ("<p><i>An interactive widget: it works in JupyterLab (<code>make lab</code>) "
               "or on the staff dashboards (<code>make dashboards</code>).</i></p>")


def static_copy(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """``nb`` for a page without a kernel (website, slides): every widget view replaced by the
    static ``text/html`` beside it (``WhatIf._repr_mimebundle_``), the widget state dropped,
    and data for programs (``application/vnd.*+json``, e.g. a check's result for the grader)
    left out where the output has something to show a reader.

    Changes ``nb`` in place and returns it.
    """
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if WIDGET_VIEW in data:
                data.setdefault("text/html", STATIC_NOTE)
                del data[WIDGET_VIEW]
            if any(k.startswith(("text/", "image/")) for k in data):
                for key in [k for k in data if k.startswith("application/vnd.") and k.endswith("+json")]:
                    del data[key]
    return nb


def execute_all(paths: list[Path], jobs: int = 2) -> list[Path]:
    """Execute ``paths`` (``jobs`` at a time) into the cache; returns the cached files."""
    digest = _inputs_digest()
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        list(pool.map(lambda p: executed(p, digest), paths))
    return [cache_path(p, digest) for p in paths]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: every lesson")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    args = parser.parse_args(argv)
    paths = args.notebooks or LESSONS
    for out in execute_all(paths, args.jobs):
        print(out.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
