"""The course's documents agree with the lessons: times, glossary, trainer kit, README paths."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from cxlib import complaints, data

ROOT = Path(__file__).resolve().parent.parent
LESSONS = sorted((ROOT / "notebooks").glob("0[1-8]_*.ipynb"))
GUIDE = (ROOT / "notebooks" / "trainer_guide.md").read_text(encoding="utf-8")


def _markdown(path: Path) -> str:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return "\n".join(c["source"] for c in nb["cells"] if c["cell_type"] == "markdown")


def _minutes(path: Path) -> int:
    m = re.search(r"⏱ (\d+) minutes", _markdown(path))
    assert m, f"{path.name} states no learner time (⏱ NN minutes)"
    return int(m.group(1))


def test_there_are_eight_lessons():
    assert [p.name[:2] for p in LESSONS] == [f"0{i}" for i in range(1, 9)]


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_course_map_and_trainer_guide_quote_the_lesson_time(path: Path):
    minutes = _minutes(path)
    start = _markdown(ROOT / "notebooks" / "00_start_here.ipynb")
    assert re.search(rf"\| {path.name[:2]} \| \[{path.stem}\].*\| {minutes} min \|", start), f"00's map disagrees on {path.name}"
    assert re.search(rf"\| {path.name[:2]} \| [^|]+\| {minutes} min \|", GUIDE), f"trainer guide disagrees on {path.name}"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_every_lesson_has_the_skeleton(path: Path):
    text = _markdown(path)
    for section in ("## Why", "## Practice", "## Recap", "Spot the error", "## Discussion prompts"):
        assert section.lower() in text.lower(), f"{path.name} lacks {section!r}"
    assert re.search(r"[\u4e00-\u9fff]", text), f"{path.name} gives no Chinese term"
    assert f"../exercises/{path.name}" in text, f"{path.name} does not link its exercises"


def test_glossary_covers_every_lesson():
    glossary = data.load("glossary")
    per_lesson = glossary["lesson"].value_counts()
    thin = [f"0{i}" for i in range(1, 9) if per_lesson.get(f"0{i}", 0) < 3]
    assert not thin, f"lessons with fewer than 3 glossary terms: {thin}"


def test_trainer_guide_carries_the_role_plays_and_checklist():
    for title in complaints.ROLE_PLAYS["title"]:
        assert title in GUIDE, f"role-play card {title!r} missing from the trainer guide"
    for name in complaints.PRINCIPLES["name"]:
        assert f"**{name}**" in GUIDE, f"principle {name!r} missing from the observer checklist"
    for needed in ("one day", "two half-days", "solutions/", "Learning goals", "Common learner mistakes"):
        assert needed.lower() in GUIDE.lower(), needed


def test_readme_names_the_two_commands_and_three_paths():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for needed in ("make lab", "make test", "make dashboards", "student", "trainer", "staff"):
        assert needed in readme, needed
