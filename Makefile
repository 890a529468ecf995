# Two commands: `make run` opens the app on the sample city, `make test` runs every test.
# Both install exactly the versions in requirements.lock (hash-checked); `make lock` refreshes it.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
UV_VERSION := 0.13.9
LOCK := requirements.lock
STAMP := $(VENV)/.installed
PORT ?= 8501
# `make lock` moves every pin to the newest version pyproject.toml allows; to move one
# package only: make lock UPGRADE="--upgrade-package pandas"
UPGRADE ?= --upgrade

.PHONY: run test test-fast lint lock bench sample fuzz clean

$(UV):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet "uv==$(UV_VERSION)"

$(STAMP): $(LOCK) pyproject.toml | $(UV)
	$(UV) pip sync --quiet --python $(PY) --require-hashes $(LOCK)
	$(UV) pip install --quiet --python $(PY) --no-deps -e .
	touch $(STAMP)

lock: | $(UV)
	$(UV) pip compile pyproject.toml --extra test --generate-hashes --universal \
		--python-version 3.11 $(UPGRADE) --quiet -o $(LOCK)

run: $(STAMP)
	$(VENV)/bin/streamlit run app.py --server.port $(PORT)

lint: $(STAMP)
	$(VENV)/bin/ruff check .

test: $(STAMP) lint
	$(PY) -m pytest -q

test-fast: $(STAMP) lint  # the engine's tests only: no app, browser, office or subprocess runs
	$(PY) -m pytest -q --ignore=tests/app --ignore=tests/e2e --ignore=tests/cli \
		-m "not browser and not office"

bench: $(STAMP)  # ONLY=name runs one module; QUICK=--quick shortens the slow cases
	$(PY) -m bench $(ONLY) $(QUICK)

# `make fuzz SECONDS=1800` fuzzes the importer for that long (SEED=0 picks a random seed);
# crash inputs land in fuzz/crashes/ beside their tracebacks.
SECONDS ?= 600
SEED ?= 0
fuzz: $(STAMP)
	nice $(PY) -m fuzz --seconds $(SECONDS) --seed $(SEED) --keep-going

sample: $(STAMP)
	$(PY) -m planner.samples.sample_city data/sample_city.xlsx

clean:
	rm -rf $(VENV) test-artifacts .pytest_cache .ruff_cache
