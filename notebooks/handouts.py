"""Printable handouts for a workshop: ``make handouts`` writes them to ``handouts/``.

For the room (print as many as the index says):

- ``roleplay-cards.html``: the six complaint role plays of lesson 06, one A4 page per card,
  the customer's half and the handler's half separated by a cut line (neither sees the other's);
- ``observer-checklist.html``: two checklists a page, from ``cxlib.complaints.PRINCIPLES``;
- ``exercises-NN.html``: one exercise sheet per lesson, questions only (from ``exercises/``).

For the trainer only (``handouts/trainer/``):

- ``answer-key.html``: every exercise's answer (from ``solutions/``: the code and the model
  paragraphs, with the check's PASS line when the solutions were executed) and the role-play
  answers (the methods ``complaints.recommend_method`` picks for each card, with its reasons);
- ``facilitator-notes.html``: per exercise the timing, what to watch for, and the mistakes
  the checks name (read from the checks themselves, so they never drift apart).

Each page is plain HTML with print CSS for A4; with Debian's chromium present, a PDF of each
is written beside it. Nothing is fetched from the network.

    python notebooks/handouts.py [--out handouts] [--no-pdf] [--no-execute]
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import textwrap
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LESSONS = sorted(p.name[:2] for p in (ROOT / "exercises").glob("[0-9][0-9]_*.ipynb"))
MINUTES = {"easy": 3, "medium": 6, "open": 12}  # time in the room per question, by its label
HEADING = re.compile(r"^##\s*(q\d+)\s*·\s*(.*?)\s*(?:\((easy|medium|open)\))?\s*$", re.M)

# What the trainer should look for while learners work, one line per question.
WATCH_FOR = {
    "01.q1": "The order of the subtraction: experience minus expectation, so a shortfall is negative.",
    "01.q2": "A share, not a count or a percentage; and 'met' (exactly 0) is not dissatisfied.",
    "01.q3": "Filtering to the quarter asked for before grouping; many take the lowest over all quarters.",
    "01.q4": "Averaging per quarter before fitting the line, and reading the slope, not the intercept.",
    "02.q1": "The 1-5 scale starts at 1: index = 100 x (mean - 1) / 4, not mean / 5.",
    "02.q2": "Weights divided by their total (they are points out of 100).",
    "02.q3": "Old Town's own points as weights; room to improve times weight, not the raw lowest mean.",
    "02.q4": "Only responsiveness moves; the change in the weighted index, not the new index.",
    "03.q1": "P minus E, all respondents and all four items together (items 10-13, not 5-9).",
    "03.q2": "Points turned into weights that sum to 1; gaps per dimension before weighting.",
    "03.q3": "The most negative reliability gap, per branch (worst, not best), and its size in the dict.",
    "03.q4": "Alpha of the five perception items only; ask what 'can we average them' means.",
    "03.q5": "East only, and perceived minus adequate (A items), not minus desired (E items).",
    "04.q1": "Gap 3 = delivered minus standard, for reliability only; the sign convention.",
    "04.q2": "Gap 5 is the result, not a lever: the answer is one of gaps 1-4.",
    "04.q3": "A count, not a share; tickets still unanswered after 2 hours are breaches too.",
    "04.q4": "The teaching model: gap 5 = min(gap1 + gap2 + gap3, gap4), as lesson 04 states it.",
    "05.q1": "Two steps: the survey's dissatisfied share first, then the iceberg's 69 %; people are whole.",
    "05.q2": "0.40 x 0.25 x 0.20 x 0.50 = 0.01, so 100 customers, not the source's 500.",
    "05.q3": "A share of logged complaints, not of all customers.",
    "05.q4": "VP complaints times 100; then ask what the number means for the VP's picture.",
    "06.q1": "The finding (a misunderstanding) decides the method, not the customer's mood.",
    "06.q2": "The two largest causes by count, shares of all complaints, added.",
    "06.q3": "Median, with blanks (unresolved) left out, not filled with 0; then compare with the mean.",
    "06.q4": "The largest channel x cause cell; its share of all complaints, not of the channel.",
    "07.q1": "Complaints divided by the month's contacts, for 2024-05; `months` is indexed by month.",
    "07.q2": "Rows of R sum to 1; B = weights times R, read at the grade 'good'.",
    "07.q3": "Only the guests before the swap; standardise before the PCA.",
    "07.q4": "R-squared before minus after; the driver that vanished is not on the questionnaire.",
    "08.q1": "Mean importance points as weights, divided by their total.",
    "08.q2": "The priority dimension is the most negative weighted gap; then the worst branch on it, and its gap.",
    "08.q3": "One of gaps 1-4 for the priority dimension, from the audit, not gap 5.",
    "08.q4": "Dissatisfied by lesson 08's rule (below the adequate level), scaled to 12,000, then the silent share.",
}

# The two halves of each role-play card (lesson 06, cxlib.complaints.ROLE_PLAYS). The customer
# plays the feeling and what they want; the handler learns the facts only by asking (IANA's
# Identify and Assess). Neither half names a method: that is in the trainer's answer key.
ROLE_PLAY_BRIEFS = {
    1: {"customer": "Three days after delivery a door of your new wardrobe fell off. You already "
                    "complained once and were promised a fix. Today you took another day off work "
                    "for this visit.",
        "wants": "The wardrobe fixed today, properly, and someone to admit this has cost you two days.",
        "accept": "A repair now plus something for the lost day (a voucher, free delivery next time).",
        "handler": "You are visiting the customer's home about a wardrobe delivered three days ago.",
        "records": "The delivery note shows the door hinges were fitted by our team. The first "
                   "complaint was logged, but no repair was ever booked.",
        "latitude": "Repair on the spot or replace the door within 48 h; a voucher up to 10 % of the price."},
    2: {"customer": "The store poster says 'all sofas half price'. At the till you were told your "
                    "leather sofa is excluded: it says so in small print at the bottom.",
        "wants": "The half price you were promised.",
        "accept": "The discount, or a clear apology plus a real reduction and the poster changed.",
        "handler": "You work on the shop floor; the customer comes over from the till, upset.",
        "records": "The poster's small print excludes leather. Head office has had three such "
                   "complaints this week.",
        "latitude": "Up to 30 % off the leather sofa; you may call the manager for more."},
    3: {"customer": "The curtains you ordered online look much darker than on the website.",
        "wants": "To understand why, and curtains that match your room.",
        "accept": "An exchange or a swatch sent before you reorder; you stay polite throughout.",
        "handler": "You answer the phone in customer service.",
        "records": "The product page says screen colours vary and offers free swatches. The "
                   "curtains delivered are the colour ordered.",
        "latitude": "Free return within 30 days; free swatches by post."},
    4: {"customer": "You wrote a formal letter: you waited 40 minutes at the returns desk and the "
                    "clerk was rude to you.",
        "wants": "A written apology and to know what the store will change.",
        "accept": "A sincere written reply that admits what went wrong and says what changes.",
        "handler": "You answer complaint letters for the store; this is a written reply.",
        "records": "The queue log shows a 25-minute wait. A colleague confirms the clerk was curt "
                   "with this customer.",
        "latitude": "A written apology, a gift card up to 20, and a note to the desk manager."},
    5: {"customer": "Your mattress is sagging after 14 months. You want your money back.",
        "wants": "A full refund.",
        "accept": "Hard to move: you give way only if the handler takes you seriously and offers "
                  "something real.",
        "handler": "You work at the service desk; the customer arrives angry.",
        "records": "The mattress was bought 14 months ago with a 100-night trial. The warranty "
                   "covers manufacturing faults for 10 years, after an inspection.",
        "latitude": "No refund. You may book a free warranty inspection or offer 15 % off a new one."},
    6: {"customer": "Your delivery is two weeks late. On the phone you have been transferred "
                    "between three departments and nobody takes responsibility.",
        "wants": "One person who owns the order and a firm delivery date.",
        "accept": "A named contact, a date you can rely on, and the delivery charge refunded.",
        "handler": "You answer the phone; this is the customer's fourth transfer today.",
        "records": "The order is stuck between the warehouse and the carrier; no one is assigned "
                   "to it.",
        "latitude": "You may own the case yourself, promise a call-back by 17:00, and refund delivery."},
}


# --- reading the course -----------------------------------------------------------------------


def _read(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _src(cell: dict) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def notebook_for(folder: str, lesson: str) -> Path:
    return next((ROOT / folder).glob(f"{lesson}_*.ipynb"))


def questions_in(nb: dict, lesson: str) -> list[dict]:
    """The questions of an exercise (or solutions) notebook, in order, with their cells.

    Each is ``{"id", "title", "level", "cells"}`` where ``cells`` are the cells from the
    question's heading up to the next question.
    """
    found: list[dict] = []
    for cell in nb["cells"]:
        m = HEADING.search(_src(cell)) if cell["cell_type"] == "markdown" else None
        if m:
            found.append({"id": f"{lesson}.{m.group(1)}", "title": m.group(2),
                          "level": m.group(3) or "medium", "cells": []})
        if found:
            found[-1]["cells"].append(cell)
    return found


def named_mistakes(qid: str) -> list[str]:
    """The mistakes the check for ``qid`` names ("label: message"), read from its check table.

    >>> named_mistakes("01.q1")[0]
    'flipped sign: that is expectation - experience; satisfaction is experience - expectation.'
    """
    from cxlib.checks import QUESTIONS

    q = QUESTIONS[qid]
    out = [f"{m.label}: {m.message}" for m in q.mistakes]
    kinds = q.kind.values() if isinstance(q.kind, dict) else [q.kind]
    if any(getattr(k, "type", "") == "share" for k in kinds):  # the engine names this one itself
        out.append("percent for a share: a share written as a percentage (23 instead of 0.23)")
    return out


def solution_answers(lesson: str) -> dict[str, dict]:
    """Per question: the solution's code (between the markers) and its model paragraphs."""
    out: dict[str, dict] = {}
    for q in questions_in(_read(notebook_for("solutions", lesson)), lesson):
        code, prose = [], []
        for cell in q["cells"]:
            src = _src(cell)
            if cell["cell_type"] == "code":
                code += re.findall(r"# BEGIN SOLUTION\n(.*?)\n\s*# END SOLUTION", src, re.S)
            else:
                prose += re.findall(r"<!-- BEGIN SOLUTION -->(.*?)<!-- END SOLUTION -->", src, re.S)
        out[q["id"]] = {"code": [textwrap.dedent(c) for c in code], "prose": [p.strip() for p in prose]}
    return out


