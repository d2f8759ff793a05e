# Reconnect: `make run` to chat, `make test` to test. `make help` lists everything.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV      ?= .venv
PY        := $(VENV)/bin/python
BIN       := $(VENV)/bin
STAMP     := $(VENV)/.installed-$(shell cat requirements/*.in requirements/lock.txt requirements/apt.txt 2>/dev/null | sha256sum | cut -c1-12)
PROJECT   := $(VENV)/.project-$(shell cat pyproject.toml 2>/dev/null | sha256sum | cut -c1-12)
WITH_ENV  := $(PY) -m scripts.env
SPACY_DIR ?= var/spacy/en_reconnect
# `make install` installs the project into its own .venv (editable), so nothing needs this.
# It matters only for a venv shared with another checkout (VENV=..., git worktrees): the
# project is not installed from here, and this checkout's code comes first.
export PYTHONPATH := $(CURDIR)
export TF_CPP_MIN_LOG_LEVEL := 2
export RASA_TELEMETRY_ENABLED := false
export SQLALCHEMY_SILENCE_UBER_WARNING := 1

.PHONY: help install seed migrate spacy train run shell actions test test-fast lint nlu-report clean
.PHONY: telegram-webhook telegram-poll web web-install run-scaled preflight bench purge audit soak
.PHONY: dialogues safety-replay
.PHONY: migrate-senders

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

install: $(STAMP) $(PROJECT) web-install ## Create .venv with Python 3.10, the pinned dependencies and the project
$(STAMP):
	@scripts/system_deps.sh
	@PY310=$$(scripts/find_python.sh) || exit 1; \
	  if [ ! -x $(PY) ] || ! $(PY) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))'; then \
	    echo "creating $(VENV) with $$PY310"; rm -rf $(VENV); $$PY310 -m venv $(VENV); fi
	$(PY) -m pip install --quiet --upgrade "pip<25" wheel "setuptools>=64"
	$(PY) -m pip install --quiet -r requirements/dev.in -c requirements/lock.txt
	@rm -f $(VENV)/.installed-*; touch $@

# The project itself (pyproject.toml), editable, into this checkout's own venv only.
$(PROJECT): $(STAMP)
	@if [ "$(abspath $(VENV))" != "$(CURDIR)/.venv" ]; then \
	  echo "$(VENV) belongs to another checkout: the project is not installed from here (PYTHONPATH)"; \
	else \
	  $(PY) -m pip install --quiet --no-deps --no-build-isolation --editable . && \
	  rm -f $(VENV)/.project-* && touch $@; \
	fi

migrate: install ## Apply the guidance store's database migrations
	$(PY) -m coach.store.migrate

seed: install ## Create or update the guidance store from content/guidance.yml
	$(PY) -m coach.store.seed

spacy: seed ## Build the project's own spaCy pipeline from the store's vocabulary
	$(PY) -m coach.nlp.build $(SPACY_DIR)

train: spacy ## Train the Rasa model (skipped when nothing it depends on changed)
	$(WITH_ENV) $(PY) scripts/ensure_model.py

run: train ## Start the coach: action server + Rasa server (REST, socket.io, HTTP API)
	$(WITH_ENV) scripts/run.sh

run-scaled: train ## Production layout: nginx, 2 Rasa + 2 action servers, PostgreSQL + Redis
	$(WITH_ENV) scripts/run_scaled.sh

preflight: install ## Check the databases and Redis the settings point at (one line per problem)
	$(WITH_ENV) $(PY) -m scripts.preflight

actions: seed ## Start only the action server
	$(WITH_ENV) $(PY) -m runtime.server actions --actions actions --port $${ACTION_PORT:-5055}

shell: train ## Chat in the terminal (starts the action server too)
	$(WITH_ENV) scripts/shell.sh

telegram-webhook: install ## Register the Telegram webhook (TELEGRAM_WEBHOOK_URL) with its secret
	$(WITH_ENV) $(PY) scripts/telegram_webhook.py

telegram-poll: install ## Feed Telegram updates to a running coach by long polling (no public URL)
	$(WITH_ENV) $(PY) scripts/telegram_poll.py

lint: install ## ruff (with docstring rules) and mypy
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy coach actions components channels stores scripts runtime rasa_sdk_plugins bench

test-fast: install seed ## Lint and the tests that need no trained model
	$(MAKE) --no-print-directory lint
	$(BIN)/pytest -m "not model" -q

test: train ## Everything: lint, pytest, data validation, conversation tests
	$(MAKE) --no-print-directory lint
	$(WITH_ENV) $(BIN)/rasa data validate --domain domain --data data --config config.yml --fail-on-warnings
	$(WITH_ENV) $(BIN)/pytest -q
	$(WITH_ENV) scripts/test_stories.sh

nlu-report: spacy ## Intent and entity cross-validation (5 folds); report in var/results/nlu
	$(WITH_ENV) $(BIN)/rasa test nlu --nlu data --config config.yml --cross-validation --folds 5 --out var/results/nlu

clean: ## Remove built models, databases and the virtualenv
	rm -rf models var $(VENV)

WEB_STAMP := web/node_modules/.installed-$(shell cat web/package.json web/package-lock.json 2>/dev/null | sha256sum | cut -c1-12)
web-install: $(WEB_STAMP) ## Install the web chat widget (rasa-webchat, pinned by web/package-lock.json)
$(WEB_STAMP): web/package.json web/package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed for the web chat widget (apt-get install npm)" >&2; exit 1; }
	cd web && npm ci --no-audit --no-fund --loglevel=error
	@rm -f web/node_modules/.installed-*; touch $@

web: web-install ## Serve only the web chat page (the coach must be running: make run)
	$(WITH_ENV) $(PY) -m channels.web_page

bench: train ## Coach vs Rasa's starter bot under load (Locust, 1/10/50 users) into bench/results/
	$(WITH_ENV) $(PY) bench/compare.py $(BENCH_ARGS)

migrate-senders: install ## Rename old Telegram conversations to tg:<chat id> (make run does it too)
	$(WITH_ENV) $(PY) scripts/migrate_sender_ids.py

purge: install ## Delete conversations older than COACH_RETENTION_DAYS (default 90); run daily
	$(WITH_ENV) $(PY) scripts/purge.py

AUDIT_VENV ?= var/audit-venv
audit: ## Known vulnerabilities: pip-audit over requirements/lock.txt, npm audit for web/ (own venv)
	@test -x $(AUDIT_VENV)/bin/pip-audit || { python3 -m venv $(AUDIT_VENV) && \
	  $(AUDIT_VENV)/bin/pip install --quiet "pip-audit>=2.7,<3"; }
	@status=0; \
	$(AUDIT_VENV)/bin/pip-audit --requirement requirements/lock.txt --no-deps --disable-pip --strict \
	  --progress-spinner off || status=1; \
	if [ -f web/package-lock.json ]; then \
	  (cd web && npm audit --omit=dev) || status=1; \
	else echo "npm audit: skipped, no web/package-lock.json (the web widget is not on this branch)"; fi; \
	exit $$status

soak: train ## 50 concurrent conversations x 20 turns via REST on a fresh server (counts, run time)
	$(WITH_ENV) $(PY) scripts/soak.py --start

# Blind dialogues and the safety replay (docs/evaluation.md). Each starts its own coach
# unless URL= names a running one (then the model is not trained first).
dialogues: $(if $(URL),install,train) ## Score conversations: DIALOGUES=set.yml and/or QUESTIONS=set.yml [URL=...]
	@test -n "$(DIALOGUES)$(QUESTIONS)" || { echo "usage: make dialogues DIALOGUES=set.yml [QUESTIONS=questions.yml] [URL=http://127.0.0.1:5005]" >&2; exit 2; }
	$(WITH_ENV) $(PY) bench/dialogues.py $(if $(DIALOGUES),--dialogues $(DIALOGUES)) \
	  $(if $(QUESTIONS),--questions $(QUESTIONS)) $(if $(URL),--url $(URL)) $(DIALOGUE_ARGS)

SAFETY_SET ?= tests/data/heldout_safety.yml tests/data/heldout_safety_2.yml
safety-replay: $(if $(URL),install,train) ## Safety messages in every state via REST: SAFETY_SET=file(s) [URL=...]
	$(WITH_ENV) $(PY) bench/safety_replay.py $(foreach f,$(SAFETY_SET),--set $(f)) \
	  $(if $(URL),--url $(URL)) $(SAFETY_ARGS)
