# Two commands on a fresh machine: `make run` (install and start the app) and
# `make test` (install everything and run every test). Both are safe to repeat.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip

.PHONY: run test install install-dev system-deps data bench clean messages

$(VENV)/.runtime: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt $(VENV)/.runtime
	$(PIP) install -q -r requirements-dev.txt
	touch $@

install: $(VENV)/.runtime
install-dev: $(VENV)/.dev

# Debian packages the browser tests need: Chromium, and fonts for Arabic and Chinese.
system-deps:
	@if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-core fonts-noto-cjk >/dev/null; \
	  else echo "system-deps: run as root (or: sudo apt-get install chromium fonts-noto-core fonts-noto-cjk)"; fi; \
	fi

data: $(VENV)/.runtime
	@test -f data/processed/projects.csv || $(PY) -m matrix build

run: install data
	$(VENV)/bin/streamlit run app.py

# axe-core, injected into the page by the accessibility test (npm registry, install time only).
node_modules/axe-core/axe.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

test: install-dev system-deps node_modules/axe-core/axe.min.js
	$(PY) -m pytest -q

bench: install-dev system-deps node_modules/axe-core/axe.min.js
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis

# Translations (Babel's tooling): extract every user-facing string and the reference
# vocabulary into the template, merge it into the six catalogues, compile them. Run it
# after changing a string; tests/test_i18n.py fails while a catalogue is stale or incomplete.
messages: install
	PYTHONPATH=. $(VENV)/bin/pybabel -q extract -F babel.cfg -k _ -k N_ --no-location --sort-output \
	  --add-comments=TRANSLATORS: --project "CT Matrix" --omit-header -o locale/ctmatrix.pot .
	$(VENV)/bin/pybabel -q update -i locale/ctmatrix.pot -d locale -D ctmatrix --no-fuzzy-matching --ignore-obsolete
	$(PY) -m matrix.i18n_extract --fill-source locale/en/LC_MESSAGES/ctmatrix.po
	$(VENV)/bin/pybabel compile -d locale -D ctmatrix --statistics
