"""The staff dashboards' Voila server for browser tests and ``make loadtest``.

Started exactly as ``make dashboards`` starts it (same settings file), on a free port of
127.0.0.1, and stopped with all its kernels when the block ends.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DASHBOARDS = ROOT / "notebooks" / "dashboards"
SETTINGS = DASHBOARDS / "server"
PAGES = sorted(DASHBOARDS.glob("*.ipynb"))


def voila_command(port: int, *extra: str) -> list[str]:
    """The command ``make dashboards`` runs, on ``port``."""
    return [sys.executable, "-m", "voila", f"--Voila.config_file_paths={SETTINGS}", f"--port={port}",
            "--ServerApp.log_level=WARN", *extra, str(DASHBOARDS)]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def dashboard_server(log_name: str = "dashboards", timeout: float = 60, extra: tuple[str, ...] = ()) -> Iterator[tuple[str, subprocess.Popen]]:
    """Serve notebooks/dashboards with its settings; yield (base URL, the server process)."""
    port = free_port()
    out = ROOT / "test-output"
    out.mkdir(exist_ok=True)
    log = open(out / f"voila-{log_name}.log", "w")
    env = {k: v for k, v in os.environ.items() if k not in ("MPLBACKEND", "CXLIB_STRICT")}
    proc = subprocess.Popen(voila_command(port, *extra), cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=env)
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"voila exited with {proc.returncode}; see {log.name}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"voila did not start within {timeout} s; see {log.name}")
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}/", proc
    finally:
        proc.terminate()  # Voila shuts its kernels down on SIGTERM
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)
        log.close()
