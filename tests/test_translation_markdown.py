"""Markdown cut into translatable units (tools/translation/markdown.py), on the book's real text.

The identity translation must give back every markdown cell and page byte for byte, MyST
syntax included; an untranslated unit keeps its English text behind a visible marker.
"""

import nbformat
import pytest

from tools.translation import markdown, sources

MARKER = "<MARK>"


def book_markdown():
    """(where, text) of every markdown cell of the book's notebooks and every page."""
    for path in sources.notebooks():
        for index, cell in enumerate(nbformat.read(sources.ROOT / path, as_version=4).cells):
            if cell.cell_type == "markdown":
                yield f"{path} cell {index}", cell.source
    for path in sources.pages():
        yield str(path), (sources.ROOT / path).read_text(encoding="utf-8")


def test_identity_translation_gives_back_every_cell_and_page_byte_for_byte():
    texts = list(book_markdown())
    assert len(texts) > 200
    changed = [where for where, text in texts if markdown.translate(text, lambda english: english, MARKER) != text]
    assert not changed, changed


def test_every_unit_joins_back_to_its_source():
    for where, text in book_markdown():
        assert "".join(unit.prefix + unit.text + unit.suffix for unit in markdown.units(text)) == text, where


SAMPLE = """# A title
<!-- EXERCISE: # The exercise title -->
<!-- BEGIN SOLUTION -->

Some *text* with {term}`a role <padding>`, `code` and $x^2$.
A second line of the same paragraph.
<!-- END SOLUTION -->

$$
a = b
$$

```python
print("code stays")
```

````{dropdown} A folded title
:open:
Inside the fold.

| a | table |
|---|---|
````

```{glossary}
:sorted:

Term
  Its definition.
```

```{list-table}
:header-rows: 1

* - Name
  - Meaning
```
"""


def test_messages_are_prose_and_code_math_comments_and_options_are_not():
    assert markdown.messages(SAMPLE) == [
        "A title", "# The exercise title",
        "Some *text* with {term}`a role <padding>`, `code` and $x^2$.\nA second line of the same paragraph.",
        "A folded title", "Inside the fold.", "| a | table |\n|---|---|", "Term\n  Its definition.",
        "* - Name\n  - Meaning"]


def test_untranslated_units_keep_their_english_behind_one_marker_per_run():
    translated = {"Inside the fold.": "접힌 내용."}
    result = markdown.translate(SAMPLE, translated.get, MARKER)
    assert result.startswith(f"# A title\n\n{MARKER}\n<!-- EXERCISE: # The exercise title -->\n")
    assert result.count(MARKER) == 5  # after the title and the fold's title, before the table, in the glossary
    assert f"* - {MARKER} Name\n  - Meaning" in result  # a list-table stays one bullet list
    assert "````{dropdown} A folded title " + MARKER + "\n:open:\n접힌 내용." in result
    assert f"{MARKER}\n\n| a | table |" in result
    assert f"Term\n  {MARKER}\n\n  Its definition." in result
    assert '```python\nprint("code stays")\n```' in result and "$$\na = b\n$$" in result


@pytest.mark.parametrize("english", ["Some text.", "```{note}\nA note.\n```"])
def test_a_translation_replaces_exactly_its_unit(english):
    translated = markdown.translate(english, lambda text: "번역: " + text, MARKER)
    assert "번역: " in translated and MARKER not in translated
