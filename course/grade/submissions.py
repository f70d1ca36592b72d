"""Finding and reading the submitted files, before any of their code runs.

A `Submission` knows its file, a unique name for its feedback page, the learner's name (from
the notebook's standard `metadata.authors`, if any), its chapter (from the `course` metadata
that the book's exercise notebooks carry) and the problems found by reading it.
"""

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from course.i18n import ENGLISH, _, languages, speaking

from .scoring import Problem


@dataclass
class Submission:
    path: Path
    name: str
    notebook: object = None
    learner: str = ""
    chapter: int | None = None
    language: str = ENGLISH  # the notebook's, from its `course` metadata: its feedback's language
    problems: list = field(default_factory=list)

    @property
    def runnable(self):
        return self.notebook is not None and not any(
            problem.status in STOPPING for problem in self.problems)


STOPPING = {"not-json", "not-notebook", "other-chapter", "no-exercises"}


def find(paths):
    """The files to grade: files as given, and every .ipynb file under a folder, sorted."""
    files = []
    for path in map(Path, paths):
        if path.is_dir():
            files += sorted(p for p in path.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
        elif path.exists():
            files.append(path)
        else:
            raise SystemExit(f"There is no file or folder {path}.")
    if not files:
        raise SystemExit("No notebooks found: give .ipynb files or folders that hold them.")
    return files


def read(files):
    """A Submission per file, with unique names (a repeated file name gets -2, -3, ...)."""
    submissions, seen = [], Counter(path.stem for path in files)
    used = Counter()
    for path in files:
        used[path.stem] += 1
        name = path.stem if used[path.stem] == 1 else f"{path.stem}-{used[path.stem]}"
        submission = Submission(path, name)
        _load(submission)
        if seen[path.stem] > 1:
            with speaking(submission.language):
                submission.problems.insert(0, Problem("duplicate-name", _(
                    "{count} submissions are called {file}; this one ({path}) has the feedback page "
                    "{name}.html.").format(count=seen[path.stem], file=path.name, path=path, name=name)))
        submissions.append(submission)
    return submissions


def _load(submission):
    try:
        text = submission.path.read_text(encoding="utf-8")
        json.loads(text)
    except (UnicodeDecodeError, ValueError):
        submission.problems.append(Problem("not-json", _(
            "{file} is not a notebook file (not even JSON): download it from Colab with File → "
            "Download → Download .ipynb.").format(file=submission.path.name)))
        return
    try:
        notebook = nbformat.reads(text, as_version=4)
        nbformat.validate(notebook)
    except Exception as error:  # noqa: BLE001 - nbformat raises many kinds for broken files
        submission.problems.append(Problem("not-notebook", _(
            "{file} is JSON but not a Jupyter notebook ({error}).").format(
            file=submission.path.name, error=str(error).splitlines()[0][:120])))
        return
    submission.notebook = notebook
    authors = notebook.metadata.get("authors") or [{}]
    submission.learner = str(authors[0].get("name", "")) if isinstance(authors[0], dict) else ""
    course = notebook.metadata.get("course", {})
    if isinstance(course, dict) and isinstance(course.get("chapter"), int):
        submission.chapter = course["chapter"]
    if isinstance(course, dict) and course.get("language") in languages():
        submission.language = course["language"]
    with speaking(submission.language):
        submission.problems += _order_problems(notebook)


def _order_problems(notebook):
    counts = [cell.get("execution_count") for cell in notebook.cells
              if cell.cell_type == "code" and cell.source.strip()]
    ran = [count for count in counts if count is not None]
    problems = []
    if len(ran) < len(counts):
        problems.append(Problem("unexecuted", _(
            "{missed} of the {count} code cells were not run before the notebook was saved; the "
            "grader ran every cell, top to bottom.").format(missed=len(counts) - len(ran), count=len(counts))))
    if ran != sorted(ran) or len(set(ran)) < len(ran):
        problems.append(Problem("out-of-order", _(
            "The cells were run out of order before the notebook was saved; the grader ran them "
            "top to bottom, so code that relied on a later cell may fail here.")))
    return problems


def defined_functions(notebook):
    """Names of the functions defined at the top level of the notebook's code cells."""
    source = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "code")
    return set(re.findall(r"^def\s+(\w+)\s*\(", source, flags=re.MULTILINE))


def check_chapter(submission, chapter, exercises):
    """Note a notebook of another chapter, or (without metadata) one with none of its exercises."""
    if submission.notebook is None:
        return
    with speaking(submission.language):
        if submission.chapter is not None and submission.chapter != chapter:
            submission.problems.append(Problem("other-chapter", _(
                "This is the exercise notebook of chapter {chapter}; this class is graded on chapter "
                "{graded}'s.").format(chapter=submission.chapter, graded=chapter)))
        elif submission.chapter is None:
            found = defined_functions(submission.notebook) & set(exercises)
            if not found:
                submission.problems.append(Problem("no-exercises", _(
                    "The notebook says nothing about its chapter and defines none of chapter {chapter}'s "
                    "exercise functions ({names}).").format(chapter=chapter, names=", ".join(exercises))))
            else:
                submission.problems.append(Problem("no-metadata", _(
                    "The notebook carries no course metadata; its exercises were found by their "
                    "function names.")))
