# The README's commands. Everything a newcomer needs is here: `make run` and `make test`.
#   make run    .venv + install when needed, migrate, demo data on first start, web server + Celery worker
#   make test   ruff (lint + format check), mypy, makemigrations --check, pytest (parallel with pytest-xdist)
# Both use DATABASE_URL / REDIS_URL / CELERY_BROKER_URL from the environment when set; SQLite and the
# embedded filesystem broker under var/ otherwise.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3 2>/dev/null || echo python3.11)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed
# pytest-xdist workers: 2 fits the 2-core CI machine; PYTEST_WORKERS=0 runs in one process.
PYTEST_WORKERS ?= 2
PYTEST_ARGS ?=

.PHONY: run test bench install lint format check-migrations migrate seed logins clean

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null || { \
		echo "Kinerja membutuhkan Python 3.11 (ditemukan: $$($(PYTHON) --version 2>&1 || echo tidak ada))."; \
		echo "Pasang dengan: apt-get install python3.11 python3.11-venv, atau atur PYTHON=/path/ke/python3.11"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { \
		echo "Gagal membuat $(VENV): pasang paket venv (apt-get install python3.11-venv) lalu ulangi."; \
		rm -rf $(VENV); exit 1; }
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

migrate: install
	$(BIN)/python manage.py migrate --noinput

seed: migrate
	$(BIN)/python manage.py seed_demo --if-empty

logins:
	@echo ""
	@echo "Kinerja berjalan di http://127.0.0.1:$(PORT)/   (Ctrl-C menghentikan web dan worker)"
	@echo ""
	@echo "  Akun demo (kata sandi: kinerja-demo)"
	@echo "  demo.admin     Admin BKD (seluruh Pemprov)"
	@echo "  demo.unit      Admin unit (satu perangkat daerah)"
	@echo "  demo.atasan    Atasan pejabat penilai"
	@echo "  demo.penilai   Pejabat penilai kinerja (atasan demo.pegawai)"
	@echo "  demo.pegawai   Pegawai"
	@echo ""

## Web server and Celery worker in one terminal (Ctrl-C stops both), demo data on first start.
run: seed
	@$(MAKE) --no-print-directory logins
	PORT=$(PORT) exec $(BIN)/honcho -f Procfile.dev start

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check-migrations: install
	$(BIN)/python manage.py makemigrations --check --dry-run

## Lint, format check, type check, migrations check, the whole pytest suite.
test: lint check-migrations
	$(BIN)/pytest $(if $(filter-out 0,$(PYTEST_WORKERS)),-n $(PYTEST_WORKERS) --dist loadfile) $(PYTEST_ARGS)

clean:
	rm -rf var/ .pytest_cache .ruff_cache .mypy_cache

## Speed targets (issue 3): bulk cascade and constant-query team page / dashboard, on the configured database.
bench: migrate
	$(BIN)/python bench/bench_skp.py
