"""Voila settings for the staff dashboards (`make dashboards` passes this folder to Voila).

Everything a trainer may want to change is here, with the reason for each number. Voila reads
it with ``--Voila.config_file_paths=notebooks/dashboards/server``; nothing goes in your home.

- The ``cx`` page template (``nbconvert/templates/cx``; under ``nbconvert/`` so that Voila's
  own data folder, with its themes, is still found first): a front page listing every dashboard,
  a "back to all dashboards" bar and a "starting..." message on every page, layouts that fit a
  phone, no files fetched from the internet.
- Kernels given back: a closed tab frees its kernel at once, an idle tab after ``IDLE_SECONDS``,
  a page lost without closing after ``cull_idle_timeout`` (details in :func:`configure`). An
  idle page then says so and offers to start again.

Imported as a module (pytest's doctests do) it only defines its functions; the settings are
applied when Voila reads it.
"""

import json
import os
from pathlib import Path

HERE = Path(__file__).resolve().parent
DASHBOARDS = HERE.parent
IDLE_SECONDS = 600  # a page without a click, key or touch this long frees its kernel (the cx template)


def configure(c) -> None:
    """Apply the dashboards' settings to Voila's config object ``c``."""
    # Voila looks for page templates in Jupyter's data folders: add ours (for this server only).
    os.environ["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(HERE), os.environ.get("JUPYTER_PATH")]))

    c.Voila.ip = "127.0.0.1"               # this machine only; see the README to let a room in
    c.Voila.open_browser = False
    c.VoilaConfiguration.template = "cx"
    c.VoilaConfiguration.classic_tree = True   # the front page is our tree.html, not a file browser
    c.VoilaConfiguration.show_tracebacks = False
    c.VoilaConfiguration.page_config_hook = front_page
    c.VoilaConfiguration.prelaunch_hook = give_kernels_back
    # After a cell has run, wait this long for its output (the page's widgets) before giving up on
    # it. Voila's 4 s default drops the widgets of pages that start while the machine is busy (many
    # people arriving at once): the page then shows only its text.
    c.VoilaExecutor.iopub_timeout = 60
    # The server talks to each kernel through local socket files, not TCP ports: a TCP port is
    # picked free, then bound by the kernel a moment later, and another program may take it in
    # between; that kernel then dies and its page never finishes loading (seen while browsers ran).
    c.KernelManager.transport = "ipc"

    # A room full of people: each open page holds one Python kernel (about 145 MB). Kernels go back
    # - when a tab closes: the page tells the server (see give_kernels_back);
    # - when a tab sits IDLE_SECONDS without a click, key or touch: the page frees its own kernel
    #   and says so, with a button to start again (the cx template's script);
    # - when a page vanishes without closing (a phone locked, a network or laptop gone): the server
    #   stops kernels with no page connected after cull_idle_timeout seconds without a message.
    c.MappingKernelManager.cull_idle_timeout = 300   # a page still loading on a busy machine has no
                                                     # connection yet (30 at once: up to 2 minutes)
    c.MappingKernelManager.cull_interval = 30        # s between checks
    c.MappingKernelManager.cull_connected = False    # an open page is the page's own business
    c.MappingKernelManager.cull_busy = False         # never stop a kernel while it computes
    _give_memory_back()


def _title_and_purpose(path: Path) -> dict:
    """A dashboard's title (its metadata, else its H1) and its one-line purpose."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    meta = nb.get("metadata", {})
    text = "".join(nb["cells"][0]["source"]) if nb["cells"] else ""
    lines = [line.strip() for line in text.splitlines()]
    title = next((line[2:] for line in lines if line.startswith("# ")), path.stem)
    return {"path": path.name, "title": meta.get("title", title),
            "purpose": meta.get("dashboard", {}).get("purpose", "")}


def front_page(page_config, base_url, settings, log, voila_configuration, notebook_path=""):
    """Give the front page (the folder view) each dashboard's title and purpose; every page the idle limit.

    >>> page = front_page({}, "/", {}, None, None, notebook_path="")
    >>> page["cxIdleSeconds"], page["cxDashboards"][0]["path"]
    (600, '01_rater.ipynb')
    """
    page_config["cxIdleSeconds"] = IDLE_SECONDS
    if not str(notebook_path).endswith(".ipynb"):
        page_config["cxDashboards"] = [_title_and_purpose(p) for p in sorted(DASHBOARDS.glob("*.ipynb"))]
    return page_config


def give_kernels_back(handler, notebook, cwd):
    """Set the page's XSRF cookie before the kernel starts.

    Voila frees a page's kernel when its tab closes by posting to ``/voila/api/shutdown/<id>``
    with the ``_xsrf`` cookie's value; Voila 0.5 never sets that cookie on a dashboard page, so the
    post is refused (403) and every page view kept its kernel until the server stopped. Reading
    ``xsrf_token`` sets the cookie. (The notebook is returned unchanged.)
    """
    handler.xsrf_token
    return notebook


def _give_memory_back(every: float = 30.0) -> None:
    """Every ``every`` seconds, free what closed pages left behind and hand it back to the machine.

    A closed page leaves objects that refer to each other (its kernel's manager, sockets,
    handlers); Python frees those only in a full collection, which a quiet server, allocating
    little, may not run for hours. Then glibc is asked to return the freed memory (malloc_trim).
    """
    import ctypes
    import gc
    import threading
    import time

    try:
        trim = ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):
        trim = None

    def loop() -> None:
        while True:
            time.sleep(every)
            gc.collect()
            if trim is not None:
                trim(0)

    threading.Thread(target=loop, name="give-memory-back", daemon=True).start()


try:
    _config = get_config()  # noqa: F821 (defined when Voila reads this file)
except NameError:  # imported as a module: nothing to configure
    _config = None
if _config is not None:
    configure(_config)
