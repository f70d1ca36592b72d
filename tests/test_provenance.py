"""Where stored outputs came from: the set-up cell's printed line (mirror, hub, unknown), and
the library versions recorded in the notebook's metadata."""

import platform
from importlib import metadata
from pathlib import Path

import nbformat
import pytest

from course.provenance import (HUB, HUB_LINE, MIRROR, MIRROR_LINE, VERSIONS_KEY, checkpoint_source,
                               record_versions, versions_line)

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = sorted((ROOT / "chapters").glob("*.ipynb"))


def notebook_printing(*texts):
    cells = []
    for text in texts:
        cell = nbformat.v4.new_code_cell("course.setup()")
        cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=text)]
        cells.append(cell)
    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(MIRROR_LINE)] + cells)


@pytest.mark.parametrize("text, expected", [
    (MIRROR_LINE + "\n", MIRROR),
    (HUB_LINE + "\n", HUB),
    ("some other output\n" + HUB_LINE + "\n", HUB),
    ("Checkpoints load from somewhere else.\n", None),
    ("print(" + repr(MIRROR_LINE) + ")\n", None),  # quoting the line is not printing it
])
def test_the_printed_set_up_line_decides(text, expected):
    assert checkpoint_source(notebook_printing(text)) == expected


def test_a_markdown_cell_quoting_the_line_does_not_count():
    assert checkpoint_source(notebook_printing()) is None


def test_stderr_does_not_count():
    notebook = notebook_printing(HUB_LINE)
    notebook.cells[1].outputs[0].name = "stderr"
    assert checkpoint_source(notebook) is None


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda path: path.stem)
def test_every_stored_chapter_records_its_checkpoint_source(path):
    assert checkpoint_source(nbformat.read(path, as_version=4)) in (MIRROR, HUB)


def test_recorded_versions_make_the_line_every_page_shows():
    notebook = nbformat.v4.new_notebook()
    assert versions_line(notebook) is None
    record_versions(notebook)
    recorded = notebook.metadata[VERSIONS_KEY]
    assert recorded["python"] == platform.python_version()
    assert recorded["transformers"] == metadata.version("transformers")
    assert versions_line(notebook) == (
        f"Outputs made with Transformers {recorded['transformers']}, PyTorch {recorded['torch']} "
        f"and Python {recorded['python']}.")
