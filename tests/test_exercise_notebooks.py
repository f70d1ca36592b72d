"""The exercise notebook is generated from the solutions notebook and gives nothing away."""

import doctest
import re
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from make_exercises import (CODE_MARKERS, STUB, exercise_notebook, pairs, strip_code,  # noqa: E402
                            strip_markdown)

PAIRS = pairs()
SOLUTIONS = ROOT / "solutions" / "padding-and-masks.ipynb"
EXERCISES = ROOT / "exercises" / "padding-and-masks.ipynb"


def cells_of(notebook):
    return [(cell.cell_type, cell.source) for cell in notebook.cells]


def test_every_solutions_notebook_has_its_exercise_notebook():
    assert (SOLUTIONS, EXERCISES) in PAIRS
    assert all(exercises.exists() for _, exercises in PAIRS)


@pytest.mark.parametrize("solutions, exercises", PAIRS, ids=lambda path: path.name)
def test_the_committed_exercise_notebook_is_what_the_script_generates(solutions, exercises):
    committed = nbformat.read(exercises, as_version=4)
    assert cells_of(committed) == cells_of(exercise_notebook(solutions, exercises)), (
        "run: python tools/make_exercises.py")


def solution_lines(notebook):
    """The non-blank lines inside the solution regions of a notebook's code cells."""
    lines = []
    for cell in notebook.cells:
        if cell.cell_type == "code":
            for region in re.findall(r"# BEGIN SOLUTION\n(.*?)# END SOLUTION", cell.source, re.S):
                lines += [line.strip() for line in region.splitlines() if line.strip()]
    return lines


@pytest.mark.parametrize("solutions, exercises", PAIRS, ids=lambda path: path.name)
def test_the_exercise_notebook_holds_no_solution_code(solutions, exercises):
    answers = solution_lines(nbformat.read(solutions, as_version=4))
    assert len(answers) >= 4
    text = "\n".join(source for _, source in cells_of(nbformat.read(exercises, as_version=4)))
    assert "SOLUTION" not in text
    exercise_lines = {line.strip() for line in text.splitlines()}
    assert not [line for line in answers if line in exercise_lines]


def outputs_of_checks(path):
    notebook = nbformat.read(path, as_version=4)
    return {cell.source: cell.outputs[0].data["text/plain"] for cell in notebook.cells
            if cell.cell_type == "code" and cell.source.startswith("check(")}


def test_unsolved_every_check_says_not_attempted_and_solved_every_check_passes():
    unsolved, solved = outputs_of_checks(EXERCISES), outputs_of_checks(SOLUTIONS)
    assert len(unsolved) == len(solved) == 4
    assert all(": not attempted yet." in text for text in unsolved.values())
    assert all(": correct. All" in text for text in solved.values())


def test_the_notebooks_are_marked_as_what_they_are():
    first_markdown = [nbformat.read(path, as_version=4).cells[2].source  # after the Colab header
                      for path in (SOLUTIONS, EXERCISES)]
    assert first_markdown[0].startswith("# Solutions: padding and attention masks")
    assert "This is the solutions notebook" in first_markdown[0]
    assert first_markdown[1].startswith("# Exercises: padding and attention masks")


def test_the_docstring_examples_are_true(mirror_dir):
    """The examples learners see in the stubs' docstrings, run against the solutions."""
    namespace = {}
    for cell in nbformat.read(SOLUTIONS, as_version=4).cells:
        tags = cell.metadata.get("tags", [])
        if cell.cell_type == "code" and "colab-install" not in tags and not cell.source.startswith(
                ("check(", "import course")):
            exec(cell.source, namespace)  # noqa: S102 - our own notebook
    for name in ("pad_batch", "make_attention_mask", "truncate_ids", "classify_batch"):
        examples = doctest.DocTestFinder().find(namespace[name], name, globs=namespace)[0]
        assert len(examples.examples) >= 1
        result = doctest.DocTestRunner().run(examples)
        assert result.failed == 0, name


def test_solution_regions_become_stubs_at_their_indentation():
    source = "def f():\n    '''Doc.'''\n    # BEGIN SOLUTION\n    return 1\n    # END SOLUTION\n"
    assert strip_code(source) == f"def f():\n    '''Doc.'''\n    {STUB}\n"
    assert strip_code("x = 1") == "x = 1"


def test_markdown_solution_regions_go_and_exercise_lines_replace_the_line_above():
    source = ("# Solutions\n<!-- EXERCISE: # Exercises -->\n<!-- BEGIN SOLUTION -->\n\n"
              "> Answers below.\n<!-- END SOLUTION -->\n\nText.")
    assert strip_markdown(source) == "# Exercises\n\nText."
    with pytest.raises(ValueError, match="no line above it"):
        strip_markdown("<!-- EXERCISE: # Exercises -->")


@pytest.mark.parametrize("source", [f"{CODE_MARKERS[0]}\nx = 1", f"x = 1\n{CODE_MARKERS[1]}",
                                    f"{CODE_MARKERS[0]}\n{CODE_MARKERS[0]}\n{CODE_MARKERS[1]}"])
def test_unbalanced_markers_are_an_error(source):
    with pytest.raises(ValueError, match="SOLUTION"):
        strip_code(source)