def check_lines(lesson: str) -> dict[str, str]:
    """The PASS line each check prints for the solutions (executed once, cached by execute.py)."""
    sys.path.insert(0, str(ROOT / "notebooks"))
    from execute import executed  # noqa: PLC0415 (the course's one executor)

    nb = executed(notebook_for("solutions", lesson))
    lines = {}
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            payload = out.get("data", {}).get("application/vnd.cxlib.check+json")
            if isinstance(payload, dict) and payload.get("status") == "PASS":
                lines[payload["question"]] = payload.get("message", "")
    return lines


def role_play_answers():
    """Per card: the picker's methods and reasons (what lesson 06 used to print), and steps."""
    from cxlib import complaints

    rows = []
    for card, row in complaints.ROLE_PLAYS.iterrows():
        rec = complaints.recommend_method(row["channel"], row["cause"], row["customer_state"], row["finding"])
        rows.append({"card": card, "title": row["title"], "channel": complaints.CHANNELS.loc[row["channel"], "name"],
                     "state": row["customer_state"], "finding": complaints.FINDINGS.loc[row["finding"], "name"],
                     "methods": [complaints.METHODS.loc[m, "name"] for m in rec.methods],
                     "reasons": list(zip(rec.reasons["name"], rec.reasons["reason"])),
                     "note": rec.note, "steps": list(rec.steps)})
    return rows


