"""Real browser: a manager's own survey and complaint log, uploaded and downloaded by keyboard.

- The upload says what it read (respondents, rows set aside and on which lines) or, for a bad
  file, which column and line to fix.
- The report downloads, and nothing the manager uploaded is written anywhere: every file
  created or changed during the visit (the project, /tmp, the home folder) is searched for a
  marker that only the upload contains; only the browser's own download folder may hold it.
- Kernels go back: a closed tab frees its kernel at once; an idle tab frees its own and says so.
"""

from __future__ import annotations

import re
import subprocess
import time
import uuid
from pathlib import Path

import psutil
import pytest

from cxlib import data, widgets
from cxlib.widgets.your_complaints import log_whatif

from ._browser import wait_for_text
from ._dashboards import READY, ROOT, check_page, move_slider, served_browser, tab_to, verdict_text

pytestmark = pytest.mark.browser
SURVEY, COMPLAINTS = "07_your_survey.ipynb", "08_your_complaints.ipynb"
THESE = [SURVEY, COMPLAINTS]
SKIP_DIRS = {".git", ".venv", "__pycache__", ".pytest_cache", ".hypothesis", "node_modules"}


@pytest.fixture(scope="module")
def site(dashboards_server):
    with served_browser(dashboards_server) as served:
        yield served


def _kernel_running(proc, kernel_id: str) -> bool:
    """Whether the server still runs the kernel ``kernel_id`` (its connection file names it)."""
    for child in psutil.Process(proc.pid).children(recursive=True):
        try:
            if kernel_id in " ".join(child.cmdline()) and child.status() != psutil.STATUS_ZOMBIE:
                return True
        except psutil.Error:  # gone, or a zombie being reaped: not running
            continue
    return False


def _kernel_id(page) -> str:
    return page.evaluate("() => JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId")


