# The commands of the IPT module. On a fresh machine (Python 3.11+ and make) two are enough:
#   make serve   set up, then serve the site at http://127.0.0.1:8000 with live reload
#   make test    set up, then run every test
# Everything is installed into .venv/ from the pinned requirements files.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# Material prints a notice about MkDocs 2 on every build; this project pins MkDocs 1.x.
export NO_MKDOCS_2_WARNING := 1

.DEFAULT_GOAL := help
.PHONY: help setup serve test build check bench clean lms handouts new-quiz offline bench-site

help: ## list the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

# The environment is rebuilt only when a requirements file changes.
$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

setup: $(VENV)/.installed ## create .venv and install the pinned requirements

serve: setup ## serve the site with live reload at http://127.0.0.1:8000
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

test: setup node_modules/.installed ## run every test
	$(BIN)/python -m pytest

# APP=true: the installable app (hooks/offline_app.py): manifest, Workbox service worker (npm),
# and the offline zip placed in site/ as a download.
build: setup node_modules/.installed ## strict build into site/: the site, offline app and zip
	APP=true $(BIN)/mkdocs build --strict

check: setup ## fast check of every quiz and lesson front matter (builds nothing)
	$(BIN)/python build_quiz.py --check

lms: setup ## export every quiz for an LMS into dist/lms/ (Moodle XML, QTI for Canvas/Blackboard)
	$(BIN)/python build_quiz.py --lms dist/lms

handouts: setup ## printable worksheets and answer keys (A4 HTML) into dist/handouts/
	$(BIN)/python build_quiz.py --handouts dist/handouts

new-quiz: setup ## start a quiz for a lesson: make new-quiz LESSON=lessons/NAME.md
	@$(BIN)/python build_quiz.py --new-quiz "$(LESSON)"

bench: setup ## time the quiz compiler and the site build (figures for the README)
	$(BIN)/python bench/bench_quiz.py

offline: setup ## zip of the whole site that works from disk (file://) into dist/
	$(BIN)/python tools/build_offline.py --out dist

# Workbox (for `make build`) and Lighthouse (for `make bench-site`), from npm, pinned in
# package-lock.json, are installed when package-lock.json changes.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

bench-site: setup node_modules/.installed ## bytes, requests and Lighthouse scores of every page
	$(BIN)/python bench/bench_site.py

clean: ## remove build outputs (keeps .venv)
	rm -rf site dist
