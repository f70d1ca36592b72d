"""Grade a class's exercise notebooks: python -m course.grade SUBMISSIONS... --out DIR

Every notebook runs in its own fresh kernel (several at once), offline against the course's
mirror unless --hub is given, and is graded there by the package's own exercises and hidden
cases. Writes DIR/grades.csv, DIR/feedback/<submission>.html and DIR/results.json.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from . import outputs, submissions
from .kernel import GRADE_TIME_LIMIT, Problem


def parse_args(argv=None):
    parser = argparse.ArgumentParser(prog="python -m course.grade",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("submissions", nargs="+", help=".ipynb files, or folders holding them")
    parser.add_argument("--out", type=Path, required=True, help="folder for the results")
    parser.add_argument("--chapter", type=int, help="the chapter graded (default: the one most "
                        "submissions' metadata names)")
    parser.add_argument("--timeout", type=float, default=120, help="seconds per cell (120)")
    parser.add_argument("--total-timeout", type=float, default=600,
                        help="seconds for all the cells of one notebook (600)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="notebooks run at once (default: the number of CPUs)")
    parser.add_argument("--extra-cases", type=Path, help="JSON file of instructor-only cases: "
                        '{"exercise": [{"args": [...], "kwargs": {...}, "label": "..."}]}')
    parser.add_argument("--hub", action="store_true",
                        help="load checkpoints from the Hugging Face Hub, not the offline mirror")
    return parser.parse_args(argv)


def read_extra_cases(path, exercises):
    """The --extra-cases file, checked: a clear message (SystemExit) for anything wrong."""
    if path is None:
        return {}
    try:
        extra = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise SystemExit(f"--extra-cases: cannot read {path} as JSON ({error}).") from None
    if not isinstance(extra, dict):
        raise SystemExit("--extra-cases: the file must hold an object {exercise name: [cases]}.")
    for name, cases in extra.items():
        if name not in exercises:
            raise SystemExit(f"--extra-cases: {name!r} is not an exercise of this chapter "
                             f"({', '.join(exercises)}).")
        if not isinstance(cases, list) or not all(
                isinstance(case, dict) and isinstance(case.get("args"), list) for case in cases):
            raise SystemExit(f"--extra-cases: {name} needs a list of cases, each an object "
                             'with "args": [...] (and optionally "kwargs" and "label").')
    return extra


def choose_chapter(items, requested, by_chapter):
    """The chapter graded: --chapter, else the commonest in the metadata, else by function names."""
    if requested is not None:
        if requested not in by_chapter:
            raise SystemExit(f"Chapter {requested} has no exercises; chapters with exercises: "
                             f"{', '.join(map(str, sorted(by_chapter)))}.")
        return requested
    named = Counter(item.chapter for item in items if item.chapter in by_chapter)
    for item in items:
        if item.notebook is not None and item.chapter is None:
            found = submissions.defined_functions(item.notebook)
            named.update(chapter for chapter, names in by_chapter.items() if found & set(names))
    if not named:
        raise SystemExit("No submission names its chapter; say which with --chapter N.")
    return named.most_common(1)[0][0]


def kernel_environment(hub):
    environment = {"PYTHONHASHSEED": "0", "OMP_NUM_THREADS": "1"}  # kernels run side by side
    if not hub:
        from course import mirror

        environment.update(mirror.environment(mirror.ensure(log=lambda line: None)))
    return environment


def run_one(submission, settings):
    """Execute and grade one submission in a subprocess; return (problems, exercise results)."""
    with tempfile.TemporaryDirectory(prefix="course-grade-") as folder:
        notebook = Path(folder) / "submission.ipynb"
        shutil.copyfile(submission.path, notebook)
        request = {**settings, "notebook": str(notebook), "folder": folder,
                   "result": str(Path(folder) / "_result.json")}
        request_path = Path(folder) / "_request.json"
        request_path.write_text(json.dumps(request), encoding="utf-8")
        limit = settings["total_timeout"] + GRADE_TIME_LIMIT + 180
        try:
            subprocess.run([sys.executable, "-m", "course.grade.kernel", str(request_path)],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=limit,
                           check=False)
            result = json.loads(Path(request["result"]).read_text(encoding="utf-8"))
        except (subprocess.TimeoutExpired, OSError, ValueError):
            return [Problem("not-graded", "The grader's runner for this notebook failed or "
                            "hung, so it could not be graded; try it alone.")], None
    return [Problem(**problem) for problem in result["problems"]], result["exercises"]


class Progress:
    """A one-line progress bar on stderr."""

    def __init__(self, total, width=30):
        self.total, self.done, self.width = total, 0, width
        self.lock = threading.Lock()
        self.show()

    def show(self, last=""):
        filled = self.width * self.done // max(self.total, 1)
        print(f"\r[{'#' * filled}{'.' * (self.width - filled)}] {self.done}/{self.total} "
              f"{last[:40]:<40}", end="", file=sys.stderr, flush=True)

    def step(self, name):
        with self.lock:
            self.done += 1
            self.show(name)


def main(argv=None):
    args = parse_args(argv)
    from course.grading import EXERCISES

    by_chapter = {}
    for name, exercise in EXERCISES.items():
        by_chapter.setdefault(exercise.chapter, []).append(name)
    items = submissions.read(submissions.find(args.submissions))
    chapter = choose_chapter(items, args.chapter, by_chapter)
    exercises = {name: EXERCISES[name].points for name in by_chapter[chapter]}
    settings = {"exercises": list(exercises), "env": kernel_environment(args.hub),
                "extra": read_extra_cases(args.extra_cases, exercises),
                "cell_timeout": args.timeout, "total_timeout": args.total_timeout}
    for item in items:
        submissions.check_chapter(item, chapter, list(exercises))
    progress = Progress(len(items))

    def grade(item):
        problems, results = run_one(item, settings) if item.runnable else ([], None)
        progress.step(item.name)
        return outputs.Graded(item, exercises, item.problems + problems, results)

    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        graded = list(pool.map(grade, items))
    print(file=sys.stderr)
    write_all(args.out, graded, exercises)
    summarize(graded, exercises, args.out)


def write_all(out, graded, exercises):
    (out / "feedback").mkdir(parents=True, exist_ok=True)
    outputs.write_csv(out / "grades.csv", graded, exercises)
    for item in graded:
        (out / "feedback" / f"{item.submission.name}.html").write_text(
            outputs.feedback_page(item), encoding="utf-8")
    outputs.write_results_json(out / "results.json", graded)


def summarize(graded, exercises, out):
    possible = sum(exercises.values())
    width = max(len(item.submission.name) for item in graded)
    for item in graded:
        print(f"{item.submission.name:<{width}}  {item.total:>6g} / {possible:g}  {item.status}")
    statuses = Counter(item.status for item in graded)
    print(f"\n{len(graded)} submissions: "
          + ", ".join(f"{count} {status}" for status, count in statuses.most_common()))
    print(f"{outputs.RULE}\nWrote {out / 'grades.csv'}, {out / 'feedback'}/ and "
          f"{out / 'results.json'}.")
