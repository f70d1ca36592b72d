"""Calling a learner's function safely: a time limit, and errors located in the learner's code.

The function runs in the calling thread (so it sees the notebook's globals); what it prints is
captured for the report, and what it changes in the libraries is undone (see `guard`). A call has
two limits, each a timer whose signal handler raises `TimeLimitExceeded` inside the running code:
`CPU_LIMIT` seconds of processor time (SIGPROF; the whole process's, so a thread the notebook
left busy counts too), which stops a loop that computes however busy the machine is, since a call
waiting for a processor uses none; and `WALL_LIMIT` seconds on the
clock (SIGALRM), a much later backstop for a call that waits without computing (`time.sleep`,
`input()`). They need `signal.setitimer` and the main thread (Linux, macOS, Colab, Jupyter
kernels); elsewhere (Windows) the function runs without a limit, and the kernel's interrupt
button stops it.
"""

import dataclasses
import linecache
import signal
import sysconfig
import threading
from dataclasses import dataclass
from pathlib import Path

from . import guard

CPU_LIMIT = 3.0  # processor seconds per call; a reference answer needs at most about 0.4
WALL_LIMIT = 15.0  # seconds per call on the clock, for a call that waits rather than computes
RETRY_INTERVAL = 0.1  # re-raise this often, in case the learner's code swallows the exception

_LIBRARY_DIRS = tuple({str(Path(sysconfig.get_paths()[key]).resolve())
                       for key in ("stdlib", "platstdlib", "purelib", "platlib")}
                      | {str(Path(__file__).resolve().parents[1])})  # and the course package


class TimeLimitExceeded(BaseException):
    """Raised inside the learner's code when its time is up (BaseException: `except Exception`
    in the learner's code does not swallow it)."""


WAITED = "waited"  # Outcome.timed_out when the clock stopped the call, not its processor time
COMPUTED = "computed"


@dataclass(frozen=True)
class Limits:
    """How long one call may compute (processor seconds) and last (seconds on the clock)."""

    cpu: float
    wall: float


def call_limits():
    """The limits of one call of the learner's function: `CPU_LIMIT` and `WALL_LIMIT`."""
    return Limits(CPU_LIMIT, WALL_LIMIT)


@dataclass(frozen=True)
class Location:
    """A line of the learner's code: where it lives (e.g. 'Cell In[4]'), its number, its text."""

    place: str
    line_number: int
    text: str

    def __str__(self):
        return f"{self.place}, line {self.line_number}: {self.text}"


@dataclass(frozen=True)
class Outcome:
    """What one call gave: a return value, an exception, an exit or a time-out (`COMPUTED` or
    `WAITED`, with where it stopped), and a summary of what it printed."""

    value: object = None
    error: BaseException | None = None
    timed_out: str = ""
    location: Location | None = None
    printed: str = ""
    exit: str = ""  # "sys.exit(1)" or "os._exit(0)" when the call tried to end the program


def call(function, args, kwargs, limits=None, keep=()):
    """Call `function(*args, **kwargs)` within `limits` (default: `call_limits()`), with its output
    captured, os._exit trapped and the library state restored afterwards (see `guard`; `keep`:
    torch modules whose modes to restore). Never raise, except KeyboardInterrupt (a learner
    pressing stop); return an Outcome."""
    with guard.library_restored(keep), guard.captured_output() as output, guard.exit_trapped():
        outcome = _timed_call(function, args, kwargs, limits or call_limits())
    return dataclasses.replace(outcome, printed=output.summary())


def _timed_call(function, args, kwargs, limits):
    timers = _Timers(limits)
    try:
        try:
            timers.start()
            value = function(*args, **kwargs)
        finally:
            # Disarm first (a plain attribute store runs no signal handler): a timer handled
            # before this line is a time-out, one handled after it does nothing.
            timers.armed = False
    except TimeLimitExceeded as error:
        return Outcome(timed_out=timers.fired or COMPUTED, location=learner_location(error.__traceback__))
    except SystemExit as error:
        kind = "os._exit" if isinstance(error, guard.ProcessExit) else "sys.exit"
        code = "" if error.code is None else repr(error.code)
        return Outcome(exit=f"{kind}({code})", location=learner_location(error.__traceback__))
    except KeyboardInterrupt:
        raise
    except BaseException as error:  # noqa: BLE001 - any error of the learner's code is reported
        return Outcome(error=error, location=learner_location(error.__traceback__))
    finally:
        timers.stop()
    return Outcome(value=value)


class _Timers:
    """A processor-time timer (SIGPROF) and a clock timer (SIGALRM) that raise TimeLimitExceeded
    in this thread while `armed` (if supported); `fired` says which ran out first."""

    def __init__(self, limits):
        self.armed = False
        self.fired = ""
        self.previous = {}
        self.supported = (hasattr(signal, "setitimer")
                          and threading.current_thread() is threading.main_thread())
        self.timers = {COMPUTED: (signal.ITIMER_PROF, signal.SIGPROF, limits.cpu),
                       WAITED: (signal.ITIMER_REAL, signal.SIGALRM, limits.wall)
                       } if self.supported else {}

    def _on_signal(self, signum, frame):
        if self.armed:
            self.fired = self.fired or (COMPUTED if signum == signal.SIGPROF else WAITED)
            raise TimeLimitExceeded

    def start(self):
        for _, signum, _ in self.timers.values():
            self.previous[signum] = signal.signal(signum, self._on_signal)
        self.armed = True
        for which, _, seconds in self.timers.values():
            signal.setitimer(which, seconds, RETRY_INTERVAL)

    def stop(self):
        self.armed = False
        for which, signum, _ in self.timers.values():
            signal.setitimer(which, 0)
        for signum, previous in self.previous.items():
            signal.signal(signum, signal.SIG_DFL if previous is None else previous)


def is_learner_file(filename):
    """True for code the learner wrote: notebook cells and their own files, not libraries."""
    if filename.startswith("<frozen"):
        return False
    if filename.startswith("<"):  # e.g. <ipython-input-3-...> in older IPython
        return True
    return not str(Path(filename).resolve()).startswith(_LIBRARY_DIRS)


def learner_location(traceback):
    """The innermost line of the learner's own code in a traceback, or None."""
    found = None
    while traceback is not None:
        code = traceback.tb_frame.f_code
        if is_learner_file(code.co_filename):
            found = (code.co_filename, traceback.tb_lineno)
        traceback = traceback.tb_next
    if found is None:
        return None
    filename, line_number = found
    return Location(place_name(filename), line_number,
                    linecache.getline(filename, line_number).strip())


def place_name(filename):
    """'Cell In[4]' for a notebook cell (as IPython names it in tracebacks), else the file name."""
    try:
        cell = get_ipython().compile.format_code_name(filename)  # noqa: F821 (IPython only)
    except (NameError, AttributeError):
        cell = None
    return " ".join(cell) if cell else Path(filename).name
