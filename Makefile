# masking: `make run` masks the sample documents, `make test` runs the test suite.
# Both set everything up first on a fresh machine (Python venv, Debian packages).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEBS   := tesseract-ocr tesseract-ocr-swe chromium fonts-liberation
export TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS :=
export OMP_THREAD_LIMIT := 1

.PHONY: install system-deps run test bench model samples label-font clean

install: $(STAMP) system-deps

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[dev]"
	@touch $(STAMP)

# Debian packages the project needs (OCR for scanned pages; chromium for the review page's
# end-to-end test, driven by Playwright with no browser download); installed only when missing.
system-deps:
	@missing=""; for p in $(DEBS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  ($$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null) \
	    || echo "warning: could not install$$missing (OCR: scanned documents; chromium: the browser test)"; \
	fi

run: install
	@rm -rf out && mkdir -p out
	$(BIN)/masking batch samples/pdf out --reports --summary out/summary.json --workers 2
	@$(BIN)/python -c "import json; d=json.load(open('out/summary.json')); print('summary:', json.dumps(d, ensure_ascii=False))"

test: install
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python -m masking.bench

samples: install
	$(BIN)/python samples/generate.py

# Retrain models/sv_masking from scratch (fixed seed; news corpus from ../shared/data) and
# rewrite the measured block of its model card (models/README.md).
model: install
	OMP_NUM_THREADS=1 $(BIN)/python models/train.py
	OMP_NUM_THREADS=1 $(BIN)/python models/model_card.py

# Rewrite the shipped cut of the redaction labels' font (masking/fonts/DejaVuSansCondensed-label.ttf,
# fontTools; a test keeps it equal to a fresh cut) after changing the font or its characters.
label-font: install
	$(BIN)/python -m masking.redact

clean:
	rm -rf out .pytest_cache build *.egg-info
