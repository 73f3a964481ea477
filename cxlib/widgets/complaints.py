"""What-ifs for lessons 05-06: the iceberg and pyramid sliders, and the complaint-method picker."""

from __future__ import annotations

import html

import ipywidgets as w

from .. import complaints
from ..plots import complaints as cplots
from ..plots._common import LiveFigure, new_figure
from ._common import (FIGURE_DPI, FIGURE_WIDTH, WhatIf, decision, dropdown, int_slider, people, percent,
                      percent_slider, table_html)

__all__ = ["iceberg_whatif", "iceberg_message", "method_picker", "method_html"]


_PYRAMID_STEPS = ("to_middle", "beyond_middle", "to_vp")


def _chain(customers: float, unhappy: float, silent: float, to_staff: float, to_middle: float,
           beyond_middle: float, to_vp: float) -> tuple:
    """The iceberg and the pyramid as one chain, all shares in percent.

    Everyone in the iceberg's tip (who tells the staff or customer relations) complains, so
    the pyramid's front line is the tip: making complaining easier raises what the VP hears.
    Customer relations takes the rest of the dissatisfied, so the three layers always add up
    to 100 % (telling the staff is capped at what the silent leave).
    """
    to_staff = min(to_staff, 100 - silent)
    to_relations = max(0.0, 100 - silent - to_staff)
    ice = complaints.iceberg(customers, unhappy / 100, silent / 100, to_staff / 100, to_relations / 100)
    complain = (to_staff + to_relations) / 100
    steps = (complain, to_middle / 100, beyond_middle / 100, to_vp / 100)
    pyr = complaints.pyramid(ice.loc["dissatisfied", "customers"], *steps)
    return ice, pyr, steps, to_staff, to_relations


def iceberg_message(customers: float = 3000, unhappy: float = 33, silent: float = 69, to_staff: float = 23,
                    to_middle: float = 25, beyond_middle: float = 20, to_vp: float = 50) -> tuple[str, str, str]:
    """The what-if's verdict as (headline, detail, tone): what one VP complaint stands for.

    Shares are in percent; customer relations takes what the silent and the staff leave.
    With British Airways' iceberg (69 % silent) feeding TARP's pyramid, each VP complaint
    stands for 129 unhappy customers (TARP's own 40 % who complain would give 100).

    >>> iceberg_message()[0]
    'Each complaint the VP hears stands for 129 unhappy customers'
    >>> iceberg_message(silent=60, to_staff=30)[0]
    'Each complaint the VP hears stands for 100 unhappy customers'
    >>> iceberg_message(to_vp=0)[0]
    'No complaint reaches the VP'
    """
    ice, pyr, steps, _, _ = _chain(customers, unhappy, silent, to_staff, to_middle, beyond_middle, to_vp)
    unhappy_n = ice.loc["dissatisfied", "customers"]
    complained = pyr["customers"].iloc[1]
    vp = pyr["customers"].iloc[-1]
    detail = (f"Of {people(customers)} customers, {people(unhappy_n)} are not quite satisfied: "
              f"{people(complained)} complain and {people(ice.loc['silent', 'customers'])} never do. "
              f"About {people(vp)} complaints reach the VP.")
    zero = [name for name, share in zip(("nobody complains", "every complaint is settled at the front line",
                                         "every complaint is settled by middle managers",
                                         "no one goes on to a vice-president"), steps) if share == 0]
    if zero or unhappy_n == 0:
        why = zero[0] if zero else "nobody is unhappy"
        return "No complaint reaches the VP", f"Here {why}, so the VP hears nothing. {detail}", "neutral"
    per_vp = complaints.dissatisfied_per_vp_complaint(*steps)
    tone = "bad" if per_vp >= 50 else "neutral"
    return f"Each complaint the VP hears stands for {per_vp:,.0f} unhappy customers", detail, tone


