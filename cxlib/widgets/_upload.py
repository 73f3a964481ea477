"""Pieces the "your data" dashboards share: an upload row, plain-word errors, a download link.

An upload stays in memory: its bytes are parsed (never evaluated, never written to disk) and
the download is built as a string and handed to the browser inside the link itself.
"""

from __future__ import annotations

import base64
import html
import re

import ipywidgets as w
import pandas as pd

from ..data import read_survey

__all__ = ["upload_row", "read_upload", "plain_error", "download_link", "reading_text", "file_lines", "ENCODINGS", "YourDataPage"]

ENCODINGS = [
    ("UTF-8 (Excel's 'CSV UTF-8')", "utf-8-sig"),
    ("Chinese (GB18030 / GBK)", "gb18030"),
    ("Korean (CP949)", "cp949"),
    ("Western European (Windows-1252)", "cp1252"),
]

MAX_BYTES = 8 * 1024 * 1024
"""Largest upload read (8 MB: about 100,000 survey answers); larger files get a plain refusal."""


def upload_row(what: str) -> tuple[w.FileUpload, w.Button, w.Dropdown, w.Box]:
    """An upload button, a "use the sample" button and the file's text encoding, labelled."""
    upload = w.FileUpload(accept=".csv,.txt,text/csv", multiple=False, description=f"Upload your {what} (CSV)",
                          layout=w.Layout(width="auto"))
    sample = w.Button(description=f"Use the sample {what}", layout=w.Layout(width="auto"))
    encoding = w.Dropdown(options=ENCODINGS, value="utf-8-sig", description="File encoding",
                          style={"description_width": "initial"}, layout=w.Layout(width="100%", max_width="480px"))
    row = w.Box([upload, sample], layout=w.Layout(flex_flow="row wrap", grid_gap="8px"))
    return upload, sample, encoding, w.VBox([row, encoding])


def read_upload(upload: w.FileUpload, encoding: str) -> tuple[pd.DataFrame, str]:
    """The uploaded CSV as a DataFrame, and its file name; bytes are parsed in memory only.

    ``read_survey`` finds the separator (',' ';' tab '|'), decimal commas, UTF-16 and Excel's
    ``sep=`` line, and notes what it found in ``frame.attrs["read_notes"]``.
    """
    if not upload.value:
        raise ValueError("no file uploaded yet")
    item = upload.value[0]
    name = str(item.get("name") or "your file")
    content = bytes(item["content"])
    if len(content) > MAX_BYTES:
        raise ValueError(f"{name} is {len(content) / 1e6:.1f} MB; this page reads files up to "
                         f"{MAX_BYTES // 1024 // 1024} MB. Send a smaller extract (fewer columns or rows).")
    return read_survey(content, encoding=encoding, name=name), name


_LINE_OFFSET = 2  # row 0 of the table is line 2 of the file (line 1 is the header)


def plain_error(message: str, file_name: str) -> str:
    """A cxlib input error in plain words: rows become the file's line numbers, code hints go.

    >>> plain_error("survey column P7 has a value outside the 1-7 scale: row 3 is 9. Fix or "
    ...             "remove that row.", "shop.csv")
    'Column P7 has a value outside the 1-7 scale: line 5 of shop.csv is 9. Fix or remove that line.'
    >>> plain_error("survey column E2 is blank in rows 0, 4. Fill the blanks, or pass dropna=True "
    ...             "to leave those respondents out.", "a.csv")
    'Column E2 is blank in lines 2, 6 of a.csv. Fill the blanks.'
    """
    text = str(message)

    def lines(match: re.Match) -> str:
        numbers = [int(x) + _LINE_OFFSET for x in re.findall(r"\d+", match.group(2))]
        noun = "line" if match.group(1) == "row" else "lines"
        more = match.group(3) or ""
        return f"{noun} {', '.join(map(str, numbers))}{more} of {file_name}"

    text = re.sub(r"\b(rows?) (\d+(?:, \d+)*)( and \d+ more)?", lines, text)
    text = re.sub(r",? or pass dropna=True to [^.]*", "", text)
    text = re.sub(r"\((?:or )?pass the right scale=\)", "(or choose the right scale above)", text)
    text = text.replace("that row.", "that line.").replace("those rows", "those lines")
    text = re.sub(r"\b(?:or )?pass items= with your own item numbers", "or edit the item groups above", text)
    text = text.replace("items=", "the item groups")
    text = re.sub(r"^(?:survey|complaint log) column ", "Column ", text)
    text = re.sub(r"^(?:survey|complaint log) has no ", "The file has no ", text)
    text = re.sub(r"or name its encoding, e\.g\. read_survey\(.*$", "or choose the file's encoding above.", text)
    text = re.sub(r"; read it with pd\.read_csv\(.*$", ".", text)
    if re.match(r"^(the|column|items?|no) ", text):
        text = text[0].upper() + text[1:]
    return text


