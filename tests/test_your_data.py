"""The "Your survey" and "Your complaints" dashboards, headless: what a manager's file gives.

Uploads are simulated exactly as the browser delivers them (the FileUpload widget's value);
an audit hook proves that reading, computing, the report and the download open no file for
writing.
"""

from __future__ import annotations

import datetime
import re
import sys

import pandas as pd
import pytest

from cxlib import data
from cxlib.widgets import complaints_dashboard, survey_dashboard
from cxlib.widgets._upload import plain_error
from cxlib.widgets.your_complaints import guess_columns
from cxlib.widgets.your_survey import parse_groups, understand


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&#x27;", "'").strip()


def _upload(page, content: bytes, name: str) -> None:
    page.upload.value = ({"name": name, "type": "text/csv", "size": len(content), "content": memoryview(content),
                          "last_modified": datetime.datetime(2024, 1, 1)},)


def _csv(frame: pd.DataFrame, **kw) -> bytes:
    return frame.to_csv(index=False, **kw).encode(kw.pop("encoding", "utf-8") if "encoding" in kw else "utf-8")


@pytest.fixture(scope="module")
def survey() -> pd.DataFrame:
    return data.load("servqual_survey")


# --- what it understood ---------------------------------------------------------------------------

def test_sample_survey_reads_fully(survey):
    page = survey_dashboard()
    page.sample.click()
    status = _text(page.status.value)
    assert "320 respondents" in status and "22 questions" in status and "1-7 scale" in status
    assert "No respondent set aside" in status and "Download report" in page.download.value
    assert page.whatif is not None and "costs the most" in page.whatif.verdict.value


def test_blanks_are_set_aside_with_their_lines(survey):
    frame = survey.astype(object)
    frame.loc[[0, 11], "P4"] = None
    page = survey_dashboard()
    _upload(page, _csv(frame), "shop.csv")
    status = _text(page.status.value)
    assert "318 respondents" in status and "2 of 320 respondents (0.6%) set aside" in status
    assert "lines 2, 13 of shop.csv" in status


def test_the_share_set_aside_is_said_in_whole_people_and_percent(survey):
    """A manager judges 272 set aside against the 1,065 who answered: say both and the share."""
    frame = pd.concat([survey] * 4, ignore_index=True).astype(object)  # 1,280 respondents
    frame.loc[frame.index[::4], "E3"] = None  # 320 of them leave E3 blank
    page = survey_dashboard()
    _upload(page, _csv(frame), "big.csv")
    status = _text(page.status.value)
    assert "960 respondents" in status
    assert "320 of 1,280 respondents (25%) set aside" in status, status


@pytest.mark.parametrize("change, expected", [
    (lambda f: f.assign(P7=f["P7"].where(f.index != 3, 9)), "Column P7 has a value outside the 1-7 scale: line 5 of bad.csv is 9"),
    (lambda f: f.assign(E2=f["E2"].astype(object).where(f.index != 0, "seven")), "Column E2 is not numeric: line 2 of bad.csv is 'seven'"),
    (lambda f: f.drop(columns="P9"), "column E9 has no matching P9"),
    (lambda f: f.drop(columns=[c for c in f.columns if c.startswith("E")]), "has no expectation (E1, E2, ...) columns"),
])
def test_a_bad_file_names_the_column_and_line(survey, change, expected):
    page = survey_dashboard()
    _upload(page, _csv(change(survey.copy())), "bad.csv")
    status = _text(page.status.value)
    assert "could not use this file" in status and expected.lower() in status.lower(), status
    assert not re.search(r"\brows?\b|dropna|items=|scale=|read_survey|Traceback", status), status
    assert page.results.children == ()


def test_questions_under_other_names_are_named_with_what_to_rename(survey):
    """An airline's e1-e23 and s1-s23 (satisfaction), a maker's perceptions only as a01-a22."""
    airline = survey[[f"E{i}" for i in range(1, 23)] + [f"P{i}" for i in range(1, 23)]].copy()
    airline.columns = [f"e{i}" for i in range(1, 23)] + [f"s{i}" for i in range(1, 23)]
    airline["sat1"], airline["sat2"] = 5, 6
    page = survey_dashboard()
    _upload(page, _csv(airline), "airline.csv")
    status = _text(page.status.value)
    assert "has no perception (P1, P2, ...) columns" in status
    assert "columns s1-s22 are numbered like its expectation columns" in status and "rename them P1-P22" in status
    page = survey_dashboard()
    _upload(page, _csv(airline.rename(columns={f"s{i}": f"P{i}" for i in range(1, 23)})), "airline.csv")
    assert "320 respondents" in _text(page.status.value)

    maker = survey[[f"P{i}" for i in range(1, 23)]].copy()
    maker.columns = [f"a{i:02d}" for i in range(1, 23)]
    page = survey_dashboard()
    _upload(page, _csv(maker), "maker.csv")
    status = _text(page.status.value)
    assert "columns a01-a22 look like 22 questions" in status and "name them P1-P22" in status
    assert "as E1-E22" in status and "perceptions only" in status


