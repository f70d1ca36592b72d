"""The translations are in step with the English book (book/translating.md).

Catalogs hold exactly today's English messages, the translated notebooks and pages are what
`make translations` writes from them, code stays English, terms are consistent, and a changed
English sentence shows up as exactly one fuzzy message, marked on the page and in the notebook.
"""

import re
import shutil

import nbformat
import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import read_mo

from tools.translation import catalog, generate, sources
from tools.translation.__main__ import report

ROOT = sources.ROOT
LANGUAGES = catalog.languages()
SETUP_CALL = "course.setup()"


def copy_of_the_book(tmp_path):
    """The English sources, the catalogs and the translated books, copied into `tmp_path`."""
    for name in ("_toc.yml", "_config.yml"):
        shutil.copy(ROOT / name, tmp_path / name)
    for folder in (*sources.NOTEBOOK_FOLDERS, "book", "locales", *LANGUAGES):
        shutil.copytree(ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("_build", "_ext", "_static"))
    for folder in sources.PYTHON_SOURCES:
        shutil.copytree(ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__", "locales"))
    for name in sources.JAVASCRIPT_SOURCES:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, tmp_path / name)
    return tmp_path


def test_there_is_a_translation():
    assert "ko" in LANGUAGES


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalog_holds_exactly_the_english_of_today(language):
    english = {message.id for message in catalog.messages(catalog.template())}
    stored = {message.id for message in catalog.messages(catalog.read(language))}
    assert stored == english, ("run `make translations`: new English "
                               f"{sorted(english - stored)[:3]}, gone {sorted(stored - english)[:3]}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_course_package_speaks_the_current_translations(language):
    with open(ROOT / str(catalog.RUNTIME_CATALOG).format(language=language), "rb") as file:
        compiled = {message.id: message.string for message in read_mo(file) if message.id}
    expected = {message.id: message.string for message in catalog.messages(catalog.read(language))
                if catalog.is_current(message)
                and any(path.startswith(catalog.RUNTIME_SOURCES) for path, _ in message.locations)}
    assert compiled == expected and expected, "run `make translations`"


@pytest.mark.parametrize("language", LANGUAGES)
def test_translated_books_are_what_make_translations_writes(language, tmp_path):
    copy = copy_of_the_book(tmp_path)
    stale = generate.write_all(language, copy)
    assert not stale, f"notebooks with code that never ran: {stale}: run `make translations`"
    written = sorted(path.relative_to(copy) for path in (copy / language).rglob("*") if path.is_file())
    committed = sorted(path.relative_to(ROOT) for path in (ROOT / language).rglob("*") if path.is_file())
    assert written == committed
    different = [path for path in written if (copy / path).read_bytes() != (ROOT / path).read_bytes()]
    assert not different, f"run `make translations`: {different}"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", sources.notebooks(), ids=str)
def test_translated_notebook_runs_the_english_code_in_its_language(language, path):
    english = nbformat.read(ROOT / path, as_version=4)
    translated = nbformat.read(ROOT / language / path, as_version=4)
    assert translated.metadata["course"]["language"] == language
    sources_of = [cell.source for cell in translated.cells if cell.cell_type == "code"]
    expected = [cell.source.replace(SETUP_CALL, f'course.setup(language="{language}")')
                for cell in english.cells if cell.cell_type == "code"]
    assert sources_of == expected
    assert sum(f'course.setup(language="{language}")' in source for source in sources_of) == 1


@pytest.mark.parametrize("language", LANGUAGES)
def test_coverage_report(language):
    counts = catalog.coverage(catalog.read(language))
    total = len(catalog.messages(catalog.read(language)))
    assert sum(counts.values()) == total and counts["translated"] > 0
    line = report(language, counts)
    assert re.fullmatch(rf"{language}: \d+ of {total} messages translated \(\d+\.\d%\), \d+ fuzzy, \d+ missing", line)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated(language):
    counts = catalog.coverage(catalog.read(language))
    assert counts["fuzzy"] == counts["missing"] == 0, report(language, counts)


# A literal text in a call that marks it: _("..."), N_('...'), t("..."), courseText("...").
MARKED = re.compile(r"""\b(?:N_|_|t|courseText)\(\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')\s*[,)]""")


def test_every_text_marked_in_the_code_is_a_message():
    """Babel's extractors skip a call inside a Python f-string or inside another call's arguments in
    JavaScript; such a text would stay English on every translated page."""
    extracted = {text for text, _ in sources.messages()}
    files = [path for folder in ("course", "book", "tools") for pattern in ("*.py", "*.js")
             for path in (sources.ROOT / folder).rglob(pattern) if "_build" not in path.parts]
    texts = {(path.name, double or single) for path in files
             for double, single in MARKED.findall(path.read_text(encoding="utf-8"))}
    missed = {(name, text) for name, text in texts  # ("...": a docstring's example)
              if text.strip(".") and "\\" not in text and text not in extracted}
    assert not missed


def test_changing_one_english_sentence_makes_exactly_its_message_fuzzy_and_marked(tmp_path):
    copy = copy_of_the_book(tmp_path)
    page, notebook = copy / "book" / "setup.md", copy / "chapters" / "03-tokenizers.ipynb"
    old = "You can run the notebooks in two places: in Google Colab"
    new = "You can run the notebooks in two different places: in Google Colab"
    page.write_text(page.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    english = nbformat.read(notebook, as_version=4)
    cell = next(cell for cell in english.cells if "A model computes with numbers" in cell.source)
    cell.source = cell.source.replace("A model computes with numbers", "A model computes only with numbers")
    nbformat.write(english, notebook)
    before = catalog.coverage(catalog.read("ko", copy))
    fuzzy_before = {message.id for message in catalog.messages(catalog.read("ko", copy)) if message.fuzzy}

    after = catalog.coverage(catalog.update("ko", copy))
    fuzzy = [message for message in catalog.messages(catalog.read("ko", copy))
             if message.fuzzy and message.id not in fuzzy_before]
    assert [message.id.split(":")[0] for message in fuzzy] == [
        "A model computes only with numbers, not with letters. Before any text reaches it, a **tokenizer**\n"
        "cuts the text into pieces called *tokens* and replaces each token by an integer, its **id**.\n"
        "There are many ways to cut text, and the choice matters", "You can run the notebooks in two different places"]
    assert all(message.string and message.previous_id for message in fuzzy)
    assert after == {**before, "translated": before["translated"] - 2, "fuzzy": before["fuzzy"] + 2}

    generate.write_all("ko", copy)
    marker = generate.Translator("ko", copy).marker
    page_text = (copy / "ko" / "book" / "setup.md").read_text(encoding="utf-8")
    assert f"{marker}\n\n{new}" in page_text and "노트북은 두 곳에서" not in page_text
    already = (ROOT / "ko" / "book" / "setup.md").read_text(encoding="utf-8").count(marker)  # other fuzzy ones
    assert page_text.count(marker) == already + 1
    cells = nbformat.read(copy / "ko" / "chapters" / "03-tokenizers.ipynb", as_version=4).cells
    (changed,) = [cell.source for cell in cells if "A model computes only with numbers" in cell.source]
    assert changed.startswith(f"# 토크나이저\n\n{marker}\n\nA model computes only with numbers")
    assert "모델은 글자가 아니라" not in changed and "\n\n이 장에서는 먼저" in changed  # the next one stays


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_term_pair_is_used_consistently(language):
    pairs = generate.terms(language)
    assert pairs, f"locales/{language}.terms.tsv lists no term pairs"
    problems = []
    for message in catalog.messages(catalog.read(language)):
        if not catalog.is_current(message):
            continue
        # code spans, placeholders and link targets stay English
        prose = re.sub(r"`[^`]*`|\{\w*\}|\]\([^)]*\)", "", message.id)
        text = re.sub(r"\s+", " ", message.string)  # a term may be wrapped onto two lines
        for english, translated in pairs:
            if re.search(rf"\b{re.escape(english)}s?\b", prose, re.I) and translated not in text:
                problems.append(f"{english!r} is not {translated!r} in: {message.string[:80]!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_glossary_lists_every_term_pair(language):
    glossary = (ROOT / language / generate.GLOSSARY).read_text(encoding="utf-8")
    for english, translated in generate.terms(language):
        assert f"* - {english}\n  - {translated}\n" in glossary


def test_the_previous_english_of_a_fuzzy_message_survives_reading_and_writing(tmp_path):
    """Babel wraps `#| msgid` lines like comments, also inside their strings: read back whole."""
    (tmp_path / "locales").mkdir()
    previous = ('The mirror is a folder, `.mirror/`, laid out "exactly" like the cache.\nNothing is '
                "downloaded from the hub; {doc}`about-the-outputs` says how the stand-in weights were made.")
    fuzzy = Catalog(locale="ko")
    fuzzy.add("The new English.", "옛 번역", flags=["fuzzy"], previous_id=[previous])
    catalog.write(fuzzy, "ko", tmp_path)
    for _ in range(2):
        catalog.write(catalog.read("ko", tmp_path), "ko", tmp_path)
    (message,) = catalog.messages(catalog.read("ko", tmp_path))
    assert message.fuzzy and message.previous_id == [previous]
