"""Build the course website into ``site/``: every lesson as after "Run all", offline.

    python notebooks/site/build_site.py      # or: make site

1. Executes every lesson once (``notebooks/execute.py``: cached in ``build/executed/``).
2. Writes the pages into ``build/site-src/``: the executed lessons (widget views replaced by
   their static picture, a "run it yourself" box under the title), the blank exercise sheets
   with a download link (never the solutions), the trainer guide, the glossary (from
   ``data/glossary.csv``), one page per staff dashboard (screenshots from ``make screenshots``)
   and the home page. A file is rewritten only when its text changes, so Sphinx rebuilds only
   the pages that changed.
3. Runs Sphinx (MyST-NB, sphinx-book-theme; ``conf.py`` beside this file) into ``site/``.

Open ``site/index.html`` in any browser: no server, no internet. Links in the lessons that
point at course files the site does not publish become plain text naming the file.
"""

from __future__ import annotations

import csv
import hashlib
import html
import json
import os
import posixpath
import re
import shutil
import sys
import time
from pathlib import Path
from urllib.parse import unquote

# nbformat's validator imports jsonschema, whose optional IRI check imports rfc3987_syntax: a
# grammar compiled for most of a second on import. Notebook schemas never use that check.
sys.modules.setdefault("rfc3987_syntax", None)

import nbformat  # noqa: E402

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT / "notebooks"))
sys.path.insert(0, str(HERE))
from execute import LESSONS, execute_all, static_copy  # noqa: E402
from tidy import NAV  # noqa: E402

SRC = ROOT / "build" / "site-src"
DOCTREES = ROOT / "build" / "site-doctrees"
VENDOR = ROOT / "build" / "site-vendor"
EXTRA = ROOT / "build" / "site-extra"  # pages the lessons wrote (reports), copied as they are
HTML = ROOT / "build" / "site-html"  # Sphinx's own output (MyST-NB keeps images beside it)
OUT = ROOT / "site"  # what ships: a mirror of HTML
SCREENSHOTS = HERE / "screenshots"
DASHBOARDS = sorted((ROOT / "notebooks" / "dashboards").glob("[0-9][0-9]_*.ipynb"))
LINK = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\]]*\])*)\]\(\s*<?([^)\s>]+)>?(\s+\"[^\"]*\")?\s*\)")
EXTERNAL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


# ---------------------------------------------------------------- what goes where
def exercise_for(lesson: Path) -> Path | None:
    path = ROOT / "exercises" / lesson.name
    return path if path.exists() else None


def page_map() -> dict[str, str]:
    """Repository path -> site source path, for every course file that has a page."""
    pages = {"README.md": "index.md", "data/glossary.csv": "glossary.md",
             "notebooks/trainer_guide.md": "notebooks/trainer_guide.md",
             "notebooks/dashboards": "dashboards/index.md"}
    for lesson in LESSONS:
        pages[f"notebooks/{lesson.name}"] = f"notebooks/{lesson.name}"
        if exercise_for(lesson):
            pages[f"exercises/{lesson.name}"] = f"exercises/{lesson.name}"
    for board in DASHBOARDS:
        pages[f"notebooks/dashboards/{board.name}"] = f"dashboards/{board.stem}.md"
    return pages


def fix_links(text: str, repo_page: str, site_page: str, pages: dict[str, str], assets: dict[str, bytes],
              extras: dict[str, bytes] | None = None) -> str:
    """Point Markdown links at the published pages (``pages``: repository path -> published
    path); links to unpublished files become text naming the file; an image from the
    repository goes into ``assets`` (published path -> bytes) for the caller to write. A page
    a lesson wrote (an HTML report, a PDF) is published as it is, beside the lesson, through
    ``extras`` (published path -> bytes), when the caller gives one."""
    def sub(m: re.Match) -> str:
        bang, label, target, title = m.group(1), m.group(2), m.group(3), m.group(4) or ""
        if EXTERNAL.match(target) or target.startswith("#"):
            return m.group(0)
        path, _, anchor = target.partition("#")
        repo_target = posixpath.normpath(posixpath.join(posixpath.dirname(repo_page), unquote(path)))
        site_target = pages.get(repo_target.rstrip("/"))
        if bang:  # an image from the repository: ship a copy beside the page
            if (ROOT / repo_target).is_file():
                copy = posixpath.join("img", repo_target.replace("/", "_"))
                assets[copy] = (ROOT / repo_target).read_bytes()
                return f"{bang}[{label}]({_rel(copy, site_page)}{title})"
            return label
        if site_target:
            return f"[{label}]({_rel(site_target, site_page)}{'#' + anchor if anchor else ''}{title})"
        if repo_target.startswith("solutions"):
            return label  # solutions never appear on the site
        published = posixpath.normpath(posixpath.join(posixpath.dirname(site_page), path))
        if extras is not None and (ROOT / repo_target).is_file() and path.endswith((".html", ".pdf")) \
                and not published.startswith(".."):
            extras[published] = (ROOT / repo_target).read_bytes()
            return f'<a href="{html.escape(path)}">{html.escape(label.strip("*_`"))}</a>'
        return f"{label} (`{repo_target}` in the course folder)"
    return LINK.sub(sub, text)


