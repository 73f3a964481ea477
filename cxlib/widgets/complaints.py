"""What-ifs for lessons 05-06: the iceberg and pyramid sliders, and the complaint-method picker."""

from __future__ import annotations

import html

import ipywidgets as w

from .. import complaints
from ..plots import complaints as cplots
from ..plots._common import LiveFigure, new_figure
from ._common import WhatIf, decision, int_slider, slider

__all__ = ["iceberg_whatif", "iceberg_message", "method_picker", "method_html"]


def _verdict(ice, pyr, steps: tuple) -> tuple[str, str, str]:
    counts, vp = ice["customers"].to_dict(), pyr["customers"].iloc[-1]
    detail = (f"Of {counts['dissatisfied']:,.0f} dissatisfied customers, "
              f"{counts['to_staff'] + counts['to_relations']:,.0f} complain and {counts['silent']:,.0f} "
              f"never do; the VP hears {vp:,.1f} complaints.")
    try:
        per_vp = complaints.dissatisfied_per_vp_complaint(*steps)
    except ValueError as exc:
        return "No complaint reaches the VP", f"{exc} {detail}", "bad"
    share = ice["share_of_all"].iloc[1]
    in_all = f" (about {per_vp / share:,.0f} customers in all)" if share > 0 else ""
    tone = "bad" if per_vp >= 50 else "neutral"
    return f"Each complaint the VP hears stands for {per_vp:,.0f} dissatisfied customers{in_all}", detail, tone


def iceberg_message(customers: float, dissatisfied_share: float, silent: float, to_staff: float,
                    to_relations: float, frontline: float, to_middle: float, beyond_middle: float,
                    to_vp: float) -> tuple[str, str, str]:
    """The what-if's verdict as (headline, detail, tone): what one VP complaint stands for.

    >>> iceberg_message(3000, 1/3, 0.69, 0.23, 0.08, 0.40, 0.25, 0.20, 0.50)[0]
    'Each complaint the VP hears stands for 100 dissatisfied customers (about 300 customers in all)'
    >>> iceberg_message(3000, 1/3, 0.69, 0.23, 0.08, 0.40, 0.25, 0.20, 0)[0]
    'No complaint reaches the VP'
    """
    steps = (frontline, to_middle, beyond_middle, to_vp)
    ice = complaints.iceberg(customers, dissatisfied_share, silent, to_staff, to_relations)
    return _verdict(ice, complaints.pyramid(ice["customers"].iloc[1], *steps), steps)


def _numbers(ice, pyr) -> str:
    """Two small HTML tables with every layer's and level's count (cheaper than text in the plot)."""
    def table(frame, fmt: str) -> str:
        rows = "".join(f"<tr><td>{html.escape(label)}</td><td style='text-align:right'>{n:,.1f}</td>"
                       f"<td style='text-align:right'>{s:{fmt}}</td></tr>"
                       for label, n, s in zip(frame["label"], frame["customers"], frame["share_of_dissatisfied"]))
        return f"<table style='display:inline-table;margin-right:24px;font-size:13px'>{rows}</table>"
    return table(ice.iloc[1:], ".0%") + table(pyr, ".1%")


