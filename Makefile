# The course's commands. Only Python 3.11+ and make are needed; everything else goes in .venv.
#   make lab         set up (if needed) and open JupyterLab on the start page
#   make test        set up (if needed) and run every test: units, doctests, notebooks, browser
#   make dashboards  serve the no-code what-if pages with Voila on localhost
#   make bench       print the numbers the issue notes report
#   make loadtest    30 sessions at once on the dashboards: latency, memory, kernels given back
#   make exercises   regenerate exercises/ from solutions/
#   make data        regenerate data/*.csv from the seeded generators
#   make site        build the course website into site/ (every lesson executed; works offline)
#   make slides      build offline reveal.js slides of every lesson, with outputs, into slides/
#   make screenshots retake the dashboard screenshots the website shows (Voila + chromium)
#   make grade SUBMISSIONS=folder   grade a class's exercise notebooks (sandboxed) into folder/_grades/
#   make wheelhouse  download every pinned package into wheelhouse/ for a room without internet
#   make handouts    print-ready role-play cards, checklists, exercise sheets, answer key -> handouts/
#   make hypothesis-deep  every property test with 3000 random examples (HYPOTHESIS_DEEP_EXAMPLES)
#   make mutate      mutation testing of the maths modules: kill rate and surviving mutants
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
PORT   ?= 8866
export PYTHONHASHSEED := 0
# Python keeps compiled modules in __pycache__/ (git ignores it) even where the shell says not
# to: pytest then rewrites the test modules' asserts once, not in every worker on every run,
# and each notebook kernel imports cxlib compiled.
unexport PYTHONDONTWRITEBYTECODE
# An offline room: once wheelhouse/ holds every pinned wheel (`make wheelhouse`, with internet),
# setup installs from it alone (--no-index), so `make lab` and `make test` need no network.
WHEELHOUSE := wheelhouse
SITE_REQS  := $(wildcard requirements-site.txt)
PIP_FROM   := $(if $(wildcard $(WHEELHOUSE)/.complete),--no-index --find-links $(WHEELHOUSE))

.PHONY: setup lab test test-fast dashboards bench exercises data tidy clean grade wheelhouse handouts site slides screenshots
.PHONY: hypothesis-deep mutate loadtest

setup: $(STAMP)

# Rebuilt only when the pins or the package metadata change, so a second `make lab` is instant.
$(STAMP): requirements.txt constraints.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "cx course needs Python 3.11 or newer; found " + sys.version.split()[0])'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check $(PIP_FROM) -r requirements.txt -c constraints.txt \
	    $(if $(PIP_FROM),|| { echo "Installing from wheelhouse/ failed: made before the pins changed? Run make wheelhouse with internet."; exit 1; })
	$(PY) -m pip install --quiet --disable-pip-version-check $(PIP_FROM) --no-deps -e .
	touch $(STAMP)

# The website and slides builder (Sphinx, MyST-NB, local MathJax and reveal.js): kept out of
# the learner's `make lab` install; `make site`, `make slides` and `make test` add it.
SITE_STAMP := $(VENV)/.site-installed
$(SITE_STAMP): $(STAMP) requirements-site.txt constraints.txt
	$(PY) -m pip install --quiet --disable-pip-version-check $(PIP_FROM) -r requirements-site.txt -c constraints.txt
	touch $(SITE_STAMP)

# Wheels (built here when a package has none) for this platform and Python, plus setuptools,
# which `pip install -e .` needs to build cxlib. Copy the whole repo with wheelhouse/ to a USB stick.
wheelhouse: $(WHEELHOUSE)/.complete
$(WHEELHOUSE)/.complete: requirements.txt constraints.txt pyproject.toml $(SITE_REQS)
	$(PYTHON) -m pip wheel --quiet --disable-pip-version-check --wheel-dir $(WHEELHOUSE) \
	    -r requirements.txt $(addprefix -r ,$(SITE_REQS)) -c constraints.txt setuptools
	touch $@

