"""The instructors' batch grader on one synthetic class, graded once: every kind of submission
(tools/grading/synthetic_class.py) and a notebook for every class of attack (tests/grading_attacks.py),
side by side, in a copy of the repository. Honest notebooks keep their marks, attacks score
nothing they did not solve, the outputs are the grader's, and nothing of the batch survives it.
Also quick checks of the parts that run no kernel.

The expected CSV was produced by running the command of the `graded` fixture; after changing an
exercise's cases or the chapter-4 notebooks, run it again, review the rows, and replace it.
"""

import hashlib
import html
import json
import os
import re
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from course.grade import cli, sandbox, submissions
from course.grade.runner import IDLE_LIMIT, LOOPING_LIMIT
from course.grading import learner
from tools.notebooks.portable_outputs import OTHER_PROCESSOR

ROOT = Path(__file__).resolve().parents[1]
from grading_attacks import MARKER, SOLVED, attacks  # noqa: E402
from tools.grading.synthetic_class import write  # noqa: E402

EXPECTED_CSV = ROOT / "tests" / "grade_batch_expected.csv"
EXTRA = {"truncate_ids": [{"label": "instructor: room for [CLS] and [SEP] only",
                           "args": [[101, 5, 6, 7, 102], 2]}]}
JOBS = 3  # one sandbox mostly waits for the looping notebook's cells to be stopped
CELL_TIMEOUT = 20  # seconds per cell (the looping notebook's first cell waits: it is stopped sooner)
NOT_COPIED = (".git", ".venv", ".mirror", "_build", "test-artifacts", "benchmark-results",
              "__pycache__", ".pytest_cache")
SENTENCES = [  # a submission of each kind, and words its feedback must contain
    ("late/correct", "is not a notebook file (not even JSON)"),
    ("not-a-notebook", "is JSON but not a Jupyter notebook"),
    ("chapter-3", "This is the exercise notebook of chapter 3"),
    ("partly-truncate-only", "No function pad_batch, classify_batch in the notebook"),
    ("troubled", "has a syntax error (SyntaxError: expected"),
    ("troubled", "(line 1)), so nothing in it was defined."),
    ("troubled", "raised ZeroDivisionError: division by zero."),
    ("troubled", "called sys.exit(), which would stop the notebook"),
    ("troubled", "called os._exit(), which would stop the notebook"),
    ("troubled", "The notebook printed 2.0 million characters"),
    ("troubled", "The cells were run out of order"),
    ("troubled", "code cells were not run before the notebook was saved"),
    ("troubled", "The notebook carries no course metadata"),
    ("kernel-crash", "The kernel crashed while running code cell 2"),
    ("correct", "2 submissions are called correct.ipynb"),
    ("looping", f"waited {IDLE_LIMIT} s without computing anything, so it was interrupted"),
    ("looping", "code cell 5 (`make_attention_mask([[7], [8, 9]])`) runs pad_batch, which was "
                "still running when code cell 4 ("),
    ("looping", f"so it was given only {LOOPING_LIMIT} s and was stopped too."),
]


def digest(folder):
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*"))
            if path.is_file() and "__pycache__" not in path.parts}


