# Marsad: two commands on a fresh machine.
#   make run   - set up, ingest the seeds (or INPUT=path) into SQLite, print the extraction, serve the UI
#   make test  - set up and run the whole test suite
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
INPUT ?= ../shared/corpus/seeds
DB ?= marsad.db
PORT ?= 8000

.PHONY: setup run extract test test-fast bench train-ner clean

$(BIN)/marsad: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(BIN)/marsad

setup: $(BIN)/marsad

extract: setup
	$(BIN)/marsad extract $(INPUT) > extract.jsonl
	@echo "wrote extract.jsonl ($$(wc -l < extract.jsonl) documents)"
	@if [ -f ../shared/gold/seeds.json ] && [ "$(INPUT)" = "../shared/corpus/seeds" ]; then \
	  $(BIN)/python ../shared/eval/score.py ../shared/gold/seeds.json extract.jsonl; fi

run: extract
	$(BIN)/marsad ingest $(INPUT) --db $(DB) --no-progress
	$(BIN)/marsad stats --db $(DB) --format table
	$(BIN)/marsad events --db $(DB) --format table --limit 20
	@echo "serving the UI on http://127.0.0.1:$(PORT)/ (Ctrl-C to stop)"
	$(BIN)/marsad serve --db $(DB) --port $(PORT)

test: setup
	bash scripts/test_env.sh
	$(BIN)/python -m pytest -q

test-fast: setup
	$(BIN)/python -m pytest -q -m "not slow and not browser"

bench: setup
	$(BIN)/python benchmarks/bench_pipeline.py

train-ner: setup
	$(BIN)/python scripts/train_ner.py

clean:
	rm -rf $(VENV) *.egg-info extract.jsonl
