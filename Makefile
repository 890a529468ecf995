# Two commands: `make run` opens the app on the sample city, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PORT ?= 8501

.PHONY: run test lint bench sample clean

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/streamlit run app.py --server.port $(PORT)

lint: $(STAMP)
	$(VENV)/bin/ruff check .

test: $(STAMP) lint
	$(PY) -m pytest -q

bench: $(STAMP)  # ONLY=name runs one module; QUICK=--quick shortens the slow cases
	$(PY) -m bench $(ONLY) $(QUICK)

sample: $(STAMP)
	$(PY) -m planner.sample_city data/sample_city.xlsx

clean:
	rm -rf $(VENV) test-artifacts .pytest_cache .ruff_cache
