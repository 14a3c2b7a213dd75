# Dashtam: the front door. CI (.ci/run) calls these same targets, so local and CI runs never drift.
SHELL := /bin/bash
.DEFAULT_GOAL := help
MVN := ./mvnw -B
RUN_DIR := .run

.PHONY: help run test build unit integration bench bench-api bench-web check-nonroot backup restore

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | sort | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-18s\033[0m %s\n", $$1, $$2}'

run: ## Run Dashtam (dev) on https://localhost:8000 with embedded PostgreSQL; no Docker needed
	$(MVN) -q package -DskipTests -Dbuild.dir=$(CURDIR)/$(RUN_DIR)/build
	bin/run-jar $(RUN_DIR)/build/dashtam.jar

test: ## All tests: unit (*Test) and integration (*IT, HTTPS + isolated PostgreSQL), with JaCoCo reports
	$(MVN) verify

build: ## Package the jar into target/ without running tests
	$(MVN) -q package -DskipTests

unit: ## Unit tests only (no Spring, no database)
	$(MVN) test

integration: ## Integration tests only
	$(MVN) verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false

backup: ## Back up the dev database (make run's, running or not; or DATABASE_URL's) into backups/, keeping the newest 10
	$(MVN) -q package -DskipTests -Dbuild.dir=$(CURDIR)/$(RUN_DIR)/build
	java -jar $(RUN_DIR)/build/dashtam.jar backup --dir backups --keep 10

restore: ## make restore FILE=backups/dashtam-....dtbackup: into an empty database (dev: stop make run, move .dashtam/dev/pgdata aside)
	@[ -n "$(FILE)" ] || { echo "usage: make restore FILE=backups/dashtam-YYYYMMDD-HHMMSS.dtbackup"; exit 2; }
	$(MVN) -q package -DskipTests -Dbuild.dir=$(CURDIR)/$(RUN_DIR)/build
	java -jar $(RUN_DIR)/build/dashtam.jar restore $(FILE)

check-nonroot: build ## As root: start the packaged jar as an unprivileged user (embedded PostgreSQL without root)
	scripts/check-nonroot.sh target/dashtam.jar

bench: ## Start-up, per-class database and memory benchmarks (see bench/README.md)
	bench/startup.sh

-include make/*.mk

bench-api: ## API reads under load vs nginx in the same run (bench/api-load.sh; BENCH_SOAK=300 adds a memory soak)
	bench/api-load.sh

bench-web: ## Web pages with 100k transactions: render p50/p95, bytes per page, first load in Chromium (bench/web-render.sh)
	bench/web-render.sh
