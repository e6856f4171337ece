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
.PHONY: help setup serve test build check bench clean lms handouts new-quiz offline bench-site \
        publish

help: ## list the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

# The environment is rebuilt only when a requirements file changes.
$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

setup: $(VENV)/.installed ## create .venv and install the pinned requirements

# The preview's port: `make serve PORT=8001` runs a second preview beside the first. Passed as
# text, like LESSON below.
unexport PORT
serve: export PREVIEW_PORT := $(or $(value PORT),8000)
serve: setup ## serve the site with live reload at http://127.0.0.1:8000 (PORT=8001 for another)
	@$(BIN)/python tools/preview.py --port "$$PREVIEW_PORT"

test: setup node_modules/.installed ## run every test
	$(BIN)/python -m pytest

# APP=true: the installable app (hooks/offline_app.py): manifest, Workbox service worker (npm),
# and the offline zip placed in site/ as a download.
build: setup node_modules/.installed ## strict build into site/ with the offline app and zip (keeps the old site/ on failure)
	@APP=true $(BIN)/python tools/safe_build.py

publish: setup node_modules/.installed ## strict build, then publish to GitHub Pages (mkdocs gh-deploy --strict)
	@APP=true $(BIN)/python tools/safe_build.py --publish

check: setup ## fast check of quizzes, lessons (front matter, links, content rules) and mkdocs.yml
	@$(BIN)/python build_quiz.py --check

lms: setup ## export every quiz for an LMS into dist/lms/ (Moodle XML, QTI for Canvas/Blackboard)
	$(BIN)/python build_quiz.py --lms dist/lms

handouts: setup ## printable worksheets, answer keys and the exam practice paper (A4 HTML) into dist/handouts/
	$(BIN)/python build_quiz.py --handouts dist/handouts

# LESSON reaches the command as text, through the environment ("$$QUIZ_LESSON"): never pasted
# into the shell line, and never expanded by make ($(value ...)), so no value can run anything.
unexport LESSON
new-quiz: export QUIZ_LESSON := $(value LESSON)
new-quiz: setup ## start a quiz for a lesson: make new-quiz LESSON=lessons/NAME.md
	@$(BIN)/python build_quiz.py --new-quiz "$$QUIZ_LESSON"

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
