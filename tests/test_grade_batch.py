"""The instructors' batch grader on a synthetic class (tools/synthetic_class.py): one run grades
every kind of submission, with the expected CSV, feedback pages and Gradescope results.json.
Also quick checks of the parts that run no kernel.

The expected CSV was produced by running the command of the `graded` fixture; after changing an
exercise's cases or the chapter-4 notebooks, run it again, review the rows, and replace it.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from course.grade import cli, submissions
from tools.portable_outputs import OTHER_PROCESSOR

ROOT = Path(__file__).resolve().parents[1]
EXPECTED_CSV = ROOT / "tests" / "grade_batch_expected.csv"
EXTRA = {"truncate_ids": [{"label": "instructor: room for [CLS] and [SEP] only",
                           "args": [[101, 5, 6, 7, 102], 2]}]}
CELL_TIMEOUT = 20  # seconds: the endless loop's cell is stopped after it
SENTENCES = [  # a submission of each kind, and words its feedback must contain
    ("not-json", "is not a notebook file (not even JSON)"),
    ("not-a-notebook", "is JSON but not a Jupyter notebook"),
    ("chapter-3", "This is the exercise notebook of chapter 3"),
    ("renamed-function", "No function pad_batch in the notebook: was it renamed or deleted?"),
    ("syntax-error", "has a syntax error (SyntaxError: expected"),
    ("syntax-error", "(line 1)), so nothing in it was defined."),
    ("cell-raises", "raised ZeroDivisionError: division by zero."),
    ("endless-loop", f"was still running after {CELL_TIMEOUT} s, so it was interrupted"),
    ("exits", "called sys.exit(), which would stop the notebook"),
    ("exits", "called os._exit(), which would stop the notebook"),
    ("kernel-crash", "The kernel crashed"),
    ("megabytes-printed", "The notebook printed 2.0 million characters"),
    ("out-of-order-and-unexecuted", "The cells were run out of order"),
    ("out-of-order-and-unexecuted", "code cells were not run before the notebook was saved"),
    ("correct-2", "2 submissions are called correct.ipynb"),
    ("no-metadata", "The notebook carries no course metadata"),
]


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    folder = tmp_path_factory.mktemp("class")
    subprocess.run([sys.executable, str(ROOT / "tools" / "synthetic_class.py"), "class"],
                   cwd=folder, check=True, capture_output=True)
    (folder / "extra.json").write_text(json.dumps(EXTRA))
    # As an instructor runs it: without the slower kernels the suite uses to imitate another CPU.
    env = {key: value for key, value in os.environ.items() if key not in OTHER_PROCESSOR}
    run = subprocess.run([sys.executable, "-m", "course.grade", "class", "--out", "out",
                          "--timeout", str(CELL_TIMEOUT), "--jobs", "2", "--extra-cases", "extra.json"],
                         cwd=folder, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-3000:]
    return folder / "out", run


def test_the_csv_is_exactly_the_expected_one(graded):
    out, _ = graded
    assert (out / "grades.csv").read_text() == EXPECTED_CSV.read_text()


@pytest.mark.parametrize("name, words", SENTENCES)
def test_every_bad_submission_gets_a_sentence_in_its_feedback(graded, name, words):
    page = (graded[0] / "feedback" / f"{name}.html").read_text()
    assert words in page
    assert page.startswith("<!DOCTYPE html>") and "Traceback" not in page


def test_the_feedback_shows_the_learners_reports_and_the_rule(graded):
    page = (graded[0] / "feedback" / "partly-right-padding-only.html").read_text()
    assert "✗ pad_batch: incorrect" in page and "First failing case" in page
    assert "share of its hidden cases that pass" in page
    page = (graded[0] / "feedback" / "correct.html").read_text()
    assert "4 of 4 points" in page and "(Ada Lovelace)" in page
    assert "instructor: room for [CLS] and [SEP] only" in page  # the --extra-cases case


def test_a_redefined_check_and_a_patched_library_do_not_help(graded):
    page = (graded[0] / "feedback" / "redefines-check.html").read_text()
    assert "pad_batch: incorrect" in page and "left padding" in page


def test_results_json_is_in_gradescope_format(graded):
    results = json.loads((graded[0] / "results.json").read_text())
    assert len(results) == 17
    correct = results["correct"]
    assert correct["score"] == 4 and len(correct["tests"]) == 4
    assert {test["max_score"] for test in correct["tests"]} == {1}
    assert all(test["status"] == "passed" for test in correct["tests"])
    assert results["not-json"]["score"] == 0 and "not even JSON" in results["not-json"]["output"]


def test_the_terminal_shows_progress_and_a_summary(graded):
    _, run = graded
    assert "17/17" in run.stderr and "[" + "#" * 30 + "]" in run.stderr
    assert "correct" in run.stdout and "4 / 4  duplicate-name" in run.stdout
    assert "17 submissions:" in run.stdout and "share of its hidden cases" in run.stdout


# ---- parts that run no kernel -------------------------------------------------------------

def test_bad_extra_cases_get_one_sentence(tmp_path):
    path = tmp_path / "extra.json"
    for content, words in [("{", "cannot read"), ("[]", "must hold an object"),
                           ('{"pad": []}', "'pad' is not an exercise of this chapter"),
                           ('{"pad_batch": [{"kwargs": {}}]}', 'each an object with "args"')]:
        path.write_text(content)
        with pytest.raises(SystemExit, match=words):
            cli.read_extra_cases(path, ["pad_batch"])


def test_missing_paths_and_empty_folders_get_one_sentence(tmp_path):
    with pytest.raises(SystemExit, match="There is no file or folder"):
        submissions.find([tmp_path / "nowhere"])
    with pytest.raises(SystemExit, match="No notebooks found"):
        submissions.find([tmp_path])


def test_the_chapter_comes_from_the_option_or_the_metadata():
    chapters = {4: ["pad_batch"]}
    with pytest.raises(SystemExit, match="Chapter 3 has no exercises"):
        cli.choose_chapter([], 3, chapters)
    with pytest.raises(SystemExit, match="--chapter N"):
        cli.choose_chapter([], None, chapters)
    assert cli.choose_chapter([submissions.Submission(Path("a"), "a", chapter=4)], None,
                              chapters) == 4


def test_the_exercise_notebooks_name_their_chapter_and_exercises():
    import nbformat

    sys.path.insert(0, str(ROOT / "tools"))
    from make_exercises import exercise_notebook, pairs

    from course.grading import EXERCISES

    for solutions, exercises in pairs():
        course = nbformat.read(exercises, as_version=4).metadata["course"]
        assert exercise_notebook(solutions, exercises).metadata["course"] == course
        assert course["exercises"] == [name for name, exercise in EXERCISES.items()
                                       if exercise.chapter == course["chapter"]]
