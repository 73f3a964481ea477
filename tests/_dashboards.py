"""The staff dashboards' Voila server for browser tests and ``make loadtest``.

Started exactly as ``make dashboards`` starts it (same settings file), on a free port of
127.0.0.1, and stopped with all its kernels when the block ends.
"""

from __future__ import annotations

import contextlib
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DASHBOARDS = ROOT / "notebooks" / "dashboards"
SETTINGS = DASHBOARDS / "server"
PAGES = sorted(DASHBOARDS.glob("*.ipynb"))


@contextlib.contextmanager
def dashboard_server(log_name: str = "dashboards", timeout: float = 60) -> Iterator[tuple[str, subprocess.Popen]]:
    """Serve notebooks/dashboards with its settings, as ``make dashboards`` does; yield (base URL,
    the server process)."""
    from ._browser import voila_process

    with voila_process([f"--Voila.config_file_paths={SETTINGS}", str(DASHBOARDS)], log_name, timeout) as served:
        yield served


# --- the browser side ---------------------------------------------------------------------------

READY = ".cx-whatif, .cx-status"  # a dashboard has rendered its widget
VERDICT_JS = ("() => Array.from(document.querySelectorAll('.cx-decision'))"
              ".map(e => e.innerText.replace(/\\s+/g, ' ').trim()).join(' | ')")

# Problems a phone user would see: anything past the screen's right edge (not inside a box that
# scrolls or clips it), a box that scrolls sideways, a label drawn over its control.
LAYOUT_JS = """() => {
  const problems = [], width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth > width + 1)
    problems.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} > ${width}`);
  const inScrollBox = el => { for (let a = el.parentElement; a; a = a.parentElement) {
      const o = getComputedStyle(a).overflowX; if (o === 'auto' || o === 'scroll') return true; } return false; };
  const name = el => `${el.tagName}.${String(el.className).slice(0, 50)} "${(el.textContent || '').trim().slice(0, 40)}"`;
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect(), cs = getComputedStyle(el);
    if (!r.width || !r.height || cs.visibility === 'hidden' || cs.display === 'none') continue;
    if (r.right > width + 1 && !inScrollBox(el)) problems.push(`past the right edge: ${name(el)}`);
    if ((cs.overflowX === 'auto' || cs.overflowX === 'scroll') && el.scrollWidth > el.clientWidth + 1
        && el.tagName !== 'TEXTAREA' && el.tagName !== 'SELECT')
      problems.push(`scrolls sideways: ${name(el)} ${el.scrollWidth} > ${el.clientWidth}`);
    if (cs.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + 1)
      problems.push(`text cut off: ${name(el)}`);
    if (el.classList.contains('widget-label') && cs.overflowY === 'hidden' && el.scrollHeight > el.clientHeight + 1)
      problems.push(`label cut off at the bottom: ${name(el)}`);
  }
  for (const box of document.querySelectorAll('.widget-inline-hbox')) {
    const label = box.querySelector(':scope > .widget-label');
    const control = box.querySelector(':scope > .slider-container, :scope > select, :scope > textarea');
    if (!label || !control || !label.textContent.trim()) continue;
    const a = label.getBoundingClientRect(), b = control.getBoundingClientRect();
    const overlap = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 2 && Math.min(a.right, b.right) - Math.max(a.left, b.left) > 2;
    if (overlap) problems.push(`label over its control: ${label.textContent.trim()}`);
    if (a.width < 10 || a.right > width + 1) problems.push(`label not visible: ${label.textContent.trim()}`);
  }
  for (const img of document.querySelectorAll('.cx-whatif img')) {
    if (!img.naturalWidth) continue;
    const scale = img.getBoundingClientRect().width / img.naturalWidth;
    // the charts' smallest text is 8 pt at 120 dpi (13 px): shown at this scale it must stay >= 8.5 px
    if (scale < 0.65) problems.push(`chart text too small: shown at ${(scale * 100).toFixed(0)} % (${(13.3 * scale).toFixed(1)} px)`);
    if (!img.alt || img.alt.length < 20) problems.push('a chart without a text alternative');
  }
  return problems;
}"""

# Every control a person can reach has words on it: a label, its own text, or an aria name.
UNLABELLED_JS = """() => Array.from(document.querySelectorAll(
    '.widget-slider, .widget-dropdown, .widget-textarea, .widget-text, button, .widget-upload, a'))
  .filter(el => el.offsetParent !== null)
  .filter(el => { const label = el.querySelector ? el.querySelector('.widget-label') : null;
                  const words = ((label && label.textContent) || el.textContent || el.getAttribute('aria-label') || '').trim();
                  return words.length < 3; })
  .map(el => el.outerHTML.slice(0, 120))"""


def browser(playwright):
    """Debian's chromium, headless (no browser download)."""
    from ._browser import CHROMIUM_FLAGS, chromium_path
    return playwright.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_FLAGS)


