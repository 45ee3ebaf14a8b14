# Two commands for a fresh clone (Python 3.11+):
#   make report   install into .venv, re-run every notebook and build the HTML site
#   make test     install into .venv and run the whole test suite (notebooks included, via nbval)
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: report test run html install clean benchmark

report: $(STAMP)
	$(BIN)/python -m helpers build

test: $(STAMP)
	$(BIN)/python -m pytest

run: $(STAMP)
	$(BIN)/python -m helpers run

html: $(STAMP)
	$(BIN)/python -m helpers html

benchmark: $(STAMP)
	$(BIN)/python benchmarks/run.py --readme

install: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + ")")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -c "import matplotlib.font_manager"  # build the font cache once, outside any notebook
	@touch $(STAMP)

clean:
	rm -rf site $(VENV)
