"""Write a language's book from the English one and its catalog: `<language>/...`.

- Notebooks `<language>/{chapters,exercises,solutions}/*.ipynb`: markdown cells, figure captions
  and alternative texts translated; code cells are the English ones, except that the set-up
  cell names the language, `course.setup(language="ko")`, and the Colab header cells point at
  the translated notebook. The notebook's metadata says the same: `{"course": {"language": "ko"}}`.
  Outputs are kept from the previous version of the translated notebook for every code cell
  whose source is unchanged, as long as the English notebook's outputs are those it was made
  from (their fingerprint, `{"course": {"english_outputs": ...}}`): a notebook with a new or
  changed code cell, or whose English outputs changed (re-executed English), needs executing.
- Pages `<language>/book/*.md`, `<language>/_toc.yml` and `<language>/_config.yml`: the
  configuration points back at the English book's extension, static files and images, and
  Colab's launch buttons at the translated notebooks. The glossary page ends with the
  translation's term pairs (`locales/<language>.terms.tsv`).

A message without a current translation keeps its English text, marked as not yet translated.
"""

import copy
import csv
import hashlib
import json
from pathlib import Path

import nbformat
import yaml

from course.i18n import MARKER, N_
from course.provenance import VERSIONS_KEY

from . import catalog as catalogs
from . import markdown, sources

ROOT = sources.ROOT
SETUP_CALL = "course.setup()"
RUN_METADATA = (VERSIONS_KEY, "widgets")  # written by executing a notebook: versions, widget state
TERMS_HEADING = N_("Terms in this translation")
TERMS_INTRO = N_("The English term and the one this translation uses for it, everywhere in the book.")
ENGLISH_COLUMN = N_("English")
TRANSLATION_COLUMN = N_("This translation")
GLOSSARY = Path("book/glossary.md")


class Translator:
    """Translates texts into one language with its catalog; untranslated ones are marked."""

    def __init__(self, language, root=ROOT):
        self.language, self.root = language, root
        self.catalog = catalogs.read(language, root)
        self.lookup = catalogs.lookup(self.catalog)
        self.marker_text = self.lookup(MARKER) or MARKER
        self.marker = f'<span class="untranslated">[{self.marker_text}]</span>'

    def text(self, english):
        """A short text (caption, alt text, title): translated, or English with the marker."""
        return self.lookup(english) or f"{english} [{self.marker_text}]"

    def markdown(self, source):
        return markdown.translate(source, self.lookup, self.marker)

    def out(self, path):
        return self.root / self.language / path


def write_all(language, root=ROOT):
    """Write every translated source of `language`; return the notebooks that need executing."""
    translator = Translator(language, root)
    stale = [path for path in sources.notebooks(root) if write_notebook(translator, path)]
    for path in sources.pages(root):
        write_page(translator, path)
    write_toc(translator)
    write_config(translator)
    return [translator.out(path) for path in stale]


def notebook(translator, path):
    """The translated notebook of English notebook `path`, and whether it needs executing.

    Code cells keep the outputs of the previous translated notebook when their source is
    unchanged; if any code cell is new or changed, the notebook needs executing."""
    from tools.notebooks.header import header_cells  # tools/ is on sys.path (see __main__)

    out = translator.out(path)
    english = nbformat.read(translator.root / path, as_version=4)
    previous = nbformat.read(out, as_version=4) if out.exists() else nbformat.v4.new_notebook()
    fingerprint = english_outputs(english)
    same_english = previous.metadata.get("course", {}).get("english_outputs") == fingerprint
    before = {cell.get("id"): cell for cell in previous.cells if cell.cell_type == "code" and same_english}
    # the Colab header of the translated notebook's path in the repository (`out` may be a copy's)
    header = {cell.metadata["tags"][0]: cell for cell in header_cells(ROOT / translator.language / path)}
    cells, stale = [], False
    for cell in english.cells:
        cell = copy.deepcopy(cell)
        header_tags = sources.HEADER_TAGS & set(cell.metadata.get("tags", []))
        for tag in header_tags:
            cell.source = header[tag].source
        if cell.cell_type == "markdown":
            if not header_tags:
                cell.source = translator.markdown(cell.source)
        else:
            cell.source = cell.source.replace(SETUP_CALL, f'course.setup(language="{translator.language}")')
            for (group, key), text in sources.figure_texts(cell):
                cell.metadata["mystnb"][group][key] = translator.text(text)
            stale |= not _keep_outputs(cell, before.get(cell.get("id")))
        cells.append(cell)
    metadata = copy.deepcopy(english.metadata)
    for key in RUN_METADATA:  # what the run that made the kept outputs recorded
        metadata.pop(key, None)
        if key in previous.metadata:
            metadata[key] = previous.metadata[key]
    metadata.setdefault("course", {}).update(language=translator.language, english_outputs=fingerprint)
    return nbformat.v4.new_notebook(cells=cells, metadata=metadata), stale


