"""read_survey on the files people actually have: separators, Excel's sep= line, UTF-16, no header,
a header that names a column twice. Every file here is written into pytest's tmp_path."""

from __future__ import annotations

import pandas as pd
import pytest

from cxlib._validate import InputError
from cxlib.data import read_survey

SURVEY = pd.DataFrame({"E1": [7, 6], "P1": [6, 5], "branch": ["North", "South"]})


def _write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("sep, note", [(",", None), ("\t", "tabs"), (";", "semicolons"), ("|", "vertical bars")])
def test_separators_are_found(tmp_path, sep, note):
    path = _write(tmp_path, "s.csv", SURVEY.to_csv(index=False, sep=sep).encode())
    frame = read_survey(path)
    pd.testing.assert_frame_equal(frame, SURVEY, check_dtype=False)
    notes = frame.attrs["read_notes"]
    assert (notes == []) if note is None else any(note in n for n in notes)


def test_semicolon_file_with_decimal_commas(tmp_path):
    path = _write(tmp_path, "euro.csv", b"E1;P1\n6,5;5\n7;4,5\n")
    frame = read_survey(path)
    assert frame["E1"].tolist() == [6.5, 7.0] and frame["P1"].tolist() == [5.0, 4.5]
    assert "decimal commas read as decimal points" in frame.attrs["read_notes"]


def test_semicolon_file_with_decimal_points_stays_numeric(tmp_path):
    frame = read_survey(_write(tmp_path, "s.csv", b"E1;P1\n6.5;5\n7;4.5\n"))
    assert frame["E1"].tolist() == [6.5, 7.0]


@pytest.mark.parametrize("line, sep", [(b"sep=,\n", ","), (b"sep=;\n", ";"), (b'"sep=;"\r\n', ";")])
def test_excel_sep_line_is_skipped(tmp_path, line, sep):
    path = _write(tmp_path, "excel.csv", line + SURVEY.to_csv(index=False, sep=sep).encode())
    frame = read_survey(path)
    assert list(frame.columns) == ["E1", "P1", "branch"] and len(frame) == 2
    assert any("sep=" in n for n in frame.attrs["read_notes"])


def test_utf16_with_byte_order_mark_is_read(tmp_path):
    path = _write(tmp_path, "u16.csv", SURVEY.assign(branch=["北", "南"]).to_csv(index=False).encode("utf-16"))
    frame = read_survey(path)
    assert frame["branch"].tolist() == ["北", "南"]
    assert any("UTF-16" in n for n in frame.attrs["read_notes"])


def test_utf16_without_byte_order_mark_is_named(tmp_path):
    path = _write(tmp_path, "u16.csv", SURVEY.to_csv(index=False).encode("utf-16-le"))
    with pytest.raises(InputError, match=r"u16.csv looks like UTF-16.*encoding='utf-16-le'"):
        read_survey(path)
    assert read_survey(path, encoding="utf-16-le")["E1"].tolist() == [7, 6]


def test_no_header_line(tmp_path):
    path = _write(tmp_path, "bare.csv", b"7,6,5\n6,5,4\n")
    with pytest.raises(InputError, match=r"bare.csv has no header line: its first line is all numbers \(7, 6, 5\)"):
        read_survey(path)


@pytest.mark.parametrize("header", [b"E1,P1,E1\n", b"E1;P1;E1\n"])
def test_a_column_named_twice_is_refused_not_renamed(tmp_path, header):
    path = _write(tmp_path, "twice.csv", header + b"7;6;5\n".replace(b";", header[2:3]))
    with pytest.raises(InputError, match=r"names column E1 twice.*columns 1 and 3.*E1\.1"):
        read_survey(path)


def test_a_frame_renamed_by_pandas_is_refused():
    mangled = pd.DataFrame({"E1": [7], "P1": [6], "E1.1": [5]})
    with pytest.raises(InputError, match=r"columns E1 and E1\.1: E1\.1 is how pandas renames a second column"):
        read_survey(mangled)
    ok = pd.DataFrame({"version": [1], "version.1": [2]})  # not an item column: left alone
    assert read_survey(ok).columns.tolist() == ["version", "version.1"]


def test_a_frame_with_a_repeated_column_is_refused():
    frame = pd.DataFrame([[7, 6, 5]], columns=["E1", "P1", "E1"])
    with pytest.raises(InputError, match="more than one column named E1 \\(columns 1 and 3"):
        read_survey(frame)


def test_upload_bytes_and_file_objects(tmp_path):
    data = SURVEY.to_csv(index=False, sep="\t").encode()
    assert read_survey(data, name="up.tsv")["P1"].tolist() == [6, 5]
    path = _write(tmp_path, "up.tsv", data)
    with open(path, "rb") as f:
        assert read_survey(f)["P1"].tolist() == [6, 5]
    with open(path, encoding="utf-8") as f, pytest.raises(TypeError, match="binary mode"):
        read_survey(f)
    assert not (tmp_path / "the uploaded file").exists()


def test_bad_sep_and_encoding_named(tmp_path):
    path = _write(tmp_path, "s.csv", SURVEY.to_csv(index=False).encode())
    with pytest.raises(InputError, match="sep must be one character"):
        read_survey(path, sep=";;")
    with pytest.raises(InputError, match="encoding 'klingon' is unknown"):
        read_survey(path, encoding="klingon")


def test_whitespace_only_file_is_empty(tmp_path):
    with pytest.raises(InputError, match="blank.csv is empty"):
        read_survey(_write(tmp_path, "blank.csv", b"\n\n  \n"))