def _chain_labels(pyr):
    """The pyramid's levels named for the chain: its front line is the iceberg's tip."""
    return pyr.assign(label=["unhappy customers", "complain (the iceberg's tip)", "go on to middle managers",
                             "still not settled there", "reach a vice-president"])


def _whole_people(ice_art: dict, pyr_art: dict, ice, pyr) -> None:
    """Label both pictures in whole people and percent (one unit on the page)."""
    for layer, text in ice_art["numbers"].items():
        text.set_text(f"{people(ice.loc[layer, 'customers'])} ({percent(ice.loc[layer, 'share_of_dissatisfied'])})")
    for text, n in zip(pyr_art["numbers"], pyr["customers"]):
        text.set_text(people(n))  # the percent is in the table: the picture stays legible on a phone


def _numbers(ice, pyr) -> str:
    """The pictures in numbers: whole people and percent (the pictures' text alternative)."""
    rows = [[label, people(n), percent(s)] for label, n, s in
            zip(ice["label"].iloc[1:], ice["customers"].iloc[1:], ice["share_of_dissatisfied"].iloc[1:])]
    rows += [[label, people(n), percent(s)] for label, n, s in
             zip(pyr["label"].iloc[1:], pyr["customers"].iloc[1:], pyr["share_of_dissatisfied"].iloc[1:])]
    return table_html(["unhappy customers who ...", "people", "% of unhappy"], rows, "The pictures in numbers")


def iceberg_whatif(customers: int = 3000, unhappy: float = 33, silent: float = 69, to_staff: float = 23,
                   to_middle: float = 25, beyond_middle: float = 20, to_vp: float = 50) -> WhatIf:
    """The complaint iceberg feeding the complaint pyramid; every slider moves a picture.

    Shares are percent. The iceberg's three layers always add up to 100 %: "contact customer
    relations" takes the rest and is shown, not set. Everyone who complains (the iceberg's tip)
    enters the pyramid at the front line, so making complaining easier (fewer silent) raises
    what reaches the VP and lowers what each VP complaint stands for. People are whole.

    >>> box = iceberg_whatif()
    >>> "129 unhappy customers" in box.verdict.value
    True
    >>> box.controls["silent"].value = 90   # the staff share gives way: 90 + 10 + 0
    >>> box.controls["to_staff"].value, box.relations.value
    (10.0, 0.0)
    """
    controls = {
        "customers": int_slider("Customers served", customers, 100, 20000, step=100),
        "unhappy": percent_slider("Not quite satisfied (%)", unhappy),
        "silent": percent_slider("Of those: never complain (%)", silent),
        "to_staff": percent_slider("Tell the staff nearby (%)", to_staff),
        "to_middle": percent_slider("Not settled at once: go to middle managers (%)", to_middle),
        "beyond_middle": percent_slider("Still not settled there (%)", beyond_middle),
        "to_vp": percent_slider("Of those: reach a vice-president (%)", to_vp),
    }
    relations = percent_slider("Contact customer relations (%): the rest", 100 - silent - to_staff)
    relations.disabled = True
    fig, ax = new_figure(FIGURE_WIDTH, 5.4, dpi=FIGURE_DPI)
    ax.remove()
    ax_ice, ax_pyr = fig.subplots(2, 1, gridspec_kw={"height_ratios": [1.25, 1]})
    ice, pyr, *_ = _chain(customers, unhappy, silent, to_staff, to_middle, beyond_middle, to_vp)
    ice_art = cplots.iceberg_picture(ax_ice, ice, numbers=True)
    pyr_art = cplots.pyramid_picture(ax_pyr, _chain_labels(pyr), numbers=True)
    ax_ice.set_xlim(-1.0, 3.1)  # a narrow figure: room for the legend right of the sea
    legend = ax_ice.get_legend()
    if legend is not None:  # and keep it inside the figure's right edge
        legend.set_loc("lower right")
        legend.get_title().set_text("unhappy customers who ...")
        legend.set_bbox_to_anchor((1.0, 0.0), transform=ax_ice.transAxes)
    fig.subplots_adjust(left=0.01, right=0.99, top=0.99, bottom=0.01, hspace=0.05)
    moving = [ice_art["sea"], *ice_art["layers"].values(), ice_art["water"], *ice_art["numbers"].values(),
              *pyr_art["bars"], *pyr_art["numbers"]]
    live = LiveFigure(fig, moving)
    state: dict = {}

    def update(v: dict) -> str:
        ice, pyr, steps, staff, rest = _chain(v["customers"], v["unhappy"], v["silent"], v["to_staff"],
                                              v["to_middle"], v["beyond_middle"], v["to_vp"])
        controls["to_staff"].max = 100 - v["silent"]  # the limit shows; a clamp re-runs this with the same answer
        relations.value = rest
        cplots.move_iceberg(ice_art, ice)
        cplots.move_pyramid(pyr_art, _chain_labels(pyr))
        _whole_people(ice_art, pyr_art, ice, pyr)
        state.update(ice=ice, pyr=_chain_labels(pyr))
        return decision(*iceberg_message(v["customers"], v["unhappy"], v["silent"], staff,
                                         v["to_middle"], v["beyond_middle"], v["to_vp"]))

    def describe(v: dict) -> str:
        return _numbers(state["ice"], state["pyr"])

    box = WhatIf(controls, update, live, describe=describe, extra=[relations],
                 title="The complaint iceberg and pyramid: what does the VP see?")
    children = list(box.children)  # put the rest-of-the-iceberg line right under its siblings
    sliders = children[1 if box.children and isinstance(children[0], w.HTML) else 0]
    order = [controls[k] for k in ("customers", "unhappy", "silent", "to_staff")] + [relations] + \
            [controls[k] for k in ("to_middle", "beyond_middle", "to_vp")]
    sliders.children = tuple(order)
    box.children = tuple(c for c in children if c is not relations)
    box.relations = relations
    return box


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
    reasons = "".join(f"<li><b>{html.escape(r['name'])}</b>, because {html.escape(r['when'])}: "
                      f"{html.escape(r['reason'])}</li>" for _, r in rec.reasons.iterrows())
    note = f"<p><i>{html.escape(rec.note)}</i></p>" if rec.note else ""
    steps = "".join(f"<li>{html.escape(s)}</li>" for s in rec.steps)
    where = html.escape(complaints.CHANNELS.loc[channel, "name"])
    return (decision(headline, "in this order" if len(names) > 1 else "", tone)
            + f"<p style='margin:6px 0 2px'><b>Why</b></p><ul style='margin:0'>{reasons}</ul>{note}"
            + f"<p style='margin:6px 0 2px'><b>{where}: the steps</b></p><ol style='margin:0'>{steps}</ol>")


