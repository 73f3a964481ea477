"""Offline reveal.js slides of every lesson, with outputs (``make slides``).

    python notebooks/slides/build_slides.py      # -> slides/NN_name.slides.html, slides/index.html

Each lesson is executed once (``notebooks/execute.py``: the same cached copies the website
uses), its widgets replaced by their static picture, and exported with nbconvert's slides
exporter through the ``cx_reveal`` template beside this file: the cells' slide tags
(``make tidy``) make the slides, and reveal.js and MathJax come from pinned PyPI packages
(``requirements-site.txt``), copied into ``slides/``. Nothing loads from the internet:
the folder opens from a USB stick. Arrow keys move, ``F`` goes full screen, ``S`` opens the
speaker view. A deck is re-exported only when its lesson, cxlib, the data or this template
changed.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
OUT = ROOT / "slides"
sys.path.insert(0, str(ROOT / "notebooks"))
sys.path.insert(0, str(ROOT / "notebooks" / "site"))
from build_site import MATHJAX_PARTS, fix_links, mathjax_dir, vendor  # noqa: E402
from execute import LESSONS, execute_all, static_copy  # noqa: E402

DECKS = {f"notebooks/{p.name}": f"{p.stem}.slides.html" for p in LESSONS}  # repository path -> deck

REVEAL_PARTS = ("dist/reveal.js", "dist/reveal.css", "dist/reset.css", "dist/theme", "plugin/notes/notes.js", "LICENSE")


def reveal_dir() -> Path:
    """reveal.js 5.2.0's release files, from the pinned sphinx-revealjs package."""
    import sphinx_revealjs

    return Path(sphinx_revealjs.__file__).parent / "_static" / "revealjs"


def template_digest() -> str:
    """The digest of how a deck is made: this folder (builder, template, CSS), the link fixer
    and static_copy."""
    h = hashlib.sha256()
    for f in sorted(HERE.rglob("*")) + [ROOT / "notebooks" / "site" / "build_site.py", ROOT / "notebooks" / "execute.py"]:
        if f.is_file() and f.suffix in {".j2", ".json", ".css", ".py"}:
            h.update(f.read_bytes())
    return h.hexdigest()[:16]


_EXPORTER = None  # one per process: building it compiles the templates (the slow part)


def export(lesson: Path, executed: Path, target: Path) -> Path:
    """One deck: ``lesson`` (run, in ``executed``) as reveal.js slides in ``target``."""
    global _EXPORTER
    import nbformat
    from nbconvert import SlidesExporter

    if _EXPORTER is None:
        _EXPORTER = SlidesExporter(
            extra_template_basedirs=[str(HERE)], template_name="cx_reveal",
            reveal_url_prefix="reveal.js", reveal_theme="white", reveal_transition="none",
        )
    nb = static_copy(nbformat.read(executed, as_version=4))
    assets: dict[str, bytes] = {}
    for cell in nb.cells:  # links to other lessons open their decks; other course files are named
        if cell.cell_type == "markdown":
            cell.source = fix_links(cell.source, f"notebooks/{lesson.name}", target.name, DECKS, assets, assets)
    for name, data in assets.items():  # pictures the lesson's Markdown shows
        (OUT / name).parent.mkdir(parents=True, exist_ok=True)
        (OUT / name).write_bytes(data)
    body, _ = _EXPORTER.from_notebook_node(nb, resources={"cx_assets": "."})
    target.write_text(body, encoding="utf-8")
    return target


def index_page(decks: list[tuple[Path, Path]]) -> str:
    import nbformat

    items = []
    for lesson, deck in decks:
        title = lesson.stem
        for cell in nbformat.read(lesson, as_version=4).cells:
            heading = next((l[2:] for l in cell.source.splitlines() if l.startswith("# ")), None)
            if cell.cell_type == "markdown" and heading:
                title = heading
                break
        items.append(f'<li><a href="{deck.name}">{html.escape(title)}</a></li>')
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>Customer-service quality tools: slides</title>"
        "<style>body{font-family:system-ui,sans-serif;max-width:46em;margin:2em auto;padding:0 1em;line-height:1.5}"
        "li{margin:.4em 0}</style></head><body><h1>Customer-service quality tools: slides</h1>"
        "<p>One deck per lesson, with every table and chart. Arrow keys move; <kbd>F</kbd> full screen; "
        "<kbd>S</kbd> speaker view; <kbd>Esc</kbd> overview. Works without internet.</p>"
        f"<ol start=\"0\">{''.join(items)}</ol></body></html>\n"
    )


def build(jobs: int = 2) -> float:
    start = time.perf_counter()
    executed = execute_all(LESSONS, jobs)
    OUT.mkdir(exist_ok=True)
    vendor(reveal_dir(), REVEAL_PARTS, OUT / "reveal.js")
    vendor(mathjax_dir(), MATHJAX_PARTS, OUT / "mathjax")
    shutil.copy2(HERE / "cx-slides.css", OUT / "cx-slides.css")
    stamps_file = OUT / ".stamps.json"
    stamps = json.loads(stamps_file.read_text()) if stamps_file.exists() else {}
    template = template_digest()
    decks, todo = [], []
    for lesson, done in zip(LESSONS, executed):
        deck = OUT / f"{lesson.stem}.slides.html"
        decks.append((lesson, deck))
        key = f"{done.name} {template}"  # the cache name carries the lesson's and cxlib's digest
        if stamps.get(deck.name) != key or not deck.exists():
            todo.append((lesson, done, deck, key))
    if todo:
        with ProcessPoolExecutor(max_workers=max(1, min(jobs, len(todo)))) as pool:
            list(pool.map(export, *zip(*[(lesson, done, deck) for lesson, done, deck, _ in todo])))
        stamps.update({deck.name: key for _, _, deck, key in todo})
        stamps_file.write_text(json.dumps(stamps, indent=1, sort_keys=True))
    (OUT / "index.html").write_text(index_page(decks), encoding="utf-8")
    total = time.perf_counter() - start
    print(f"slides/ built in {total:.1f} s ({len(todo)} of {len(decks)} decks exported). Open {OUT / 'index.html'}")
    return total


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    build(parser.parse_args().jobs)