def _rel(target: str, from_page: str) -> str:
    return posixpath.relpath(target, posixpath.dirname(from_page) or ".")


def _title(nb: nbformat.NotebookNode) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return ""


def _insert_after_title(nb: nbformat.NotebookNode, text: str) -> None:
    """Put ``text`` right under the page's ``#`` heading (or first, if it has none)."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            lines = cell.source.splitlines()
            for k, line in enumerate(lines):
                if line.startswith("# "):
                    cell.source = "\n".join(lines[: k + 1] + ["", text, ""] + lines[k + 1:])
                    return
    nb.cells.insert(0, nbformat.v4.new_markdown_cell(text))


def repository_url() -> str:
    """The public repository (for Binder links): $CX_REPOSITORY_URL, else none."""
    return os.environ.get("CX_REPOSITORY_URL", "").rstrip("/")


def binder_line(repo_path: str) -> str:
    """How to open ``repo_path`` on Binder: a launch link once the repository is known."""
    m = re.match(r"https://github\.com/([^/]+/[^/]+?)(\.git)?$", repository_url())
    if m:
        url = f"https://mybinder.org/v2/gh/{m.group(1)}/main?urlpath=lab/tree/{repo_path}"
        return f"no install: [open it on Binder]({url}) (needs internet)"
    return "no install: open the course's repository on [Binder](https://mybinder.org) (needs internet)"


# ---------------------------------------------------------------- the pages
def lesson_page(lesson: Path, executed: Path, pages: dict[str, str], assets: dict[str, bytes],
                extras: dict[str, bytes]) -> str:
    nb = static_copy(nbformat.read(executed, as_version=4))
    nb.cells = [c for c in nb.cells if not c.source.lstrip().startswith(NAV)]  # the theme has prev/next
    site_page, repo_page = f"notebooks/{lesson.name}", f"notebooks/{lesson.name}"
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = fix_links(cell.source, repo_page, site_page, pages, assets, extras)
    exercise = exercise_for(lesson)
    practise = (f" **Practise:** [exercises for lesson {lesson.name[:2]}](../exercises/{lesson.name}), "
                "a blank sheet whose checks say what is right or wrong." if exercise else "")
    lines = [
        ":::{admonition} Run this lesson yourself",
        ":class: tip cx-run",
        "This page shows the lesson after *Run all*. To change the numbers and move the sliders, run "
        f"`make lab` in the course folder and open `{repo_page}`; {binder_line(repo_page)}; or "
        f"{{download}}`download the notebook <../downloads/notebooks/{lesson.name}>` (no outputs)."
        + practise,
        ":::",
    ]
    if exercise:
        lines += ["", "```{toctree}", ":hidden:", "", f"../exercises/{lesson.name}", "```"]
    _insert_after_title(nb, "\n".join(lines))
    return nbformat.writes(nb)


def exercise_page(exercise: Path, pages: dict[str, str], assets: dict[str, bytes]) -> str:
    nb = nbformat.read(exercise, as_version=4)
    site_page = repo_page = f"exercises/{exercise.name}"
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = fix_links(cell.source, repo_page, site_page, pages, assets)
        else:
            cell.outputs, cell.execution_count = [], None
    _insert_after_title(nb, "\n".join([
        ":::{admonition} A blank exercise sheet",
        ":class: note cx-exercise",
        f"{{download}}`Download {exercise.name} <../downloads/exercises/{exercise.name}>`, save it in the "
        "course's `exercises/` folder and open it with `make lab`. Fill each `...`, run the cell, and "
        "the check under it says what is right or wrong. The answers are not on this site: try first, "
        "then ask your trainer or open `solutions/` in the course folder.",
        ":::",
    ]))
    return nbformat.writes(nb)


def trainer_page(pages: dict[str, str], assets: dict[str, bytes]) -> str:
    page = "notebooks/trainer_guide.md"
    return fix_links((ROOT / page).read_text(encoding="utf-8"), page, page, pages, assets)


def glossary_page() -> str:
    with open(ROOT / "data" / "glossary.csv", encoding="utf-8", newline="") as f:
        rows = sorted(csv.DictReader(f), key=lambda r: r["english"].strip().lower())
    lessons = {p.name[:2]: p.name for p in LESSONS}

    def cell(text: str) -> str:
        return text.strip().replace("\n", " ")

    out = [
        "# Glossary · 术语表", "",
        "Every key term of the course in English and Chinese (中文), with its definition and the lesson "
        "that teaches it. Type in the box to filter the table, or use the site's search.", "",
        "```{raw} html",
        '<p class="cx-filter"><label for="cx-glossary-filter">Filter the glossary: </label>'
        '<input id="cx-glossary-filter" type="search" placeholder="e.g. reliability or 可靠性" '
        'autocomplete="off"> <span id="cx-glossary-count" aria-live="polite"></span></p>',
        "```", "",
        "```{list-table}", ":header-rows: 1", ":class: cx-glossary", ":widths: 22 14 52 12", "",
        "* - English", "  - 中文", "  - Definition", "  - Lesson",
    ]
    for r in rows:
        lesson = r["lesson"].strip()
        link = f"[{lesson}](notebooks/{lessons[lesson]})" if lesson in lessons else lesson
        out += [f"* - {cell(r['english'])}", f"  - {cell(r['chinese'])}", f"  - {cell(r['definition'])}", f"  - {link}"]
    return "\n".join(out + ["```", ""])


def _lesson_using(board: Path) -> Path | None:
    """The lesson whose code builds the same what-if as the dashboard (``widgets.name(``)."""
    calls = set(re.findall(r"widgets\.(\w+)\(", board.read_text(encoding="utf-8")))
    for lesson in LESSONS:
        if lesson.name[:2] != "00" and calls & set(re.findall(r"widgets\.(\w+)\(", lesson.read_text(encoding="utf-8"))):
            return lesson
    return None


def dashboard_page(board: Path, pages: dict[str, str], assets: dict[str, bytes]) -> str:
    nb = nbformat.read(board, as_version=4)
    text = "\n\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    text = fix_links(text, f"notebooks/dashboards/{board.name}", f"dashboards/{board.stem}.md", pages, assets)
    if not text.lstrip().startswith("# "):
        text = f"# {board.stem[3:].replace('_', ' ').capitalize()}\n\n{text}"
    shots = []
    for kind, caption in (("", "on a laptop"), ("_phone", "on a phone")):
        png = SCREENSHOTS / f"{board.stem}{kind}.png"
        if png.exists():
            assets[f"dashboards/img/{png.name}"] = png.read_bytes()
            shots.append(f"```{{figure}} img/{png.name}\n:alt: screenshot of the dashboard {caption}\n"
                         f":figclass: cx-shot{kind.replace('_', '-')}\n:width: {'320px' if kind else '100%'}\n\n"
                         f"The page {caption}, at its starting values (click to enlarge).\n```")
    shots = ["::::{container} cx-shots", *shots, "::::"] if shots else ["*No screenshot yet: run `make screenshots`.*"]
    lesson = _lesson_using(board)
    explain = f" [Lesson {lesson.name[:2]}](../notebooks/{lesson.name}) explains the tool behind it." if lesson else ""
    how = "\n".join([
        "## How to run it", "",
        "No code needed, but it needs the course installed on a computer (Python and `make`):", "",
        "1. In the course folder, run `make dashboards` (it keeps running; stop it with Ctrl-C).",
        f"2. Open <http://localhost:8866/voila/render/{board.name}> in a browser on the same computer, "
        "or <http://localhost:8866/> for the list of all dashboards.",
        "3. Drag the sliders: the decision line and the chart follow at once.", "",
        f"In JupyterLab (`make lab`) you can also open `notebooks/dashboards/{board.name}` and run it.{explain}",
    ])
    return "\n\n".join([text.strip(), "\n".join(shots), how, ""])


def dashboards_index() -> str:
    out = ["# Staff dashboards", "",
           "What-if pages for staff who do not write code: sliders in, a decision out. They run on any "
           "computer with the course installed (`make dashboards`, then a browser on the same computer). "
           "Each page below shows a screenshot, on a laptop and on a phone, and how to start it.", "",
           "```{toctree}", ":hidden:", ""]
    out += [f"{b.stem}" for b in DASHBOARDS] + ["```", "", "::::{container} cx-gallery"]
    for board in DASHBOARDS:
        png = SCREENSHOTS / f"{board.stem}.png"
        title = _title(nbformat.read(board, as_version=4)) or board.stem
        if png.exists():
            out += [f":::{{figure}} img/{png.name}", f":target: {board.stem}.html", f":alt: {title}", "",
                    f"[{title}]({board.stem}.md)", ":::"]
        else:
            out += [f"[{title}]({board.stem}.md)", ""]
    return "\n".join(out + ["::::", ""])


def index_page(pages: dict[str, str]) -> str:
    lessons = [f"notebooks/{p.name}" for p in LESSONS]
    return "\n".join([
        "# Customer-service quality tools", "",
        "An open course and workbook on the tools service managers use to measure and improve quality: "
        "the satisfaction triangle formula, the RATER index, SERVQUAL, the 5GAP gap model, the complaint "
        "iceberg and pyramid, complaint-handling methods, measuring satisfaction, and a capstone case. "
        "Every lesson opens the box by hand in a few lines of pandas, then lets the small helper "
        "library `cxlib` do the repetitive work.", "",
        "This website shows every lesson **as it looks after Run all**, with its tables and charts, so you "
        "can read the course without installing anything. It works offline too: copy the `site/` folder "
        "to a laptop or USB stick and open `index.html`.", "",
        "| you are | start with |", "|---|---|",
        f"| **student** working alone | [00 Start here]({lessons[0]}), then lessons 01 to 08, each followed by its exercises |",
        "| **trainer** running a workshop | the [trainer's guide](notebooks/trainer_guide.md): agendas, timings, prompts, role-play cards |",
        "| **staff** trying what-ifs | the [staff dashboards](dashboards/index.md): sliders in, a decision out, no code |",
        "| everyone | the bilingual [glossary](glossary.md) (English · 中文) |", "",
        "To run the lessons for real, get the course folder and type `make lab` (Python 3.11+ and `make`; "
        "the README explains).", "",
        "```{toctree}", ":caption: Lessons", ":maxdepth: 1", "", *lessons, "```", "",
        "```{toctree}", ":caption: For trainers", ":maxdepth: 1", "", "notebooks/trainer_guide", "```", "",
        "```{toctree}", ":caption: For staff", ":maxdepth: 1", "", "dashboards/index", "```", "",
        "```{toctree}", ":caption: Reference", ":maxdepth: 1", "", "glossary", "```", "",
    ])


# ---------------------------------------------------------------- writing and building
def _write(path: Path, data: str | bytes) -> bool:
    """Write only if the content changed (Sphinx rebuilds by modification time)."""
    data = data.encode("utf-8") if isinstance(data, str) else data
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def _mirror(source: Path, target: Path) -> None:
    """Make ``target`` a copy of ``source``, copying only files that changed."""
    wanted = set()
    for src in source.rglob("*"):
        if src.is_dir() or src.name in {".buildinfo", ".buildinfo.bak"}:
            continue
        rel = src.relative_to(source)
        wanted.add(rel)
        dst = target / rel
        st = src.stat()
        if not dst.exists() or dst.stat().st_size != st.st_size or dst.stat().st_mtime != st.st_mtime:
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst)
    for dst in sorted(target.rglob("*"), reverse=True):
        if ".git" in dst.relative_to(target).parts[:1]:
            continue  # a publishing checkout (README: GitHub Pages) stays
        if dst.is_file() and dst.relative_to(target) not in wanted:
            dst.unlink()
        elif dst.is_dir() and not any(dst.iterdir()):
            dst.rmdir()


MATHJAX_PARTS = ("tex-chtml.js", "input/tex/extensions", "output/chtml/fonts/woff-v2", "ui", "../LICENSE")


def mathjax_dir() -> Path:
    """MathJax 3.2.2's release files (``es5/``), from the pinned django-static-mathjax package.
    Only the TeX-to-HTML component, its fonts, extensions and menu ship: no ``a11y/`` (its
    speech engine fetches maps from a CDN) and none of the other bundles."""
    import mathjax

    return Path(mathjax.__file__).parent / "static" / "mathjax" / "es5"


def vendor(source: Path, parts: tuple[str, ...], target: Path) -> None:
    """Copy ``parts`` of a package's release files from ``source`` into ``target`` (once)."""
    stamp, origin = target / ".source", f"{source} {parts}"
    if stamp.exists() and stamp.read_text() == origin:
        return
    shutil.rmtree(target, ignore_errors=True)
    for part in parts:
        src, dst = source / part, target / Path(part).name if part.startswith("..") else target / part
        if src.is_dir():
            shutil.copytree(src, dst)
        else:
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst)
    stamp.write_text(origin)


