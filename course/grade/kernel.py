"""Run one submission in its own fresh kernel, then grade it there; a subprocess of the grader.

    python -m course.grade.kernel REQUEST.json     # writes the result to request["result"]

The request names the notebook, its temporary folder, the kernel's environment, the time limits
and what to grade. Cells run top to bottom whatever order the learner ran them in, errors do
not stop the run, a cell over its time limit is interrupted, and all cells together have a
total limit. Cells that only call `check` are skipped (the grader checks afterwards, with its
own code). The result lists the problems met (`Problem`s) and each exercise's grade.
"""

import json
import os
import re
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import DeadKernelError

from .inside import grade_code

TIMEOUT_NAME = "CellTimeout"
GRADE_TIME_LIMIT = 300  # seconds for the hidden grading cell: each case has its own 3 s limit
LARGE_OUTPUT = 1_000_000  # characters printed by the whole notebook
# A cell that only calls check(...) is skipped: the grader runs its own check afterwards.
CHECK_CELL = re.compile(r"""\s*check\(\s*["']\w+["']\s*,\s*\w+\s*\)\s*;?\s*""")


@dataclass(frozen=True)
class Problem:
    """Something that went wrong in a submission: a status for the CSV and a sentence."""

    status: str
    sentence: str


def _cell_name(position, cell):
    first = next((line.strip() for line in cell.source.splitlines() if line.strip()), "")
    first = first if len(first) <= 50 else first[:50] + "…"
    return f"code cell {position} (`{first}`)"


def _error_problem(name, reply, cell_timeout):
    """The Problem of a cell whose reply is an error, or None when it ran cleanly."""
    content = reply.get("content", {}) if reply else {}
    if content.get("status") != "error":
        return None
    ename, evalue = content.get("ename", ""), content.get("evalue", "")
    if ename == TIMEOUT_NAME:
        return Problem("cell-timeout", f"{name} was still running after {cell_timeout:g} s, so "
                                       "it was interrupted (a loop that never ends?).")
    if ename in ("SystemExit", "ProcessExit"):
        call = "os._exit()" if ename == "ProcessExit" else "sys.exit()"
        return Problem("exit", f"{name} called {call}, which would stop the notebook; the grader "
                               "carried on with the next cell.")
    if ename in ("SyntaxError", "IndentationError", "TabError"):
        evalue = re.sub(r"\(\S+\.py, (line \d+)\)$", r"(\1)", evalue)  # not the kernel's file name
        return Problem("syntax-error", f"{name} has a syntax error ({ename}: {evalue}), so "
                                       "nothing in it was defined.")
    return Problem("cell-error", f"{name} raised {ename}: {evalue}".rstrip(": ") + ".")


def _printed(cell):
    size = 0
    for output in cell.outputs:
        if output.get("output_type") == "stream":
            size += len(output.get("text", ""))
        size += sum(len(str(value)) for value in output.get("data", {}).values())
    return size


class _Run:
    """One notebook in one kernel: execute the cells, note the problems, grade."""

    def __init__(self, request):
        self.request = request
        self.problems = []
        self.printed = 0
        self.replies = {}
        self.notebook = nbformat.read(request["notebook"], as_version=4)
        self.client = NotebookClient(
            self.notebook, kernel_name="python3", timeout=request["cell_timeout"],
            interrupt_on_timeout=True, allow_errors=True, record_timing=False,
            error_on_timeout={"ename": TIMEOUT_NAME, "evalue": "", "traceback": []},
            resources={"metadata": {"path": request["folder"]}},
            on_cell_executed=self._on_executed)

    def _on_executed(self, cell, cell_index, execute_reply):
        self.replies[cell_index] = execute_reply

    def _hidden(self, code, timeout):
        """Run `code` outside the notebook's history (nbclient stores the executed cell at its
        index, so it goes at the end for the time it runs)."""
        self.client.timeout = timeout
        self.notebook.cells.append(nbformat.v4.new_code_cell(code))
        index = len(self.notebook.cells) - 1
        try:
            self.client.execute_cell(self.notebook.cells[index], index, store_history=False)
        finally:
            self.notebook.cells.pop()
        return self.replies.pop(index, None)

    def _cells(self):
        started, position = time.monotonic(), 0
        for index, cell in enumerate(self.notebook.cells):
            if (cell.cell_type != "code" or not cell.source.strip()
                    or CHECK_CELL.fullmatch(cell.source)):
                continue
            position += 1
            remaining = self.request["total_timeout"] - (time.monotonic() - started)
            if remaining <= 0:
                self.problems.append(Problem("total-timeout", (
                    f"The notebook ran longer than {self.request['total_timeout']:g} s in all, so "
                    f"it was stopped before {_cell_name(position, cell)}.")))
                return
            self.client.timeout = max(1, min(self.request["cell_timeout"], remaining))
            self.client.execute_cell(cell, index)
            problem = _error_problem(_cell_name(position, cell), self.replies.get(index),
                                     self.request["cell_timeout"])
            if problem:
                self.problems.append(problem)
            self.printed += _printed(cell)
            cell.outputs = []  # not kept: the grader needs only the kernel's functions

    def _grade(self):
        out = Path(self.request["folder"]) / "_course_grades.json"
        self._hidden(grade_code({"exercises": self.request["exercises"], "out": str(out),
                                 "extra": self.request.get("extra", {})}), GRADE_TIME_LIMIT)
        try:
            return json.loads(out.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.problems.append(Problem("not-graded", (
                "The grader could not run in this notebook's kernel after its cells (did the "
                "notebook change Python itself, e.g. `__import__` or `open`?).")))
            return None

    def run(self):
        exercises = None
        try:
            with self.client.setup_kernel(env={**os.environ, **self.request["env"]}):
                self._hidden("from course.grade.inside import prepare\nprepare()\ndel prepare", 120)
                self._cells()
                exercises = self._grade()
        except DeadKernelError:
            self.problems.append(Problem("kernel-died", (
                "The kernel crashed (it died while running the notebook), so nothing could be "
                "graded: is there code that ends or kills the Python process?")))
        if self.printed > LARGE_OUTPUT:
            self.problems.append(Problem("large-output", (
                f"The notebook printed {self.printed / 1e6:.1f} million characters; outputs that "
                "large can freeze a browser tab.")))
        return {"problems": [asdict(problem) for problem in self.problems],
                "exercises": exercises}


def main():
    request = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    result = _Run(request).run()
    Path(request["result"]).write_text(json.dumps(result), encoding="utf-8")


if __name__ == "__main__":
    main()
