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
.PHONY: help setup serve test test-fast build check bench clean lms handouts new-quiz offline \
        bench-site bench-tests publish lock

help: ## list the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

# The environment is rebuilt only when the lock changes. requirements.lock pins every package
# (direct or not) with its hashes; `make lock` makes it from the direct pins in
# requirements.txt and requirements-dev.txt. A direct pin missing from the lock stops here.
$(VENV)/.installed: requirements.lock requirements.txt requirements-dev.txt
	@for pin in $$(grep -hoE '^[A-Za-z0-9._-]+==[^ ;#]+' requirements.txt requirements-dev.txt); do \
	  grep -qiE "^$$pin( |$$)" requirements.lock || { \
	    echo "requirements.lock lacks $$pin: run \`make lock\` (and commit the lock)"; exit 1; }; \
	done
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes \
	  -r requirements.lock
	touch $@

setup: $(VENV)/.installed ## create .venv and install the pinned requirements

# The preview's port: `make serve PORT=8001` runs a second preview beside the first. Passed as
# text, like LESSON below.
unexport PORT
serve: export PREVIEW_PORT := $(or $(value PORT),8000)
serve: setup ## serve the site with live reload at http://127.0.0.1:8000 (PORT=8001 for another)
	@$(BIN)/python tools/preview.py --port "$$PREVIEW_PORT"

# Two workers: the browser tests mostly wait on Chromium, so two share the 2 cores well.
# Without Chromium `make test` fails (IPT_REQUIRE_BROWSER); plain pytest skips and says so.
WORKERS ?= 2

test: setup node_modules/.installed ## run every test (browser ones included; about 3 minutes on 2 cores)
	IPT_REQUIRE_BROWSER=1 $(BIN)/python -m pytest -n $(WORKERS) --dist worksteal

test-fast: setup node_modules/.installed ## every test but the browser ones (under a minute)
	$(BIN)/python -m pytest -n $(WORKERS) --dist worksteal --ignore=tests/browser

# APP=true: the installable app (hooks/offline_app.py): manifest, Workbox service worker (npm),
# and the offline zip placed in site/ as a download.
build: setup node_modules/.installed ## strict build into site/ with the offline app and zip (keeps the old site/ on failure)
	@APP=true $(BIN)/python tools/safe_build.py

publish: setup node_modules/.installed ## strict build, then publish to GitHub Pages (mkdocs gh-deploy --strict)
	@APP=true $(BIN)/python tools/safe_build.py --publish

check: setup ## fast check of quizzes, lessons (front matter, links, content rules), mkdocs.yml; ruff
	@$(BIN)/python build_quiz.py --check
	@$(BIN)/ruff check .

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

bench-tests: setup ## time make test-fast and make test (figures for the README)
	$(BIN)/python bench/bench_tests.py

lock: ## refresh requirements.lock (every package, hashed) from requirements*.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check \
	  $$(grep -hoE '^pip-tools==[^ ;#]+' requirements-dev.txt)
	CUSTOM_COMPILE_COMMAND="make lock" $(BIN)/pip-compile --quiet --generate-hashes \
	  --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links \
	  --no-emit-trusted-host --newline LF --output-file requirements.lock requirements-dev.txt

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
