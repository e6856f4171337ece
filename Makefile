# The IPT module's commands. Each one is defined once, in tasks.py (Python's standard library
# only), which this file calls: `make serve` is `python3 tasks.py serve`, so a computer without
# make (Windows) runs the same commands with `py tasks.py serve` (README, "Quick start").
# `make help` lists them. On a fresh machine (Python 3.11.5+) two are enough:
#   make serve   set up .venv, then serve the site at http://127.0.0.1:8000 with live reload
#   make test    set up .venv (with the test tools), then run every test

PYTHON ?= python3
TASKS  := $(PYTHON) tasks.py

.DEFAULT_GOAL := help
.PHONY: help setup serve check build publish offline new-quiz lms handouts test test-fast \
        bench bench-tests bench-site lock clean

# Values typed on the command line (PORT, LESSON, WORKERS) reach tasks.py as text through the
# environment ("$$QUIZ_LESSON"): never pasted into the shell line, and never expanded by make
# ($(value ...)), so no value can run anything.
unexport PORT LESSON WORKERS
serve: export PREVIEW_PORT := $(or $(value PORT),8000)
new-quiz: export QUIZ_LESSON := $(value LESSON)
test test-fast: export TEST_WORKERS := $(or $(value WORKERS),2)

help:
	@$(TASKS) help
setup:
	@$(TASKS) setup
serve:
	@$(TASKS) serve --port "$$PREVIEW_PORT"
check:
	@$(TASKS) check
build:
	@$(TASKS) build
publish:
	@$(TASKS) publish
offline:
	@$(TASKS) offline
new-quiz:
	@$(TASKS) new-quiz --lesson "$$QUIZ_LESSON"
lms:
	@$(TASKS) lms
handouts:
	@$(TASKS) handouts
test:
	@$(TASKS) test --workers "$$TEST_WORKERS"
test-fast:
	@$(TASKS) test-fast --workers "$$TEST_WORKERS"
bench:
	@$(TASKS) bench
bench-tests:
	@$(TASKS) bench-tests
bench-site:
	@$(TASKS) bench-site
lock:
	@$(TASKS) lock
clean:
	@$(TASKS) clean