def generate(executed: list[Path], extras: dict[str, bytes]) -> dict[str, str | bytes]:
    """Every file of the site's source tree, by path: pages, downloads, pictures. Pages the
    lessons wrote (published as they are, not through Sphinx) go into ``extras``."""
    pages = page_map()
    assets: dict[str, bytes] = {}
    files: dict[str, str | bytes] = {
        "index.md": index_page(pages),
        "glossary.md": glossary_page(),
        "notebooks/trainer_guide.md": trainer_page(pages, assets),
        "dashboards/index.md": dashboards_index(),
    }
    for lesson, done in zip(LESSONS, executed):
        files[f"notebooks/{lesson.name}"] = lesson_page(lesson, done, pages, assets, extras)
        files[f"downloads/notebooks/{lesson.name}"] = lesson.read_bytes()
        exercise = exercise_for(lesson)
        if exercise:
            files[f"exercises/{lesson.name}"] = exercise_page(exercise, pages, assets)
            files[f"downloads/exercises/{lesson.name}"] = exercise.read_bytes()
    for board in DASHBOARDS:
        files[f"dashboards/{board.stem}.md"] = dashboard_page(board, pages, assets)
    return {**assets, **files}


def build(jobs: int = 2, quiet: bool = True) -> float:
    """Execute (cached), generate and build; returns the seconds it took."""
    start = time.perf_counter()
    executed = execute_all(LESSONS, jobs)
    t_exec = time.perf_counter() - start
    vendor(mathjax_dir(), MATHJAX_PARTS, VENDOR / "mathjax")
    extras: dict[str, bytes] = {}
    files = generate(executed, extras)
    manifest = SRC / ".pages.json"
    state = {"files": sorted(files), "extras": sorted(extras),
             "config": hashlib.sha256((HERE / "conf.py").read_bytes()).hexdigest()}
    fresh = not manifest.exists() or json.loads(manifest.read_text()) != state
    if fresh:  # a page came or went, or the config changed: start clean, no orphan page survives
        for folder in (SRC, DOCTREES, HTML, EXTRA):  # site/ is mirrored (it may hold a .git to publish)
            shutil.rmtree(folder, ignore_errors=True)
    changed = [name for name, data in files.items() if _write(SRC / name, data)]
    EXTRA.mkdir(parents=True, exist_ok=True)  # Sphinx wants html_extra_path to exist, even empty
    for name, data in extras.items():
        _write(EXTRA / name, data)
    _write(manifest, json.dumps(state))
    t_gen = time.perf_counter() - start - t_exec

    from sphinx.cmd.build import build_main

    args = ["-b", "html", "-c", str(HERE), "-d", str(DOCTREES), "-j", str(jobs), "-W", "--keep-going",
            "-T", str(SRC), str(HTML)]
    if quiet:
        args.insert(0, "-q")
    status = build_main(args)
    if status:
        raise SystemExit(f"Sphinx failed (exit {status}); see the warnings above")
    _mirror(HTML, OUT)
    from screenshots import stale

    if stale():
        print(f"note: the screenshots of {', '.join(stale())} are older than the dashboards: run `make screenshots`")
    total = time.perf_counter() - start
    print(f"site/ built in {total:.1f} s (execute {t_exec:.1f} s, pages {t_gen:.1f} s, "
          f"{len(changed)} of {len(files)} source files changed, Sphinx {total - t_exec - t_gen:.1f} s). "
          f"Open {OUT / 'index.html'}")
    return total


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--verbose", action="store_true", help="show Sphinx's progress")
    args = parser.parse_args(argv)
    build(args.jobs, quiet=not args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