# --- pages ----------------------------------------------------------------------------------

CSS = """
@page { size: A4; margin: 12mm; }
* { box-sizing: border-box; }
body { font: 11pt/1.4 "DejaVu Sans", "WenQuanYi Zen Hei", system-ui, sans-serif; color: #111;
       margin: 0 auto; max-width: 186mm; padding: 6mm 0; }
h1 { font-size: 16pt; margin: 0 0 2mm; } h2 { font-size: 13pt; margin: 5mm 0 2mm; }
h3 { font-size: 11.5pt; margin: 4mm 0 1mm; }
p, li { margin: 1mm 0; } ul { padding-left: 6mm; margin: 1mm 0; }
code, pre { font: 9.5pt/1.35 "DejaVu Sans Mono", monospace; }
pre { background: #f4f4f4; border: 1px solid #ccc; padding: 2mm 3mm; white-space: pre-wrap; margin: 2mm 0; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; vertical-align: top;
       border: 1px solid #999; padding: 1.2mm 2mm; }
.sub { color: #444; margin-top: 0; }
.trainer { border: 2px solid #000; padding: 1.5mm 3mm; font-weight: bold; letter-spacing: .03em; }
.page { break-after: page; page-break-after: always; }
.page:last-child { break-after: auto; page-break-after: auto; }
.half { height: 126mm; border: 1.5px solid #000; padding: 5mm 6mm; overflow: hidden; }
.cut { height: 15mm; display: flex; align-items: center; gap: 3mm; color: #555; font-size: 8.5pt; }
.cut::before, .cut::after { content: ""; flex: 1; border-top: 1.5px dashed #555; }
.role { font-size: 9pt; text-transform: uppercase; letter-spacing: .08em; color: #444; margin: 0; }
.card-title { font-size: 15pt; margin: 1mm 0 3mm; }
dl { margin: 0; } dt { font-weight: bold; margin-top: 2mm; } dd { margin: .5mm 0 0 0; }
.lines { border: 1px solid #999; padding: 0 3mm; margin: 2mm 0 4mm; }
.lines div { height: 7.5mm; border-bottom: 1px solid #bbb; } .lines div:last-child { border-bottom: 0; }
.tick { font-family: "DejaVu Sans Mono", monospace; }
.question { break-inside: avoid; page-break-inside: avoid; }
@media print { body { padding: 0; max-width: none; } }
@media screen { body { padding: 8mm; } .page { border-bottom: 1px dotted #aaa; margin-bottom: 10mm; } }
"""