def english_outputs(english):
    """A fingerprint of the English notebook's code cells and their stored outputs."""
    cells = [(cell.source, cell.outputs) for cell in english.cells if cell.cell_type == "code"]
    return hashlib.sha256(json.dumps(cells, sort_keys=True).encode()).hexdigest()[:16]


def _keep_outputs(cell, before):
    """Give a code cell the outputs of its previous run if its source is the same; say if it has them."""
    if before is None or before.source != cell.source or before.execution_count is None:
        cell.outputs, cell.execution_count = [], None
        cell.metadata.pop("execution", None)
        return not cell.source.strip()
    cell.outputs, cell.execution_count = before.outputs, before.execution_count
    cell.metadata.pop("execution", None)
    if "execution" in before.metadata:
        cell.metadata["execution"] = before.metadata["execution"]
    return True


def write_notebook(translator, path):
    """Write the translated notebook; return whether it needs executing."""
    result, stale = notebook(translator, path)
    out = translator.out(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(result, out)
    return stale


def write_page(translator, path):
    text = translator.markdown((translator.root / path).read_text(encoding="utf-8"))
    if path == GLOSSARY:
        text += terms_table(translator)
    out = translator.out(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")


def terms(language, root=ROOT):
    """The term pairs of a translation: [(English, translated)], from `locales/<language>.terms.tsv`."""
    path = root / "locales" / f"{language}.terms.tsv"
    if not path.exists():
        return []
    with open(path, encoding="utf-8", newline="") as file:
        return [(row["english"], row["translation"]) for row in csv.DictReader(file, delimiter="\t")]


def terms_table(translator):
    """The glossary's closing section: a table of the translation's term pairs."""
    pairs = terms(translator.language, translator.root)
    if not pairs:
        return ""
    rows = "".join(f"* - {english}\n  - {translated}\n" for english, translated in pairs)
    return (f"\n## {translator.text(TERMS_HEADING)}\n\n{translator.text(TERMS_INTRO)}\n\n"
            f"```{{list-table}}\n:header-rows: 1\n\n* - {translator.text(ENGLISH_COLUMN)}\n"
            f"  - {translator.text(TRANSLATION_COLUMN)}\n{rows}```\n")


def write_toc(translator):
    toc = sources.toc(translator.root)
    for part in toc["parts"]:
        if part.get("caption"):
            part["caption"] = translator.text(part["caption"])
    out = translator.out("_toc.yml")
    out.write_text(_generated_yaml(toc, "_toc.yml"), encoding="utf-8")


def write_config(translator):
    """The translated book's `_config.yml`: the English one, pointing back at the shared files."""
    config = yaml.safe_load((translator.root / "_config.yml").read_text(encoding="utf-8"))
    for keys in sources.CONFIG_TEXTS:
        english = sources.config_value(config, keys)
        if english:
            parent = config
            for key in keys[:-1]:
                parent = parent[key]
            parent[keys[-1]] = translator.text(english)
    up = "../"
    config["logo"] = up + config["logo"]
    config["html"]["favicon"] = up + config["html"]["favicon"]
    config["repository"]["path_to_book"] = translator.language
    sphinx = config["sphinx"]
    sphinx["local_extensions"] = {name: up + path for name, path in sphinx["local_extensions"].items()}
    settings = sphinx["config"]
    settings["language"] = translator.language
    settings["course_english_root"] = up
    settings["course_messages"] = script_messages(translator)
    for key in ("html_static_path", "templates_path"):
        settings[key] = [up + path for path in settings[key]]
    out = translator.out("_config.yml")
    out.write_text(_generated_yaml(config, "_config.yml"), encoding="utf-8")


def script_messages(translator):
    """The translated texts of the website's scripts (their `t("...")` and `courseText("...")` calls)."""
    return {message.id: message.string for message in catalogs.messages(translator.catalog)
            if catalogs.is_current(message)
            and any(path in sources.JAVASCRIPT_SOURCES for path, _ in message.locations)}


def _generated_yaml(data, english_name):
    note = (f"# Generated from the English {english_name} by `make translations` "
            "(tools/translation): do not edit.\n")
    return note + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