def test_files_as_people_save_them(survey):
    for content, name in [
        (_csv(survey, sep=";"), "semicolons.csv"),                    # Excel in much of Europe
        (_csv(survey.rename(columns=str.lower)), "lower.csv"),          # e1 ... p22
        (survey.to_csv(index=False).encode("utf-8-sig"), "bom.csv"),    # Excel's 'CSV UTF-8'
    ]:
        page = survey_dashboard()
        _upload(page, content, name)
        assert "320 respondents" in _text(page.status.value), (name, page.status.value)
    page = survey_dashboard()
    _upload(page, survey.rename(columns={"branch": "分店"}).to_csv(index=False).encode("gb18030"), "gbk.csv")
    assert "could not use" in page.status.value and "choose the file's encoding above" in _text(page.status.value)
    page.encoding.value = "gb18030"  # the same upload, read again
    assert "320 respondents" in _text(page.status.value) and "分店" in [v for _, v in page.by.options]


def test_other_item_counts_and_scales(survey):
    frame = survey[[f"{x}{i}" for x in "EP" for i in range(1, 25) if i <= 22] + ["branch"]].copy()
    frame["E23"], frame["P23"], frame["E24"], frame["P24"] = 5, 4, 6, 6
    page = survey_dashboard()
    _upload(page, _csv(frame), "24.csv")
    status = _text(page.status.value)
    assert "24 questions" in status and "not SERVQUAL's 22" in status
    assert page.groups.value.startswith("tangibles: 1-5; reliability: 6-10")
    page.groups.value = "speed: 1-12; staff: 13-24"
    page.apply.click()
    assert "2 dimensions" in _text(page.status.value)
    five = (frame.drop(columns="branch") - 1) * 4 / 6 + 1  # the same answers on a 1-5 scale
    five["branch"] = frame["branch"]
    page = survey_dashboard()
    _upload(page, _csv(five.round(0)), "five.csv")
    assert "1-5 scale" in _text(page.status.value)


def test_a_wrong_scale_is_named_and_can_be_put_right(survey):
    page = survey_dashboard()
    page.sample.click()
    page.scale.value = (1, 5)
    status = _text(page.status.value)
    assert "outside the 1-5 scale" in status and "choose the right scale above" in status
    assert page.settings.layout.display == "flex"  # the settings stay to fix it
    page.scale.value = (1, 7)
    assert "320 respondents" in _text(page.status.value) and page.whatif is not None


def test_a_new_bad_file_drops_the_old_one(survey):
    page = survey_dashboard()
    page.sample.click()
    _upload(page, b"not,a,survey\n1,2,3\n", "other.csv")
    assert "could not use" in page.status.value and page.settings.layout.display == "none"
    assert page.whatif is None and page.download.value == ""


def test_item_groups_in_words():
    assert parse_groups("quality: 1-3, 7; staff: 4-6") == {"quality": [1, 2, 3, 7], "staff": [4, 5, 6]}
    with pytest.raises(ValueError, match="cannot be read at 'quality 1-3'"):
        parse_groups("quality 1-3")


def test_understand_names_groups_to_compare(survey):
    u = understand(survey)
    assert u.groups == ["branch", "channel"] and u.scale == (1, 7) and len(u.set_aside) == 0


