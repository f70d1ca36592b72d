"""Every exercise notebook is generated from its solutions notebook, gives nothing away, and is
named, listed and labelled after its chapter."""

import doctest
import re
from pathlib import Path

import nbformat
import pytest
import yaml

from course.grading import EXERCISES

ROOT = Path(__file__).resolve().parents[1]

from tools.notebooks.make_exercises import (CODE_MARKERS, STUB, course_metadata, exercise_notebook,  # noqa: E402
                            pairs, strip_code, strip_markdown)

PAIRS = pairs()
CHAPTERS = sorted(path.stem for path in (ROOT / "chapters").glob("*.ipynb"))
NOTEBOOKS = [path for pair in PAIRS for path in pair]


def read(path):
    return nbformat.read(path, as_version=4)


def cells_of(notebook):
    return [(cell.cell_type, cell.source) for cell in notebook.cells]


def test_every_chapter_has_its_exercise_and_solutions_notebooks():
    assert [solutions.stem for solutions, _ in PAIRS] == CHAPTERS
    assert all(exercises.exists() for _, exercises in PAIRS)
    assert sorted(path.stem for path in (ROOT / "exercises").glob("*.ipynb")) == CHAPTERS


def test_the_website_lists_every_exercise_and_solutions_notebook():
    parts = {part["caption"]: [chapter["file"] for chapter in part["chapters"]]
             for part in yaml.safe_load((ROOT / "_toc.yml").read_text())["parts"]}
    assert parts["Exercises"] == [f"exercises/{stem}" for stem in CHAPTERS]
    assert parts["Appendix: solutions"] == [f"solutions/{stem}" for stem in CHAPTERS]


@pytest.mark.parametrize("solutions, exercises", PAIRS, ids=lambda path: path.name)
def test_the_committed_exercise_notebook_is_what_the_script_generates(solutions, exercises):
    committed, generated = read(exercises), exercise_notebook(solutions, exercises)
    assert cells_of(committed) == cells_of(generated), "run: python tools/notebooks/make_exercises.py"
    assert committed.metadata["course"] == generated.metadata["course"]


@pytest.mark.parametrize("solutions, exercises", PAIRS, ids=lambda path: path.name)
def test_the_metadata_names_the_chapter_and_its_exercises(solutions, exercises):
    course = read(exercises).metadata["course"]
    assert course["chapter"] == int(exercises.name[:2])
    assert course["exercises"] and set(course["exercises"]) <= set(EXERCISES)
    assert course["exercises"] == list(outputs_of_checks(solutions))
    # The batch grader maps chapters to exercises from the declarations: they must agree.
    assert {EXERCISES[name].chapter for name in course["exercises"]} == {course["chapter"]}


def test_every_exercise_is_in_exactly_one_notebook():
    names = [name for _, exercises in PAIRS
             for name in read(exercises).metadata["course"]["exercises"]]
    assert sorted(names) == sorted(EXERCISES)


def test_metadata_comes_from_the_file_name_and_the_check_cells():
    cells = [nbformat.v4.new_code_cell('check("predict", predict)'),
             nbformat.v4.new_code_cell('# hint("predict")')]
    assert course_metadata("exercises/07-more.ipynb", cells) == {
        "chapter": 7, "exercises": ["predict"]}


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
    answers = solution_lines(read(solutions))
    assert len(answers) >= 4
    notebook = read(exercises)
    text = "\n".join(source for _, source in cells_of(notebook))
    assert "SOLUTION" not in text
    exercise_lines = {line.strip() for line in text.splitlines()}
    assert not [line for line in answers if line in exercise_lines]
    assert not [cell for cell in notebook.cells
                if "solution-only" in cell.metadata.get("tags", [])]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_no_code_line_is_wider_than_79_characters(path):
    wide = [line for cell in read(path).cells if cell.cell_type == "code"
            and "colab-install" not in cell.metadata.get("tags", [])  # from tools/notebooks/header.py
            for line in cell.source.splitlines() if len(line) > 79]
    assert not wide


def outputs_of_checks(path):
    notebook = read(path)
    return {CHECK.match(cell.source).group(1): cell.outputs[0].data["text/plain"]
            for cell in notebook.cells
            if cell.cell_type == "code" and CHECK.match(cell.source)}


CHECK = re.compile(r'check\("(\w+)", ')


@pytest.mark.parametrize("solutions, exercises", PAIRS, ids=lambda path: path.name)
def test_unsolved_every_check_says_not_attempted_and_solved_every_check_passes(solutions,
                                                                               exercises):
    unsolved, solved = outputs_of_checks(exercises), outputs_of_checks(solutions)
    assert list(unsolved) == list(solved) and solved
    assert all(": not attempted yet." in text for text in unsolved.values())
    assert all(": correct. All" in text for text in solved.values())


@pytest.mark.parametrize("solutions, exercises", PAIRS, ids=lambda path: path.name)
def test_the_notebooks_are_marked_as_what_they_are(solutions, exercises):
    first_markdown = [read(path).cells[2].source  # after the Colab header
                      for path in (solutions, exercises)]
    assert first_markdown[0].startswith("# Solutions: ")
    assert "This is the solutions notebook" in first_markdown[0]
    assert f"`exercises/{exercises.name}`" in first_markdown[0]
    assert first_markdown[1].startswith("# Exercises: ")
    assert first_markdown[1][len("# Exercises: "):].split("\n")[0] == (
        first_markdown[0][len("# Solutions: "):].split("\n")[0])


@pytest.mark.parametrize("solutions", [solutions for solutions, _ in PAIRS],
                         ids=lambda path: path.name)
def test_the_docstring_examples_are_true(mirror_dir, solutions):
    """The examples learners see in the stubs' docstrings, run against the solutions."""
    namespace = {}
    for cell in read(solutions).cells:
        tags = set(cell.metadata.get("tags", []))
        if cell.cell_type == "code" and not tags & {"colab-install", "solution-only"} and (
                not cell.source.startswith(("check(", "import course"))):
            exec(cell.source, namespace)  # noqa: S102 - our own notebook
    for name in outputs_of_checks(solutions):
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
