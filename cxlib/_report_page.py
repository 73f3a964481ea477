"""The manager's page for :mod:`cxlib.report`: plain text, plain-label tables, charts, HTML.

Kept apart from the numbers (``report.py``) so each reads in minutes. The page opens with an
executive summary and prints on at most two A4 pages (print CSS below); every chart appears
once; people are whole; every segment shows its n.
"""

from __future__ import annotations

import base64
import html
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from . import gaps

if TYPE_CHECKING:
    from .report import Report

_CSS = """
:root{--bad:#b34700;--good:#00795a;--muted:#5b6770;--line:#d4d9dd}
*{box-sizing:border-box}
body{font-family:"DejaVu Sans",Arial,Helvetica,sans-serif;color:#1d2327;line-height:1.4;margin:0;font-size:15px}
main{max-width:62rem;margin:0 auto;padding:1rem 1rem 2rem}
h1{font-size:1.45rem;margin:.2rem 0}
h2{font-size:1.1rem;margin:1.1rem 0 .35rem;border-bottom:1px solid var(--line);padding-bottom:.15rem}
h3{font-size:1rem;margin:.6rem 0 .25rem}
p{margin:.3rem 0}
.meta,.note,figcaption{color:var(--muted);font-size:.85em}
.headline{font-size:1.08rem}
.summary{background:#f3f6f8;border-left:4px solid #0072B2;padding:.5rem .8rem .6rem;margin-top:.5rem}
ol.actions{margin:.3rem 0 .2rem 1.2rem;padding:0}
ol.actions li{margin:.25rem 0}
.kpi{display:block;color:#0b4f78;font-size:.92em}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;font-size:.9em;margin:.3rem 0}
th,td{border-bottom:1px solid var(--line);padding:2px 7px;text-align:right;vertical-align:top}
td{white-space:nowrap}
th:first-child,td:first-child{text-align:left}
thead th{border-bottom:2px solid #9aa5ad;font-weight:600}
td.below{color:var(--bad);font-weight:700}
td.above{color:var(--good);font-weight:700}
tr.small td{color:var(--muted);font-style:italic}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,21rem),1fr));gap:.4rem 1rem;align-items:start}
figure{margin:.2rem 0}
figure img{width:100%;height:auto;display:block}
ul.notes{padding-left:1.1rem;margin:.2rem 0}
.what figure{max-width:36rem}
@media (max-width:640px){body{font-size:14px} table{font-size:.74em} th,td{padding:2px 3px} main{padding:.6rem}}
ul.notes li{margin:.15rem 0}
@page{size:A4;margin:11mm 12mm}
@media print{
  body{font-size:8.4pt}
  main{max-width:none;padding:0}
  h1{font-size:13pt} h2{font-size:10pt;margin:.45rem 0 .2rem} h3{font-size:9pt}
  .summary{padding:.3rem .5rem}
  .grid{grid-template-columns:1fr 1fr;gap:.2rem .6rem}
  figure img{max-height:56mm;object-fit:contain;object-position:left top}
  .what{display:grid;grid-template-columns:64% 34%;gap:2%;align-items:start}
  .what table{font-size:.8em} .what th,.what td{padding:1px 4px}
  .scroll{overflow:visible}
  .what figure{max-width:none}
  .where figure img{max-height:46mm}
  .where .grid{display:block}
  .who figure img{max-height:40mm}
  .note{font-size:7.6pt}
  figure,table,li,.summary,.keep{break-inside:avoid}
  h2,h3{break-after:avoid}
}
"""


NOTEBOOK_CSS = (  # the same look inside a notebook, every rule scoped to the report's own box
    ".cx-report .summary{background:#f3f6f8;border-left:4px solid #0072B2;padding:.4rem .8rem}"
    ".cx-report .kpi{display:block;color:#0b4f78}.cx-report .note{color:#5b6770;font-size:.9em}"
    ".cx-report td.below{color:#b34700;font-weight:700}.cx-report td.above{color:#00795a;font-weight:700}"
    ".cx-report tr.small td{color:#5b6770;font-style:italic}.cx-report figure{margin:.2rem 0}"
    ".cx-report figure img{max-width:36rem;width:100%;height:auto}"
    ".cx-report .grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,21rem),1fr));gap:.4rem 1rem}"
)


def _f(v: float, digits: int = 2) -> str:
    """A signed number with a real minus sign, and no '-0.00'."""
    if v is None or (isinstance(v, float) and np.isnan(v)):
        return ""
    r = round(float(v), digits)
    if r == 0:
        r = 0.0
    return f"{r:+.{digits}f}".replace("-", "\u2212")


