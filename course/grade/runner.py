"""Run one submission in a fresh kernel and call its functions: the program inside a sandbox.

    python -m course.grade.runner     # started by course.grade.sandbox, never by hand

It reads its request (the notebook, time limits, exercises, resource limits) as one JSON line
on stdin, and writes events as JSON lines on stdout, the channel the grader created: a cell
that failed, was stopped or took the kernel down, then, once a second line on stdin has brought
the instructor's extra cases, each exercise's outcomes, case by case, and every few seconds
that it is alive. Everything it writes is the notebook's account of itself: the grader checks
the events' form, and judges the outcomes itself.

Cells run top to bottom, errors do not stop the run, a cell over its time limit is interrupted,
and all cells together have a total limit. A cell that waits without computing or reading the
disk (a `time.sleep` in a loop) is interrupted after `IDLE_LIMIT` seconds, without waiting for its
limit. Once a cell has been stopped, the notebook's functions it calls are suspects: a later
cell that calls one gets only `LOOPING_LIMIT` seconds, and so does each call of an exercise
function that may run one.
"""

import ast
import json
import os
import re
import resource
import signal
import sys
import threading
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import DeadKernelError

from .forked_kernel import PR_SET_DUMPABLE, ForkedKernel, ForkedKernelManager
from .inside import OUTCOME, STOPPED_IN_CODE, call_code

TIMEOUT_NAME = "CellTimeout"
LOOPING_LIMIT = 3  # seconds for a cell that calls a function caught looping
IDLE_LIMIT = 5  # seconds a cell may wait without computing or reading the disk
IDLE_WORK = 0.1  # processor seconds within IDLE_LIMIT that count as computing
WATCH_EVERY = 0.25  # seconds between two looks at the kernel's work
PROBE_LIMIT = 30  # seconds for the kernel to answer after an interrupt
# seconds to call one exercise's function on its cases: the calls' own limits stop them sooner;
# this stops a kernel that ignores them
EXERCISE_LIMIT = 60
ALIVE_EVERY = 2  # seconds between "alive" events
# A cell that only calls check(...) is skipped: the grader checks every exercise afterwards.
CHECK_CELL = re.compile(r"""\s*check\(\s*["']\w+["']\s*,\s*\w+\s*\)\s*;?\s*""")


def graded_cells(notebook):
    """(index, cell) of every code cell the grader runs, in order."""
    return [(index, cell) for index, cell in enumerate(notebook.cells)
            if cell.cell_type == "code" and cell.source.strip()
            and not CHECK_CELL.fullmatch(cell.source)]


def _names(source):
    """The names a cell's code reads, and {function defined at its top level: names it reads}."""
    from IPython.core.inputtransformer2 import TransformerManager

    try:
        tree = ast.parse(TransformerManager().transform_cell(source))
    except (SyntaxError, ValueError):
        return set(), {}
    read = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    functions = {node.name: {inner.id for inner in ast.walk(node) if isinstance(inner, ast.Name)}
                 for node in tree.body if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))}
    return read, functions


class Suspects:
    """The notebook's functions caught looping (running when a cell was stopped), and the cells
    that may run them."""

    def __init__(self, cells):
        self.calls = {}  # function: names its body reads
        self.reads = {}
        for index, cell in cells:
            self.reads[index], functions = _names(cell.source)
            self.calls.update(functions)
        self.caught = {}  # function: index of the cell in which it was caught

    def reach(self, names):
        """The notebook's functions that code reading `names` may run, directly or through
        others."""
        found, todo = set(), [name for name in names if name in self.calls]
        while todo:
            name = todo.pop()
            if name not in found:
                found.add(name)
                todo += [called for called in self.calls[name] if called in self.calls]
        return found

    def catch(self, index, running):
        """Note the innermost of the notebook's functions in `running` (names, outermost first)."""
        ours = [name for name in running if name in self.calls]
        if ours:
            self.caught.setdefault(ours[-1], index)

    def called(self, index):
        """A function caught looping that cell `index` may run, or None."""
        return min(self.reach(self.reads[index]) & set(self.caught), default=None)

    def wall_limit(self, name):
        """Seconds on the clock for each call of the notebook's function `name`: `LOOPING_LIMIT`
        if it may run a function caught looping, else None (those of `check`)."""
        return LOOPING_LIMIT if self.reach([name]) & set(self.caught) else None


