"""Every lesson works as slides: tagged cells, and `jupyter nbconvert --to slides` converts it."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbconvert import SlidesExporter

ROOT = Path(__file__).resolve().parent.parent
LESSONS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


@pytest.fixture(scope="module")
def exporter() -> SlidesExporter:
    return SlidesExporter()  # loading the templates is the slow part: once per run


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_lesson_converts_to_slides(path: Path, exporter: SlidesExporter):
    nb = nbformat.read(path, as_version=4)
    kinds = [c.metadata.get("slideshow", {}).get("slide_type") for c in nb.cells]
    assert None not in kinds, f"{path.name}: untagged cells; run `make tidy`"
    assert kinds.count("slide") >= 3, f"{path.name}: only {kinds.count('slide')} slides"
    body, _ = exporter.from_notebook_node(nb)
    assert body.count("<section") >= kinds.count("slide")
    assert "reveal" in body.lower()
