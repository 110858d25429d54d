# `make run` and `make test` do all set-up on a fresh clone.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_WORKERS ?= 2

.PHONY: run test bench loadtest loadtest-cluster cluster system-deps browser-deps install assets migrate demo clean

$(VENV)/installed: requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	touch $@

# Compiled catalogues (.mo) are built here, not committed (locale/en's predates this and is kept):
# Django's compilemessages runs Debian's gettext (msgfmt), which system-deps installs.
MESSAGES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))
locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po $(VENV)/installed
	command -v msgfmt >/dev/null 2>&1 || $(MAKE) system-deps
	$(PY) manage.py compilemessages --ignore=node_modules -l $*

install: $(VENV)/installed $(MESSAGES)

# Front-end files from the npm registry, pinned by package-lock.json: OpenSeadragon (served as a
# static file from node_modules), axe-core (injected by the browser tests) and Mirador (its prebuilt
# bundle opens the exhibition manifests in tests/browser/test_mirador.py).
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

assets: node_modules/.installed

migrate: install
	$(PY) manage.py migrate --no-input

# The public base URL is where `make run` serves, so absolute URLs (IIIF tiles, feeds) point there.
SITE_BASE_URL ?= http://$(HOST):$(PORT)

demo: migrate
	SITE_BASE_URL=$(SITE_BASE_URL) $(PY) manage.py load_demo

run: demo assets
	@echo "Serving http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/, logins printed above)"
	SITE_BASE_URL=$(SITE_BASE_URL) DJANGO_DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

# Debian packages: chromium (browser tests), libmagic1 (the IIIF validator), wrk and redis-server (the
# load test), gettext (msgfmt compiles the translations at install). Only root can install them (CI and these machines are root); otherwise what needs them skips.
system-deps:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	ldconfig -p | grep -q libmagic.so.1 || missing="$$missing libmagic1"; \
	command -v wrk >/dev/null 2>&1 || missing="$$missing wrk"; \
	command -v redis-server >/dev/null 2>&1 || missing="$$missing redis-server"; \
	command -v msgfmt >/dev/null 2>&1 || missing="$$missing gettext"; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = "0" ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
		else \
			echo "missing:$$missing and not root: the tests that need them will skip"; \
		fi; \
	fi

browser-deps: system-deps

# Tests that commit to the database (live server, threads) flush it and reload its snapshot; sharing a
# process with other such tests made them fail in ways they never do alone, so each file gets its own.
TRANSACTIONAL_TESTS := tests/browser/test_public_pages.py tests/browser/test_deep_zoom.py \
	tests/gallery/iiif/test_validator.py tests/gallery/iiif/test_derivatives.py tests/gallery/test_concurrency.py \
	tests/opendata/test_oai_pmh.py tests/opendata/test_api.py tests/browser/test_curator_admin.py tests/browser/test_venue_checklist.py \
	tests/gallery/iiif/test_store_limits.py tests/gallery/test_import_photos.py tests/browser/test_spanish_pages.py \
	tests/browser/test_mirador.py tests/gallery/test_generation_per_request.py
# Tests that run a PostgreSQL of their own whatever DATABASE_URL says (the cluster harness): .ci/run's
# second pass, against PostgreSQL, leaves them out (OWN_DATABASE_TESTS=) instead of running them twice.
OWN_DATABASE_TESTS ?= tests/cluster/test_cluster.py

test: install assets system-deps
	$(PY) -m pytest -n $(PYTEST_WORKERS) --dist loadgroup -m "not bench" $(foreach file,$(TRANSACTIONAL_TESTS) tests/cluster,--ignore=$(file)) $(PYTEST_ARGS)
	set -e; for file in $(TRANSACTIONAL_TESTS) $(OWN_DATABASE_TESTS); do $(PY) -m pytest -p no:xdist -m "not bench" $$file $(PYTEST_ARGS); done

# Each benchmark in its own process: they build large archives in transactional databases, and a
# process's peak memory or a flushed database must not carry over from one to the next.
bench: install assets system-deps
	set -e; for file in tests/bench/test_*.py; do $(PY) -m pytest -p no:xdist -m bench -s $$file $(PYTEST_ARGS); done

# 50 visitors for 60 s against gunicorn (2 workers, production settings, Redis page cache) and PostgreSQL
# on loopback; drops and recreates the database LOADTEST_DATABASE_URL names (default .../loadtest). README.
LOADTEST_ARGS ?=
loadtest: install assets system-deps
	$(PY) tests/load/run_load.py $(LOADTEST_ARGS)

# The same load against two gunicorn servers (APP_SERVERS=2, the connections shared out), after a run
# against one of them in the same run: prints both throughputs and their ratio.
loadtest-cluster: install assets system-deps
	$(PY) tests/load/run_load.py --servers 2 $(LOADTEST_ARGS)

# Two gunicorn app servers, a task worker, PostgreSQL, Redis and SeaweedFS on loopback, as a deployment
# runs them (tests/load/cluster.py): prints the URLs and logins, stops everything on Ctrl-C.
# CLUSTER_ARGS=--postgres private gives it a PostgreSQL cluster of its own; CLUSTER_PORTS=first-last picks ports.
CLUSTER_ARGS ?=
cluster: install assets system-deps
	$(PY) tests/load/cluster.py $(CLUSTER_ARGS)

clean:
	rm -rf $(VENV) db.sqlite3 static_collected node_modules test-artifacts
	find media -mindepth 1 ! -name .gitkeep -delete
