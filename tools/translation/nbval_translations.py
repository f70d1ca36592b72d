"""nbval for the translated notebooks, in the same kernel run as their English notebook.

A translated notebook has the English code cells (the drift test checks it); only what the
course package prints through `course.i18n` depends on the language. So, while nbval runs an
English notebook, each of its code cells is followed by one item per translation
(`chapters/03-tokenizers.ipynb::Cell 5[ko]`) that validates the translated cell's stored output:

- If the English cell looked up a message (`course.i18n.lookups()` grew while it ran), its
  output depends on the language: the translated cell runs again, in the same kernel, with the
  notebook's language set, and nbval compares its output with the translated notebook's stored
  one (the language is English again afterwards).
- Otherwise its output is the same in every language: the translated notebook's stored output
  must equal the English stored output, which nbval has just validated.

Every translated output is thus checked against a real run without running each notebook twice.
Assumption, stated in book/translating.md: a cell that prints translated messages can run twice
(they are set-up, check, hint and quiz calls). `pytest ko/chapters/...` runs a translated
notebook on its own as well, with plain nbval.
"""

from pathlib import Path

import nbformat
import pytest
from nbval.plugin import IPyNbCell, coalesce_streams

# How many messages the kernel has looked up so far (0 before the notebook imports the course).
LOOKUPS = ("(lambda module: module.lookups() if module else 0)"
           "(__import__('sys').modules.get('course.i18n'))")


def translations_of(path):
    """{language: translated notebook path} of a notebook of a book (a folder with `_toc.yml`)."""
    path = Path(path).resolve()
    root = next((folder for folder in path.parents if (folder / "_toc.yml").is_file()), None)
    if root is None:
        return {}
    relative = path.relative_to(root)
    return {folder.name: folder / relative for folder in sorted(root.iterdir())
            if (folder / "_config.yml").is_file() and (folder / relative).is_file()}


def kernel_value(kernel, expression):
    """The repr of `expression`, evaluated silently in the notebook's kernel."""
    msg_id = kernel.kc.execute("", silent=True, store_history=False, user_expressions={"value": expression})
    while True:
        reply = kernel.get_message(stream="shell", timeout=60)
        if reply["parent_header"].get("msg_id") == msg_id:
            value = reply["content"]["user_expressions"]["value"]
            if value["status"] != "ok":
                raise RuntimeError(f"{expression}: {value.get('ename')}: {value.get('evalue')}")
            return value["data"]["text/plain"]


class TranslatedCell(IPyNbCell):
    """A translated notebook's code cell, validated right after its English cell."""

    def __init__(self, name, parent, cell_num, cell, options, english, language):
        super().__init__(name, parent, cell_num, cell, options)
        self.english, self.language = english, language

    def reportinfo(self):
        return self.fspath, 0, f"{self.fspath.relto(self.config.rootdir)}::Cell {self.cell_num}[{self.language}]"

    def runtest(self):
        if self.options["skip"]:
            pytest.skip()
        if self.english.cell.source != self.cell.source.replace(f'(language="{self.language}")', "()"):
            self.raise_cell_error(f"The {self.language} notebook's code differs from the English notebook's: "
                                  "run `make translations`.")
        if not self.depends_on_language():
            if self.options["check"] and not self.compare_outputs(
                    coalesce_streams(self.cell.outputs), coalesce_streams(self.english.cell.outputs)):
                self.raise_cell_error(f"The English cell printed nothing translatable, so the {self.language} "
                                      "notebook's stored output must be the English one: run `make translations`.",
                                      "\n".join(self.comparison_traceback))
            return
        self.set_language(self.language)
        try:
            super().runtest()
        finally:
            self.set_language("en")
            self.parent.lookups_seen = int(kernel_value(self.parent.kernel, LOOKUPS))

    def depends_on_language(self):
        """Whether the English cell looked up a message (decided once for all translations)."""
        notebook = self.parent
        if getattr(notebook, "decided_cell", None) != self.cell_num:
            count = int(kernel_value(notebook.kernel, LOOKUPS))
            notebook.decided_cell, notebook.spoke = self.cell_num, count > getattr(notebook, "lookups_seen", 0)
            notebook.lookups_seen = count
        return notebook.spoke

    def set_language(self, language):
        kernel_value(self.parent.kernel, f"__import__('course.i18n').i18n.set_language({language!r})")


def pytest_collection_modifyitems(session, config, items):
    """After each English notebook cell, one item per translation of its notebook."""
    expanded = []
    for item in items:
        expanded.append(item)
        if type(item) is IPyNbCell:
            for language, cells in _translated_cells(item.parent).items():
                expanded.append(TranslatedCell.from_parent(
                    item.parent, name=f"{item.name}[{language}]", cell_num=item.cell_num,
                    cell=cells[item.cell_num], options=item.options, english=item, language=language))
    items[:] = expanded


def _translated_cells(notebook_file):
    """{language: [code cells]} of an English notebook's translations (read once per notebook)."""
    if not hasattr(notebook_file, "translated_cells"):
        paths = translations_of(notebook_file.path)
        notebook_file.translated_cells = {
            language: [cell for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == "code"]
            for language, path in paths.items()}
    return notebook_file.translated_cells