class Channel:
    """The events, one JSON line each, on the stdout the grader gave; the kernel gets /dev/null."""

    def __init__(self):
        self.stream = os.fdopen(os.dup(1), "w", encoding="utf-8")
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        self.lock = threading.Lock()

    def send(self, event, **fields):
        with self.lock:
            self.stream.write(json.dumps({"event": event, **fields}) + "\n")
            self.stream.flush()

    def keep_alive(self):
        def beat():
            while True:
                time.sleep(ALIVE_EVERY)
                self.send("alive")

        threading.Thread(target=beat, daemon=True).start()


def kernel_work(pid):
    """(processor seconds, pages read from disk) so far of the kernel's session: the kernel
    (process `pid`, which leads it), the processes it started, and their finished children.
    None once the kernel is gone."""
    if not Path(f"/proc/{pid}").is_dir():
        return None
    seconds, pages = 0.0, 0
    for process in Path("/proc").glob("[0-9]*"):
        try:
            fields = (process / "stat").read_text().rsplit(")", 1)[1].split()
            if int(fields[3]) != pid:  # its session
                continue
            io = dict(line.split(": ") for line in (process / "io").read_text().splitlines())
        except (OSError, ValueError, IndexError):
            continue
        ticks = sum(int(value) for value in fields[11:15])  # utime, stime, cutime, cstime
        seconds += ticks / os.sysconf("SC_CLK_TCK")
        pages += int(fields[9]) + int(io.get("read_bytes", 0)) // 4096  # major faults, bytes read
    return seconds, pages


class IdleWatch:
    """Interrupts the kernel (process `pid`) when the cell it runs has spent `IDLE_LIMIT` seconds
    with less than `IDLE_WORK` seconds of computing and no reading from disk, in the kernel and
    the processes it started."""

    def __init__(self, pid):
        self.pid, self.lock = pid, threading.Lock()
        self.since = self.work = None  # while a cell runs: when its kernel last worked, how much
        self.stopped = False
        threading.Thread(target=self._watch, daemon=True).start()

    def start(self):
        with self.lock:
            self.since, self.work, self.stopped = time.monotonic(), kernel_work(self.pid), False

    def end(self):
        """Whether the cell that ran was interrupted for waiting."""
        with self.lock:
            self.since = None
            return self.stopped

    def _watch(self):
        while True:
            time.sleep(WATCH_EVERY)
            with self.lock:
                work = kernel_work(self.pid)
                if self.since is None or work is None or self.work is None:
                    continue
                if work[0] - self.work[0] > IDLE_WORK or work[1] > self.work[1]:
                    self.since, self.work = time.monotonic(), work
                elif time.monotonic() - self.since >= IDLE_LIMIT:
                    os.kill(self.pid, signal.SIGINT)  # as the kernel's interrupt does
                    self.since, self.stopped = None, True
                else:  # a process that ended unwaited takes its share away: count from here
                    self.work = (min(work[0], self.work[0]), min(work[1], self.work[1]))


class KernelStuck(Exception):
    """The kernel did not answer after an interrupt."""


