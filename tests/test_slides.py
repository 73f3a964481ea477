"""Offline slides (`make slides`): every lesson as a reveal.js deck with its outputs, no CDN.

The committed lessons carry the slide tags (`make tidy`); the decks are built from the same
executed copies as the website, with reveal.js and MathJax copied from pinned packages. A real
browser opens one deck from file:// with the network blocked and sees a figure.
"""

from __future__ import annotations

import nbformat
import pytest

from ._browser import browser_page
from ._html import ROOT, broken_links, build, offline, parse, remote_assets

pytestmark = pytest.mark.slow  # conftest.py starts slow files first

SLIDES = ROOT / "slides"
LESSONS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


@pytest.fixture(scope="module")
def decks() -> dict:
    seconds = build("notebooks/slides/build_slides.py")
    print(f"make slides: {seconds:.1f} s")
    return {p.resolve(): parse(p) for p in SLIDES.glob("*.html")}


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_lesson_is_tagged_for_slides(path):
    nb = nbformat.read(path, as_version=4)
    kinds = [c.metadata.get("slideshow", {}).get("slide_type") for c in nb.cells]
    assert None not in kinds, f"{path.name}: untagged cells; run `make tidy`"
    assert kinds.count("slide") >= 3, f"{path.name}: only {kinds.count('slide')} slides"


def test_every_lesson_has_a_deck_with_its_outputs(decks):
    for lesson in LESSONS:
        deck = SLIDES / f"{lesson.stem}.slides.html"
        assert deck.resolve() in decks, f"no deck for {lesson.name}"
        html = deck.read_text(encoding="utf-8")
        slides = sum(c.metadata.get("slideshow", {}).get("slide_type") == "slide" for c in nbformat.read(lesson, as_version=4).cells)
        assert html.count("<section") >= slides, lesson.name
        assert "jp-OutputArea-output" in html, f"{lesson.name}: a deck without outputs"
        assert "widget-view+json" not in html, f"{lesson.name}: a live widget view (blank without a kernel)"
    figures = sum(p.read_text(encoding="utf-8").count('src="data:image/png;base64,') for p in decks)
    assert figures >= 2 * len(LESSONS), f"only {figures} figures in all decks"
    index = parse(SLIDES / "index.html")
    assert {f"{p.stem}.slides.html" for p in LESSONS} <= set(index.links)


def test_decks_load_nothing_from_the_internet(decks):
    remote = {p.name: remote_assets(page) for p, page in decks.items() if remote_assets(page)}
    assert not remote, remote
    problems = broken_links(decks, SLIDES.resolve())
    assert not problems, problems[:10]
    for page in decks.values():
        if page.path.name != "index.html":
            assert "reveal.js/dist/reveal.js" in page.scripts and any("mathjax/tex-chtml.js" in s for s in page.scripts)


@pytest.mark.browser
def test_a_deck_shows_a_figure_offline(decks, output_dir):
    with browser_page() as page:
        fetched = offline(page)
        page.set_viewport_size({"width": 1280, "height": 720})
        page.goto((SLIDES / "03_servqual.slides.html").resolve().as_uri())
        page.wait_for_function("() => window.Reveal && Reveal.isReady()", timeout=15_000)
        # go to the first slide that holds a chart, as a trainer pressing the arrow keys would
        page.evaluate("""() => {
            const img = document.querySelector('.jp-OutputArea-output img');
            const section = img.closest('section');
            const where = Reveal.getIndices(section);
            Reveal.slide(where.h, where.v);
        }""")
        page.wait_for_function("() => document.querySelector('section.present .jp-OutputArea-output img') !== null")
        page.evaluate("() => document.querySelector('section.present .jp-OutputArea-output img').scrollIntoView({block: 'center'})")
        page.wait_for_function("""() => {  // a long slide scrolls: the trainer scrolls down to the chart
            const img = document.querySelector('section.present .jp-OutputArea-output img');
            if (!img || !img.complete || !(img.naturalWidth > 0)) return false;
            const box = img.getBoundingClientRect();
            return box.width > 100 && box.height > 50 && box.top >= 0 && box.bottom <= window.innerHeight;
        }""", timeout=15_000)
        page.wait_for_function("() => document.querySelectorAll('mjx-container').length > 0", timeout=15_000)
        page.screenshot(path=str(output_dir / "slides_03_figure.png"))
    assert not fetched, f"the deck tried the network: {fetched[:5]}"
