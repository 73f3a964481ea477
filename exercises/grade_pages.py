"""The pages ``exercises/grade.py`` writes: the class summary and each learner's feedback.

Self-contained HTML (no script, no web fonts, no network), readable on a phone and printable.
Status is shown as a word in a coloured badge, never as an emoji or by colour alone. Nothing
depends on the time or the machine, so a second run writes the same bytes.
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from html import escape

STATUSES = ("PASS", "FAIL", "NOT ATTEMPTED", "ERROR")
COLOURS = {"PASS": "#1a7f37", "FAIL": "#cf222e", "NOT ATTEMPTED": "#6e7781", "ERROR": "#9a6700"}

CSS = """
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", "WenQuanYi Zen Hei", sans-serif;
       color: #1f2328; max-width: 60rem; margin: 1.5rem auto; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin-bottom: .2rem; } h2 { font-size: 1.15rem; margin-top: 1.8rem; }
.sub { color: #57606a; margin-top: 0; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
th, td { text-align: left; vertical-align: top; padding: .35rem .5rem; border-bottom: 1px solid #d0d7de; }
th { background: #f6f8fa; } td.num, th.num { text-align: right; white-space: nowrap; }
.badge { display: inline-block; padding: 0 .45rem; border-radius: .6rem; color: #fff; font-size: .8rem;
         font-weight: 600; white-space: nowrap; }
.PASS { background: #1a7f37; } .FAIL { background: #cf222e; } .ERROR { background: #9a6700; }
.NOT-ATTEMPTED { background: #6e7781; }
.focus { border-left: 4px solid #cf222e; background: #fff8f8; padding: .5rem .8rem; }
.note { color: #57606a; font-size: .9rem; }
code { font: .9em ui-monospace, "DejaVu Sans Mono", monospace; background: #f6f8fa; padding: 0 .2rem; }
svg text { font: 12px system-ui, "DejaVu Sans", sans-serif; }
@media (max-width: 40rem) { body { font-size: 14px; } th, td { padding: .3rem .25rem; } }
@media print { body { max-width: none; margin: 0; } a { color: inherit; text-decoration: none; } }
"""


def _page(title: str, body: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n")


def badge(status: str) -> str:
    return f'<span class="badge {status.replace(" ", "-")}">{escape(status)}</span>'


def _topic(qid: str) -> str:
    """The question's title, from its heading in the exercise ("## q2 · How many visits ...")."""
    return _titles().get(qid, "")


@cache
def _titles() -> dict[str, str]:
    import json
    import re
    from pathlib import Path

    titles = {}
    for path in sorted((Path(__file__).resolve().parent).glob("[0-9][0-9]_*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            src = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            m = re.match(r"##\s*(q\d+)\s*·\s*(.*?)\s*(\((easy|medium|open)\))?\s*$", src.splitlines()[0] if src else "")
            if cell["cell_type"] == "markdown" and m:
                titles[f"{path.name[:2]}.{m.group(1)}"] = m.group(2)
    return titles


def _took(qid: str, rows) -> list:
    """The learners who handed in a notebook of this question's lesson."""
    return [r for r in rows if getattr(r.outcomes[qid], "handed_in", True)]


def _counts(qid: str, rows) -> Counter:
    return Counter(r.outcomes[qid].status for r in _took(qid, rows))


def _mistakes(qid: str, rows) -> list[tuple[str, int]]:
    c = Counter(r.outcomes[qid].mistake for r in _took(qid, rows)
                if r.outcomes[qid].status == "FAIL" and r.outcomes[qid].mistake)
    return sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[:3]


def bar_chart(qids: list[str], rows) -> str:
    """Stacked horizontal bars: how many learners PASS / FAIL / NOT ATTEMPTED / ERROR, per question."""
    label_w, bar_w, row_h, top = 70, 440, 22, 30
    height = top + row_h * len(qids) + 10
    parts = [f'<svg role="img" aria-labelledby="chart-title" viewBox="0 0 {label_w + bar_w + 60} {height}" '
             f'width="100%" style="max-width:{label_w + bar_w + 60}px">',
             '<title id="chart-title">Outcomes per question (number of learners)</title>']
    x = label_w
    for st in STATUSES:  # legend
        parts.append(f'<rect x="{x}" y="4" width="12" height="12" fill="{COLOURS[st]}"/>'
                     f'<text x="{x + 16}" y="14">{escape(st)}</text>')
        x += 16 + 8 * len(st) + 18
    for k, qid in enumerate(qids):
        y = top + k * row_h
        counts = _counts(qid, rows)
        n = max(sum(counts.values()), 1)
        parts.append(f'<text x="0" y="{y + 14}">{escape(qid)}</text>')
        x = float(label_w)
        for st in STATUSES:
            w = bar_w * counts.get(st, 0) / n
            if w > 0:
                parts.append(f'<rect x="{x:.1f}" y="{y + 2}" width="{w:.1f}" height="{row_h - 6}" '
                             f'fill="{COLOURS[st]}"><title>{escape(qid)} {escape(st)}: {counts[st]}</title></rect>')
                if w >= 18:
                    parts.append(f'<text x="{x + w / 2:.1f}" y="{y + 14}" fill="#fff" text-anchor="middle">'
                                 f'{counts[st]}</text>')
            x += w
        parts.append(f'<text x="{label_w + bar_w + 6}" y="{y + 14}">{100 * counts.get("PASS", 0) / n:.0f}%</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def summary_page(qids: list[str], rows, graded, names: dict[str, str], settings, sandboxed: bool) -> str:
    """The trainer's page: what to go over, the chart, per-question table, errors, learners."""
    n = len(rows)
    lessons = sorted({q[:2] for q in qids})
    body = [f"<h1>Class results{': lesson ' + ', '.join(lessons) if lessons else ''}</h1>",
            f'<p class="sub">{n} learner{"s" * (n != 1)}, {len(graded)} notebook{"s" * (len(graded) != 1)}, '
            f"{len(qids)} question{'s' * (len(qids) != 1)}.</p>"]
    if not rows or not qids:
        body.append("<p>No exercise notebooks could be graded in this folder.</p>")
    else:
        rate = {q: _counts(q, rows).get("PASS", 0) / max(len(_took(q, rows)), 1) for q in qids}
        weak = sorted((q for q in qids if rate[q] < 1), key=lambda q: (rate[q], q))[:3]
        if weak:
            items = []
            for q in weak:
                m = _mistakes(q, rows)
                why = f"; most common mistake: {escape(m[0][0])} ({m[0][1]})" if m else ""
                items.append(f"<li><strong>{escape(q)}</strong> {escape(_topic(q))}: "
                             f"{rate[q]:.0%} passed{why}</li>")
            body.append('<div class="focus"><strong>Go over after the break</strong> (lowest pass rates):'
                        f"<ul>{''.join(items)}</ul></div>")
        else:
            body.append('<div class="focus">Every learner passed every question.</div>')
        body.append("<h2>Outcomes per question</h2><p class=\"note\">Shares of the learners who handed "
                    "in that lesson's notebook.</p>" + bar_chart(qids, rows))
        head = "".join(f'<th class="num">{escape(st)}</th>' for st in STATUSES)
        trs = []
        for q in qids:
            c = _counts(q, rows)
            mistakes = "<br>".join(f"{escape(m)} ({k})" for m, k in _mistakes(q, rows)) or "&ndash;"
            cells = "".join(f'<td class="num">{c.get(st, 0)}</td>' for st in STATUSES)
            trs.append(f"<tr><td><strong>{escape(q)}</strong><br><span class=\"note\">{escape(_topic(q))}</span></td>"
                       f'<td class="num">{len(_took(q, rows))}</td>{cells}<td class="num">{rate[q]:.0%}</td><td>{mistakes}</td></tr>')
        body.append(f'<table><thead><tr><th>question</th><th class="num">handed in</th>{head}'
                    f'<th class="num">pass rate</th>'
                    f"<th>most common named mistakes</th></tr></thead><tbody>{''.join(trs)}</tbody></table>")
    errors = []
    for g in graded:
        if g.problem and not g.outcomes:
            errors.append((g.learner, g.file, "all", g.problem))
        else:
            by_reason: dict[str, list[str]] = {}
            for q, o in g.outcomes.items():
                if o.status == "ERROR":
                    by_reason.setdefault(o.message, []).append(q)
            for reason, qs in by_reason.items():
                errors.append((g.learner, g.file, ", ".join(qs), reason))
    if errors:
        trs = "".join(f"<tr><td>{escape(l)}</td><td>{escape(f)}</td><td>{escape(q)}</td><td>{escape(r)}</td></tr>"
                      for l, f, q, r in sorted(errors, key=lambda e: (e[0].casefold(), e[1], e[2])))
        body.append("<h2>Needs a look: ERROR</h2><p class=\"note\">The learner's code could not give an answer "
                    "here. Open their notebook with them.</p>"
                    f"<table><thead><tr><th>learner</th><th>file</th><th>questions</th><th>reason</th></tr></thead>"
                    f"<tbody>{trs}</tbody></table>")
    if rows:
        trs = "".join(
            f'<tr><td><a href="feedback/{escape(names[r.learner])}">{escape(r.learner)}</a></td>'
            f'<td>{escape("; ".join(r.files))}</td><td class="num">{r.passed} / {len(qids)}</td></tr>'
            for r in rows)
        body.append("<h2>Learners</h2><table><thead><tr><th>learner (feedback page)</th><th>file</th>"
                    f'<th class="num">passed</th></tr></thead><tbody>{trs}</tbody></table>')
    mode = ("in a bubblewrap sandbox (read-only course, no network, no other learner's files)"
            if sandboxed else "WITHOUT a sandbox (--no-sandbox)")
    body.append(f'<p class="note">Each notebook ran in a fresh kernel {mode}, with {settings.timeout:g} s per '
                f"notebook, {settings.cell_timeout:g} s per cell, {settings.memory_mb} MB of memory per process "
                f"and at most {settings.max_processes} processes. The gradebook is <code>gradebook.csv</code> "
                "beside this page (UTF-8).</p>")
    return _page("Class results", "\n".join(body))


def feedback_page(row, graded, qids: list[str]) -> str:
    """One learner's page: every question's outcome and what to do next."""
    body = [f"<h1>Your results: {escape(row.learner)}</h1>",
            f'<p class="sub">{row.passed} of {len(qids)} questions passed. '
            f"Notebook{'s' * (len(row.files) != 1)}: {escape('; '.join(row.files))}.</p>"]
    trs = []
    for q in qids:
        o = row.outcomes[q]
        if o.status == "PASS":
            next_step = ""
        elif o.status == "FAIL":
            next_step = f'Try <code>hint("{escape(q)}")</code>, fix the answer and run the cell again.'
        elif o.status == "ERROR" and o.message.startswith("time limit"):
            next_step = "Look for a loop that never ends (a <code>while</code> whose condition stays true)."
        elif o.status == "ERROR":
            next_step = "Run the notebook from the top (Kernel &gt; Restart and run all) and fix the first error."
        else:
            next_step = "Replace the <code>...</code> with your answer and run the cell."
        trs.append(f"<tr><td><strong>{escape(q)}</strong></td><td>{badge(o.status)}</td>"
                   f"<td>{escape(o.message)}<br><span class=\"note\">{next_step}</span></td></tr>")
    body.append("<table><thead><tr><th>question</th><th>outcome</th><th>what the check said</th></tr></thead>"
                f"<tbody>{''.join(trs)}</tbody></table>")
    problems = [g for g in graded if g.problem]
    if problems:
        body.append("<h2>Files that could not be graded</h2><ul>" + "".join(
            f"<li>{escape(g.file)}: {escape(g.problem)}</li>" for g in problems) + "</ul>")
    return _page(f"Results: {row.learner}", "\n".join(body))