def _u(v: float, digits: int = 2) -> str:
    """An unsigned number (means, alphas), blank when missing."""
    if v is None or (isinstance(v, float) and np.isnan(v)):
        return ""
    return f"{float(v):.{digits}f}"


def _e(text: object) -> str:
    return html.escape(str(text))


def _whole(r: Report) -> dict[str, int]:
    from .report import _whole

    return _whole(r.iceberg)


def _title(r: Report) -> str:
    return f"{r.organisation}: service quality report" if r.organisation else "Service quality report"


def _set_aside_text(r: Report) -> str:
    dropped = int(r.set_aside["respondents"].sum()) if len(r.set_aside) else 0
    if not dropped:
        return f"{r.rows_read:,} rows read, none set aside"
    reasons = "; ".join(f"{n:,} with {reason}" for reason, n in r.set_aside["respondents"].items())
    return f"{r.rows_read:,} rows read, {dropped:,} set aside ({reasons})"


def _headline_sentence(r: Report) -> str:
    h = r.headline
    name = r._headline_name()
    name = name[0].upper() + name[1:]
    if r.model == "SERVPERF":
        top = r.scale[1]
        return (f"{name} {h.estimate + top:.2f} on the {r.scale[0]:g}\u2013{top:g} scale (95% CI "
                f"{h.low + top:.2f} to {h.high + top:.2f}): mean perception, {-h.estimate:.2f} below the top.")
    verdict = ("perceptions fall short of expectations" if h.high < 0 else
               "perceptions beat expectations" if h.low > 0 else
               "perceptions and expectations are level within the interval")
    return f"{name} {_f(h.estimate)} (95% CI {_f(h.low)} to {_f(h.high)}): {verdict}."


def _priority_sentence(r: Report) -> str:
    c = r.contributions
    total = r.weighted_score if r.weighted_score is not None else r.score
    if c.min() >= 0:
        return f"Every dimension meets or beats expectations; {r.priority} has the smallest lead."
    below = " below the top" if r.model == "SERVPERF" else ""
    text = f"{r.priority.capitalize()} costs the most: {_f(c[r.priority])} of the {_f(total)}{below}."
    if not r.priority_clear:
        runner = c.drop(r.priority).idxmin()
        text += f" {runner.capitalize()} costs nearly as much ({_f(c[runner])}); the data do not separate them."
    return text


def _dissatisfied_sentence(r: Report) -> str:
    d = r.dissatisfied
    count = round(d.estimate * r.respondents)
    if count == 0:
        return (f"None of the {r.respondents:,} respondents is dissatisfied (95% CI 0% to {d.high:.0%}).")
    whole = _whole(r)
    base = (f"Among {r.customers:,} customers that is about {whole['dissatisfied']:,}, of whom about "
            f"{whole['silent']:,} never complain" if r.customers is not None else
            f"Per 1,000 customers that is about {whole['dissatisfied']:,}, of whom about {whole['silent']:,} "
            "never complain")
    return (f"{count:,} of {r.respondents:,} respondents ({d.estimate:.0%}, 95% CI "
            f"{d.low:.0%} to {d.high:.0%}) are dissatisfied. {base} (complaint iceberg: 69% stay silent).")


def summary_text(r: Report) -> str:
    """The executive summary as plain lines."""
    lines = [_title(r) + (f" (survey period {r.period})" if r.period else ""),
             f"{r.respondents:,} respondents; {_set_aside_text(r)}.",
             _headline_sentence(r), _priority_sentence(r), _dissatisfied_sentence(r), "Top three actions:"]
    for k, a in enumerate(r.actions[:3], 1):
        lines.append(f"{k}. {a.what}. {a.why}")
        lines.append(f"   Metric: {a.metric}. Target: {a.target}.")
    return "\n".join(lines)


# --- tables with plain labels --------------------------------------------------------------------


