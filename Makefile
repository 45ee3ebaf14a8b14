# Two commands for a fresh clone (Python 3.11+):
#   make report   install into .venv, re-run the notebooks whose inputs changed and build the HTML site
#   make test     install into .venv, lint, and run the whole test suite (notebooks included, via nbval)
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: report test lint run html audit install clean benchmark lab

report: $(STAMP)
	$(BIN)/python -m helpers build

test: lint
	$(BIN)/python -m pytest -n auto --dist loadfile --nbval --nbval-current-env tests notebooks

lint: $(STAMP)
	$(BIN)/python -m ruff check .

run: $(STAMP)
	$(BIN)/python -m helpers run

html: $(STAMP)
	$(BIN)/python -m helpers html

lab: $(STAMP)
	$(BIN)/python -m helpers lab

audit: $(STAMP)
	$(BIN)/python tools/audit_site.py site

benchmark: $(STAMP)
	$(BIN)/python benchmarks/run.py --readme

install: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + ")")'
	@echo "First run: creating $(VENV)/ and installing the pinned packages of requirements.txt (a minute or two) ..."
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@echo "Building matplotlib's font cache once, outside any notebook ..."
	$(BIN)/python -c "import matplotlib.font_manager"
	@touch $(STAMP)

clean:
	rm -rf site .build-cache $(VENV)
