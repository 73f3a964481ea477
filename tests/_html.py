"""Helpers for the website and slides tests: build once, parse built pages, block the network."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
REMOTE = re.compile(r"^(https?:)?//", re.I)


def build(script: str, timeout: float = 600) -> float:
    """Run a builder (``notebooks/site/build_site.py`` ...) as ``make`` would; seconds taken."""
    start = time.perf_counter()
    out = subprocess.run([sys.executable, str(ROOT / script)], cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    assert out.returncode == 0, f"{script} failed:\n{out.stdout[-3000:]}\n{out.stderr[-5000:]}"
    return time.perf_counter() - start


@dataclass
class Page:
    """What a test needs from one built HTML file."""
    path: Path
    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)        # <a href>
    scripts: list[str] = field(default_factory=list)      # <script src>
    stylesheets: list[str] = field(default_factory=list)  # <link rel=stylesheet href>, @import
    images: list[str] = field(default_factory=list)       # <img src>
    text: str = ""                                        # visible text, whitespace collapsed


class _Parser(HTMLParser):
    def __init__(self, page: Page) -> None:
        super().__init__(convert_charrefs=True)
        self.page, self.skip, self.chunks = page, 0, []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if a.get(key):
                self.page.ids.add(a[key])
        if tag == "a" and a.get("href") is not None:
            self.page.links.append(a["href"])
        elif tag == "script" and a.get("src"):
            self.page.scripts.append(a["src"])
        elif tag == "link" and "stylesheet" in (a.get("rel") or "").split() and a.get("href"):
            self.page.stylesheets.append(a["href"])
        elif tag == "img" and a.get("src"):
            self.page.images.append(a["src"])
        if tag in ("script", "style"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)

    def handle_data(self, data):
        if self.skip:
            self.page.stylesheets += re.findall(r"@import\s+(?:url\()?[\"']?([^\"')\s;]+)", data)
        else:
            self.chunks.append(data)


def parse(path: Path) -> Page:
    page = Page(path)
    parser = _Parser(page)
    parser.feed(path.read_text(encoding="utf-8"))
    page.text = " ".join(" ".join(parser.chunks).split())
    return page


def local_target(page: Path, url: str, root: Path) -> tuple[Path, str] | None:
    """The file (and #fragment) a relative URL of ``page`` points to; None for remote or data URLs."""
    parts = urlsplit(url)
    if parts.scheme or url.startswith("//") or not (parts.path or parts.fragment):
        return None
    target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
    if target.is_dir():
        target = target / "index.html"
    return target, parts.fragment


def broken_links(pages: dict[Path, Page], root: Path) -> list[str]:
    """Every local link, image, script or stylesheet that points nowhere (anchors included)."""
    problems = []
    for path, page in pages.items():
        for url in page.links + page.images + page.scripts + page.stylesheets:
            hit = local_target(path, url, root)
            if hit is None:
                continue
            target, fragment = hit
            where = f"{path.relative_to(root)} -> {url}"
            if not target.is_file():
                problems.append(f"{where}: no such file")
            elif root not in target.parents:
                problems.append(f"{where}: outside the site")
            elif fragment and target.suffix == ".html":
                other = pages.get(target) or parse(target)
                if fragment not in other.ids and unquote(fragment) not in other.ids:  # as browsers match
                    problems.append(f"{where}: no #{fragment} in {target.name}")
    return problems


def remote_assets(page: Page) -> list[str]:
    """Scripts and stylesheets a page would fetch from the internet."""
    return [u for u in page.scripts + page.stylesheets if REMOTE.match(u.strip())]


def offline(page) -> list[str]:
    """Block every request that is not file:// or data: on a Playwright page; returns the list
    the test can assert empty (what the page tried to fetch from the network)."""
    attempts: list[str] = []

    def route(r):
        if r.request.url.startswith(("file:", "data:", "blob:")):
            r.continue_()
        else:
            attempts.append(r.request.url)
            r.abort()

    page.context.route("**/*", route)
    return attempts