def page(title: str, body: str, trainer: bool = False) -> str:
    banner = ('<p class="trainer">TRAINER ONLY: do not hand out. Contains the answers.</p>\n'
              if trainer else "")
    return ('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
            f"{banner}{body}\n</body>\n</html>\n")


def markdown(text: str) -> str:
    import mistune

    return mistune.html(text)


def write_in(lines: int) -> str:
    """Ruled space to write an answer by hand."""
    return '<div class="lines">' + "<div></div>" * lines + "</div>"


def role_play_cards() -> str:
    from cxlib import complaints

    pages = []
    for card, row in complaints.ROLE_PLAYS.iterrows():
        b = ROLE_PLAY_BRIEFS[card]
        channel = complaints.CHANNELS.loc[row["channel"], "name"]
        customer = (f'<div class="half"><p class="role">Card {card} · customer</p>'
                    f'<p class="card-title">{escape(row["title"])}</p><dl>'
                    f"<dt>What happened</dt><dd>{escape(b['customer'])}</dd>"
                    f"<dt>How you feel</dt><dd>{escape(row['customer_state'].capitalize())}. Show it; "
                    "calm down only if the handler earns it.</dd>"
                    f"<dt>What you want</dt><dd>{escape(b['wants'])}</dd>"
                    f"<dt>What you would accept (keep it to yourself)</dt><dd>{escape(b['accept'])}</dd>"
                    f"<dt>How you complain</dt><dd>{escape(channel)}.</dd></dl></div>")
        handler = (f'<div class="half"><p class="role">Card {card} · handler</p>'
                   f'<p class="card-title">{escape(row["title"])}</p><dl>'
                   f"<dt>Your situation</dt><dd>{escape(b['handler'])} Channel: {escape(channel)}.</dd>"
                   f"<dt>What the records show (use it when you assess; the customer has not seen this)</dt>"
                   f"<dd>{escape(b['records'])}</dd>"
                   f"<dt>What you may offer</dt><dd>{escape(b['latitude'])}</dd>"
                   "<dt>Your task</dt><dd>Identify, assess, negotiate, act (IANA). Pick a method before "
                   "you start; the observer will ask which.</dd></dl></div>")
        pages.append(f'<section class="page">{customer}<div class="cut">cut here · customer above, '
                     f"handler below</div>{handler}</section>")
    return page("Role-play cards", "\n".join(pages))


def observer_checklist() -> str:
    from cxlib import complaints

    items = [f"<li><span class=\"tick\">[ ]</span> <strong>{escape(r['name'])}</strong>: {escape(r['observe'])}</li>"
             for _, r in complaints.PRINCIPLES.iterrows()]
    steps = " &rarr; ".join(escape(n) for n in complaints.IANA_STEPS["name"])
    items.append(f'<li><span class="tick">[ ]</span> <strong>IANA</strong>: did the handler go {steps}, '
                 "in that order?</li>")
    methods = ", ".join(escape(n) for n in complaints.METHODS["name"])
    items.append(f'<li><span class="tick">[ ]</span> <strong>Method</strong>: which one was used ({methods})? '
                 "Did it fit what the assessment found?</li>")
    one = ('<div class="half"><p class="role">Observer</p><p class="card-title">Checklist: card ____ '
           f"round ____</p><ul style=\"list-style:none;padding:0\">{''.join(items)}</ul>"
           "<p><strong>One thing the handler did well, one to try next time:</strong></p>"
           f"{write_in(3)}</div>")
    return page("Observer checklist", f'<section class="page">{one}<div class="cut">cut here</div>{one}</section>')


