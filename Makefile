# The course's commands. Only Python 3.11+ and make are needed; everything else goes in .venv.
#   make lab         set up (if needed) and open JupyterLab on the start page
#   make test        set up (if needed) and run every test: units, doctests, notebooks, browser
#   make dashboards  serve the no-code what-if pages with Voila on localhost
#   make bench       print the numbers the issue notes report
#   make exercises   regenerate exercises/ from solutions/
#   make data        regenerate data/*.csv from the seeded generators
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
PORT   ?= 8866
export PYTHONHASHSEED := 0

.PHONY: setup lab test test-fast dashboards bench exercises data tidy clean

setup: $(STAMP)

# Rebuilt only when the pins or the package metadata change, so a second `make lab` is instant.
$(STAMP): requirements.txt constraints.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "cx course needs Python 3.11 or newer; found " + sys.version.split()[0])'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt -c constraints.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

# (--allow-root only where you are root, e.g. in a container; JupyterLab refuses root otherwise)
lab: setup
	$(VENV)/bin/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root) notebooks/00_start_here.ipynb

# The lessons (notebooks/NN_*.ipynb) run once, in tests/test_lesson_outputs.py through
# notebooks/execute.py (cached, shared with the site and slides), not a second time under nbval.
test: setup
	$(PY) -m pytest -n 2 --dist loadfile --durations=40 \
	    --doctest-modules --nbval-lax --nbval-current-env \
	    --ignore-glob='notebooks/[0-9][0-9]_*.ipynb' \
	    tests cxlib notebooks exercises solutions

# Units and doctests only (no notebooks, no browser): seconds.
test-fast: setup
	$(PY) -m pytest -q --doctest-modules tests cxlib -m "not browser" --ignore=tests/test_notebooks_exec.py

dashboards: setup
	@echo "Staff dashboards: open http://localhost:$(PORT)/ in a browser (Ctrl-C to stop)."
	$(VENV)/bin/voila --no-browser --port=$(PORT) --Voila.ip=127.0.0.1 notebooks/dashboards

bench: setup
	$(PY) tests/bench.py

exercises: setup
	$(PY) exercises/make_exercises.py

data: setup
	$(PY) data/make_data.py

tidy: setup
	$(PY) notebooks/tidy.py

clean:
	rm -rf $(VENV) .pytest_cache test-output
