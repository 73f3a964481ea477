"""Complaints: the iceberg, the pyramid and the ways to handle a complaint (lessons 05-06).

- :func:`iceberg` -- customers in each layer of British Airways' complaint iceberg (seed 000).
- :func:`pyramid` -- complaints reaching each level of TARP's complaint pyramid (seed 000).
- :func:`dissatisfied_per_vp_complaint` -- dissatisfied customers behind one complaint a
  vice-president hears: 100 with TARP's shares (the seed's "500" is an arithmetic slip).
- :func:`escalation_summary` -- how far the complaints in a log climbed, beside the pyramid.
- :func:`cause_pareto` -- complaint causes by count, share, cumulative share and "vital few".
- :func:`recommend_method` -- a transparent rule-based pick among the six handling methods.
- Catalogues (DataFrames, English name + Chinese term + one line): ``IANA_STEPS``,
  ``PRINCIPLES``, ``METHODS``, ``CHANNELS``, ``CHANNEL_STEPS``, ``CAUSES``,
  ``SILENCE_REASONS``, ``FINDINGS``; the picker's ``RULES``; workshop ``ROLE_PLAYS``.

Counts are exact floats (1,000 customers x 1/3 x 0.69 = 230.0 silent customers); round them
where you show them, never before computing with them.

>>> dissatisfied_per_vp_complaint()
100.0
>>> iceberg(3000).loc["silent", "customers"]
np.float64(690.0)
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import pandas as pd

from ._validate import (
    InputError,
    require_choice,
    require_columns,
    require_count,
    require_filled,
    require_frame,
    require_share,
    rows_at,
    show_rows,
)

__all__ = [
    "iceberg",
    "pyramid",
    "dissatisfied_per_vp_complaint",
    "escalation_summary",
    "cause_pareto",
    "recommend_method",
    "channel_steps",
    "Recommendation",
    "IANA_STEPS",
    "PRINCIPLES",
    "METHODS",
    "CHANNELS",
    "CHANNEL_STEPS",
    "CAUSES",
    "SILENCE_REASONS",
    "CUSTOMER_STATES",
    "FINDINGS",
    "ESCALATION_LEVELS",
    "RULES",
    "rule_in_words",
    "ROLE_PLAYS",
]

_TOLERANCE = 1e-9


# --- the iceberg and the pyramid (seed 000) ----------------------------------------------------


def iceberg(customers: float, dissatisfied_share: float = 1 / 3, silent: float = 0.69,
            to_staff: float = 0.23, to_relations: float = 0.08) -> pd.DataFrame:
    """Customers in each layer of the complaint iceberg (British Airways 1983, seed 000).

    ``dissatisfied_share`` of all customers are not quite satisfied; of those, ``silent``
    never complain, ``to_staff`` tell the staff nearby and ``to_relations`` contact customer
    relations. The three layers are shares of the dissatisfied and must add up to 1.
    Returns one row per layer: ``customers`` (exact float), ``share_of_all``,
    ``share_of_dissatisfied`` (blank for the satisfied) and a plain ``label``.

    >>> ice = iceberg(3000)
    >>> ice["customers"].round(1).tolist()
    [2000.0, 1000.0, 690.0, 230.0, 80.0]
    >>> iceberg(3000, silent=0.60)
    Traceback (most recent call last):
    ...
    cxlib._validate.InputError: silent, to_staff and to_relations are shares of the dissatisfied customers and must add up to 1; they add up to 0.91 (0.6 + 0.23 + 0.08). Raise one of them by 0.09.
    """
    n = require_count(customers, "customers", whole=True)
    d = require_share(dissatisfied_share, "dissatisfied_share")
    layers = {"silent": silent, "to_staff": to_staff, "to_relations": to_relations}
    shares = {k: require_share(v, k) for k, v in layers.items()}
    total = sum(shares.values())
    if abs(total - 1.0) > _TOLERANCE:
        parts = " + ".join(f"{v:g}" for v in shares.values())
        fix = f"Raise one of them by {1 - total:.4g}." if total < 1 else f"Lower one of them by {total - 1:.4g}."
        raise InputError(
            "silent, to_staff and to_relations are shares of the dissatisfied customers and must add "
            f"up to 1; they add up to {total:.4g} ({parts}). {fix}"
        )
    of_dissatisfied = [float("nan"), 1.0, shares["silent"], shares["to_staff"], shares["to_relations"]]
    share_of_all = [1 - d, d] + [d * s for s in of_dissatisfied[2:]]
    table = pd.DataFrame(
        {
            "customers": [n * s for s in share_of_all],
            "share_of_all": share_of_all,
            "share_of_dissatisfied": of_dissatisfied,
            "label": ["satisfied", "not quite satisfied", "never complain",
                      "tell the staff nearby", "contact customer relations"],
        },
        index=pd.Index(["satisfied", "dissatisfied", "silent", "to_staff", "to_relations"], name="layer"),
    )
    return table


_PYRAMID_STEPS = ("frontline", "to_middle", "beyond_middle", "to_vp")


def _pyramid_shares(frontline: float, to_middle: float, beyond_middle: float, to_vp: float) -> dict:
    given = dict(zip(_PYRAMID_STEPS, (frontline, to_middle, beyond_middle, to_vp)))
    return {k: require_share(v, k) for k, v in given.items()}


def pyramid(dissatisfied: float, frontline: float = 0.40, to_middle: float = 0.25,
            beyond_middle: float = 0.20, to_vp: float = 0.50) -> pd.DataFrame:
    """Complaints reaching each level of the complaint pyramid (TARP, seed 000).

    Of the ``dissatisfied`` customers, ``frontline`` complain to front-line staff; of those,
    ``to_middle`` are not resolved and go to middle managers; of those, ``beyond_middle`` are
    still unresolved; of those, ``to_vp`` reach a vice-president. Each share is of the level
    below. Returns one row per level: ``customers`` (exact float), ``share_of_dissatisfied``,
    ``step`` (the share applied at that level) and a plain ``label``.

    >>> pyramid(1000)["customers"].round(6).tolist()
    [1000.0, 400.0, 100.0, 20.0, 10.0]
    >>> pyramid(1000, to_vp=50)
    Traceback (most recent call last):
    ...
    cxlib._validate.InputError: to_vp must be a share between 0 and 1, got 50 (write 50% as 0.5)
    """
    n = require_count(dissatisfied, "dissatisfied")
    steps = _pyramid_shares(frontline, to_middle, beyond_middle, to_vp)
    share, shares = 1.0, [1.0]
    for s in steps.values():
        share *= s
        shares.append(share)
    return pd.DataFrame(
        {
            "customers": [n * s for s in shares],
            "share_of_dissatisfied": shares,
            "step": [1.0, *steps.values()],
            "label": ["dissatisfied customers", "complain to front-line staff",
                      "go on to middle managers", "still unresolved there", "reach a vice-president"],
        },
        index=pd.Index(["dissatisfied", "front_line", "middle_managers", "beyond_middle",
                        "vice_president"], name="level"),
    )


def dissatisfied_per_vp_complaint(frontline: float = 0.40, to_middle: float = 0.25,
                                  beyond_middle: float = 0.20, to_vp: float = 0.50) -> float:
    """Dissatisfied customers behind each complaint a vice-president hears: 1 / product of shares.

    With TARP's shares, 1 / (0.40 x 0.25 x 0.20 x 0.50) = 1 / 0.01 = 100 (seed 000 says 500,
    which the shares do not give). If any share is 0 no complaint reaches the VP and the
    ratio is undefined: an :class:`InputError` says which share it is.

    >>> dissatisfied_per_vp_complaint()
    100.0
    >>> dissatisfied_per_vp_complaint(to_vp=0)
    Traceback (most recent call last):
    ...
    cxlib._validate.InputError: no complaint reaches a vice-president when to_vp is 0, so one VP complaint stands for no finite number of customers (the ratio is undefined). Use a share above 0.
    """
    steps = _pyramid_shares(frontline, to_middle, beyond_middle, to_vp)
    zero = [k for k, v in steps.items() if v == 0]
    if zero:
        raise InputError(
            f"no complaint reaches a vice-president when {' and '.join(zero)} "
            f"{'is' if len(zero) == 1 else 'are'} 0, so one VP complaint stands for no finite number "
            "of customers (the ratio is undefined). Use a share above 0."
        )
    ratio = 1.0
    for s in steps.values():  # 1 / 0.4 / 0.25 / 0.2 / 0.5: exact 100.0, no rounding drift
        ratio /= s
    return ratio


ESCALATION_LEVELS = ("front_line", "middle_manager", "vice_president")
"""The levels a logged complaint can climb to, lowest first (the pyramid's staffed levels)."""


def escalation_summary(log: pd.DataFrame, column: str = "escalation_level", to_middle: float = 0.25,
                       beyond_middle: float = 0.20, to_vp: float = 0.50) -> pd.DataFrame:
    """How far the complaints in a log climbed, beside what the pyramid's shares predict.

    ``column`` holds each complaint's highest level (one of ``ESCALATION_LEVELS``). Returns,
    per level: ``complaints`` that stopped there, ``reached`` (this level or higher),
    ``share_reached`` of all logged complaints, and ``pyramid_share`` (1, ``to_middle``,
    ``to_middle x beyond_middle x to_vp``): the VP sees a tiny slice of what the front line does.

    >>> log = pd.DataFrame({"escalation_level": ["front_line"] * 3 + ["vice_president"]})
    >>> escalation_summary(log)["share_reached"].tolist()
    [1.0, 0.25, 0.25]
    """
    require_frame(log, "complaint log")
    require_columns(log, [column], "complaint log")
    steps = _pyramid_shares(1.0, to_middle, beyond_middle, to_vp)
    levels = log[column]
    bad = ~levels.isin(ESCALATION_LEVELS)
    if bad.any():
        raise InputError(
            f"complaint log column {column} must hold {', '.join(ESCALATION_LEVELS)}: "
            f"{show_rows(rows_at(levels.index, bad), levels[bad].tolist())}"
        )
    counts = levels.value_counts().reindex(list(ESCALATION_LEVELS), fill_value=0)
    reached = counts[::-1].cumsum()[::-1]
    return pd.DataFrame(
        {
            "complaints": counts.astype(int),
            "reached": reached.astype(int),
            "share_reached": reached / len(levels),
            "pyramid_share": [1.0, steps["to_middle"],
                              steps["to_middle"] * steps["beyond_middle"] * steps["to_vp"]],
        },
        index=pd.Index(list(ESCALATION_LEVELS), name="level"),
    )


# --- Pareto of causes ---------------------------------------------------------------------------


def cause_pareto(log: pd.DataFrame, column: str = "cause", vital: float = 0.8,
                 dropna: bool = False, normalise: bool = True) -> pd.DataFrame:
    """Complaint counts per cause, largest first, with share, cumulative share and the vital few.

    A cause is in the ``vital_few`` if the causes before it cover less than ``vital`` (80%):
    every cause up to 80% cumulative, plus the one that crosses it. Ties are ordered by name.
    Blank causes raise (they are complaints nobody classified) unless ``dropna=True``.

    Hand-typed logs spell one cause several ways. With ``normalise=True`` (the default)
    causes that differ only in case or spacing ("Billing", "billing ", "BILLING") count as one,
    under their most common spelling; a warning names the spellings merged, and the table's
    ``attrs["merged"]`` holds them. ``normalise=False`` counts every spelling apart.

    >>> log = pd.DataFrame({"cause": ["quality"] * 6 + ["service"] * 3 + ["promotion"]})
    >>> cause_pareto(log)  # doctest: +NORMALIZE_WHITESPACE
               count  share  cumulative_share  vital_few
    cause
    quality        6    0.6               0.6       True
    service        3    0.3               0.9       True
    promotion      1    0.1               1.0      False
    >>> import warnings
    >>> typed = pd.DataFrame({"cause": ["Billing", "billing ", "BILLING", "Billing", "late"]})
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     table = cause_pareto(typed)
    >>> table["count"].to_dict(), table.attrs["merged"]
    ({'Billing': 4, 'late': 1}, {'Billing': ['Billing', 'billing ', 'BILLING']})
    >>> print(caught[0].message)
    cause_pareto counted spellings of one cause together: 'Billing', 'billing ', 'BILLING' as 'Billing'. Pass normalise=False to count them apart.
    """
    require_frame(log, "complaint log")
    require_columns(log, [column], "complaint log")
    cut = require_share(vital, "vital")
    if not isinstance(normalise, bool):
        raise TypeError(f"normalise must be True or False, got {normalise!r}")
    values = log[column]
    values = values[require_filled(values, column, "complaint log", dropna,
                                   "Fill them (e.g. with 'unclassified')", "leave them out").to_numpy()]
    if values.empty:
        raise InputError(f"complaint log column {column} is blank in every row")
    merged: dict = {}
    if normalise:
        values, merged = _merge_spellings(values)
        if merged:
            said = "; ".join(f"{', '.join(map(repr, spellings))} as {label!r}" for label, spellings in merged.items())
            warnings.warn(f"cause_pareto counted spellings of one cause together: {said}. "
                          "Pass normalise=False to count them apart.", UserWarning, stacklevel=2)
    counts = values.value_counts(sort=False)
    counts = counts.sort_index(key=lambda idx: idx.astype(str)).sort_values(ascending=False, kind="stable")
    share = counts / counts.sum()
    cumulative = share.cumsum()
    before = cumulative.shift(1, fill_value=0.0)
    table = pd.DataFrame({
        "count": counts.astype(int),
        "share": share,
        "cumulative_share": cumulative,
        "vital_few": before < cut - _TOLERANCE,
    })
    table.index.name = column
    table.attrs["merged"] = merged
    return table


def _merge_spellings(values: pd.Series) -> tuple[pd.Series, dict]:
    """Map causes that differ only in case or spacing to their most common (trimmed) spelling."""
    counts = values.value_counts(sort=False)
    groups: dict = {}
    for spelling in counts.index:  # in order of first appearance
        key = " ".join(spelling.split()).casefold() if isinstance(spelling, str) else spelling
        groups.setdefault(key, []).append(spelling)
    mapping, merged = {}, {}
    for spellings in groups.values():
        best = max(spellings, key=lambda s: counts[s])  # ties: the first seen
        label = " ".join(best.split()) if isinstance(best, str) else best
        mapping.update(dict.fromkeys(spellings, label))
        if len(spellings) > 1:
            merged[label] = list(spellings)
    return values.map(mapping), merged


# --- catalogues (seeds 000 and 001) ---------------------------------------------------------------


def _catalogue(rows: list[tuple], columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["id", *columns]).set_index("id")


IANA_STEPS = _catalogue([
    ("identify", "Identify", "确认", "Confirm what the complaint is: listen, restate it, agree on the facts."),
    ("assess", "Assess", "评估", "Judge how serious it is, whose fault, and what the customer wants."),
    ("negotiate", "Negotiate", "协商", "Agree a remedy with the customer, within the firm's rules."),
    ("act", "Act", "处理与行动", "Carry out the remedy, follow up, and log the case."),
], ["name", "chinese", "description"])
"""IANA, TARP's four-step complaint process, in order (seed 000; the seed misspells TARP as
"TAPR" and writes "Identity" for Identify)."""

PRINCIPLES = _catalogue([
    ("listen", "Listen", "倾听原则", "Hear the whole complaint patiently; never argue.",
     "Did the handler let the customer finish without arguing?"),
    ("sincerity", "Sincerity", "真诚原则", "Calm the anger with genuine concern.",
     "Did the customer's anger visibly ease?"),
    ("action", "Act quickly", "行动原则", "Do something at once; apologies alone are not a remedy.",
     "Was a concrete action or deadline agreed?"),
    ("understanding", "Understand", "理解原则", "Stand in the customer's place and see it their way.",
     "Did the handler say back how it felt for the customer?"),
    ("record", "Record", "记录原则", "Log the complaint and keep it for analysis.",
     "Were the facts written down (who, what, when, promise made)?"),
], ["name", "chinese", "description", "observe"])
"""The five principles of complaint handling (seed 001), with a question for role-play observers."""

METHODS = _catalogue([
    ("calm_anger", "Calm the anger", "平抑怒气法",
     "Listen, state your position, commit to a next step.",
     "The customer is upset or angry: feelings first, facts after."),
    ("tactful_denial", "Tactful denial", "委婉否认法",
     "Agree with what is right, then correct the rest: 'yes ..., but ...'.",
     "The customer is partly right, or expects what we never offered."),
    ("conversion", "Conversion", "转化法",
     "Relaxed and calm; hint and guide instead of contradicting.",
     "The complaint comes from a misunderstanding."),
    ("admit_mistake", "Admit the mistake", "承认错误法",
     "Say plainly that we got it wrong, then put it right.",
     "The fault is ours (product, service, a promise we made)."),
    ("diversion", "Diversion", "转移法",
     "Move the talk away from the groundless point to what can be done.",
     "The complaint has no basis (made out of nothing)."),
    ("humour", "Humour", "幽默法",
     "A light, kind remark that eases tension; never about the customer's problem.",
     "Only when the customer is calm."),
], ["name", "chinese", "description", "when"])
"""The six methods of handling a complaint and when each fits (seed 001)."""

CHANNELS = _catalogue([
    ("face_to_face", "Face to face", "当面投诉",
     "On the spot: the best chance to turn things round; you can read the customer."),
    ("letter", "Letter or e-mail", "信函投诉",
     "Written: the customer is usually rational; slow and costly to handle."),
    ("phone", "Phone", "电话投诉",
     "Quick and simple, but neither side sees the other's face."),
    ("home_visit", "Home visit", "登门拜访",
     "For serious complaints, or where the firm bears much of the blame."),
], ["name", "chinese", "description"])
"""The four channels a complaint arrives by (seed 001)."""

_STEPS = {
    "face_to_face": [
        "Take the customer away from the crowd.",
        "Create a friendly atmosphere that eases the anger.",
        "Do not interrupt the talk or leave; put other business off.",
        "Take notes: they find the problem and show you take it seriously.",
        "Be sincere, but follow company policy; raise no inflated hopes.",
        "Solve it now if you can; otherwise give a deadline.",
        "Choose your words with care; watch how the customer reacts.",
        "Offer two or more solutions so the customer can choose.",
        "Thank the customer when it is settled.",
    ],
    "letter": [
        "Handle it promptly.",
        "Acknowledge receipt promptly.",
        "Investigate and judge the facts.",
        "Discuss the case and the remedy.",
        "Reply formally.",
        "Archive the file.",
    ],
    "phone": [
        "Mind your voice, tone and wording: the customer cannot see you.",
        "Log what the customer says.",
        "Repeat back name, number, address and product to confirm them.",
    ],
    "home_visit": [
        "Take it seriously and prepare fully.",
        "Book the time of the visit in advance.",
        "Dress well and look professional.",
        "Be courteous and sincere.",
        "Solve the problem in one visit.",
    ],
}
CHANNEL_STEPS = pd.DataFrame(
    [(channel, k, action) for channel, actions in _STEPS.items() for k, action in enumerate(actions, 1)],
    columns=["channel", "step", "action"],
)
"""How to handle a complaint in each channel, step by step: face to face 9 steps, letter 6
points, phone 3 points, home visit 5 points (seed 001). Long format: channel, step, action."""

CAUSES = _catalogue([
    ("product_quality", "Product quality", "商品质量问题", "The goods are faulty or below standard."),
    ("poor_service", "Poor service", "服务不佳", "Staff were slow, rude, wrong or unhelpful."),
    ("misleading_promotion", "Misleading promotion", "宣传误导", "Advertising promised more than we deliver."),
    ("unmet_expectations", "Customer's own expectations unmet", "客户自身主观原因",
     "The customer expected something we never offered."),
    ("poor_management", "Poor management", "企业管理不善", "Rules, processes or ownership failed the customer."),
], ["name", "chinese", "description"])
"""The five causes of complaints (seed 001)."""

SILENCE_REASONS = _catalogue([
    ("not_worth_it", "Not worth the effort", "得不偿失", "Complaining costs more effort than it returns."),
    ("protect_staff", "Protect the staff", "不愿让服务人员陷入困境",
     "They do not want to get a staff member they know into trouble."),
    ("dont_know_how", "Do not know how", "不知道如何投诉", "They do not know where or how to complain."),
    ("no_use", "No use", "投诉无用", "They believe nobody would act on it."),
], ["name", "chinese", "description"])
"""Why dissatisfied customers stay silent, from TARP's research (seed 000)."""

CUSTOMER_STATES = ("calm", "upset", "angry")
"""How the customer is when the complaint reaches you."""

FINDINGS = _catalogue([
    ("our_mistake", "Our mistake", "The firm is at fault."),
    ("partly_right", "Partly right", "The customer is right on some points, not on others."),
    ("misunderstanding", "Misunderstanding", "The customer misread something; nobody is at fault."),
    ("baseless", "Baseless", "The complaint has no basis."),
    ("not_yet_known", "Not yet known", "Not assessed yet (IANA: identify and assess first)."),
], ["name", "description"])
"""What assessing the complaint found (IANA's Assess step); the picker's fourth input."""


# --- the method picker ---------------------------------------------------------------------------

_SPOKEN = ("face_to_face", "phone")
_NO_FAULT_OF_OURS = ("misunderstanding", "baseless")

RULES = pd.DataFrame([
    # field,           value,                  method,           only if (other fields),  why (seed 001 unless noted)
    ("customer_state", "angry", "calm_anger", {},
     "An angry customer cannot hear a solution: calm the anger first (listen, state your position, commit)."),
    ("customer_state", "upset", "calm_anger", {},
     "Upset turns to angry if ignored: settle the feeling before the facts."),
    ("finding", "our_mistake", "admit_mistake", {},
     "The fault is ours: admit it plainly, then act quickly (principle 3)."),
    ("finding", "partly_right", "tactful_denial", {},
     "The customer is partly right: agree with that part and apologise for it, then correct the rest "
     "('yes ..., but ...')."),
    ("finding", "misunderstanding", "conversion", {},
     "A misunderstanding: guide and hint, do not contradict the customer to their face."),
    ("finding", "baseless", "diversion", {},
     "A baseless complaint: move the talk from the groundless point to what can be done."),
    ("finding", "baseless", "tactful_denial", {},
     "Say no without a fight: 'yes, I see why ..., but ...'."),
    ("cause", "misleading_promotion", "admit_mistake", {"finding": ("our_mistake", "partly_right")},
     "The promise was our advertising's: admit it (a gap-4 failure, lesson 04)."),
    ("cause", "unmet_expectations", "tactful_denial",
     {"finding": ("partly_right", "misunderstanding", "baseless")},
     "The customer expected what we never offered: honour the feeling, then reset the expectation."),
    ("customer_state", "calm", "humour", {"channel": _SPOKEN, "finding": _NO_FAULT_OF_OURS},
     "Optional: a calm customer may welcome a light remark when we are talking (face to face or by "
     "phone) and nobody is at fault; never joke about their problem, in a written reply, or about a "
     "fault of ours."),
], columns=["field", "value", "method", "only_if", "reason"])
"""The picker's rules, in priority order. A rule fires when its ``field`` has its ``value`` and
every field in ``only_if`` has one of the values listed there. Humour, for example, fits only a
calm customer, in a spoken channel, when the assessment found no fault of ours: never in a
formal letter, on a home visit (a serious complaint) or about a fault we admit."""

_FIELD_WORDS = {"channel": "the channel is", "cause": "the cause is", "customer_state": "the customer is",
                "finding": "the assessment found"}


def _value_words(field: str, value: str) -> str:
    """A rule's value in words: "our mistake", "face to face", "angry"."""
    tables = {"channel": "CHANNELS", "cause": "CAUSES", "finding": "FINDINGS"}
    if field in tables:
        return str(globals()[tables[field]].loc[value, "name"]).lower()
    return value.replace("_", " ")


def rule_in_words(field: str, value: str, only_if: dict | None = None) -> str:
    """When a rule fires, in plain words (for pages staff read).

    >>> rule_in_words("customer_state", "angry")
    'the customer is angry'
    >>> rule_in_words("customer_state", "calm", {"channel": ("face_to_face", "phone")})
    'the customer is calm, and the channel is face to face or phone'
    """
    parts = [f"{_FIELD_WORDS[field]} {_value_words(field, value)}"]
    for other, allowed in (only_if or {}).items():
        parts.append(f"{_FIELD_WORDS[other]} {' or '.join(_value_words(other, v) for v in allowed)}")
    return ", and ".join(parts)


_CHOICES = {
    "channel": lambda: list(CHANNELS.index),
    "cause": lambda: list(CAUSES.index),
    "customer_state": lambda: list(CUSTOMER_STATES),
    "finding": lambda: list(FINDINGS.index),
}


@dataclass(frozen=True)
class Recommendation:
    """What :func:`recommend_method` returns: the methods in order, why, and the channel steps."""

    methods: tuple[str, ...]
    reasons: pd.DataFrame
    steps: tuple[str, ...]
    note: str = ""

    def text(self) -> str:
        """The recommendation as plain lines, for a print or a role-play card."""
        names = " -> ".join(METHODS.loc[m, "name"] for m in self.methods) or "no method yet"
        lines = [f"Methods: {names}"]
        lines += [f"  why {METHODS.loc[m, 'name']}: {r}" for m, r in zip(self.reasons["method"], self.reasons["reason"])]
        if self.note:
            lines.append(f"Note: {self.note}")
        lines.append(f"Steps ({len(self.steps)}):")
        lines += [f"  {k}. {s}" for k, s in enumerate(self.steps, 1)]
        return "\n".join(lines)


def channel_steps(channel: str) -> tuple[str, ...]:
    """The steps for handling a complaint in ``channel``, in order (seed 001).

    >>> channel_steps("phone")[2]
    'Repeat back name, number, address and product to confirm them.'
    """
    channel = require_choice(channel, list(CHANNELS.index), "channel")
    return tuple(CHANNEL_STEPS.loc[CHANNEL_STEPS["channel"] == channel, "action"])


def recommend_method(channel: str, cause: str, customer_state: str,
                     finding: str = "not_yet_known") -> Recommendation:
    """Pick handling methods by the rules in ``RULES``, with the reason for every rule that fired.

    ``finding`` is what assessing the complaint found (see ``FINDINGS``). Without one, the
    note says to assess first (IANA). Values are matched ignoring case and spaces. The
    channel matters: a formal written reply gets no joke, even to a calm customer.
    ``reasons`` has, per fired rule, the method, its names, the ``rule`` (field = value), the
    same in words (``when``) and the reason.

    >>> rec = recommend_method("face_to_face", "product_quality", "angry", "our_mistake")
    >>> rec.methods
    ('calm_anger', 'admit_mistake')
    >>> len(rec.steps)
    9
    >>> recommend_method("letter", "poor_service", "calm", "partly_right").methods  # no joke in a letter
    ('tactful_denial',)
    >>> recommend_method("fax", "product_quality", "calm")
    Traceback (most recent call last):
    ...
    cxlib._validate.InputError: channel 'fax' is not one of: face_to_face, letter, phone, home_visit
    """
    given = {"channel": channel, "cause": cause, "customer_state": customer_state, "finding": finding}
    given = {field: require_choice(value, _CHOICES[field](), field) for field, value in given.items()}
    fires = [row["value"] == given[row["field"]]
             and all(given[other] in allowed for other, allowed in row["only_if"].items())
             for _, row in RULES.iterrows()]
    fired = RULES.loc[fires]
    reasons = fired.assign(name=fired["method"].map(METHODS["name"]),
                           chinese=fired["method"].map(METHODS["chinese"]),
                           rule=fired["field"] + " = " + fired["value"],
                           when=[rule_in_words(f, v, o) for f, v, o in
                                 zip(fired["field"], fired["value"], fired["only_if"])])
    reasons = reasons[["method", "name", "chinese", "rule", "when", "reason"]].reset_index(drop=True)
    substantive = fired["field"].isin(["finding", "cause"]).any()
    note = "" if substantive else (
        "Nothing yet says whose fault it is: identify and assess before you negotiate (IANA), "
        "then run the picker again with a finding."
    )
    return Recommendation(tuple(dict.fromkeys(fired["method"])), reasons, channel_steps(given["channel"]), note)


ROLE_PLAYS = pd.DataFrame([
    ("The wardrobe door", "home_visit", "product_quality", "angry", "our_mistake",
     "A wardrobe door fell off three days after delivery. Second complaint; the customer took "
     "another day off work for this visit."),
    ("Half price, said the poster", "face_to_face", "misleading_promotion", "upset", "our_mistake",
     "The store poster said 'all sofas half price'; at the till, leather sofas were excluded in "
     "small print."),
    ("Darker than on screen", "phone", "unmet_expectations", "calm", "misunderstanding",
     "The curtains look darker than on the website; the product page says screen colours vary."),
    ("The returns-desk queue", "letter", "poor_service", "calm", "partly_right",
     "A formal letter: 'a 40-minute wait and a rude clerk'. The queue log shows 25 minutes; "
     "the clerk's manner is confirmed by a colleague."),
    ("The 14-month mattress", "face_to_face", "unmet_expectations", "angry", "baseless",
     "Wants a full refund for a mattress used for 14 months, far outside the 100-night trial."),
    ("Three transfers", "phone", "poor_management", "upset", "our_mistake",
     "Transferred between three departments about a late delivery; nobody owns the order."),
], columns=["title", "channel", "cause", "customer_state", "finding", "situation"])
ROLE_PLAYS.index = pd.RangeIndex(1, len(ROLE_PLAYS) + 1, name="card")
"""Scenario cards for workshop role plays: run each through :func:`recommend_method`."""
