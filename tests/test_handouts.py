"""`make handouts` and the trainer guide's agendas.

The handouts are built once (HTML, without executing the solutions: fast) and read as a trainer
would check them before printing: the room's pages carry no answer, the trainer's pages carry
every answer, the role-play halves keep each side's secrets, the notes name what the checks
name, and the role-play cards really print one card per A4 page. The agenda test adds up every
block of every agenda in the guide against the total it states.
"""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "notebooks"))
import handouts  # noqa: E402

from cxlib import complaints, exercises  # noqa: E402

GUIDE = (ROOT / "notebooks" / "trainer_guide.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("handouts")
    handouts.build(out, pdf=False, execute=False)
    return out


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_every_handout_is_written_and_offline(built):
    names = sorted(p.relative_to(built).as_posix() for p in built.rglob("*.html"))
    assert names == sorted(["index.html", "roleplay-cards.html", "observer-checklist.html",
                            *[f"exercises-{n}.html" for n in handouts.LESSONS],
                            "trainer/answer-key.html", "trainer/facilitator-notes.html"])
    assert handouts.LESSONS == [f"0{i}" for i in range(1, 9)]
    for path in built.rglob("*.html"):
        html = _text(path)
        assert "@page { size: A4" in html, path.name
        assert not re.search(r"""(src|href)=["']https?://""", html), f"{path.name} loads from the network"
        assert "<script" not in html


def test_exercise_sheets_hold_questions_but_no_answers(built):
    for lesson in handouts.LESSONS:
        sheet = _text(built / f"exercises-{lesson}.html")
        key = _text(built / "trainer" / "answer-key.html")
        assert "TRAINER ONLY" not in sheet
        for qid in exercises.questions(lesson):
            assert f"{qid[3:]} ·" in sheet, f"{qid} missing from its exercise sheet"
        for qid, answer in handouts.solution_answers(lesson).items():
            assert answer["code"] or answer["prose"], f"{qid} has no answer in solutions/"
            for code in answer["code"]:
                line = max(code.strip().splitlines(), key=len)
                assert line not in sheet.replace("&quot;", '"'), f"{qid}'s answer leaks into the sheet"
                assert line in key.replace("&quot;", '"').replace("&#x27;", "'"), f"{qid}'s answer missing from the key"
            for prose in answer["prose"]:
                words = re.sub(r"[`*]", "", prose.split(".")[0])[:40]
                assert words not in sheet, f"{qid}'s model paragraph leaks into the sheet"


def test_role_play_halves_keep_their_secrets(built):
    html = _text(built / "roleplay-cards.html")
    pages = re.findall(r'<section class="page">(.*?)</section>', html, re.S)
    assert len(pages) == len(complaints.ROLE_PLAYS) == len(handouts.ROLE_PLAY_BRIEFS)
    method_names = list(complaints.METHODS["name"])
    for card, page in zip(complaints.ROLE_PLAYS.index, pages):
        customer, handler = page.split('<div class="cut">')
        brief = handouts.ROLE_PLAY_BRIEFS[card]
        title = complaints.ROLE_PLAYS.loc[card, "title"]
        assert title in customer.replace("&#x27;", "'") and title in handler.replace("&#x27;", "'")
        assert "· customer" in customer and "· handler" in handler
        assert brief["records"][:40] not in customer.replace("&#x27;", "'"), f"card {card}: the customer sees the records"
        assert brief["accept"][:40] not in handler.replace("&#x27;", "'"), f"card {card}: the handler sees what the customer accepts"
        for name in method_names:  # the methods are the answer: only the trainer's key has them
            assert name not in customer and name not in handler, f"card {card} names the method {name!r}"


def test_answer_key_has_the_role_play_methods_from_the_picker(built):
    key = _text(built / "trainer" / "answer-key.html")
    assert "TRAINER ONLY" in key
    for card, row in complaints.ROLE_PLAYS.iterrows():
        rec = complaints.recommend_method(row["channel"], row["cause"], row["customer_state"], row["finding"])
        names = " → ".join(complaints.METHODS.loc[m, "name"] for m in rec.methods)
        assert f"Card {card} ·" in key and f"<strong>Methods:</strong> {names}" in key, card


def test_the_guides_role_play_answers_are_the_pickers():
    """Lesson 06 points trainers to this table: it must say what the picker says."""
    for card, row in complaints.ROLE_PLAYS.iterrows():
        rec = complaints.recommend_method(row["channel"], row["cause"], row["customer_state"], row["finding"])
        names = " → ".join(complaints.METHODS.loc[m, "name"] for m in rec.methods)
        line = next((l for l in GUIDE.splitlines() if l.startswith(f"| {card} | {row['title']} |")), None)
        assert line, f"card {card} missing from the guide's role-play table"
        assert line.rstrip(" |").endswith(names), f"card {card}: the guide says {line.split('|')[-2].strip()!r}, the picker {names!r}"


def test_facilitator_notes_read_the_mistakes_from_the_checks(built):
    notes = _text(built / "trainer" / "facilitator-notes.html").replace("&#x27;", "'")
    assert set(handouts.WATCH_FOR) == set(exercises.questions()), "a note per question, no stale ids"
    for qid in exercises.questions():
        assert f"{qid} ·" in notes and handouts.WATCH_FOR[qid].replace("&", "&amp;") in notes, qid
        for mistake in handouts.named_mistakes(qid):
            assert mistake.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;") in notes
    # the checks' own table, not a retyped list
    from cxlib.checks import QUESTIONS

    for qid, q in QUESTIONS.items():
        assert [m.split(":")[0] for m in handouts.named_mistakes(qid)][: len(q.mistakes)] == [m.label for m in q.mistakes]
    assert any(m.startswith("percent for a share") for m in handouts.named_mistakes("01.q2"))
    assert re.search(r"01\.q1 · .*\(easy, 3 min\)", notes)


def test_answer_key_shows_the_checks_pass_line_when_executed(monkeypatch):
    """The PASS lines come from the executed solutions' check bundles."""
    import nbformat

    def fake_executed(path):
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell("check(...)") for _ in range(2)]
        nb.cells[0].outputs = [nbformat.v4.new_output("display_data", data={
            "application/vnd.cxlib.check+json": {"question": "01.q1", "status": "PASS", "message": "-1.5: dissatisfied"},
            "text/plain": "01.q1 PASS: -1.5: dissatisfied"})]
        nb.cells[1].outputs = [nbformat.v4.new_output("display_data", data={
            "application/vnd.cxlib.check+json": {"question": "01.q2", "status": "PASS", "message": "41.4% of visits",
                                                  "mistake": None},
            "text/plain": "01.q2 PASS: 41.4% of visits"})]
        return nb

    import execute

    monkeypatch.setattr(execute, "executed", fake_executed)
    assert handouts.check_lines("01") == {"01.q1": "-1.5: dissatisfied", "01.q2": "41.4% of visits"}
    html = handouts.answer_key(executed=True, lessons=["01"])
    assert html.count("<strong>Check:</strong> PASS:") == 2


