"""The dashboards' server settings (notebooks/dashboards/server/voila.py), read as Voila reads them."""

from __future__ import annotations

import os
from pathlib import Path

from traitlets.config.loader import PyFileConfigLoader

SETTINGS = Path(__file__).resolve().parent.parent / "notebooks" / "dashboards" / "server"


def _config():
    before = os.environ.get("JUPYTER_PATH")
    try:
        return PyFileConfigLoader("voila.py", path=str(SETTINGS)).load_config()
    finally:  # the file adds its template folder to JUPYTER_PATH for the server it configures
        if before is None:
            os.environ.pop("JUPYTER_PATH", None)
        else:
            os.environ["JUPYTER_PATH"] = before


def test_localhost_only_our_template_and_no_tracebacks():
    c = _config()
    assert c.Voila.ip == "127.0.0.1"
    assert c.VoilaConfiguration.template == "cx" and c.VoilaConfiguration.show_tracebacks is False
    template = SETTINGS / "nbconvert" / "templates" / "cx"
    assert {"conf.json", "index.html.j2", "tree.html", "static"} <= {p.name for p in template.iterdir()}


def test_kernels_are_given_back_and_busy_pages_keep_theirs():
    c = _config()
    k = c.MappingKernelManager
    assert 0 < k.cull_idle_timeout <= 600 and k.cull_interval <= 60 and k.cull_busy is False
    assert c.VoilaExecutor.iopub_timeout >= 30  # a page started on a busy machine keeps its widgets
    # no TCP port for another program to take between choosing it and the kernel binding it
    assert c.KernelManager.transport == "ipc"


def test_front_page_gets_every_dashboard_and_pages_their_idle_limit(tmp_path):
    c = _config()
    hook = c.VoilaConfiguration.page_config_hook
    front: dict = {}
    hook(front, "/", {}, None, None, notebook_path="")
    names = [d["path"] for d in front["cxDashboards"]]
    assert names == sorted(p.name for p in SETTINGS.parent.glob("*.ipynb"))
    assert all(d["title"] and d["purpose"] for d in front["cxDashboards"])
    page: dict = {}
    hook(page, "/", {}, None, None, notebook_path="01_rater.ipynb")
    assert "cxDashboards" not in page and page["cxIdleSeconds"] == 600


def test_the_page_sets_its_xsrf_cookie_so_closing_it_frees_the_kernel():
    c = _config()

    class Handler:
        touched = False

        @property
        def xsrf_token(self):
            Handler.touched = True
            return b"token"

    notebook = object()
    assert c.VoilaConfiguration.prelaunch_hook(Handler(), notebook=notebook, cwd=".") is notebook
    assert Handler.touched
