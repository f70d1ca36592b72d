"""Grade a class's exercise notebooks: python -m course.grade SUBMISSIONS... --out DIR

Every notebook runs in a fresh kernel in a sandbox of its own (several at once), offline against
the course's mirror unless --hub is given. The sandbox only runs the cells and calls the
notebook's functions on the exercises' cases; the grader judges what they returned with the
package's own reference answers, outside. Writes DIR/grades.csv, DIR/feedback/<submission>.html
and DIR/results.json, once every sandbox is gone.
"""

import argparse
import copy
import json
import os
import queue
import sys
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat

from course.i18n import _, speaking

from . import outputs, scoring, submissions
from .runner import EXERCISE_LIMIT, PROBE_LIMIT
from .sandbox import Finished, Sandbox

TIMEOUT = 30  # seconds per cell: these notebooks' cells need a few


def parse_args(argv=None):
    parser = argparse.ArgumentParser(prog="python -m course.grade",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("submissions", nargs="+", help=".ipynb files, or folders holding them")
    parser.add_argument("--out", type=Path, required=True, help="folder for the results")
    parser.add_argument("--chapter", type=int, help="the chapter graded (default: the one most "
                        "submissions' metadata names)")
    parser.add_argument("--timeout", type=float, default=TIMEOUT,
                        help=f"seconds per cell ({TIMEOUT})")
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


def mirror_dir(hub):
    """The offline mirror (built if needed) that the grader and the kernels load from, or None
    with --hub. This process loads from it too: the expected values come from the same files."""
    if hub:
        return None
    from course import mirror

    folder = mirror.ensure(log=lambda line: None)
    os.environ.update(mirror.environment(folder))
    return folder


def notebook_text(notebook):
    """The notebook as sent into its sandbox: without its stored outputs (they are not run)."""
    notebook = copy.deepcopy(notebook)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs = []
    return nbformat.writes(notebook)


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
    extra = read_extra_cases(args.extra_cases, exercises)
    for item in items:
        submissions.check_chapter(item, chapter, list(exercises))
    with Sandbox(args.hub, mirror_dir(args.hub)) as sandbox:
        if sandbox.weaker_reason:
            print(weaker_warning(sandbox), file=sys.stderr)
        finished = run_all(items, sandbox, args, list(exercises), extra)
    graded = []
    for item in items:
        problems, results = finished.get(item.name, ([], None))
        graded.append(outputs.Graded(item, exercises, item.problems + problems, results))
    try:
        outputs.write_all(args.out, graded, exercises)
    except OSError as error:
        raise SystemExit(f"Could not write the results into {args.out}: "
                         f"{error.strerror or error}.") from None
    summarize(graded, exercises, args.out, sandbox)


def run_all(items, sandbox, args, exercises, extra):
    """Run every notebook in its sandbox (`--jobs` at once) while this process computes the
    expected values; return {submission name: (problems, exercise results)}."""
    progress = Progress(len(items))
    slots = queue.Queue()
    for slot in range(max(1, args.jobs)):
        slots.put(slot)
    allowed = (args.total_timeout + args.timeout + PROBE_LIMIT
               + len(exercises) * (EXERCISE_LIMIT + PROBE_LIMIT))

    def run(item):
        slot = slots.get()
        try:
            request = {"notebook": notebook_text(item.notebook), "exercises": exercises,
                       "cell_timeout": args.timeout, "total_timeout": args.total_timeout}
            return sandbox.run(slot, request, extra, allowed)
        except Exception as error:  # noqa: BLE001 - one notebook's failure is its own status
            return Finished(ending="ended", stderr=f"{type(error).__name__}: {error}")
        finally:
            slots.put(slot)
            progress.step(item.name)

    for item in items:
        if not item.runnable:
            progress.step(item.name)
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = {item.name: pool.submit(run, item) for item in items if item.runnable}
        expectations = scoring.expectations(exercises, extra) if futures else {}
        done = {name: future.result() for name, future in futures.items()}
    print(file=sys.stderr)
    for name, result in done.items():
        if not result.heard:
            print(f"{name}: its sandbox stopped at once: {result.stderr.strip()[-600:]}",
                  file=sys.stderr)
    by_name = {item.name: item for item in items if item.runnable}
    graded = {}
    for name, result in done.items():
        with speaking(by_name[name].language):  # its problems and reports in the notebook's language
            graded[name] = (scoring.problems(by_name[name].notebook, result, args.total_timeout),
                            scoring.results(result, expectations))
    return graded


def weaker_warning(sandbox):
    return (f"WARNING: {sandbox.weaker_reason}, so every notebook ran in a weaker sandbox: "
            f"{sandbox.weaker()}. See the instructors' page for what the full sandbox needs.")


def summarize(graded, exercises, out, sandbox):
    possible = sum(exercises.values())
    width = max(len(item.submission.name) for item in graded)
    for item in graded:
        print(f"{item.submission.name:<{width}}  {item.total:>6g} / {possible:g}  {item.status}")
    statuses = Counter(item.status for item in graded)
    print(f"\n{len(graded)} submissions: "
          + ", ".join(f"{count} {status}" for status, count in statuses.most_common()))
    print(f"{_(outputs.RULE)}\nWrote {out / 'grades.csv'}, {out / 'feedback'}/ and "
          f"{out / 'results.json'}.")
    if sandbox.weaker_reason:
        print(weaker_warning(sandbox))
    elif sandbox.cold_reason:
        print(f"Every notebook ran in its own sandbox (bubblewrap), started afresh because "
              f"{sandbox.cold_reason}.")
    else:
        print("Every notebook ran in its own sandbox (bubblewrap), forked from one that had "
              "already imported PyTorch and Transformers.")