def test_role_play_cards_print_one_card_per_a4_page(built, tmp_path):
    exe = handouts.chromium()
    if not exe:
        pytest.skip("no chromium to print with")
    pdf = handouts.print_pdf(built / "roleplay-cards.html")
    assert pdf is not None
    raw = pdf.read_bytes()
    assert len(re.findall(rb"/Type\s*/Page\b", raw)) == len(complaints.ROLE_PLAYS), "a card spills over its page"
    box = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", raw)
    assert box and abs(float(box.group(1)) - 595.3) < 1 and abs(float(box.group(2)) - 841.9) < 1, "not A4"


# --- the agendas ----------------------------------------------------------------------------

SPAN = re.compile(r"(\d\d:\d\d)–(\d\d:\d\d): (\d+) h (\d+) min in all, of which (\d+) h (\d+) min teaching")
ROW = re.compile(r"^\| (\d\d:\d\d) \| (\d+) \| ([^|]+?) \|", re.M)


def _agendas() -> list[tuple[str, re.Match, list[tuple[str, int, str]]]]:
    """(heading, stated span, rows) for every agenda table in the guide."""
    found = []
    for m in SPAN.finditer(GUIDE):
        heading = GUIDE[: m.start()].rstrip().splitlines()[-1]
        table = GUIDE[m.end():].split("\n\n", 2)[1]
        rows = [(t, int(n), block.strip()) for t, n, block in ROW.findall(table)]
        found.append((heading, m, rows))
    return found


def _time(hhmm: str) -> datetime:
    return datetime.strptime(hhmm, "%H:%M")


def test_the_guide_has_the_three_agendas():
    headings = [h for h, _, _ in _agendas()]
    assert headings == ["## Agenda A: one day", "### Day 1: measuring quality",
                        "### Day 2: complaints and the whole picture"]


@pytest.mark.parametrize("index", range(3))
def test_every_agenda_adds_up(index):
    heading, span, rows = _agendas()[index]
    assert rows, heading
    start, end = _time(span.group(1)), _time(span.group(2))
    total = timedelta(hours=int(span.group(3)), minutes=int(span.group(4)))
    teaching = timedelta(hours=int(span.group(5)), minutes=int(span.group(6)))
    assert _time(rows[0][0]) == start, f"{heading}: the first block does not start at {span.group(1)}"
    for (t, minutes, block), (next_t, _, _) in zip(rows, rows[1:] + [(span.group(2), 0, "")]):
        assert _time(t) + timedelta(minutes=minutes) == _time(next_t), f"{heading}: {t} {block} + {minutes} min != {next_t}"
    assert end - start == total, f"{heading}: {span.group(1)}–{span.group(2)} is not {total}"
    assert sum(m for _, m, _ in rows) == total.seconds // 60
    taught = sum(m for _, m, b in rows if not b.startswith(("break", "lunch")))
    assert taught == teaching.seconds // 60, f"{heading}: blocks teach {taught} min, the guide says {teaching}"
    assert any("discussion" in b for _, _, b in rows), f"{heading}: no time for the discussion prompts"
    lessons = {b[:2] for _, _, b in rows if b[:2].isdigit()}
    if "06" in lessons:
        assert any(b.startswith("06 role-play") for _, _, b in rows), f"{heading}: no role-play block"
    if "08" in lessons:
        assert any(b.startswith("08") and "board" in b for _, _, b in rows), f"{heading}: no board meeting"


def test_guide_and_readme_agree_on_the_set_up_time():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    guide = " ".join(GUIDE.split())
    for phrase in ("about 3 minutes", "under 2 minutes from a wheelhouse"):
        assert phrase in readme and phrase in guide, phrase
    assert "make wheelhouse" in readme and "make grade" in readme and "make handouts" in readme


def test_make_handouts_target_exists():
    dry = subprocess.run(["make", "-n", "handouts"], cwd=ROOT, capture_output=True, text=True)
    assert dry.returncode == 0 and "notebooks/handouts.py" in dry.stdout
