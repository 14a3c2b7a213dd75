# Container environments (issue 3). Included by the top-level Makefile (`include make/*.mk`).
# Works with docker-compose 1.29 (Debian) and Compose v2: every command passes -p and -f explicitly,
# and no compose file sets a top-level `name:`. Targets carry `## text` for `make help`.

COMPOSE ?= $(shell if command -v docker-compose >/dev/null 2>&1; then echo docker-compose; else echo docker compose; fi)
KUBECTL ?= kubectl
DASHTAM_APP_IMAGE ?= dashtam/app:local
DASHTAM_TEST_IMAGE ?= dashtam/test:local
JDK_IMAGE ?= eclipse-temurin:17-jdk
JRE_IMAGE ?= eclipse-temurin:25-jre
CYCLONEDX_VERSION ?= 2.9.1
# The release version (pom.xml) and commit: the image tag and its OCI labels.
VERSION ?= $(shell sed -n '/<artifactId>dashtam<\/artifactId>/{n;s:.*<version>\(.*\)</version>.*:\1:p;}' pom.xml)
REVISION ?= $(shell git rev-parse HEAD 2>/dev/null || echo unknown)
CI_RUN_ID ?= $(shell date +%s)-$(shell od -An -N3 -tx1 /dev/urandom | tr -d ' \n')
ENV_BUILD_DIR ?= target-env
# Test runners run as the invoking user so they can read the mounted source and ~/.m2.
DASHTAM_TEST_UID ?= $(shell id -u)
DASHTAM_TEST_GID ?= $(shell id -g)
# Test runners see the source at the same path as here (reuse of the host's compiled classes).
DASHTAM_SOURCE_DIR ?= $(CURDIR)
export DASHTAM_APP_IMAGE DASHTAM_TEST_IMAGE DASHTAM_TEST_UID DASHTAM_TEST_GID DASHTAM_SOURCE_DIR

# compose invocation per environment: $(call compose,<env>)
compose = $(COMPOSE) -p dashtam-$(1) -f compose/dashtam-$(1)/docker-compose.yml --env-file $(CURDIR)/env/.env.$(1)
wait_healthy = scripts/wait-healthy.sh

.PHONY: dev-up dev-down dev-logs dev-shell dev-db-shell test-up test-down test-unit test-integration \
        test-smoke test-all ci-test staging-up staging-down certs config-check status-all clean \
        image image-full test-image standin-images env-files

env/.env.%: env/.env.%.example
	@scripts/make-env-file.sh $*

env-files: env/.env.dev env/.env.test env/.env.ci env/.env.staging ## Create missing env/.env.<env> files from the examples

certs: ## CA + server certificate (EC P-256) for the container environments in certs/
	@scripts/make-certs.sh certs

target/dashtam.jar:
	./mvnw -B -q package -DskipTests

image: target/dashtam.jar ## Build the app image from the jar built on the host, tagged with the version, with OCI labels and a CycloneDX SBOM
	@rm -rf $(ENV_BUILD_DIR)/image-context && mkdir -p $(ENV_BUILD_DIR)/image-context/sbom
	@cp target/dashtam.jar pom.xml $(ENV_BUILD_DIR)/image-context/
	@mkdir -p $(ENV_BUILD_DIR)/image-context/docker && cp docker/aot-train.sh $(ENV_BUILD_DIR)/image-context/docker/
	@# The SBOM of the runtime dependencies, for the image (and beside it: $(ENV_BUILD_DIR)/image-context/sbom/).
	./mvnw -B -q org.cyclonedx:cyclonedx-maven-plugin:$(CYCLONEDX_VERSION):makeAggregateBom -DprojectType=application \
	  -DoutputFormat=json -DoutputName=dashtam.cdx -DoutputDirectory=$(CURDIR)/$(ENV_BUILD_DIR)/image-context/sbom
	docker build -q -f docker/Dockerfile --target prebuilt --build-arg JRE_IMAGE=$(JRE_IMAGE) \
	  --build-arg VERSION=$(VERSION) --build-arg REVISION=$(REVISION) \
	  -t $(DASHTAM_APP_IMAGE) -t dashtam/app:$(VERSION) $(ENV_BUILD_DIR)/image-context