def exercise_sheet(lesson: str) -> str:
    nb = _read(notebook_for("exercises", lesson))
    head, body = [], []
    qs = questions_in(nb, lesson)
    for cell in nb["cells"]:
        if HEADING.search(_src(cell)):
            break
        if cell["cell_type"] == "markdown":
            head.append(markdown(_src(cell)))
    for q in qs:
        parts = []
        for cell in q["cells"]:
            src = _src(cell)
            if cell["cell_type"] == "markdown":
                if "*Write your answer here.*" in src:
                    parts.append(markdown(src.replace("*Write your answer here.*", "")))
                    parts.append(write_in(5))
                else:
                    parts.append(markdown(src))
            elif src.strip():
                parts.append(f"<pre>{escape(src)}</pre>")
        body.append(f'<div class="question">{"".join(parts)}</div>')
    footer = (f'<p class="sub">Run each cell in <code>exercises/{escape(notebook_for("exercises", lesson).name)}'
              "</code>: the check tells you at once whether your answer is right.</p>")
    return page(f"Exercises {lesson}", "".join(head) + "".join(body) + footer)


def answer_key(executed: bool = True, lessons: list[str] | None = None) -> str:
    parts = ["<h1>Answer key</h1>",
             '<p class="sub">Every exercise answer, from <code>solutions/</code>, and the role-play '
             "answers. The PASS line is what the check prints for this answer.</p>"]
    for lesson in lessons or LESSONS:
        answers = solution_answers(lesson)
        lines = check_lines(lesson) if executed else {}
        nb = _read(notebook_for("exercises", lesson))
        title = re.sub(r"^#\s*", "", _src(nb["cells"][0]).splitlines()[0])
        parts.append(f"<h2>{escape(title)}</h2>")
        for q in questions_in(nb, lesson):
            a = answers.get(q["id"], {"code": [], "prose": []})
            parts.append(f'<div class="question"><h3>{escape(q["id"])} · {escape(q["title"])}</h3>')
            parts += [f"<pre>{escape(c)}</pre>" for c in a["code"]]
            if q["id"] in lines:
                parts.append(f"<p><strong>Check:</strong> PASS: {escape(lines[q['id']])}</p>")
            parts += [markdown(p) for p in a["prose"]]
            parts.append("</div>")
    parts.append('<h2 style="break-before:page;page-break-before:always">Role plays (lesson 06): the '
                 "methods that fit each card</h2><p class=\"sub\">From <code>complaints.recommend_method</code>"
                 " with each card's channel, cause, customer state and what the assessment finds. Use it "
                 "in the feedback round: did the handler's method fit?</p>")
    for r in role_play_answers():
        reasons = "".join(f"<li><strong>{escape(n)}</strong>: {escape(why)}</li>" for n, why in r["reasons"])
        steps = "".join(f"<li>{escape(s)}</li>" for s in r["steps"])
        parts.append(f'<div class="question"><h3>Card {r["card"]} · {escape(r["title"])}</h3>'
                     f"<p>{escape(r['channel'])}; customer {escape(r['state'])}; the assessment finds: "
                     f"<strong>{escape(r['finding'])}</strong>.</p>"
                     f"<p><strong>Methods:</strong> {escape(' → '.join(r['methods']) or 'none yet')}</p>"
                     f"<ul>{reasons}</ul>" + (f"<p>{escape(r['note'])}</p>" if r["note"] else "")
                     + f"<p><strong>The channel's steps:</strong></p><ol>{steps}</ol></div>")
    return page("Answer key (trainer only)", "\n".join(parts), trainer=True)