def iceberg_whatif(customers: int = 3000, dissatisfied_share: float = 1 / 3, silent: float = 0.69,
                   to_staff: float = 0.23, to_relations: float = 0.08, frontline: float = 0.40,
                   to_middle: float = 0.25, beyond_middle: float = 0.20, to_vp: float = 0.50) -> WhatIf:
    """Sliders for the iceberg's layers and the pyramid's shares; both pictures move in place.

    The three iceberg layers must add up to 1; when they do not, the verdict says by how much
    and the pictures keep the last valid state. Counts are listed in a table under the sliders.

    >>> box = iceberg_whatif()
    >>> "100 dissatisfied" in box.verdict.value
    True
    >>> box.controls["silent"].value = 0.5
    >>> "add up to 0.81" in box.verdict.value
    True
    """
    controls = {
        "customers": int_slider("Customers", customers, 0, 20000, step=100),
        "dissatisfied_share": slider("Not quite satisfied (share of all)", dissatisfied_share, 0, 1, 0.01, ".2f"),
        "silent": slider("Never complain", silent, 0, 1, 0.01, ".2f"),
        "to_staff": slider("Tell the staff nearby", to_staff, 0, 1, 0.01, ".2f"),
        "to_relations": slider("Contact customer relations", to_relations, 0, 1, 0.01, ".2f"),
        "frontline": slider("Pyramid: complain to front line", frontline, 0, 1, 0.01, ".2f"),
        "to_middle": slider("Pyramid: go on to middle managers", to_middle, 0, 1, 0.01, ".2f"),
        "beyond_middle": slider("Pyramid: still unresolved there", beyond_middle, 0, 1, 0.01, ".2f"),
        "to_vp": slider("Pyramid: reach a vice-president", to_vp, 0, 1, 0.01, ".2f"),
    }
    fig, ax = new_figure(10, 3.2, dpi=72)
    ax.remove()
    ax_ice, ax_pyr = fig.subplots(1, 2)
    steps = (frontline, to_middle, beyond_middle, to_vp)
    ice = complaints.iceberg(customers, dissatisfied_share, silent, to_staff, to_relations)
    ice_art = cplots.iceberg_picture(ax_ice, ice, numbers=False)
    pyr_art = cplots.pyramid_picture(ax_pyr, complaints.pyramid(ice["customers"].iloc[1], *steps), numbers=False)
    fig.subplots_adjust(left=0.01, right=0.99, top=0.97, bottom=0.02, wspace=0.05)
    live = LiveFigure(fig, [ice_art["sea"], *ice_art["layers"].values(), ice_art["water"], *pyr_art["bars"]])
    table = w.HTML()
    pyramid_keys = ("frontline", "to_middle", "beyond_middle", "to_vp")

    def update(v: dict) -> str:
        ice = complaints.iceberg(v["customers"], v["dissatisfied_share"], v["silent"], v["to_staff"],
                                 v["to_relations"])  # raises if the layers do not add up to 1
        steps = tuple(v[k] for k in pyramid_keys)
        pyr = complaints.pyramid(ice["customers"].iloc[1], *steps)
        cplots.move_iceberg(ice_art, ice)
        cplots.move_pyramid(pyr_art, pyr)
        table.value = _numbers(ice, pyr)
        return decision(*_verdict(ice, pyr, steps))

    return WhatIf(controls, update, live, extra=[table],
                  title="The complaint iceberg and pyramid: what does the VP see?")


def _options(table, with_chinese: bool = True) -> list[tuple[str, str]]:
    if with_chinese and "chinese" in table:
        return [(f"{row['name']} ({row['chinese']})", key) for key, row in table.iterrows()]
    return [(row["name"], key) for key, row in table.iterrows()]


def method_html(rec: complaints.Recommendation, channel: str) -> str:
    """The picker's answer as HTML: methods as the headline, the reasons, then the channel steps.

    >>> rec = complaints.recommend_method("phone", "poor_service", "angry", "our_mistake")
    >>> "Calm the anger" in method_html(rec, "phone")
    True
    """
    names = [f"{complaints.METHODS.loc[m, 'name']} ({complaints.METHODS.loc[m, 'chinese']})" for m in rec.methods]
    headline = " → ".join(names) if names else "Assess before choosing a method"
    tone = "bad" if "calm_anger" in rec.methods else "good" if names else "neutral"
    reasons = "".join(f"<li><b>{html.escape(r['name'])}</b> ({html.escape(r['rule'])}): "
                      f"{html.escape(r['reason'])}</li>" for _, r in rec.reasons.iterrows())
    note = f"<p><i>{html.escape(rec.note)}</i></p>" if rec.note else ""
    steps = "".join(f"<li>{html.escape(s)}</li>" for s in rec.steps)
    where = html.escape(complaints.CHANNELS.loc[channel, "name"])
    return (decision(headline, "in this order" if len(names) > 1 else "", tone)
            + f"<p style='margin:6px 0 2px'><b>Why</b></p><ul style='margin:0'>{reasons}</ul>{note}"
            + f"<p style='margin:6px 0 2px'><b>{where}: the steps</b></p><ol style='margin:0'>{steps}</ol>")


def method_picker(channel: str = "face_to_face", cause: str = "product_quality",
                  customer_state: str = "angry", finding: str = "our_mistake") -> WhatIf:
    """Dropdowns for channel, cause, customer state and finding; shows the methods, why, and steps.

    >>> box = method_picker()
    >>> box.controls["finding"].value = "misunderstanding"
    >>> "Conversion" in box.verdict.value
    True
    """
    def dropdown(description: str, options: list, value: str) -> w.Dropdown:
        return w.Dropdown(options=options, value=value, description=description,
                          style={"description_width": "initial"}, layout=w.Layout(width="420px"))

    controls = {
        "channel": dropdown("Channel", _options(complaints.CHANNELS), channel),
        "cause": dropdown("Cause", _options(complaints.CAUSES), cause),
        "customer_state": dropdown("Customer is", list(complaints.CUSTOMER_STATES), customer_state),
        "finding": dropdown("Assessment found", _options(complaints.FINDINGS), finding),
    }

    def update(v: dict) -> str:
        rec = complaints.recommend_method(v["channel"], v["cause"], v["customer_state"], v["finding"])
        return method_html(rec, v["channel"])

    return WhatIf(controls, update, None, title="Which complaint-handling method fits?")
