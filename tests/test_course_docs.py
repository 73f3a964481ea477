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
    # "**Time:** NN minutes"; the old "⏱ NN minutes" is still read for lessons other streams own
    m = re.search(r"(?:\*\*Time:\*\*|⏱) (\d+) minutes", _markdown(path))
    assert m, f"{path.name} states no learner time (**Time:** NN minutes)"
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


# --- issue 10: Chinese terms, emoji, references (lessons 01-07) ----------------------------------

CORE = [p for p in LESSONS if p.name[:2] in {f"0{i}" for i in range(1, 8)}]
# One Chinese name per lesson's tool, the same in README, the course map, the lesson and the glossary.
LESSON_TERMS = {"01": "三角定律", "02": "RATER指数", "03": "SERVQUAL量表", "04": "服务质量差距模型",
                "05": "投诉冰山 · 投诉金字塔", "06": "投诉处理", "07": "客户满意度测评", "08": "综合案例"}
EMOJI = re.compile("[\u2300-\u23ff\u2600-\u27bf\u2b50\u2b55\U0001f000-\U0001faff\ufe0f]")


def _table_cells(text: str, first_cell: str) -> dict[str, list[str]]:
    rows = {}
    for line in text.splitlines():
        m = re.match(rf"^\| ({first_cell}) \|", line)
        if m:
            rows[m.group(1)] = [c.strip() for c in line.strip().strip("|").split("|")]
    return rows


def _header(path: Path) -> str:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return next(c["source"] for c in nb["cells"]
                if c["cell_type"] == "markdown" and c["source"].lstrip().startswith("# "))


def test_readme_course_map_lessons_and_glossary_name_each_tool_alike():
    readme = _table_cells((ROOT / "README.md").read_text(encoding="utf-8"), "0[1-8]")
    course_map = _table_cells(_markdown(ROOT / "notebooks" / "00_start_here.ipynb"), "0[1-8]")
    glossary = data.load("glossary")
    for lesson, name in LESSON_TERMS.items():
        assert readme[lesson][-1] == name, f"README names lesson {lesson} {readme[lesson][-1]!r}, not {name!r}"
        assert course_map[lesson][3] == name, f"00's course map names lesson {lesson} {course_map[lesson][3]!r}"
        path = next(p for p in LESSONS if p.name.startswith(lesson))
        chinese = " ".join(glossary.loc[glossary["lesson"] == lesson, "chinese"])
        for term in name.split(" · "):
            assert term in _header(path), f"{path.name}'s header does not give {term}"
            assert term in chinese, f"the glossary has no {term} for lesson {lesson}"


def test_one_chinese_word_per_concept():
    # the seeds say 客户满意度 / 客户体验 / 客户期望 (003, 004, most of 001): the course follows them;
    # SERVQUAL is SERVQUAL量表, never 服务质量差距量表 (that collides with 5GAP's 服务质量差距模型)
    texts = {p.name: p.read_text(encoding="utf-8") for p in [*LESSONS, ROOT / "notebooks" / "00_start_here.ipynb"]}
    texts["README.md"] = (ROOT / "README.md").read_text(encoding="utf-8")
    texts["glossary.csv"] = (ROOT / "data" / "glossary.csv").read_text(encoding="utf-8")
    for name, text in texts.items():
        for wrong in ("顾客满意", "顾客体验", "顾客期望", "服务质量差距量表", "满意度三角公式", "SERVQUAL模型"):
            assert wrong not in text, f"{name} says {wrong}"


# Everything a learner, trainer or manager reads: every notebook (lessons, exercises, solutions,
# dashboards), the guides, and all of cxlib (its plots, widgets, checks and reports draw text).
SHOWN = sorted({*ROOT.glob("notebooks/**/*.ipynb"), *ROOT.glob("exercises/*.ipynb"), *ROOT.glob("solutions/*.ipynb"),
                *ROOT.glob("notebooks/**/*.md"), ROOT / "README.md", *ROOT.glob("cxlib/**/*.py")})


@pytest.mark.parametrize("path", SHOWN, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_emoji_anywhere_shown(path: Path):
    found = EMOJI.findall(path.read_text(encoding="utf-8"))
    assert not found, f"{path.relative_to(ROOT)} uses emoji as icons (boxes without an emoji font): {found}"


@pytest.mark.parametrize("path", CORE, ids=lambda p: p.stem)
def test_every_citation_is_in_the_lessons_reference_list(path: Path):
    text = _markdown(path)
    assert "## References" in text, f"{path.name} has no reference list"
    body, references = text.split("## References", 1)
    references = references.split("<!--NAVIGATION-->")[0]
    entries = [e for e in re.split(r"\n- ", references) if e.strip()]
    assert len(entries) >= 2, f"{path.name}: a reference list of {len(entries)}"
    # "Cronbach 1951", "Nunnally (1978)", "Berry, 1985", "Martilla and James (1977)" ...
    cited = set(re.findall(r"\b([A-Z][A-Za-z]+)[*'’]*,?\s+\(?((?:18|19)\d\d)\b", body))
    cited = {(name, year) for name, year in cited if name not in {"The", "In", "By", "Of", "A", "An"}}
    missing = [f"{name} {year}" for name, year in sorted(cited)
               if not any(name in e and year in e for e in entries)]
    assert not missing, f"{path.name} cites {missing} but its reference list does not"
    for entry in entries:
        if not entry.lstrip().startswith(("Seed", "Further reading: Seed", "The ")):
            assert re.search(r"\((?:18|19|20)\d\d\)", entry), f"{path.name}: reference without a year: {entry[:60]!r}"
