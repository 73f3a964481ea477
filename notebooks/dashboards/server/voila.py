"""Voila settings for the staff dashboards (`make dashboards` passes this folder to Voila).

Everything a trainer may want to change is here, with the reason for each number. Voila reads
it with ``--Voila.config_file_paths=notebooks/dashboards/server``; nothing goes in your home.

- The ``cx`` page template (``nbconvert/templates/cx``; under ``nbconvert/`` so that Voila's
  own data folder, with its themes, is still found first): a front page listing every dashboard,
  a "back to all dashboards" bar and a "starting..." message on every page, layouts that fit a
  phone, no files fetched from the internet.
- Kernels given back: a closed tab frees its kernel at once (Voila's own close signal); a tab
  left idle, or lost without closing (a phone locked, a network gone), after
  ``cull_idle_timeout`` seconds. Its page then says so and offers a reload.
"""

import json
import os
from pathlib import Path

HERE = Path(__file__).resolve().parent
DASHBOARDS = HERE.parent

# Voila looks for page templates in Jupyter's data folders: add ours (for this server only).
os.environ["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(HERE), os.environ.get("JUPYTER_PATH")]))

c = get_config()  # noqa: F821 (defined by the config loader)

c.Voila.ip = "127.0.0.1"               # this machine only; see README "Serving a room" to share
c.Voila.open_browser = False
c.VoilaConfiguration.template = "cx"
c.VoilaConfiguration.classic_tree = True   # the front page is our tree.html, not a file browser
c.VoilaConfiguration.show_tracebacks = False

# A room full of people: each open page holds one Python kernel (about 130 MB).
c.MappingKernelManager.cull_idle_timeout = 600   # s without any slider move or message
c.MappingKernelManager.cull_interval = 30        # s between checks
c.MappingKernelManager.cull_connected = True     # an idle open tab counts too
c.MappingKernelManager.cull_busy = False         # never stop a page while it computes


def _title_and_purpose(path: Path) -> dict:
    """A dashboard's H1 title and its first sentence of purpose, read from its first cell."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    meta = nb.get("metadata", {})
    text = "".join(nb["cells"][0]["source"]) if nb["cells"] else ""
    lines = [line.strip() for line in text.splitlines()]
    title = next((line[2:] for line in lines if line.startswith("# ")), path.stem)
    return {"path": path.name, "title": meta.get("title", title),
            "purpose": meta.get("dashboard", {}).get("purpose", "")}


def front_page(page_config, base_url, settings, log, voila_configuration, notebook_path=""):
    """Give the front page (the folder view) each dashboard's title and purpose."""
    if not str(notebook_path).endswith(".ipynb"):
        page_config["cxDashboards"] = [_title_and_purpose(p) for p in sorted(DASHBOARDS.glob("*.ipynb"))]
    return page_config


c.VoilaConfiguration.page_config_hook = front_page