def _wait_until(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {timeout:.0f} s for {what}")
        time.sleep(0.2)


def _new_page(context):
    """A tab whose file choosers Playwright answers; intercepting from the start, not from the
    first upload on, so a chooser opened under load is never missed."""
    page = context.new_page()
    page.on("filechooser", lambda chooser: None)
    return page


def _upload(page, button: str, name: str, content: bytes) -> None:
    """Open the file chooser from the keyboard and hand it a file held in memory."""
    page.bring_to_front()  # a file chooser opens only from the focused window
    tab_to(page, button)
    page.wait_for_function("() => document.hasFocus()")
    with page.expect_file_chooser(timeout=60_000) as chooser:
        page.keyboard.press("Enter")
    chooser.value.set_files({"name": name, "mimeType": "text/csv", "buffer": content})


def _changed_files_holding(marker: bytes, since: float) -> list[str]:
    """Files created or modified since ``since`` under the project, /tmp and home holding ``marker``.

    The browser's own folders (its profile and the download it was asked to make) and big
    tool chains that nothing here writes to are left out.
    """
    prune = [".git", ".venv", ".pyenv", ".rustup", ".m2", ".npm", "playwright*", "chromium*", ".org.chromium*"]
    names = [arg for name in prune for arg in ("-o", "-name", name)][1:]
    cmd = ["find", str(ROOT), "/tmp", str(Path.home()), "-xdev", "(", *names, ")", "-prune", "-o",
           "-type", "f", "-newermt", f"@{since:.0f}", "-size", "-50M", "-print0"]
    out = subprocess.run(cmd, capture_output=True, timeout=60).stdout
    found = []
    for raw in filter(None, out.split(b"\0")):
        try:
            with open(raw, "rb") as f:
                if marker in f.read():
                    found.append(raw.decode(errors="replace"))
        except OSError:
            continue
    return found


def _sample(page, button: str, understood: str) -> None:
    """Load the page's sample by keyboard and wait until everything it computes is shown."""
    tab_to(page, button)
    page.keyboard.press("Enter")
    wait_for_text(page, ".cx-understood", re.compile(re.escape(understood)), timeout=60_000)
    page.locator(".cx-download").wait_for(timeout=60_000)  # the results are all in: the link comes last


def _survey_sample(page) -> str:
    """The sample survey, then the what-if moved by keyboard: the sentence the page must show."""
    _sample(page, "Use the sample survey", "320 respondents")
    box = widgets.servqual_whatif(data.load("servqual_survey"), dropna=True)
    move_slider(page, "by (points on the", "ArrowRight", 5, box, "lift")
    return re.search(r"moves the score from \S+ to \S+", verdict_text(box)).group(0)


def _complaints_sample(page) -> str:
    """The sample complaint log, then the iceberg's share moved by keyboard."""
    _sample(page, "Use the sample complaint log", "620 complaints")
    box = move_slider(page, "Unhappy customers who complain", "ArrowRight", 9, log_whatif(620, 175, 17), "complain")
    return verdict_text(box).split(" About")[0]


def _checked_with_the_sample(name: str, page, output_dir, keyboard) -> None:
    """What every dashboard owes its users (tests/_dashboards.check_page), with the sample in;
    then back to a phone's width, where the uploads below happen."""
    failures = check_page(name, page, output_dir, keyboard, keyboard_first=True)
    page.set_viewport_size({"width": 390, "height": 844})
    assert not failures, "\n".join(failures)


def test_survey_upload_errors_report_download_nothing_written_and_kernel_freed(site, output_dir):
    url, proc, chromium = site
    context = chromium.new_context(viewport={"width": 390, "height": 844}, accept_downloads=True)
    idle = context.new_page()  # checked at the end: a tab nobody touches
    idle.goto(f"{url}voila/render/03_five_gaps.ipynb?cx_idle=3", wait_until="commit")  # 3 s, not 10 min
    page = _new_page(context)
    page.goto(f"{url}voila/render/{SURVEY}")
    page.locator(READY).first.wait_for(timeout=120_000)
    _checked_with_the_sample(SURVEY, page, output_dir, _survey_sample)  # first the sample, as most start

    # a bad file: the column and the line to fix, in words
    bad = data.load("servqual_survey")
    bad.loc[3, "P7"] = 9
    _upload(page, "Upload your survey", "bad.csv", bad.to_csv(index=False).encode())
    alert = page.get_by_role("alert").filter(has_text="could not use")
    alert.wait_for(timeout=60_000)
    message = alert.inner_text()
    assert "Column P7" in message and "line 5 of bad.csv is 9" in message and "1-7 scale" in message, message
    assert "row" not in message and "dropna" not in message and "Traceback" not in page.inner_text("body")

    # their own survey: what was read, their groups, the report
    marker = f"Branch{uuid.uuid4().hex[:12]}"
    survey = data.load("servqual_survey").astype(object)
    survey.loc[survey.index % 2 == 0, "branch"] = marker
    survey.loc[[4, 8], "E3"] = None  # two respondents leave a question blank: lines 6 and 10
    since = time.time() - 1
    _upload(page, "Upload your survey", "shop-survey.csv", survey.to_csv(index=False).encode("utf-8"))
    text = wait_for_text(page, ".cx-understood", re.compile("shop-survey.csv"), timeout=60_000)  # not the sample's
    assert "318 respondents" in text, text
    assert "2 of 320 respondents (0.6%) set aside" in text and "lines 6, 10 of shop-survey.csv" in text, text
    page.locator(".cx-download").wait_for(timeout=60_000)
    wait_for_text(page, "body", re.compile(marker), timeout=60_000)  # their own groups are compared
    page.screenshot(path=str(output_dir / "your_survey_upload_390.png"), full_page=True)
    tab_to(page, "Download report")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    report = Path(download.value.path()).read_text(encoding="utf-8")
    assert download.value.suggested_filename == "service-quality-report.html"
    assert "Service quality report" in report and marker in report and "318 respondents" in report

    # closing the tab gives its kernel back at once
    kernel = _kernel_id(page)
    assert _kernel_running(proc, kernel)
    page.close(run_before_unload=True)
    _wait_until(lambda: not _kernel_running(proc, kernel), 30, "the closed tab's kernel to stop")

    # nothing of the upload was written anywhere but the browser's download
    leaks = _changed_files_holding(marker.encode(), since)
    assert not leaks, f"the upload was written to disk: {leaks}"

    # the untouched tab went to sleep, gave its kernel back and says so
    idle.locator(READY).first.wait_for(timeout=120_000)
    idle_kernel = _kernel_id(idle)
    notice = idle.locator("#cx-asleep")
    notice.wait_for(state="visible", timeout=60_000)
    assert "went to sleep" in notice.inner_text() and notice.get_by_role("button", name="Start it again").count() == 1
    _wait_until(lambda: not _kernel_running(proc, idle_kernel), 30, "the idle tab's kernel to stop")
    context.close()


def test_complaint_log_upload_with_its_own_column_names(site, output_dir):
    url, proc, chromium = site
    log = data.load("complaint_log").rename(columns={"cause": "Reason for complaint"}).drop(columns="escalation_level")
    log["Reason for complaint"] = log["Reason for complaint"].str.replace("_", " ").str.capitalize().astype(object)
    log.loc[[2, 7, 9], "Reason for complaint"] = None
    context = chromium.new_context(viewport={"width": 390, "height": 844}, accept_downloads=True)
    page = _new_page(context)
    page.goto(f"{url}voila/render/{COMPLAINTS}")
    page.locator(READY).first.wait_for(timeout=120_000)
    _checked_with_the_sample(COMPLAINTS, page, output_dir, _complaints_sample)
    _upload(page, "Upload your complaint log", "our-log.csv", log.to_csv(index=False).encode())
    text = wait_for_text(page, ".cx-understood", re.compile("our-log.csv"), timeout=60_000)  # not the sample's
    assert "617 complaints" in text and "Reason for complaint" in text, text
    assert "Set aside: 3 complaints" in text and "lines 4, 9, 11 of our-log.csv" in text, text
    assert "estimated" in text  # no column says how far complaints climbed
    page.locator(".cx-download").wait_for(timeout=60_000)
    wait_for_text(page, ".cx-decision", re.compile("^Fix Product quality, Poor service and Misleading promotion first"),
                  timeout=60_000)
    page.screenshot(path=str(output_dir / "your_complaints_upload_390.png"), full_page=True)
    tab_to(page, "Download summary")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    summary = Path(download.value.path()).read_text(encoding="utf-8")
    assert "Complaints summary" in summary and "617 complaints" in summary
    page.close(run_before_unload=True)
    context.close()
