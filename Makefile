# make book: build the website and its PDFs (the main job).  make test: run the whole test suite.
# Both create .venv with the pinned requirements and build the offline checkpoint mirror first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: book test mirror notebooks translations upgrade upgrade-check benchmark clean

book: $(VENV)/installed mirror
	$(BIN)/python tools/website/web_assets.py  # pinned JavaScript from npm, so pages load nothing from CDNs
	$(BIN)/jupyter-book build . --warningiserror --nitpick --keep-going
	$(BIN)/python -m tools.translation.build  # each translated book into _build/html/<language>/
	$(BIN)/python tools/pdf/build.py $(PDF_OPTIONS)  # the book's PDFs, with Chromium (else one line says how)
	@echo "Website built: open _build/html/index.html"

# Units of work, longest first (conftest.py): a file, or all the website's; a notebook on one worker.
test: $(VENV)/installed mirror
	$(BIN)/python -m pytest -n auto --dist loadgroup

mirror: $(VENV)/installed
	$(BIN)/python -m course.mirror

# Re-execute notebooks against the mirror and store their outputs (after editing a notebook).
notebooks: $(VENV)/installed mirror
	$(BIN)/python tools/notebooks/execute.py

# Bring every translation in step with the English (book/translating.md): merge the catalogs
# locales/*.po, write the translated notebooks and pages, print the coverage.
# NEW_LANGUAGE=ja starts Japanese (not LANG: the shell's locale variable has that name).
translations: $(VENV)/installed mirror
	$(BIN)/python -m tools.translation $(if $(NEW_LANGUAGE),--language $(NEW_LANGUAGE))

# Move the pins to the newest releases, re-execute, test; report in upgrade-report.md (tools/upgrade/).
upgrade: $(VENV)/installed
	$(BIN)/python -m tools.upgrade

# Show that `make upgrade` takes a copy pinned to an older Transformers to the newest (many minutes).
upgrade-check: $(VENV)/installed
	$(BIN)/python -m tools.upgrade.demo

benchmark: $(VENV)/installed
	$(BIN)/python tools/benchmark.py

$(VENV)/installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

clean:
	rm -rf $(VENV) .mirror _build test-artifacts
