"""cxlib.data finds the course data from anywhere and never hands out shared objects."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cxlib import data

ROOT = Path(__file__).resolve().parent.parent


def test_load_from_another_directory(tmp_path):
    code = "from cxlib import data; print(len(data.load('glossary')) > 0)"
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True)
    assert out.stdout.strip() == "True", out.stderr


def test_every_csv_is_loadable_and_each_load_is_fresh():
    names = data.available()
    assert "glossary" in names and "satisfaction_visits" in names
    first = data.load("satisfaction_visits")
    first.loc[0, "experience"] = -999
    assert data.load("satisfaction_visits").loc[0, "experience"] != -999
    for name in names:
        assert len(data.load(name)) > 0, name


def test_unknown_name_lists_what_exists():
    with pytest.raises(ValueError, match="no dataset named 'nope'; available: .*glossary"):
        data.path("nope")
    with pytest.raises(TypeError):
        data.path(3)


def test_env_override(monkeypatch, tmp_path):
    (tmp_path / "glossary.csv").write_text("english,chinese\nx,y\n", encoding="utf-8")
    monkeypatch.setenv("CXLIB_DATA", str(tmp_path))
    assert data.data_dir() == tmp_path
    assert data.available() == ["glossary"]


def test_data_dictionary_documents_every_dataset():
    readme = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    missing = [n for n in data.available() if f"`{n}.csv`" not in readme]
    assert not missing, f"data/README.md does not document: {missing}"