def reading_text(notes: list[str]) -> str:
    """What the reader noticed in a file (its separator, decimal commas, ...) as a sentence, or "".

    >>> reading_text(["columns separated by semicolons", "decimal commas read as decimal points"])
    'How we read the file: columns separated by semicolons; decimal commas read as decimal points.'
    >>> reading_text([])
    ''
    """
    notes = [str(n).strip().rstrip(".") for n in notes if str(n).strip()]
    return f"How we read the file: {'; '.join(notes)}." if notes else ""


def file_lines(index: pd.Index, file_name: str, limit: int = 8) -> str:
    """Where rows ``index`` (0 = the first under the header) stand in the file, as a person counts lines.

    >>> file_lines(pd.Index([0, 4]), "survey.csv"), file_lines(pd.RangeIndex(10), "log.csv", limit=2)
    ('lines 2, 6 of survey.csv', 'lines 2, 3 and 8 more of log.csv')
    """
    shown = ", ".join(str(int(i) + 2) for i in list(index)[:limit])
    more = f" and {len(index) - limit} more" if len(index) > limit else ""
    return f"line{'s' if len(index) > 1 else ''} {shown}{more} of {file_name}"


def download_link(content: str, file_name: str, label: str) -> str:
    """An HTML link that hands ``content`` to the browser as a file: nothing is written here.

    >>> 'download="r.html"' in download_link("<p>hi</p>", "r.html", "Download report")
    True
    """
    data = base64.b64encode(content.encode("utf-8")).decode("ascii")
    size = len(content.encode("utf-8")) / 1024
    return (f'<a class="cx-button cx-download" role="button" download="{html.escape(file_name)}" '
            f'href="data:text/html;charset=utf-8;base64,{data}" style="display:inline-block;background:#0072B2;'
            f'color:#fff;border-radius:4px;text-decoration:none;padding:6px 14px;font-weight:600">'
            f'{html.escape(label)}</a> <span style="color:#555">({size:,.0f} KB, opens in any browser)</span>')


class YourDataPage(w.VBox):
    """What both "your data" pages share: upload or sample, a status line, settings, results.

    A page sets :attr:`settings` (a box shown once a file is read) and implements ``_load`` (a
    DataFrame and its name) and ``_refresh``. :meth:`_fail` says in words what is wrong.
    """

    def __init__(self, what: str, sample, settings: w.Box) -> None:
        self.upload, self.sample, self.encoding, upload_box = upload_row(what)
        self.status = w.HTML(f"<p>Upload your {what}, or try the sample first.</p>")
        self.status.add_class("cx-status")
        self.settings = settings
        self.settings.layout.display = "none"
        self.results = w.VBox([])
        self.whatif = None
        self.download = w.HTML()
        self._frame: pd.DataFrame | None = None
        self._name = ""
        self._quiet = False  # while settings are filled in for a new file
        super().__init__([upload_box, self.status, self.settings, self.results])
        self.add_class("cx-your-data")
        self.upload.observe(self._on_upload, names="value")
        self.encoding.observe(self._on_upload, names="value")  # read the same upload again
        self.sample.on_click(lambda _: self._load(sample(), f"the sample {what}"))

    def _on_upload(self, change: object = None) -> None:
        if not self.upload.value:
            return
        try:
            frame, name = read_upload(self.upload, self.encoding.value)
        except Exception as exc:  # a file we cannot parse: say so, never a traceback
            self._fail(plain_error(str(exc), self.upload.value[0].get("name", "your file")))
            return
        self._load(frame, name)

    def _load(self, frame: pd.DataFrame, name: str) -> None:
        raise NotImplementedError

    def _fail(self, message: str, keep_settings: bool = False) -> None:
        """Say what is wrong; without ``keep_settings`` the file is dropped (its settings with it)."""
        self.status.value = (f"<div class='cx-error' role='alert' style='border-left:6px solid #D55E00;padding:4px 10px'>"
                             f"<b>We could not use this file.</b><br>{html.escape(message)}</div>")
        self.results.children = ()
        self.download.value = ""
        self.whatif = None
        if not keep_settings:
            self._frame = None
            self.settings.layout.display = "none"

    def _understood(self, lines: list[str]) -> str:
        """The "What we read" box (lines are HTML), with what the reader noticed in the file, if anything."""
        notes = self._frame.attrs.get("read_notes", []) if self._frame is not None else []
        if reading_text(notes):
            lines = [*lines, html.escape(reading_text(notes))]
        return ("<div class='cx-understood' role='status' style='border-left:6px solid #0072B2;padding:4px 10px'>"
                "<b>What we read</b><br>" + "<br>".join(lines) + "</div>")
