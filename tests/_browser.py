"""Helpers for the real-browser tests: a Voila server on localhost and Debian's chromium."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]


def chromium_path() -> str:
    """Debian's chromium, or a skip (which CI turns into a failure)."""
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    pytest.skip("Debian's chromium is not installed (apt-get install chromium; .ci/run does it)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def voila(target: Path, timeout: float = 60) -> Iterator[str]:
    """Serve ``target`` (a notebook or a folder) with Voila on localhost; yield its base URL."""
    port = _free_port()
    log = open(ROOT / "test-output" / f"voila-{target.stem}.log", "w")
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}  # pages draw as for users
    env.pop("CXLIB_STRICT", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "voila", str(target), "--no-browser", f"--port={port}",
         "--Voila.ip=127.0.0.1", "--ServerApp.log_level=WARN"],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=env,
    )
    url = f"http://127.0.0.1:{port}/"
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
                time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@contextlib.contextmanager
def browser_page() -> Iterator[object]:
    """A Playwright page in headless Debian chromium (no browser download)."""
    executable = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            yield page
        finally:
            browser.close()


def page_errors(page) -> list[str]:
    """Error outputs Voila shows in the page (tracebacks, failed cells)."""
    texts = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr'], .jp-RenderedText[data-mime-type='application/vnd.jupyter.error']").all_inner_texts()
    body = page.inner_text("body")
    for marker in ("There was an error when executing cell", "Traceback (most recent call last)"):
        if marker in body:
            texts.append(marker)
    return texts