def test_only_groups_a_manager_would_compare_are_offered(survey):
    """A kiosk survey's numbered importance items (IMP1 ...), a 0/1 sample filter, IDs and flags
    are not groups; sex, age band and a small whole-number region code are."""
    frame = survey.copy()
    n = len(frame)
    answers = [4, 5, 6, 7] * (n // 4)  # 4 values, as the kiosk's IMP1
    for k in (1, 2, 8):
        frame[f"IMP{k}"] = answers[k:] + answers[:k]
    frame["Q12"] = ["yes", "no"] * (n // 2)
    frame["s4"] = [1, 2, 3] * (n // 3) + [1] * (n % 3)
    frame["in_final_sample_194"] = [1, 0, 1, 1] * (n // 4)
    frame["is_member"] = [0, 1] * (n // 2)
    frame["complete"] = [True, False] * (n // 2)
    frame["resp_id"] = range(n)
    frame["sex"] = ["F", "M"] * (n // 2)
    frame["age_group"] = ["20s", "30s", "40s", "50+", "10s"] * (n // 5)
    frame["region"] = [1, 2, 3] * (n // 3) + [1] * (n % 3)
    frame["spend"] = [12.5, 30.25, 7.75, 99.0] * (n // 4)  # amounts, not codes
    frame["store"] = [f"store {k % 16:02d}" for k in range(n)]  # a chain's 16 stores: still groups
    frame["postcode"] = [f"{k % 40:04d}" for k in range(n)]     # 40 places: too many to compare
    u = understand(frame)
    assert u.groups == ["branch", "channel", "sex", "age_group", "region", "store"], u.groups
    page = survey_dashboard()
    _upload(page, _csv(frame), "kiosk.csv")
    assert [v for _, v in page.by.options] == ["", "branch", "channel", "sex", "age_group", "region", "store"]


def test_what_the_reader_noticed_is_said_in_words(survey):
    """Semicolons and decimal commas (Excel in much of Europe) are read, and the page says so."""
    frame = survey.copy()
    frame["P1"] = frame["P1"].astype(float)
    frame.loc[0, "P1"] = 5.5
    page = survey_dashboard()
    _upload(page, _csv(frame, sep=";", decimal=","), "europe.csv")
    status = _text(page.status.value)
    assert "320 respondents" in status
    assert "columns separated by semicolons" in status and "decimal commas read as decimal points" in status, status
    assert "read_notes" not in status and "attrs" not in status
    page = survey_dashboard()
    _upload(page, _csv(survey), "plain.csv")
    assert "separated by" not in _text(page.status.value)  # nothing to say: nothing said
    page.sample.click()
    assert "separated by" not in _text(page.status.value)


def test_plain_errors_keep_the_file_name():
    message = plain_error("survey column P2 is blank in rows 3, 4 and 9 more. Fill the blanks, or pass dropna=True "
                          "to leave those respondents out.", "Q3.csv")
    assert message == "Column P2 is blank in lines 5, 6 and 9 more of Q3.csv. Fill the blanks."


# --- complaints ------------------------------------------------------------------------------------

def test_sample_log_pareto_iceberg_and_pyramid():
    page = complaints_dashboard()
    page.sample.click()
    status = _text(page.status.value)
    assert "620 complaints" in status and "5 causes" in status and "175 reached middle managers" in status
    pareto_box, whatif, download = page.results.children
    assert _text(pareto_box.children[1].value).startswith("Fix product quality, poor service and misleading promotion first")
    assert "about 2,000 unhappy customers" in whatif.verdict.value  # 620 complaints / 31 %
    whatif.controls["complain"].value = 62
    assert "about 1,000 unhappy customers" in whatif.verdict.value
    assert "Download summary" in download.value


def test_a_log_in_its_own_words():
    log = pd.DataFrame({"Ticket": range(8), "Reason": ["Late", "Late", "Rude", None, "Late", "Broken", "Late", "Rude"],
                        "Level": ["Front line", "front_line", "Middle manager", "front line", "Vice-President",
                                  "front line", "front line", "front line"]})
    assert guess_columns(log)[1::2] == ("Reason", "Level")
    page = complaints_dashboard()
    _upload(page, _csv(log), "tickets.csv")
    status = _text(page.status.value)
    assert "7 complaints" in status and "Set aside: 1 complaint with no cause (line 5 of tickets.csv)" in status
    assert "2 reached middle managers, 1 a vice-president" in status


def _long_cause_log() -> pd.DataFrame:
    """A log as a regulator publishes it: 13 causes with long names (some over 28 characters)."""
    names = ["Credit reporting, credit repair services, or other consumer reports", "Credit card or prepaid card",
             "Debt collection", "Checking or savings account", "Mortgage", "Money transfer, virtual currency",
             "Vehicle loan or lease", "Payday loan, title loan, or personal loan", "Credit card", "Student loan",
             "Bank account or service", "Debt or credit management", "Prepaid card"]
    return pd.DataFrame({"Product": [n for k, n in enumerate(names) for _ in range(40 - 3 * k)]})


def test_many_long_cause_names_stay_readable_on_the_pareto_chart():
    from cxlib.complaints import cause_pareto
    from cxlib.widgets.your_complaints import pareto_figure

    fig = pareto_figure(cause_pareto(_long_cause_log(), "Product"))
    fig.canvas.draw()
    ax = fig.axes[0]
    boxes = [t.get_window_extent() for t in ax.get_xticklabels() if t.get_text()]
    assert len(boxes) == 13
    touching = [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:] if a.overlaps(b)]
    assert touching == [], f"{len(touching)} pairs of cause names drawn over each other"
    bottom = min(b.y0 for b in boxes)
    assert bottom >= 0, "cause names cut off below the chart"
    assert ax.get_window_extent().height >= 0.35 * fig.bbox.height, "the bars squeezed by the names"


def test_cause_names_with_commas_are_told_apart_in_the_verdict():
    page = complaints_dashboard()
    _upload(page, _csv(_long_cause_log().head(75)), "cfpb.csv")
    verdict = _text(page.results.children[0].children[1].value)
    assert verdict.startswith("Fix “Credit reporting, credit repair services, or other consumer reports” and "
                              "“Credit card or prepaid card” first"), verdict


def test_a_survey_read_as_a_complaint_log_is_questioned():
    """An airline survey (ratings and a two-valued flight type) and a call record (numbers and
    clock times) are read, with a plain warning; a real log is not warned about."""
    n = 60
    airline = pd.DataFrame({"flight_type": ["Domestic", "International"] * (n // 2),
                            "gender": ["f", "m", "m"] * (n // 3)})
    for k in range(1, 13):
        airline[f"e{k}"] = [(k * i) % 100 + 1 for i in range(n)]
    page = complaints_dashboard()
    _upload(page, _csv(airline), "airline.csv")
    status = _text(page.status.value)
    assert "60 complaints" in status  # read, not refused
    assert "looks like a survey" in status and "12 of its 14 columns hold numbers" in status, status
    assert "only 2 values" in status and "one row per complaint with its cause" in status

    calls = pd.DataFrame({"type": ["PS", "NW", "NE", "PS", "TT"] * 12, "outcome": ["AGENT", "HANG", "AGENT"] * 20})
    for name in ("call_id", "priority", "date", "vru_time", "q_time", "ser_time"):
        calls[name] = range(n)
    for name in ("vru_entry", "vru_exit", "q_start", "q_exit", "ser_start"):
        calls[name] = [f"7:{m:02d}:47" for m in range(n)]
    page = complaints_dashboard()
    _upload(page, _csv(calls), "calls.csv")
    status = _text(page.status.value)
    assert "60 complaints" in status and "11 of its 13 columns hold numbers or times" in status, status
    assert "one row per complaint with its cause" in status

    for content, name in [(_csv(data.load("complaint_log")), "log.csv"), (_csv(_long_cause_log()), "cfpb.csv")]:
        page = complaints_dashboard()
        _upload(page, content, name)
        assert "one row per complaint" not in _text(page.status.value), name


def test_a_complaint_log_says_what_the_reader_noticed():
    log = pd.DataFrame({"Ticket": range(5), "Reason": ["Late", "Late", "Rude", "Late", "Broken"]})
    page = complaints_dashboard()
    _upload(page, _csv(log, sep="\t"), "tickets.tsv")
    status = _text(page.status.value)
    assert "5 complaints" in status and "columns separated by tabs" in status, status


def test_a_log_without_causes_says_so():
    page = complaints_dashboard()
    _upload(page, _csv(pd.DataFrame({"id": range(5), "hours": [1.0, 2, 3, 4, 5]})), "numbers.csv")
    assert "no column that looks like a cause" in _text(page.status.value)


# --- nothing written --------------------------------------------------------------------------------

_WRITES: list = []
_WATCHING = [False]


def _audit(event: str, args: tuple) -> None:
    if not _WATCHING[0]:
        return
    if event == "open" and len(args) >= 2:
        path, mode = args[0], args[1]
        flags = args[2] if len(args) > 2 else 0
        if (isinstance(mode, str) and any(m in mode for m in "wax+")) or (isinstance(flags, int) and flags & 0o3):
            _WRITES.append((event, path, mode))
    elif event in ("os.rename", "os.remove", "shutil.copyfile", "os.mkdir", "tempfile.mkstemp", "tempfile.mkdtemp"):
        _WRITES.append((event, args))


def test_upload_report_and_download_write_no_file(survey):
    """An audit hook sees every file Python opens: none is opened for writing."""
    frame = survey.astype(object)
    frame.loc[[1, 2], "E5"] = None
    content = _csv(frame)
    log = _csv(data.load("complaint_log"))
    page, log_page = survey_dashboard(), complaints_dashboard()  # built before watching
    sys.addaudithook(_audit)
    _WATCHING[0], _WRITES[:] = True, []
    try:
        _upload(page, content, "private.csv")
        page.whatif.controls["lift"].value = 0.5
        _upload(log_page, log, "private-log.csv")
    finally:
        _WATCHING[0] = False
    assert "318 respondents" in _text(page.status.value) and "Download report" in page.download.value
    assert "Download summary" in log_page.download.value
    assert _WRITES == [], f"files opened for writing: {_WRITES[:5]}"
