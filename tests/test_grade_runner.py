"""The runner's watch on the kernel (course/grade/runner.py): a cell that waits without computing
is interrupted after the idle limit; a cell that computes is left to its time limit."""

import signal
import subprocess
import sys
import time

import pytest

from course.grade import runner

IDLE_LIMIT = 1  # seconds, for these tests
WAITS = "import time\nwhile True:\n    time.sleep(0.05)"
COMPUTES = "import time\nend = time.monotonic() + 2.5\nwhile time.monotonic() < end:\n    pass"
WAITS_FOR_A_CHILD_THAT_COMPUTES = ("import subprocess, sys\n"
                                   f"subprocess.run([sys.executable, '-c', {COMPUTES!r}])")


def watched(monkeypatch, code, seconds):
    """Run `code` in a process that leads its session, as a kernel does, under an IdleWatch for up
    to `seconds`: (whether the watch interrupted it, its exit code)."""
    monkeypatch.setattr(runner, "IDLE_LIMIT", IDLE_LIMIT)
    process = subprocess.Popen([sys.executable, "-c", code], stderr=subprocess.DEVNULL,
                               start_new_session=True)
    watch = runner.IdleWatch(process.pid)
    watch.start()
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    return watch.end(), process.returncode


def test_a_cell_that_waits_is_interrupted_after_the_idle_limit(monkeypatch):
    started = time.monotonic()
    interrupted, exit_code = watched(monkeypatch, WAITS, seconds=10)
    assert interrupted and exit_code == -signal.SIGINT  # an uncaught KeyboardInterrupt
    assert time.monotonic() - started < IDLE_LIMIT + 3


@pytest.mark.parametrize("code", [COMPUTES, WAITS_FOR_A_CHILD_THAT_COMPUTES],
                         ids=["itself", "in-a-child"])
def test_a_cell_that_computes_is_not_interrupted(monkeypatch, code):
    interrupted, exit_code = watched(monkeypatch, code, seconds=10)
    assert not interrupted and exit_code == 0


def test_the_kernels_work_is_read_from_proc():
    busy = subprocess.Popen([sys.executable, "-c", COMPUTES], start_new_session=True)
    try:
        first = runner.kernel_work(busy.pid)
        time.sleep(1)
        assert runner.kernel_work(busy.pid)[0] > first[0] + 0.3
    finally:
        busy.kill()
        busy.wait()
    assert runner.kernel_work(busy.pid) is None
