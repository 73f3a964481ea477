"""Screenshots of the staff dashboards for the course website (``make screenshots``).

Serves ``notebooks/dashboards/`` with Voila on localhost (as ``make dashboards`` does), opens
each page in Debian's chromium at a small laptop's width (960 px) and a phone's (390 px), waits
until the decision line and every chart have drawn, and saves ``screenshots/NN_name.png`` and
``screenshots/NN_name_phone.png`` beside this file. They are committed: the website build
(``make site``) only copies them, so building the site needs no browser and no kernel per
dashboard. ``screenshots/manifest.json`` records what each picture was taken from; the site
build warns when a dashboard changed since.

    python notebooks/site/screenshots.py                 # every dashboard
    python notebooks/site/screenshots.py 01_rater        # some
"""

from __future__ import annotations

import hashlib
import io
import json
import sys
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SHOTS = HERE / "screenshots"
MANIFEST = SHOTS / "manifest.json"
BOARDS = ROOT / "notebooks" / "dashboards"
SIZES = {"": (960, 700), "_phone": (390, 844)}  # a small laptop: legible at page width
READY_JS = """() => document.querySelector('.cx-decision') !== null
    && Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)"""
# the page's drawn area: the far edges of its leaves (text, controls, pictures), not empty margins
BOUNDS_JS = """() => {
  let right = 0, bottom = 0;
  for (const e of document.body.querySelectorAll('*')) {
    if (e.children.length && !['IMG', 'SVG', 'SELECT', 'CANVAS'].includes(e.tagName.toUpperCase())) continue;
    const r = e.getBoundingClientRect();
    if (r.width && r.height) { right = Math.max(right, r.right); bottom = Math.max(bottom, r.bottom); }
  }
  return [Math.ceil(right + window.scrollX), Math.ceil(bottom + window.scrollY)];
}"""


def source_digest(board: Path) -> str:
    """What a dashboard's picture depends on: its notebook and cxlib's widgets and plots."""
    h = hashlib.sha256(board.read_bytes())
    for f in sorted((ROOT / "cxlib").glob("widgets/*.py")) + sorted((ROOT / "cxlib").glob("plots/*.py")):
        h.update(f.read_bytes())
    return h.hexdigest()[:16]


def stale() -> list[str]:
    """Dashboards whose screenshot is missing or older than the dashboard."""
    taken = json.loads(MANIFEST.read_text()) if MANIFEST.exists() else {}
    return [b.stem for b in sorted(BOARDS.glob("[0-9][0-9]_*.ipynb"))
            if taken.get(b.stem, {}).get("digest") != source_digest(b) or not (SHOTS / f"{b.stem}.png").exists()]


def _small_png(png: bytes) -> bytes:
    """A palette PNG (screenshots of flat UI: a quarter of the size, no visible change)."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    out = io.BytesIO()
    image.save(out, format="png", optimize=True)
    return out.getvalue()


def take(names: list[str] | None = None) -> list[Path]:
    sys.path.insert(0, str(ROOT))
    from tests._browser import browser_page
    from tests._dashboards import dashboard_server  # the settings `make dashboards` uses

    (ROOT / "test-output").mkdir(exist_ok=True)  # voila's log goes there
    SHOTS.mkdir(exist_ok=True)
    boards = [b for b in sorted(BOARDS.glob("[0-9][0-9]_*.ipynb")) if not names or b.stem in names]
    manifest = json.loads(MANIFEST.read_text()) if MANIFEST.exists() else {}
    written = []
    with dashboard_server("screenshots") as (url, _), browser_page() as page:
        for board in boards:
            for suffix, (width, height) in SIZES.items():
                page.set_viewport_size({"width": width, "height": height})
                page.goto(f"{url}voila/render/{board.name}", timeout=120_000)
                page.locator(".cx-whatif, .cx-status").first.wait_for(timeout=120_000)
                sample = page.get_by_role("button", name="Use the sample")
                if sample.count():  # a "your own data" page: show it with the sample loaded
                    sample.click()
                    page.locator(".cx-download").wait_for(timeout=120_000)
                page.wait_for_function(READY_JS, timeout=120_000)
                page.wait_for_timeout(500)  # the last layout pass after the widgets draw
                # Voila scrolls inside a container: grow the window to the content to catch it all
                tall = page.evaluate("() => Math.max(...Array.from(document.querySelectorAll('body, body *')).map(e => e.scrollHeight))")
                page.set_viewport_size({"width": width, "height": max(height, tall + 40)})
                page.wait_for_timeout(300)
                target = SHOTS / f"{board.stem}{suffix}.png"
                right, bottom = page.evaluate(BOUNDS_JS)
                clip = {"x": 0, "y": 0, "width": min(width, right + 24), "height": bottom + 24}
                target.write_bytes(_small_png(page.screenshot(full_page=True, clip=clip)))
                written.append(target)
                print("wrote", target.relative_to(ROOT))
            manifest[board.stem] = {"digest": source_digest(board), "taken": date.today().isoformat()}
    MANIFEST.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    return written


if __name__ == "__main__":
    take(sys.argv[1:] or None)
