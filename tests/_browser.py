r"""Helpers for the real-browser tests: a Voila server on localhost and Debian's chromium.

Waiting rule (a flaky test is a bug): after an action, wait for the *exact state you then
assert*, never for "the first change" or a fixed sleep. A slider moved by 25 key presses
sends up to 25 updates to the kernel; under load the page shows each intermediate verdict
for a while, so "wait until the text changes" reads one of them. Compute the expected
final text (from cxlib itself, e.g. ``triangle_message(5.5, 7.0, 0.3)[0]``) and use
:func:`wait_for_text`::

    wait_for_text(page, ".widget-readout", "5.5")                 # the slider got there
    wait_for_text(page, ".cx-decision b", expected_headline)        # the kernel answered it
    wait_for_text(page, ".cx-decision", re.compile(r"^Dissatisfied \(-1\.5\)"))

On timeout it fails with what the page shows instead, so a failure says which state was
never reached.
"""

from __future__ import annotations

import contextlib
import html
import os
import re
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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def voila_process(args: list[str], log_name: str, timeout: float = 60) -> Iterator[tuple[str, subprocess.Popen]]:
    """Run ``voila <args>`` on a free localhost port; yield (base URL, the server process).

    Pages draw as for users (no MPLBACKEND or CXLIB_STRICT inherited). Kernels talk to the
    server over local socket files, not TCP ports another program could take before the kernel
    binds them. The server is stopped with all its kernels when the block ends; its log is
    ``test-output/voila-<log_name>.log``.
    """
    port = free_port()
    out = ROOT / "test-output"
    out.mkdir(exist_ok=True)
    log = open(out / f"voila-{log_name}.log", "w")
    env = {k: v for k, v in os.environ.items() if k not in ("MPLBACKEND", "CXLIB_STRICT")}
    command = [sys.executable, "-m", "voila", f"--port={port}", "--no-browser", "--Voila.ip=127.0.0.1",
               "--KernelManager.transport=ipc", "--ServerApp.log_level=WARN", *args]
    proc = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=env)
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


@contextlib.contextmanager
def voila(target: Path, timeout: float = 60) -> Iterator[str]:
    """Serve ``target`` (a notebook or a folder) with Voila's own settings; yield its base URL."""
    with voila_process([str(target)], target.stem, timeout) as (url, _):
        yield url


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


def _normalise(text: str, ignore_whitespace: bool = False) -> str:
    return ("" if ignore_whitespace else " ").join(text.split())


_WAIT_JS = """({selector, nth, text, pattern, flags, space}) => {
    const el = document.querySelectorAll(selector)[nth];
    if (!el) return false;
    const got = el.innerText.replace(/\\s+/g, space).trim();
    return pattern === null ? got === text : new RegExp(pattern, flags).test(got);
}"""


def wait_for_text(page, selector: str, expected: str | re.Pattern, timeout: float = 30_000, *, nth: int = 0,
                  ignore_whitespace: bool = False) -> str:
    """Wait until the ``nth`` element matching ``selector`` shows ``expected``; return its text.

    ``expected`` is either a string, compared with the element's ``innerText`` after both
    have their runs of whitespace collapsed to one space, or a compiled regular expression,
    searched for in that text (written in the subset Python and JavaScript share; the
    ``re.I``, ``re.M`` and ``re.S`` flags carry over). ``timeout`` is in milliseconds.
    ``ignore_whitespace=True`` removes all whitespace from both sides instead, for a block
    (lists, tables) whose line breaks the browser lays out: compare it with
    :func:`html_text` of the HTML the kernel sent.
    Raises ``AssertionError`` naming the selector, the expected text and what is shown.
    """
    space = "" if ignore_whitespace else " "
    if isinstance(expected, re.Pattern):
        flags = "".join(js for py, js in ((re.I, "i"), (re.M, "m"), (re.S, "s")) if expected.flags & py)
        arg = {"selector": selector, "nth": nth, "text": None, "pattern": expected.pattern, "flags": flags, "space": space}
    else:
        arg = {"selector": selector, "nth": nth, "text": _normalise(expected, ignore_whitespace), "pattern": None,
               "flags": "", "space": space}
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(_WAIT_JS, arg=arg, timeout=timeout)
    except PlaywrightTimeout:
        elements = page.locator(selector)
        shown = elements.nth(nth).inner_text() if elements.count() > nth else "(no such element)"
        raise AssertionError(
            f"{selector}[{nth}] never showed {expected!r} within {timeout / 1000:g} s; "
            f"it shows {_normalise(shown, ignore_whitespace)!r}"
        ) from None
    return _normalise(page.locator(selector).nth(nth).inner_text(), ignore_whitespace)


def html_text(markup: str) -> str:
    """The text a browser shows for ``markup`` (tags, styles and scripts dropped, entities decoded).

    Line breaks depend on layout, so compare it with ``ignore_whitespace=True``.

    >>> html_text('<div class="cx-decision"><b>Close gap 3 first</b><br><span>A &amp; B</span></div>')
    'Close gap 3 first A & B'
    """
    markup = re.sub(r"<(style|script)\b.*?</\1>", " ", markup, flags=re.S | re.I)
    return _normalise(html.unescape(re.sub(r"<[^>]+>", " ", markup)))