def facilitator_notes(lessons: list[str] | None = None) -> str:
    from cxlib.checks import QUESTIONS

    parts = ["<h1>Facilitator notes: the exercises</h1>",
             '<p class="sub">Per question: the time to allow in the room (easy 3 min, medium 6, open 12), '
             "what to watch for, and the mistakes the check recognises and names to the learner "
             "(read from the checks). After a break, <code>make grade</code> shows which of these "
             "the class actually made.</p>"]
    for lesson in lessons or LESSONS:
        nb = _read(notebook_for("exercises", lesson))
        qs = questions_in(nb, lesson)
        total = sum(MINUTES[q["level"]] for q in qs)
        title = re.sub(r"^#\s*", "", _src(nb["cells"][0]).splitlines()[0])
        parts.append(f"<h2>{escape(title)} (about {total} min in all)</h2>")
        for q in qs:
            mistakes = "".join(f"<li>{escape(m)}</li>" for m in named_mistakes(q["id"]))
            hints = len(QUESTIONS[q["id"]].hints)
            parts.append(f'<div class="question"><h3>{escape(q["id"])} · {escape(q["title"])} '
                         f"({escape(q['level'])}, {MINUTES[q['level']]} min)</h3>"
                         f"<p><strong>Watch for:</strong> {escape(WATCH_FOR[q['id']])}</p>"
                         + (f"<p><strong>Mistakes the check names:</strong></p><ul>{mistakes}</ul>" if mistakes
                            else "<p>The check names no particular mistake here: go through the method.</p>")
                         + f"<p class=\"sub\">{hints} hint{'s' * (hints != 1)}: "
                         f"<code>hint(\"{escape(q['id'])}\")</code>, then <code>hint(\"{escape(q['id'])}\", 2)</code>."
                         "</p></div>")
    return page("Facilitator notes (trainer only)", "\n".join(parts), trainer=True)


def index_page(files: list[str]) -> str:
    rows = [
        ("roleplay-cards.html", "Role-play cards (lesson 06)", "one set per group of three; cut each page in two"),
        ("observer-checklist.html", "Observer checklist", "one half-page per observer per round"),
        *[(f"exercises-{n}.html", f"Exercise sheet, lesson {n}", "one per learner (optional: the notebook has the same)")
          for n in LESSONS],
        ("trainer/answer-key.html", "Answer key", "trainer only"),
        ("trainer/facilitator-notes.html", "Facilitator notes", "trainer only"),
    ]
    trs = "".join(f'<tr><td><a href="{f}">{escape(t)}</a>'
                  + (f' (<a href="{f[:-5]}.pdf">PDF</a>)' if f[:-5] + ".pdf" in files else "")
                  + f"</td><td>{escape(how)}</td></tr>" for f, t, how in rows)
    return page("Workshop handouts", "<h1>Workshop handouts</h1><p class=\"sub\">Print on A4 at 100 % "
                "(no \"fit to page\"), with background graphics off. See <code>notebooks/trainer_guide.md</code>."
                f"</p><table><tr><th>handout</th><th>how many</th></tr>{trs}</table>")


def build(out: Path, pdf: bool = True, execute: bool = True) -> list[Path]:
    """Write every handout under ``out``; returns the files written (HTML, then any PDFs)."""
    pages = {"roleplay-cards.html": role_play_cards(), "observer-checklist.html": observer_checklist(),
             **{f"exercises-{n}.html": exercise_sheet(n) for n in LESSONS},
             "trainer/answer-key.html": answer_key(executed=execute),
             "trainer/facilitator-notes.html": facilitator_notes()}
    written = []
    for name, html in pages.items():
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")
        written.append(path)
    pdfs = [p for p in (print_pdf(path) for path in written) if p] if pdf else []
    (out / "index.html").write_text(index_page([p.relative_to(out).as_posix() for p in pdfs]), encoding="utf-8")
    return [out / "index.html", *written, *pdfs]


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def print_pdf(html: Path) -> Path | None:
    """Print ``html`` to a PDF beside it with headless chromium (A4 from the page's @page rule)."""
    exe = chromium()
    if not exe:
        return None
    target = html.with_suffix(".pdf")
    cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
           "--run-all-compositor-stages-before-draw", f"--print-to-pdf={target}", html.resolve().as_uri()]
    subprocess.run(cmd, capture_output=True, timeout=120)
    return target if target.exists() and target.stat().st_size > 0 else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "handouts")
    parser.add_argument("--no-pdf", action="store_true", help="HTML only")
    parser.add_argument("--no-execute", action="store_true",
                        help="skip running the solutions (the answer key then has no PASS lines)")
    args = parser.parse_args(argv)
    files = build(args.out, pdf=not args.no_pdf, execute=not args.no_execute)
    for f in files:
        print(f.relative_to(args.out.parent) if args.out.parent in f.parents else f)
    if not args.no_pdf and not any(f.suffix == ".pdf" for f in files):
        print("(no PDF: Debian's chromium is not installed; print the HTML from a browser)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
