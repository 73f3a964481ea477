"""The course website (`make site`): every lesson with its outputs, offline, linked, searchable.

The site is built once per run (from the executed lessons in build/executed/, shared with the
other tests), then checked as files (every page, every link) and in Debian's chromium from
file:// with the network blocked (three pages: a lesson, the glossary, the search).
"""

from __future__ import annotations

import csv
import importlib.util
import json
import re
from pathlib import Path

import nbformat
import pytest

from ._browser import browser_page
from ._html import ROOT, broken_links, build, offline, parse, remote_assets

pytestmark = pytest.mark.slow  # conftest.py starts slow files first

SITE = ROOT / "site"
LESSONS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
EXERCISES = sorted((ROOT / "exercises").glob("[0-9][0-9]_*.ipynb"))
DASHBOARDS = sorted((ROOT / "notebooks" / "dashboards").glob("[0-9][0-9]_*.ipynb"))
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def _module(path: str, name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def pages() -> dict:
    seconds = build("notebooks/site/build_site.py")
    print(f"make site: {seconds:.1f} s")
    return {p.resolve(): parse(p) for p in SITE.rglob("*.html") if "_static" not in p.relative_to(SITE).parts}


def _page(pages: dict, rel: str):
    path = (SITE / rel).resolve()
    assert path in pages, f"no page {rel}"
    return pages[path]


def _download(page, name: str) -> bytes:
    """The bytes behind the page's download link to ``name``."""
    links = [u for u in page.links if "_downloads/" in u and u.endswith("/" + name)]
    assert links, f"{page.path.name}: no download link to {name}"
    return (page.path.parent / links[0]).resolve().read_bytes()


def test_every_lesson_is_a_page_with_its_figures_and_static_what_ifs(pages):
    execute = _module("notebooks/execute.py", "cx_execute")
    for lesson in LESSONS:
        page = _page(pages, f"notebooks/{lesson.stem}.html")
        outputs = [o for c in execute.executed(lesson).cells for o in c.get("outputs", [])]
        figures = sum("image/png" in o.get("data", {}) for o in outputs)
        shown = [u for u in page.images if "_images/" in u]
        assert len(shown) >= figures, f"{lesson.name}: {figures} figures after Run all, {len(shown)} on the page"
        raw = page.path.read_text(encoding="utf-8")
        assert "widget-view+json" not in raw and "widget-state+json" not in raw, f"{lesson.name}: a live widget view"
        what_ifs = [o["data"].get("text/html", "") for o in outputs if WIDGET_VIEW in o.get("data", {})]
        if what_ifs:
            assert "sliders and menus work in JupyterLab" in page.text, f"{lesson.name}: no static what-if"
        if any("<img" in h for h in what_ifs):
            assert any(u.startswith("data:image/png;base64,") for u in page.images), f"{lesson.name}: what-if without its picture"
        assert "Traceback" not in page.text, f"{lesson.name}: an error output"


def test_lesson_pages_say_how_to_run_them_and_link_their_exercise(pages):
    for lesson in LESSONS:
        page = _page(pages, f"notebooks/{lesson.stem}.html")
        assert "make lab" in page.text and "Binder" in page.text, lesson.name
        assert _download(page, lesson.name) == lesson.read_bytes(), f"{lesson.name}: the download is not the lesson"
        if (ROOT / "exercises" / lesson.name).exists():
            assert f"../exercises/{lesson.stem}.html" in page.links, f"{lesson.name}: no link to its exercise"


def test_exercises_are_blank_sheets_with_a_download(pages):
    assert EXERCISES
    for exercise in EXERCISES:
        page = _page(pages, f"exercises/{exercise.stem}.html")
        assert _download(page, exercise.name) == exercise.read_bytes(), exercise.name
        assert "..." in page.text, f"{exercise.name}: not a blank sheet"


def _solution_only_lines() -> set[str]:
    """Lines that appear in a solution block and nowhere in the lessons or exercises."""
    public = " ".join(" ".join(c.source.split()) for p in LESSONS + EXERCISES for c in nbformat.read(p, as_version=4).cells)
    found = set()
    for path in sorted((ROOT / "solutions").glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            for block in re.findall(r"BEGIN SOLUTION[^\n]*\n(.*?)\n[^\n]*END SOLUTION", cell.source, re.S):
                for line in block.splitlines():
                    line = " ".join(line.strip().lstrip("#>").split())
                    if len(line) >= 25 and line not in public:
                        found.add(line)
    return found


def test_no_solution_appears_anywhere_on_the_site(pages):
    secrets = _solution_only_lines()
    assert len(secrets) >= 5, "the test found too few solution lines to mean anything"
    leaks = [(p.name, s) for p, page in pages.items() for s in secrets if s in page.text]
    downloads = " ".join(" ".join(p.read_text(encoding="utf-8").split()) for p in SITE.rglob("*.ipynb"))
    leaks += [("download", s) for s in secrets if s in downloads]
    assert not leaks, leaks[:5]
    assert not list(SITE.rglob("solutions*")), "a solutions file is published"


def test_no_script_or_stylesheet_from_the_internet(pages):
    assert len(pages) >= len(LESSONS) + len(EXERCISES) + len(DASHBOARDS) + 3
    remote = {p.relative_to(SITE).as_posix(): remote_assets(page) for p, page in pages.items() if remote_assets(page)}
    assert not remote, remote
    mathjax = [s for page in pages.values() for s in page.scripts if "mathjax" in s.lower()]
    assert mathjax and all("_static/mathjax/" in s for s in mathjax), set(mathjax)


def test_no_broken_internal_link_or_anchor(pages):
    problems = broken_links(pages, SITE.resolve())
    assert not problems, problems[:20]


def test_glossary_is_one_bilingual_page_of_every_term(pages):
    with open(ROOT / "data" / "glossary.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    page = _page(pages, "glossary.html")
    text = page.text.replace("\u2019", "'")  # docutils' typographic apostrophe
    missing = [r["english"] for r in rows if r["english"].strip() not in text or r["chinese"].strip() not in text]
    assert not missing, missing
    assert page.path.read_text(encoding="utf-8").count("<tr") == len(rows) + 1  # one row per term, one header


def test_every_dashboard_has_a_page_with_its_screenshot_and_how_to_run_it(pages):
    assert DASHBOARDS
    for board in DASHBOARDS:
        page = _page(pages, f"dashboards/{board.stem}.html")
        shots = [u for u in page.images if u.endswith(".png")]
        assert len(shots) >= 2, f"{board.name}: screenshots missing (run `make screenshots`)"
        assert all((page.path.parent / u).resolve().read_bytes()[:4] == b"\x89PNG" for u in shots)
        assert "make dashboards" in page.text and f"voila/render/{board.name}" in page.text, board.name


def test_screenshots_cover_every_dashboard():
    shots = ROOT / "notebooks" / "site" / "screenshots"
    missing = [f"{b.stem}{s}.png" for b in DASHBOARDS for s in ("", "_phone") if not (shots / f"{b.stem}{s}.png").exists()]
    assert not missing, f"run `make screenshots`: {missing}"
    taken = json.loads((shots / "manifest.json").read_text())
    assert set(taken) >= {b.stem for b in DASHBOARDS}


def test_search_index_holds_english_and_chinese_terms(pages):
    text = (SITE / "searchindex.js").read_text(encoding="utf-8")
    terms = json.loads(text[text.index("(") + 1: text.rindex(")")])["terms"]
    with open(ROOT / "data" / "glossary.csv", encoding="utf-8", newline="") as f:
        chinese = [r["chinese"].strip() for r in csv.DictReader(f) if re.fullmatch(r"[\u4e00-\u9fff]+", r["chinese"].strip())]
    assert len(chinese) >= 10
    missing = [t for t in ["servqual", "可靠性", *chinese] if t not in terms]
    assert not missing, f"not in the search index: {missing}"


@pytest.mark.browser
def test_site_offline_in_a_browser_figures_phone_glossary_and_search(pages, output_dir):
    with open(ROOT / "data" / "glossary.csv", encoding="utf-8", newline="") as f:
        reliability_rows = sum("可靠性" in " ".join(r.values()) for r in csv.DictReader(f))
    base = SITE.resolve().as_uri()
    with browser_page() as page:
        fetched = offline(page)
        page.set_viewport_size({"width": 1280, "height": 900})

        # 1. a learner reading lesson 03 from a USB stick: every figure and formula drawn
        lesson = "notebooks/03_servqual.html"
        page.goto(f"{base}/{lesson}")
        page.wait_for_function("() => Array.from(document.images).every(i => i.complete)")
        broken = page.evaluate("() => Array.from(document.images).filter(i => !(i.naturalWidth > 0)).map(i => i.src.slice(0, 80))")
        assert not broken, broken
        assert page.evaluate("() => document.images.length") >= 5
        page.wait_for_function("() => document.querySelectorAll('mjx-container').length > 0", timeout=15_000)
        page.screenshot(path=str(output_dir / "site_lesson03.png"))
        page.set_viewport_size({"width": 390, "height": 844})  # a phone: nothing wider than the screen
        longest = max(DASHBOARDS, key=lambda b: len(b.name))  # the longest file name to wrap
        for rel in (lesson, f"dashboards/{longest.stem}.html", "glossary.html"):
            page.goto(f"{base}/{rel}")
            page.wait_for_function("() => Array.from(document.images).every(i => i.complete)")
            overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
            page.screenshot(path=str(output_dir / f"site_phone_{Path(rel).stem}.png"))
            assert overflow <= 1, f"{rel} is {overflow} px wider than a phone's screen"
        page.set_viewport_size({"width": 1280, "height": 900})

        # 2. the glossary's filter box
        page.goto(f"{base}/glossary.html")
        page.fill("#cx-glossary-filter", "可靠性")
        page.wait_for_function(
            "n => document.querySelectorAll('table.cx-glossary tbody tr:not(.cx-hidden)').length === n",
            arg=reliability_rows, timeout=5_000)
        assert reliability_rows >= 1

        # 3. the search, from file://: English and Chinese
        for term, expected in (("SERVQUAL", "notebooks/03_servqual.html"), ("可靠性", "glossary.html")):
            page.goto(f"{base}/search.html?q={term}")
            summary = page.locator("#search-results .search-summary")
            summary.wait_for(timeout=15_000)
            page.wait_for_function("() => /found \\d+ page/.test(document.querySelector('#search-results .search-summary').innerText)",
                                   timeout=15_000)
            hrefs = page.eval_on_selector_all("#search-results ul.search li a", "els => els.map(e => e.href)")
            assert any(h.split("?")[0].endswith(expected) for h in hrefs), (term, summary.inner_text(), hrefs[:8])
        page.screenshot(path=str(output_dir / "site_search.png"))
    assert not fetched, f"the site tried the network: {fetched[:5]}"


def test_the_page_checks_catch_what_they_look_for(tmp_path):
    (tmp_path / "a.html").write_text(
        '<html><head><script src="https://cdn.example.org/x.js"></script>'
        '<link rel="stylesheet" href="//fonts.example.org/f.css"><style>@import url("http://x.org/y.css");</style>'
        '</head><body><h1 id="top">A</h1><a href="b.html#nowhere">b</a><a href="#top">top</a>'
        '<a href="missing.html">m</a><img src="gone.png"><a href="https://example.org/">ok</a></body></html>')
    (tmp_path / "b.html").write_text('<html><body><p id="here">B</p></body></html>')
    pages = {p.resolve(): parse(p) for p in tmp_path.glob("*.html")}
    a = pages[(tmp_path / "a.html").resolve()]
    assert sorted(remote_assets(a)) == ["//fonts.example.org/f.css", "http://x.org/y.css", "https://cdn.example.org/x.js"]
    problems = broken_links(pages, tmp_path.resolve())
    assert len(problems) == 3 and any("#nowhere" in p for p in problems), problems