def batch_processes(grader_pid):
    """Processes still alive that the batch started: its sandboxes' users, an attack's mark, or
    a zygote."""
    users = {str(sandbox.user_id(slot, grader_pid)) for slot in range(JOBS)}
    alive = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            uids = next(line for line in status.read_text().splitlines()
                        if line.startswith("Uid:")).split()[1:]
            command = (status.parent / "cmdline").read_bytes().decode(errors="replace")
        except (OSError, StopIteration):
            continue
        if users & set(uids) or MARKER in command or "course.grade.zygote" in command:
            alive.append(f"{status.parent.name}: {command}")
    return alive


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """The class graded once, as an instructor runs it, in a copy of the repository. (Never
    in the weaker sandbox: there the attacks would reach the processes and files of the user
    running the tests.)"""
    weaker = sandbox.Sandbox(hub=False).weaker_reason
    if weaker:
        pytest.fail(f"The batch grader's test needs bubblewrap, but {weaker}: "
                    "apt-get install bubblewrap (.ci/run does).")
    copy = tmp_path_factory.mktemp("repository") / "course-book"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(*NOT_COPIED))
    (copy / ".mirror").symlink_to(ROOT / ".mirror")
    folder, out = copy / "class", copy / "out"
    write(folder)
    for name, notebook in attacks(folder, out).items():
        nbformat.write(notebook, folder / name)
    (copy / "extra.json").write_text(json.dumps(EXTRA))
    before = {"course": digest(copy / "course"), "class": digest(folder)}
    # Without the slower kernels the suite uses to imitate another CPU.
    env = {key: value for key, value in os.environ.items() if key not in OTHER_PROCESSOR}
    started = time.monotonic()
    # The looping notebook first: its stopped cells take longest, while the others run beside it.
    files = sorted(sorted(folder.rglob("*.ipynb")), key=lambda path: path.name != "looping.ipynb")
    process = subprocess.Popen([sys.executable, "-m", "course.grade",
                                *[str(path.relative_to(copy)) for path in files], "--out", "out",
                                "--jobs", str(JOBS), "--extra-cases", "extra.json",
                                "--timeout", str(CELL_TIMEOUT)], cwd=copy,
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    stdout, stderr = process.communicate()
    seconds = time.monotonic() - started
    alive = batch_processes(process.pid)
    assert process.returncode == 0, stderr[-3000:]
    print(f"\nThe batch of {len(before['class'])} notebooks took {seconds:.0f} s.")
    return {"out": out, "stdout": stdout, "stderr": stderr, "alive": alive, "copy": copy,
            "before": before}


def page(graded, name):
    return (graded["out"] / "feedback" / f"{name}.html").read_text()


def row(graded, name):
    import csv

    with open(graded["out"] / "grades.csv", newline="") as file:
        return next(row for row in csv.DictReader(file) if row["submission"] == name)


def test_the_csv_is_exactly_the_expected_one(graded):
    rows = (graded["out"] / "grades.csv").read_text().splitlines()
    honest = [line for line in rows if not line.startswith("attack-")]
    assert honest == EXPECTED_CSV.read_text().splitlines()


@pytest.mark.parametrize("name, words", SENTENCES)
def test_every_bad_submission_gets_a_sentence_in_its_feedback(graded, name, words):
    text = page(graded, name.replace("late/correct", "correct-2"))
    assert words in text
    assert text.startswith("<!DOCTYPE html>") and "Traceback" not in text


def test_the_feedback_shows_the_learners_reports_and_the_rule(graded):
    text = page(graded, "attack-patching")
    assert "✗ pad_batch: incorrect" in text and "First failing case" in text
    assert "share of its hidden cases that pass" in text
    text = page(graded, "correct")
    assert "4 of 4 points" in text and "(Ada Lovelace)" in text
    assert "instructor: room for [CLS] and [SEP] only" in text  # the --extra-cases case


@pytest.mark.parametrize("name", ["attack-patching", "attack-imports", "attack-reading",
                                  "attack-forging", "attack-disk", "attack-stopping",
                                  "attack-leftovers"])
def test_an_attack_scores_only_what_it_solved(graded, name):
    solved = 1 if name in SOLVED else 0
    assert float(row(graded, name)["total"]) == solved
    assert float(row(graded, name)["truncate_ids"]) == solved


def test_honest_notebooks_beside_the_attacks_keep_their_marks(graded):
    assert row(graded, "correct")["total"] == "4"
    assert row(graded, "partly-truncate-only")["truncate_ids"] == "1"


def test_the_sandbox_shows_no_file_of_the_grader(graded):
    found = re.search(r"found \[(.*?)\]", html.unescape(page(graded, "attack-reading"))).group(1)
    for secret in (".ipynb", "extra.json", "grades.csv", "results.json", "_request", "fd/0",
                   "network interface", "grader process"):
        assert secret not in found


def test_nothing_outside_the_sandbox_was_changed(graded):
    copy = graded["copy"]
    assert digest(copy / "course") == graded["before"]["course"]
    assert digest(copy / "class") == graded["before"]["class"]
    assert "hacked" not in (graded["out"] / "grades.csv").read_text()
    assert "hacked" not in (graded["out"] / "results.json").read_text()


def test_no_process_of_the_batch_outlives_it(graded):
    assert graded["alive"] == []


def test_killing_every_process_in_view_stops_only_that_notebook(graded):
    assert row(graded, "attack-stopping")["status"] == "not-graded"
    assert "stopped before it had finished" in page(graded, "attack-stopping")


def test_results_json_is_in_gradescope_format(graded):
    results = json.loads((graded["out"] / "results.json").read_text())
    assert len(results) == 15
    correct = results["correct"]
    assert correct["score"] == 4 and len(correct["tests"]) == 4
    assert {test["max_score"] for test in correct["tests"]} == {1}
    assert all(test["status"] == "passed" for test in correct["tests"])
    assert results["correct-2"]["score"] == 0 and "not even JSON" in results["correct-2"]["output"]


def test_the_terminal_shows_progress_a_summary_and_the_sandbox(graded):
    assert "15/15" in graded["stderr"] and "[" + "#" * 30 + "]" in graded["stderr"]
    assert "4 / 4  duplicate-name" in graded["stdout"]
    assert "15 submissions:" in graded["stdout"] and "share of its hidden cases" in graded["stdout"]
    warm = "forked from one that had already imported PyTorch and Transformers."
    cold = "started afresh because the grader does not run as root."
    started = warm if os.geteuid() == 0 else cold
    assert f"Every notebook ran in its own sandbox (bubblewrap), {started}" in graded["stdout"]
    assert "WARNING" not in graded["stderr"]


# ---- parts that run no kernel -------------------------------------------------------------

def test_without_bubblewrap_the_grader_warns_of_the_weaker_sandbox(tmp_path):
    (tmp_path / "broken.ipynb").write_text("not a notebook")
    env = {**os.environ, "PATH": str(Path(sys.executable).parent)}
    run = subprocess.run([sys.executable, "-m", "course.grade", "broken.ipynb", "--out", "out",
                          "--chapter", "4"], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-2000:]
    warning = "WARNING: bubblewrap (bwrap) is not installed, so every notebook ran in a weaker"
    assert warning in run.stderr and warning in run.stdout


def test_a_silent_sandbox_is_stopped_and_a_flood_is_cut(monkeypatch):
    import threading

    monkeypatch.setattr(sandbox, "SILENCE", 1)
    quiet = subprocess.Popen([sys.executable, "-c", 'print(\'{"event": "alive"}\', flush=True)\n'
                              "import time; time.sleep(60)"], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE)
    started = time.monotonic()
    finished = sandbox._read(quiet, started + 60, threading.Event())
    quiet.kill()
    quiet.wait()
    assert finished.ending == "silent" and time.monotonic() - started < 5
    monkeypatch.setattr(sandbox, "MAX_EVENTS", 10_000)
    loud = subprocess.Popen([sys.executable, "-c", "while True: print('x' * 1000)"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    finished = sandbox._read(loud, time.monotonic() + 60, threading.Event())
    loud.kill()
    loud.wait()
    assert finished.ending == "flooded"


def test_a_zygote_that_cannot_start_says_why():
    from course.grade.warm_sandbox import Zygote, ZygoteFailed

    failing = [sys.executable, "-c", "import sys; sys.exit('namespaces are not allowed here')"]
    with pytest.raises(ZygoteFailed, match="^namespaces are not allowed here$"):
        Zygote.started(failing, {}, 30)


@pytest.mark.skipif(os.geteuid() != 0, reason="zygotes start only where the grader runs as root")
def test_after_a_zygote_dies_its_slot_starts_sandboxes_afresh():
    with sandbox.Sandbox(hub=False) as sandboxes:
        zygote = sandboxes._zygote(0)
        assert zygote, sandboxes.cold_reason
        zygote.process.kill()  # bubblewrap: the zygote inside dies with it, a moment later
        assert select.select([zygote.socket], [], [], 30)[0], "the zygote's socket stayed open"
        assert sandboxes._warm(0) is None
        assert sandboxes.cold_reason.startswith("a zygote stopped")


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
    from tools.notebooks.make_exercises import exercise_notebook, pairs

    from course.grading import EXERCISES

    for solutions, exercises in pairs():
        course = nbformat.read(exercises, as_version=4).metadata["course"]
        assert exercise_notebook(solutions, exercises).metadata["course"] == course
        assert course["exercises"] == [name for name, exercise in EXERCISES.items()
                                       if exercise.chapter == course["chapter"]]


def test_the_instructors_page_states_the_limits_the_grader_sets():
    page = " ".join((ROOT / "book" / "instructors.md").read_text().split())
    for words in (f"(default {cli.TIMEOUT:g}: these notebooks' cells need a few)",
                  f"a cell that has waited {IDLE_LIMIT:g} seconds without computing",
                  f"gets only {LOOPING_LIMIT:g} seconds,",
                  f"may compute for {learner.CPU_LIMIT:g} seconds of processor time",
                  f"the clock after {learner.WALL_LIMIT:g} seconds, or after {LOOPING_LIMIT:g} when",
                  f"went silent for {sandbox.SILENCE:g} s",
                  f"waited {IDLE_LIMIT:g} seconds without computing, or ran a function already caught "
                  f"looping for more than {LOOPING_LIMIT:g} seconds"):
        assert words in page, f"book/instructors.md no longer says: {words}"