image-full: ## Build the app image with the Maven build inside Docker (docker/Dockerfile default target)
	@rm -rf $(ENV_BUILD_DIR)/build-ca && mkdir -p $(ENV_BUILD_DIR)/build-ca
	@# Trust what the host trusts beyond the public CAs (e.g. a TLS-intercepting proxy) for the downloads.
	@for c in /usr/local/share/ca-certificates/*.crt; do [ -f "$$c" ] && cp "$$c" $(ENV_BUILD_DIR)/build-ca/ || true; done
	docker build -f docker/Dockerfile --build-arg JDK_IMAGE=$(JDK_IMAGE) --build-arg JRE_IMAGE=$(JRE_IMAGE) \
	  --build-arg BUILD_CA_DIR=$(ENV_BUILD_DIR)/build-ca -t $(DASHTAM_APP_IMAGE) .

test-image: ## Build the JDK test-runner image (docker/Dockerfile.test)
	docker build -q -f docker/Dockerfile.test --build-arg JDK_IMAGE=$(JDK_IMAGE) -t $(DASHTAM_TEST_IMAGE) docker

standin-images: ## Air-gapped: build local stand-ins for the public base images (debootstrap + zonky PG 17)
	scripts/build-standin-images.sh

dev-up: env/.env.dev certs image ## Start dev (https://localhost:8000, PostgreSQL 5432) and wait until healthy
	$(call compose,dev) up -d
	@$(wait_healthy) dashtam-dev-app 180

dev-down: env/.env.dev ## Stop dev; its data (volume dashtam-dev-pgdata) is kept
	$(call compose,dev) down --remove-orphans

dev-logs: env/.env.dev ## Follow the dev logs
	$(call compose,dev) logs -f

dev-shell: env/.env.dev ## Shell in the running dev app container
	$(call compose,dev) exec app sh

dev-db-shell: env/.env.dev ## psql in the dev database
	$(call compose,dev) exec postgres sh -c 'psql -U "$$POSTGRES_USER" -d "$$POSTGRES_DB"'

test-up: env/.env.test certs image ## Start test next to dev (https://localhost:8001, PostgreSQL 5433, tmpfs) and wait
	$(call compose,test) up -d
	@$(wait_healthy) dashtam-test-app 180

test-down: env/.env.test ## Stop test and drop its data
	$(call compose,test) down -v --remove-orphans

test-unit: env/.env.test test-image ## Unit tests in a one-shot container (run --rm)
	$(call compose,test) run --rm unit-tests

test-integration: env/.env.test certs test-image ## Integration suite in a one-shot container against the test PostgreSQL
	$(call compose,test) run --rm tests

test-smoke: env/.env.test certs image test-image ## Smoke tests (*SmokeIT) against https://app:8000 in the test env
	$(call compose,test) run --rm smoke

test-all: test-unit test-integration test-smoke ## Unit, integration and smoke tests in the test environment

ci-test: env/.env.ci test-image ## The ci environment: integration suite in containers (DASHTAM_IT_TESTS=A,B: only those), exit code passed through, always down -v
	@p=dashtam-ci-$(CI_RUN_ID); f=compose/dashtam-ci/docker-compose.yml; e=$(CURDIR)/env/.env.ci; \
	echo "ci-test: project $$p"; \
	$(COMPOSE) -p $$p -f $$f --env-file $$e up --abort-on-container-exit --exit-code-from tests; rc=$$?; \
	$(COMPOSE) -p $$p -f $$f --env-file $$e down -v --remove-orphans; \
	echo "ci-test: exit $$rc"; exit $$rc

staging-up: env/.env.staging certs image ## Start staging on this host (https://localhost:8002, explicit keys required)
	$(call compose,staging) up -d
	@$(wait_healthy) dashtam-staging-app 240

staging-down: env/.env.staging ## Stop staging; its data (volume dashtam-staging-pgdata) is kept
	$(call compose,staging) down --remove-orphans

config-check: env/.env.dev env/.env.test env/.env.ci env/.env.staging ## Validate compose files, render kustomize overlays and examples, check isolation and the app's wiring (settings it reads, redirect routes it serves, loopback ports)
	@set -e; for e in dev test ci staging; do \
	  echo "config-check: compose $$e"; $(call compose,$$e) config -q; done
	@set -e; rm -rf $(ENV_BUILD_DIR)/rendered && mkdir -p $(ENV_BUILD_DIR)/rendered; \
	for o in deploy/k8s/overlays/*/ deploy/k8s/examples/*/; do n=$$(basename $$o); \
	  echo "config-check: kustomize $$o"; $(KUBECTL) kustomize $$o > $(ENV_BUILD_DIR)/rendered/$$n.yaml; done
	@# Default build dir on purpose: after `make test` the classes are up to date and nothing recompiles.
	DASHTAM_ENVCHECK_RENDERED=$(CURDIR)/$(ENV_BUILD_DIR)/rendered ./mvnw -B -q test \
	  -Dtest='EnvironmentIsolationTest' -Dsurefire.failIfNoSpecifiedTests=false -Djacoco.skip=true

status-all: ## Containers, networks and volumes of every Dashtam environment
	@echo "== containers"; docker ps -a --filter name=dashtam- --format 'table {{.Names}}\t{{.Status}}\t{{.Ports}}'
	@echo "== networks";   docker network ls --filter name=dashtam- --format 'table {{.Name}}\t{{.Driver}}'
	@echo "== volumes";    docker volume ls --filter name=dashtam- --format 'table {{.Name}}'

clean: ## Remove dev and test containers, networks and volumes (dev data too), and env build output; staging is left alone
	-@[ -f env/.env.test ] && $(call compose,test) down -v --remove-orphans
	-@[ -f env/.env.dev ] && $(call compose,dev) down -v --remove-orphans
	rm -rf $(ENV_BUILD_DIR)