def method_picker(channel: str = "face_to_face", cause: str = "product_quality",
                  customer_state: str = "angry", finding: str = "misunderstanding") -> WhatIf:
    """Dropdowns for channel, cause, customer state and finding; shows the methods, why, and steps.

    >>> box = method_picker()
    >>> "Conversion" in box.verdict.value and "Humour" not in box.verdict.value
    True
    >>> box.controls["customer_state"].value = "calm"   # calm, face to face, nobody at fault
    >>> "Humour" in box.verdict.value
    True
    >>> box.controls["channel"].value = "letter"        # but never in a written reply
    >>> "Humour" in box.verdict.value
    False
    """
    controls = {
        "channel": dropdown("Channel", _options(complaints.CHANNELS), channel),
        "cause": dropdown("Cause", _options(complaints.CAUSES), cause),
        "customer_state": dropdown("Customer is", [(s, s) for s in complaints.CUSTOMER_STATES], customer_state),
        "finding": dropdown("Assessment found", _options(complaints.FINDINGS), finding),
    }

    def update(v: dict) -> str:
        rec = complaints.recommend_method(v["channel"], v["cause"], v["customer_state"], v["finding"])
        return method_html(rec, v["channel"])

    return WhatIf(controls, update, None, title="Which complaint-handling method fits?")