class Run:
    """One notebook in one kernel: run the cells, then call the exercises' functions."""

    def __init__(self, request, channel, kernel):
        self.request, self.channel, self.kernel = request, channel, kernel
        self.replies = {}
        self.printed = 0
        self.current = None  # the index of the notebook's cell running, if one is
        self.watch = None  # IdleWatch, once the kernel has started
        self.notebook = nbformat.reads(request["notebook"], as_version=4)
        self.cells = graded_cells(self.notebook)
        self.suspects = Suspects(self.cells)
        self.client = NotebookClient(
            self.notebook, km=ForkedKernelManager(kernel, kernel_name="python3"),
            timeout=request["cell_timeout"],
            interrupt_on_timeout=True, allow_errors=True, record_timing=False,
            error_on_timeout={"ename": TIMEOUT_NAME, "evalue": "", "traceback": []},
            resources={"metadata": {"path": os.getcwd()}}, on_cell_executed=self._on_executed)

    def _on_executed(self, cell, cell_index, execute_reply):
        self.replies[cell_index] = execute_reply

    def _timed_out(self, cell, index, timeout, watched=False, **options):
        """Execute one cell; True if it ran out of time, or if `watched` and it waited too long
        (it was then interrupted)."""
        self.client.timeout = timeout
        if watched:
            self.watch.start()
        try:
            self.client.execute_cell(cell, index, **options)
        finally:
            waited = watched and self.watch.end()
        ename = (self.replies.get(index) or {}).get("content", {}).get("ename")
        return ename == TIMEOUT_NAME or (waited and ename == "KeyboardInterrupt")

    def _execute(self, cell, index, timeout, watched=False, **options):
        """Execute one cell; None if it ended in time, else the functions it was running when
        it was interrupted (outermost first). KernelStuck if the kernel then stays silent."""
        if not self._timed_out(cell, index, timeout, watched, **options):
            return None
        probe, stuck = self._hidden(STOPPED_IN_CODE, PROBE_LIMIT, probe=True)
        if stuck:
            raise KernelStuck
        return _printed_names(probe)

    def _hidden(self, code, timeout, probe=False):
        """Run `code` outside the notebook's history; return (the cell, whether it timed out).
        (nbclient stores an executed cell at its index, so it goes at the end while it runs.)
        A probe is not probed in turn when it times out: the kernel is stuck."""
        cell = nbformat.v4.new_code_cell(code)
        self.notebook.cells.append(cell)
        index = len(self.notebook.cells) - 1
        try:
            if probe:
                return cell, self._timed_out(cell, index, timeout, store_history=False)
            return cell, self._execute(cell, index, timeout, store_history=False) is not None
        finally:
            self.notebook.cells.pop()
            self.replies.pop(index, None)

    def run_cells(self):
        started = time.monotonic()
        for index, cell in self.cells:
            remaining = self.request["total_timeout"] - (time.monotonic() - started)
            if remaining <= 0:
                return self.channel.send("total-timeout", index=index)
            self.current = index
            looping = self.suspects.called(index)
            limit = LOOPING_LIMIT if looping else self.request["cell_timeout"]
            try:
                running = self._execute(cell, index, max(1, min(limit, remaining)), watched=True)
                waited = self.watch.stopped
            finally:
                self.printed += _printed(cell)
                cell.outputs = []  # not kept: only the kernel's functions matter now
            content = (self.replies.get(index) or {}).get("content", {})
            if running is not None:
                self.suspects.catch(index, running)
                self.channel.send("cell", index=index, timed_out=True, limit=limit,
                                  idle=IDLE_LIMIT if waited and not looping else 0,
                                  looping=looping or "", caught=self.suspects.caught.get(looping))
            elif content.get("status") == "error":
                self.channel.send("cell", index=index, ename=str(content.get("ename", "")),
                                  evalue=str(content.get("evalue", ""))[:1000])

    def call_exercises(self, extra):
        self.current = None
        for name in self.request["exercises"]:
            code = call_code(name, extra.get(name, []), self.suspects.wall_limit(name))
            cell, _ = self._hidden(code, EXERCISE_LIMIT)
            for output in cell.outputs:
                data = output.get("data", {}).get(OUTCOME)
                if isinstance(data, dict):
                    self.channel.send("exercise", name=name, **data)

    def run(self):
        try:
            with self.client.setup_kernel(env=dict(os.environ)):
                self.watch = IdleWatch(self.kernel.pid)
                self._hidden("from course.grade.inside import prepare\nprepare()\ndel prepare", 120)
                self.run_cells()
                self.channel.send("cells-done", printed=self.printed)
                extra = json.loads(sys.stdin.readline() or "{}")
                self.call_exercises(extra)
        except DeadKernelError:
            self.channel.send("kernel-died", index=self.current)
        except KernelStuck:
            self.channel.send("kernel-stuck", index=self.current)
        finally:
            self.kernel.kill()
        self.channel.send("done")


def _printed_names(cell):
    """The names that `inside.stopped_in` printed in `cell` (a JSON list), or []."""
    lines = "".join(output.get("text", "") for output in cell.outputs
                    if output.get("output_type") == "stream").strip().splitlines()
    try:
        names = json.loads(lines[-1])
    except (IndexError, ValueError):
        return []
    return [name for name in names if isinstance(name, str)] if isinstance(names, list) else []


def _printed(cell):
    size = 0
    for output in cell.outputs:
        if output.get("output_type") == "stream":
            size += len(output.get("text", ""))
        size += sum(len(str(value)) for value in output.get("data", {}).values())
    return size


def hide_from_the_kernel():
    """Make this process non-dumpable: its /proc files (its memory, its pipes to the grader)
    then belong to root, so the learner's code, as the same user, can neither read nor write
    them. (The kernel, forked from it, makes itself dumpable again: course.grade.forked_kernel.)"""
    import ctypes

    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)


def limit_resources(limits):
    """Hard limits for this process and every process it starts (the kernel, the learner's)."""
    for name, value in limits.items():
        resource.setrlimit(getattr(resource, name), (value, value))


def main():
    hide_from_the_kernel()
    channel = Channel()
    request = json.loads(sys.stdin.readline())
    limit_resources(request["limits"])
    kernel = ForkedKernel()  # before any thread starts
    channel.keep_alive()
    Run(request, channel, kernel).run()


if __name__ == "__main__":
    main()