def open_pages(context, url: str, names: list[str], timeout: float = 120_000) -> dict:
    """Open several dashboards at once (their kernels start in parallel); wait until each shows."""
    pages = {}
    for name in names:
        page = context.new_page()
        page.goto(f"{url}voila/render/{name}", wait_until="commit", timeout=timeout)
        pages[name] = page
    for page in pages.values():
        page.locator(READY).first.wait_for(timeout=timeout)
    return pages


def focused_label(page) -> str:
    """Words naming the focused control: its widget label, else its own text."""
    return page.evaluate("""() => { const el = document.activeElement;
        if (!el || el === document.body || el === document.documentElement) return '';
        const box = el.closest('.widget-inline-hbox, .widget-upload, .widget-button, a, button');
        const label = box && box.querySelector('.widget-label');
        return ((label && label.textContent) || (box && box.textContent) || el.textContent || '').trim().slice(0, 60); }""")


def tab_to(page, words: str, limit: int = 120) -> None:
    """Press Tab (keyboard only) until the focused control's label starts with ``words``."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        label = focused_label(page)
        if label.startswith(words):
            return
        seen.append(label)
    raise AssertionError(f"Tab never reached {words!r}; it passed: {seen[:40]}")


def slider_value(page) -> float:
    """The focused slider's value as the page shows it."""
    return float(page.evaluate("() => document.activeElement.getAttribute('aria-valuenow')"))


def move_slider(page, label: str, key: str, presses: int, box, control: str):
    """Tab to the slider labelled ``label``, press ``key`` ``presses`` times (keyboard only), and
    set the library's own what-if ``box`` to where the page's slider ended; return ``box``,
    whose verdict is then what the page must show."""
    tab_to(page, label)
    for _ in range(presses):
        page.keyboard.press(key)
    box.controls[control].value = slider_value(page)
    return box


def verdict_text(box) -> str:
    """A what-if's verdict as the page's reader sees it: tags dropped, spaces collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", box.verdict.value)).replace("&#x27;", "'").strip()


def wait_for_verdict(page, expected: str, timeout: float = 20_000) -> None:
    """Wait until the page's decision line contains exactly ``expected`` (not just any change)."""
    try:
        page.wait_for_function(f"expected => ({VERDICT_JS})().includes(expected)", arg=expected, timeout=timeout)
    except Exception as exc:  # say what the page shows instead
        raise AssertionError(f"waited for {expected!r}; the page shows {page.evaluate(VERDICT_JS)!r}") from exc


def full_screenshot(page, path) -> None:
    page.screenshot(path=str(path), full_page=True)


@contextlib.contextmanager
def served_browser(served: tuple[str, subprocess.Popen]) -> Iterator[tuple[str, subprocess.Popen, object]]:
    """A headless chromium beside a running dashboards server ``served`` (the session's
    ``dashboards_server`` fixture): (base URL, server process, browser)."""
    from playwright.sync_api import sync_playwright

    url, proc = served
    with sync_playwright() as p:
        chromium = browser(p)
        try:
            yield url, proc, chromium
        finally:
            chromium.close()


def check_page(name: str, page, output_dir: Path, keyboard, keyboard_first: bool = False) -> list[str]:
    """Everything a dashboard owes its users, as a list of failures (empty: all good).

    No code or error shown; at 1280 and 390 px nothing past the edge, nothing scrolling
    sideways, no label cut off, labels clear of their controls, charts legible with a text
    alternative; every control labelled; screenshots at 1280 and 390 px in ``output_dir``; ``keyboard(page)`` makes a move with the keyboard only and
    returns the exact sentence the page must then show (``keyboard_first``: before the
    layout checks, for pages whose results appear only after that move).
    """
    from ._browser import page_errors

    failures: list[str] = []
    page.bring_to_front()  # a background tab draws no new widgets (no animation frames)

    def move() -> None:
        try:
            wait_for_verdict(page, keyboard(page))
        except AssertionError as exc:
            failures.append(f"{name} by keyboard: {exc}")

    if keyboard_first:
        move()
    if "from cxlib import" in page.inner_text("body") or page_errors(page):
        failures.append(f"{name} shows code or errors: {page_errors(page)}")
    full_screenshot(page, output_dir / f"dashboard_{name[:-6]}_1280.png")
    failures += [f"{name} at 1280 px: {p}" for p in page.evaluate(LAYOUT_JS)]
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_function("() => document.documentElement.clientWidth === 390")
    failures += [f"{name} at 390 px: {p}" for p in page.evaluate(LAYOUT_JS)]
    failures += [f"{name}: a control without a label: {p}" for p in page.evaluate(UNLABELLED_JS)]
    full_screenshot(page, output_dir / f"dashboard_{name[:-6]}_390.png")
    page.set_viewport_size({"width": 1280, "height": 900})
    if not keyboard_first:
        move()
    return failures