# (--allow-root only where you are root, e.g. in a container; JupyterLab refuses root otherwise)
lab: setup
	$(VENV)/bin/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root) notebooks/00_start_here.ipynb

# nbval runs the exercises and solutions. Every other notebook runs once, not a second time
# under nbval: the lessons (notebooks/NN_*.ipynb) in tests/test_lesson_outputs.py through
# notebooks/execute.py (cached, shared with the site and slides), the dashboards in Voila in
# tests/test_browser_dashboards*.py (which fail on any error or warning a page shows).
# Files marked slow or browser start first (conftest.py), in that order (--no-loadscope-reorder).
test: setup $(SITE_STAMP)
	$(PY) -m pytest -p tests._quickstart -n 2 --dist loadfile --no-loadscope-reorder --durations=40 \
	    --doctest-modules --nbval-lax --nbval-current-env \
	    --ignore-glob='notebooks/[0-9][0-9]_*.ipynb' --ignore-glob='notebooks/dashboards/*.ipynb' \
	    tests cxlib notebooks exercises solutions

# Units and doctests only (no notebooks, no browser): seconds.
test-fast: setup
	$(PY) -m pytest -q --doctest-modules tests cxlib -m "not browser" --ignore=tests/test_notebooks_exec.py

# Deep random exploration of every property test (minutes); failures are saved in .hypothesis/
# and replayed by the next `make test`. CI's runs use the derandomized "ci" profile instead.
hypothesis-deep: setup
	HYPOTHESIS_PROFILE=deep $(PY) -m pytest -n 2 -q -m hypothesis tests

# Mutation testing (tests/mutate.py; minutes): MUTATE_ARGS="--module gaps" narrows the run,
# MUTATE_ARGS="--prove 'tests/test_pins_*.py'" shows every pin test fails on some mutant.
mutate: setup
	$(PY) tests/mutate.py $(MUTATE_ARGS)

# Settings (template, front page, kernel culling) live in notebooks/dashboards/server/voila.py.
dashboards: setup
	@echo "Staff dashboards: open http://localhost:$(PORT)/ in a browser (Ctrl-C to stop)."
	$(VENV)/bin/voila --Voila.config_file_paths=notebooks/dashboards/server --port=$(PORT) notebooks/dashboards

bench: setup
	$(PY) tests/bench.py

# 30 people at once on the dashboards (a benchmark, ~4 minutes): latency, memory, kernels freed.
loadtest: setup
	$(PY) tests/loadtest.py

exercises: setup
	$(PY) exercises/make_exercises.py

data: setup
	$(PY) data/make_data.py

# Learners' notebooks run in a bubblewrap sandbox (Debian: apt-get install bubblewrap), several at
# a time; TIMEOUT is seconds per notebook (default 60), JOBS notebooks at a time (default: cores).
grade: setup
	@test -n "$(SUBMISSIONS)" || { echo "usage: make grade SUBMISSIONS=folder-with-the-notebooks"; exit 2; }
	$(PY) exercises/grade.py "$(SUBMISSIONS)" $(if $(TIMEOUT),--timeout $(TIMEOUT)) $(if $(JOBS),--jobs $(JOBS))

# HTML with print CSS for A4 (and PDFs with Debian's chromium); handouts/trainer/ is trainer-only.
handouts: setup
	$(PY) notebooks/handouts.py --out handouts

tidy: setup
	$(PY) notebooks/tidy.py

site: $(SITE_STAMP)
	$(PY) notebooks/site/build_site.py

slides: $(SITE_STAMP)
	$(PY) notebooks/slides/build_slides.py

screenshots: $(SITE_STAMP)
	$(PY) notebooks/site/screenshots.py

clean:
	rm -rf $(VENV) .pytest_cache test-output  # (keeps wheelhouse/: it took a download to make)