def _dimension_table(r: Report) -> pd.DataFrame:
    ci = r.gap_ci
    table = pd.DataFrame(index=pd.Index(r.scores.index, name="Dimension"))
    if r.points is not None:
        table["Importance (points of 100)"] = r.points.round(0).astype(int)
    elif r.weights is not None:
        table["Weight"] = (r.weights * 100).round(0).astype(int).astype(str) + "%"
    if r.model == "SERVPERF":
        top = r.scale[1]
        table["Perceived"] = r.scores["perception"].map(_u)
        table["95% CI"] = [f"{lo + top:.2f} to {hi + top:.2f}" for lo, hi in zip(ci["low"], ci["high"])]
        table[f"Gap to the top ({top:g})"] = r.scores["gap"].map(_f)
        table["Weighted gap"] = r.contributions.map(_f)
        return table
    table["Expected"] = r.scores["expectation"].map(_u)
    table["Perceived"] = r.scores["perception"].map(_u)
    table["Gap P \u2212 E"] = r.scores["gap"].map(_f)
    table["95% CI"] = [f"{_f(lo)} to {_f(hi)}" for lo, hi in zip(ci["low"], ci["high"])]
    table["Weighted gap"] = r.contributions.map(_f)
    return table


def _segment_table(r: Report, col: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Segment x dimension gaps with n in the row label, and a same-shaped frame of CSS classes."""
    long = r.segments[col]
    wide = long["gap"].unstack("dimension")[list(r.scores.index)]
    verdict = long["verdict"].unstack("dimension")[list(r.scores.index)]
    n = long["n"].groupby(level=0).first()
    small = long["small"].groupby(level=0).first()
    labels = [f"{name} (n = {n[name]:,}{', few' if small[name] else ''})" for name in wide.index]
    values = wide.apply(lambda s: s.map(_f)).set_axis(labels)
    classes = verdict.replace({"below the rest": "below", "above the rest": "above"}).where(
        verdict.isin(["below the rest", "above the rest"]), "").set_axis(labels)
    values.index.name = col
    return values, classes


_GAP_LABELS = {"gap1": "Gap 1: knowing what customers expect", "gap2": "Gap 2: designs and standards",
               "gap3": "Gap 3: delivery to the standard", "gap4": "Gap 4: keeping promises",
               "gap5": "Gap 5: customer gap, by the audit"}


def _audit_table(r: Report) -> pd.DataFrame:
    names = _GAP_LABELS
    table = r.audit_gaps.rename(columns=names).apply(lambda s: s.map(_f))
    table.index.name = "Dimension"
    first = gaps.priority(r.audit_gaps)
    table["Close first"] = [f"gap {int(g)}" if pd.notna(g) else "none" for g in first]
    return table


def plain_tables(r: Report) -> dict[str, pd.DataFrame]:
    out = {"What falls short, by dimension": _dimension_table(r)}
    for col in r.segments:
        out[f"Gap by {col} (n per {col})"] = _segment_table(r, col)[0]
    if r.audit_gaps is not None:
        out["5GAP audit: gaps by dimension"] = _audit_table(r)
    whole = _whole(r)
    label = f"Customers (of {r.customers:,})" if r.customers is not None else "Customers (per 1,000)"
    out["Complaint iceberg"] = pd.DataFrame(
        {label: [whole[k] for k in ("dissatisfied", "silent", "to_staff", "to_relations")],
         "Share of the dissatisfied": ["100%", "69%", "23%", "8%"] if _default_iceberg(r) else
         [f"{v:.0%}" for v in [1.0, *r.iceberg.loc[["silent", "to_staff", "to_relations"], "share_of_dissatisfied"]]]},
        index=pd.Index(["dissatisfied", "never complain", "tell the staff nearby", "contact customer relations"],
                       name="Layer"))
    alphas = r.reliability.rename(columns={"items": "Items", "alpha_expectation": "Alpha, expectations",
                                           "alpha_perception": "Alpha, perceptions"})
    alphas.index.name = "Dimension"
    out["Reliability (Cronbach's alpha)"] = alphas.round(2)
    return out


def _default_iceberg(r: Report) -> bool:
    return np.allclose(r.iceberg.loc[["silent", "to_staff", "to_relations"], "share_of_dissatisfied"], [0.69, 0.23, 0.08])


def _html_table(table: pd.DataFrame, classes: pd.DataFrame | None = None, small_rows: set | None = None) -> str:
    head = "".join(f"<th scope='col'>{_e(c)}</th>" for c in table.columns)
    rows = []
    for label, row in table.iterrows():
        cells = []
        for col, value in row.items():
            cls = classes.loc[label, col] if classes is not None else ""
            cells.append(f"<td class='{cls}'>{_e(value)}</td>" if cls else f"<td>{_e(value)}</td>")
        tr = " class='small'" if small_rows and label in small_rows else ""
        rows.append(f"<tr{tr}><th scope='row'>{_e(label)}</th>{''.join(cells)}</tr>")
    return (f"<div class='scroll'><table><thead><tr><th scope='col'>{_e(table.index.name or '')}</th>{head}</tr>"
            f"</thead><tbody>{''.join(rows)}</tbody></table></div>")


# --- charts ------------------------------------------------------------------------------------------


def draw_figures(r: Report) -> dict:
    """The report's charts by title: where the score is lost, each segment breakdown, the iceberg."""
    from matplotlib.colors import LinearSegmentedColormap

    from .plots import complaints as cplots
    from .plots import new_figure
    from .plots._common import PALETTE

    figs = {}
    dims = list(r.contributions.index)
    fig, ax = new_figure(4.6, 0.36 * len(dims) + 1.25, dpi=150)
    values = r.contributions.to_numpy()
    y = np.arange(len(dims))[::-1]
    colours = [PALETTE["bad"] if v < 0 else PALETTE["good"] for v in values]
    ax.barh(y, values, color=colours, height=0.6)
    ax.axvline(0, color="black", lw=0.8)
    if r.points is not None:
        names = [f"{d} ({r.points[d]:.0f} pts)" for d in dims]
    elif r.weights is not None:
        names = [f"{d} ({r.weights[d]:.0%})" for d in dims]
    else:
        names = dims
    ax.set_yticks(y, names, fontsize=8)
    span = max(abs(values).max(), 0.05)
    ax.set_xlim(min(values.min(), 0) - 0.35 * span, max(values.max(), 0) + 0.35 * span)
    for yi, v in zip(y, values):
        ax.text(v + (0.03 if v >= 0 else -0.03) * span, yi, _f(v), va="center",
                ha="left" if v >= 0 else "right", fontsize=8)
    total = r.weighted_score if r.weighted_score is not None else r.score
    ax.set_title(f"Where the score is lost (the bars add up to {_f(total)})", fontsize=8.5, loc="right")
    ax.set_xlabel("weighted gap = weight \u00d7 (P \u2212 E)", fontsize=8)
    ax.tick_params(axis="x", labelsize=7)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    fig.tight_layout()
    figs["Where the score is lost"] = fig

    cmap = LinearSegmentedColormap.from_list("gap", [PALETTE["bad"], "#f7f7f7", PALETTE["good"]])
    for col in r.segments:
        long = r.segments[col]
        wide = long["gap"].unstack("dimension")[dims]
        verdict = long["verdict"].unstack("dimension")[dims]
        n = long["n"].groupby(level=0).first()
        small = long["small"].groupby(level=0).first()
        labels = [_wrap(f"{name} (n = {n[name]:,}{', few' if small[name] else ''})") for name in wide.index]
        lines = sum(label.count("\n") + 1 for label in labels)
        fig, ax = new_figure(4.6, 0.22 * lines + 0.1 * len(wide) + 1.3, dpi=150)
        values = wide.to_numpy(dtype=float)
        limit = float(np.nanmax(np.abs(values))) if np.isfinite(values).any() else 1.0
        limit = limit or 1.0
        ax.imshow(values, cmap=cmap, vmin=-limit, vmax=limit, aspect="auto")
        for i, name in enumerate(wide.index):
            for j, dim in enumerate(dims):
                v = wide.iloc[i, j]
                credible = verdict.iloc[i, j] in ("below the rest", "above the rest") and not small[name]
                dark = abs(v) > 0.6 * limit
                ax.text(j, i, _f(v), ha="center", va="center", fontsize=7.5,
                        fontweight="bold" if credible else "normal", fontstyle="italic" if small[name] else "normal",
                        color="white" if dark else ("#555555" if small[name] else "black"))
                if credible:
                    ax.add_patch(_outline(j, i))
        ax.set_xticks(range(len(dims)), dims, fontsize=7.5, rotation=20, ha="right")
        ax.set_yticks(range(len(wide)), labels, fontsize=7.5)
        what = f"Perception minus the top ({r.scale[1]:g})" if r.model == "SERVPERF" else "Gap P \u2212 E"
        ax.set_title(f"{what} by {col} (outlined: differs from the rest)", fontsize=8, loc="right")
        ax.tick_params(length=0)
        fig.tight_layout()
        figs[f"Gap by {col}"] = fig

    whole = _whole(r)
    ice = r.iceberg.copy()
    ice["customers"] = [float(whole[k]) for k in ice.index]
    fig, ax = new_figure(4.6, 2.5, dpi=150)
    cplots.iceberg_picture(ax, ice)
    ax.set_title(f"Complaint iceberg {'of ' + format(r.customers, ',') + ' customers' if r.customers is not None else 'per 1,000 customers'}",
                 fontsize=9)
    fig.tight_layout()
    figs["Complaint iceberg"] = fig
    return figs


def _wrap(label: str, width: int = 22) -> str:
    """A long segment name on two or three lines instead of squeezing the chart."""
    import textwrap

    return "\n".join(textwrap.wrap(label, width)) or label


def _outline(x: float, y: float):
    from matplotlib.patches import Rectangle

    return Rectangle((x - 0.47, y - 0.44), 0.94, 0.88, fill=False, ec="black", lw=1.1)


def _img(r: Report, title: str) -> str:
    if title not in r.figures:
        return ""
    if title not in r._png:
        from .plots import to_png

        r._png[title] = base64.b64encode(to_png(r.figures[title])).decode("ascii")
    return (f"<figure><img alt='{_e(title)}' src='data:image/png;base64,{r._png[title]}'>"
            f"</figure>")


# --- the page ----------------------------------------------------------------------------------------


def _action_items(actions) -> str:
    return "".join(f"<li><b>{_e(a.what)}.</b> {_e(a.why)}<span class='kpi'>Metric: {_e(a.metric)}. "
                   f"Target: {_e(a.target)}.</span></li>" for a in actions)


def _differences(r: Report, col: str) -> str:
    rows = r.segments[col]
    shown = rows[rows["verdict"].isin(["below the rest", "above the rest"]) & ~rows["small"]]
    if shown.empty:
        return f"<p class='note'>No {col} differs from the rest by more than its 95% interval allows.</p>"
    below = shown[shown["verdict"] == "below the rest"].sort_values("difference")
    above = shown[shown["verdict"] == "above the rest"].sort_values("difference", ascending=False)
    text = []
    if len(below):
        text.append("Below the rest: " + "; ".join(
            f"{name} on {dim} ({_f(row['difference'])}, 95% CI {_f(row['diff_low'])} to {_f(row['diff_high'])})"
            for (name, dim), row in below.iterrows()) + ".")
    if len(above):
        text.append("Above the rest: " + ", ".join(f"{name} on {dim}" for (name, dim) in above.index) + ".")
    return f"<p class='note'>{_e(' '.join(text))}</p>"


def _gap_words(r: Report) -> str:
    if r.model == "SERVPERF":
        return (f"SERVPERF (Cronin & Taylor 1992): the survey asked perceptions only, so each dimension's gap is "
                f"its mean perception minus the top of the scale ({r.scale[1]:g}), with its 95% interval.")
    return ("Gap: mean perception minus mean expectation (below 0: short of what customers expect), with its "
            "95% interval.")


def _reliability_line(r: Report) -> str:
    a = r.reliability[["alpha_expectation", "alpha_perception"]].to_numpy(dtype=float)
    if np.isnan(a).all():
        return "Reliability (Cronbach's alpha) cannot be computed: it needs at least two items per dimension."
    weak = r.reliability.index[(r.reliability[["alpha_expectation", "alpha_perception"]] < 0.7).any(axis=1)]
    expect = ("" if np.isnan(a[:, 0]).all() else
              f"expectation items {np.nanmin(a[:, 0]):.2f} to {np.nanmax(a[:, 0]):.2f}, ")
    text = (f"Reliability (Cronbach's alpha): {expect}"
            f"perception items {np.nanmin(a[:, 1]):.2f} to {np.nanmax(a[:, 1]):.2f} across the dimensions; ")
    text += (f"below the usual 0.70 for {', '.join(weak)}." if len(weak) else "all at or above the usual 0.70.")
    return text


def _weights_line(r: Report) -> str:
    if r.points is not None:
        shown = ", ".join(f"{d} {v:.0f}" for d, v in r.points.items())
        return f"Importance weights: the respondents' mean points out of 100 ({shown})."
    if r.weights is not None:
        return "Importance weights as given: " + ", ".join(f"{d} {v:.0%}" for d, v in r.weights.items()) + "."
    return "No importance weights: every dimension counts equally in the score."


def body(r: Report) -> str:
    meta = [f"{r.respondents:,} respondents", _set_aside_text(r),
            f"{len(r.scores)} dimensions, {int(r.reliability['items'].sum())} items, "
            f"{r.scale[0]:g}\u2013{r.scale[1]:g} scale"]
    if r.period:
        meta.insert(0, f"Survey period: {r.period}")
    dot = " \u00b7 "
    parts = [f"<header><h1>{_e(_title(r))}</h1><p class='meta'>{_e(dot.join(meta))}</p></header>",
             "<section class='summary'><h2>Summary</h2>"
             f"<p class='headline'><b>{_e(_headline_sentence(r))}</b> {_e(_priority_sentence(r))}</p>"
             f"<p>{_e(_dissatisfied_sentence(r))}</p>"
             f"<h3>Top three actions</h3><ol class='actions'>{_action_items(r.actions[:3])}</ol></section>"]

    parts.append("<section><h2>What falls short</h2><div class='what keep'>"
                 f"<div>{_html_table(_dimension_table(r))}"
                 f"<p class='note'>{_e(_weights_line(r))} {_e(_gap_words(r))} Weighted gap: the gap times the "
                 "dimension's weight; the weighted gaps add up to the score.</p></div>"
                 f"{_img(r, 'Where the score is lost')}</div></section>")

    where = []
    for col in r.segments:
        values, classes = _segment_table(r, col)
        small_rows = {lab for lab in values.index if lab.endswith(", few)")}
        shown = _img(r, f"Gap by {col}") or _html_table(values, classes, small_rows)
        where.append(f"<div class='keep'><h3>By {_e(col)}</h3>{shown}{_differences(r, col)}</div>")
    if where:
        parts.append("<section class='where'><h2>Where</h2>"
                     f"<div class='grid'>{''.join(where)}</div>"
                     f"<p class='note'>n: respondents per segment; segments with fewer than {r.small} are marked "
                     "\u2018few\u2019 and never singled out. Outlined (bold in tables): a segment that differs from "
                     "the rest, claimed only when the 95% interval of the difference excludes 0.</p></section>")

    if r.audit_gaps is not None:
        why = (f"{_html_table(_audit_table(r))}<p class='note'>Each gap is the later level minus the earlier "
               "(below 0: a shortfall). The survey measures gap 5 from customers; the audit rates all five levels "
               "itself, so its gap 5 need not equal the survey's.</p>")
    else:
        why = ("<p>No 5GAP audit was given. The survey shows only gap 5, what customers see; an audit of gaps "
               "1\u20134 tells whether to fix knowledge of customers, standards, delivery or promises.</p>")
    parts.append(f"<section class='keep'><h2>Why (5GAP)</h2>{why}</section>")

    whole = _whole(r)
    base = f"of {r.customers:,} customers" if r.customers is not None else "per 1,000 customers"
    d = r.dissatisfied
    if whole["dissatisfied"]:
        layers = (f"About {whole['dissatisfied']:,} {base} are dissatisfied ({d.estimate:.0%} of respondents, 95% CI "
                  f"{d.low:.0%} to {d.high:.0%}). By the complaint iceberg about {whole['silent']:,} of them never "
                  f"complain, {whole['to_staff']:,} tell the staff nearby and {whole['to_relations']:,} contact "
                  "customer relations: the company hears about a third of them.")
    else:
        layers = _dissatisfied_sentence(r)
    ice_text = f"<p>{_e(layers)}</p><p class='note'>{_e(r.dissatisfied_rule)}</p>"
    parts.append(f"<section class='who'><h2>Who is not telling us</h2><div class='grid'><div>{ice_text}</div>"
                 f"{_img(r, 'Complaint iceberg')}</div></section>")

    if len(r.actions) > 3:
        parts.append(f"<section><h2>Further actions</h2><ol class='actions' start='4'>"
                     f"{_action_items(r.actions[3:])}</ol></section>")

    notes = [_set_aside_text(r)[0].upper() + _set_aside_text(r)[1:] + ".", *r.notes, _reliability_line(r),
             "95% intervals: t intervals for means, Welch's t for a segment against the rest, Wilson's for "
             "shares; the headline's interval also allows for the importance weights being estimated from "
             "the same survey (delta method)."]
    parts.append("<section><h2>About these numbers</h2><ul class='notes'>"
                 + "".join(f"<li>{_e(n)}</li>" for n in notes) + "</ul></section>")
    return "\n".join(parts)


def page(r: Report) -> str:
    return ("<!doctype html><html lang='en'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<title>{_e(_title(r))}</title><style>{_CSS}</style></head>"
            f"<body><main>{body(r)}</main></body></html>")
