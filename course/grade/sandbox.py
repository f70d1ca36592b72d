"""One sandbox per notebook: the runner and the learner's kernel, cut off from what matters.

With bubblewrap (`bwrap`), a sandbox has its own process, network, IPC and host-name namespaces,
so it sees none of the grader's processes and has no network (except with --hub); its file
system holds only Python, the course package and the offline mirror, read-only, and a private
scratch folder of `SCRATCH` bytes. Where the grader runs as root, the sandbox runs as an
unprivileged user of its own. Limits on memory, processes, CPU time and file size hold for
every process in it; when the notebook is done, the sandbox is killed, and everything in it.
Without bubblewrap (or where namespaces are not allowed) the runner gets the weaker sandbox of
`WEAKER`, and the grader says so.

As root, each job slot starts a zygote once (course.grade.zygote, in a bubblewrap sandbox of its
own), which forks each notebook's sandbox, with the same namespaces, file system and limits,
from a process that has already imported PyTorch and Transformers; where it cannot, notebooks
start afresh in bubblewrap (`cold_reason` says why).

The grader talks to the runner through the pipes it created (`Sandbox.run`): it reads
events, never waits more than `SILENCE` seconds for one, nor longer in all than the notebook's
time allows.
"""

import json
import os
import selectors
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import zygote as zygote_module
from .warm_sandbox import Zygote, ZygoteFailed

SCRATCH = 512 * 2**20  # bytes of private scratch space (a tmpfs)
HUB_SCRATCH = 2 * 2**30  # with --hub, where the checkpoints are downloaded to
LIMITS = {"RLIMIT_AS": 6 * 2**30, "RLIMIT_FSIZE": 256 * 2**20, "RLIMIT_CORE": 0,
          "RLIMIT_NOFILE": 1024}
MAX_PROCESSES = 512  # processes and threads of one sandbox (with its own user)
SILENCE = 30  # seconds without an event after which a sandbox is stopped
START_LIMIT = 120  # seconds to start Python and the kernel
MAX_LINE = 16 * 2**20  # bytes of one event
MAX_EVENTS = 64 * 2**20  # bytes of all the events of one notebook
UID_BASE = 2_000_000  # unprivileged users: UID_BASE + 100 * (grader's pid % 10000) + slot
WEAKER = {  # the weaker sandbox, with and without an unprivileged user of its own
    True: ("a separate process group with resource limits, as an unprivileged user of its own, "
           "but with the network, the grader's processes in view, and every file that user may "
           "read or write"),
    False: ("a separate process group with resource limits, but as the grader's own user, with "
            "the network, the grader's processes in view, and every file the grader may read or "
            "write")}
FEW_ETC = ("ld.so.cache", "localtime", "nsswitch.conf", "passwd", "group", "hosts")
HUB_ETC = ("resolv.conf", "ssl", "ca-certificates")  # to reach the Hub


@dataclass
class Finished:
    """What a sandbox gave: its events, how it ended, and the end of what it wrote on stderr."""

    events: list = field(default_factory=list)
    ending: str = "done"  # done, ended (without saying done), silent, overran or flooded
    stderr: str = ""
    heard: bool = False  # whether the runner ever said anything (else it did not start)


class Sandbox:
    """How every notebook of one batch runs: the mode, the file system, the environment."""

    def __init__(self, hub, mirror_dir=None):
        self.hub, self.mirror_dir = hub, mirror_dir
        self.root = os.geteuid() == 0
        self.environment = self._environment()
        self.bwrap = shutil.which("bwrap")
        self.weaker_reason = self._probe()
        self.zygotes = {}  # job slot: its Zygote, or None where it could not start
        self.cold_reason = None if self.root else "the grader does not run as root"

    def __enter__(self):
        return self

    def __exit__(self, *exception):
        for zygote in self.zygotes.values():
            if zygote:
                zygote.close()

    def _environment(self):
        import course

        environment = {"PATH": f"{Path(sys.prefix) / 'bin'}:/usr/bin:/bin", "HOME": "/tmp/home",
                       "PYTHONPATH": str(Path(course.__file__).resolve().parents[1]),  # this course
                       "LANG": "C.UTF-8", "PYTHONHASHSEED": "0", "OMP_NUM_THREADS": "1",
                       "PYTHONDONTWRITEBYTECODE": "1", "HF_HUB_DISABLE_TELEMETRY": "1",
                       "MPLCONFIGDIR": "/tmp/home/.matplotlib"}
        if self.mirror_dir:
            from course import mirror

            environment.update(mirror.environment(self.mirror_dir))
        else:
            environment["HF_HOME"] = "/tmp/home/huggingface"
        return environment

    def _user(self, slot):
        """The command prefix that makes the runner an unprivileged user of its own (as root)."""
        setpriv = shutil.which("setpriv")
        if not (self.root and setpriv):
            return []
        uid = user_id(slot)
        return [setpriv, f"--reuid={uid}", f"--regid={uid}", "--clear-groups",
                "--bounding-set=-all", "--inh-caps=-all", "--no-new-privs", "--"]

    def _bwrap_command(self, slot, command, zygote=False):
        arguments = [self.bwrap, "--unshare-pid", "--unshare-ipc", "--unshare-uts",
                     "--unshare-cgroup-try", "--die-with-parent", "--new-session",
                     "--hostname", "sandbox", "--proc", "/proc", "--dev", "/dev"]
        if not self.hub:
            arguments.append("--unshare-net")
        if not self.root:
            arguments += ["--unshare-user", "--disable-userns"]
        for name in ("bin", "lib", "lib32", "lib64", "sbin"):
            path = Path("/") / name
            if path.is_symlink():
                arguments += ["--symlink", os.readlink(path), str(path)]
            elif path.is_dir():
                arguments += ["--ro-bind", str(path), str(path)]
        arguments += ["--ro-bind", "/usr", "/usr"]
        etc = FEW_ETC + (HUB_ETC if self.hub else ())
        arguments += [option for name in etc if Path("/etc", name).exists()
                      for option in ("--ro-bind", f"/etc/{name}", f"/etc/{name}")]
        scratch = HUB_SCRATCH if self.hub else SCRATCH
        arguments += ["--perms", "1777", "--size", str(scratch), "--tmpfs", "/tmp",
                      "--perms", "1777", "--size", str(scratch // 4), "--tmpfs", "/dev/shm"]
        for path in _read_only_paths(self.mirror_dir):  # after /tmp: they may be in it
            arguments += [option for parent in reversed(path.parents) if parent != Path("/")
                          for option in ("--perms", "0755", "--dir", str(parent))]
            arguments += ["--ro-bind", str(path), str(path)]
        arguments += ["--perms", "0777", "--dir", "/tmp/home", "--perms", "0777", "--dir",
                      "/tmp/work", "--chdir", "/tmp/work", "--clearenv"]
        if zygote:  # as root: it makes each notebook's sandbox, whose runner drops to the user
            arguments += ["--perms", "0755", "--dir", zygote_module.STAGING]
        for name, value in self.environment.items():
            arguments += ["--setenv", name, value]
        return [*arguments, "--", *([] if zygote else self._user(slot)), *command]

    def _probe(self):
        """None when bubblewrap works here, else why the weaker sandbox is used."""
        if not self.bwrap:
            return "bubblewrap (bwrap) is not installed"
        try:
            probe = subprocess.run(self._bwrap_command(0, [sys.executable, "-c", "pass"]),
                                   capture_output=True, text=True, timeout=60, check=False)
        except (OSError, subprocess.TimeoutExpired) as error:
            return f"bubblewrap did not start ({error})"
        if probe.returncode != 0:
            reason = (probe.stderr.strip().splitlines() or ["no message"])[-1]
            return f"bubblewrap cannot make a sandbox here ({reason})"
        return None

    def weaker(self):
        """What the weaker sandbox is here."""
        return WEAKER[bool(self._user(0))]

    def limits(self):
        limits = dict(LIMITS)
        if self.root or not self.weaker_reason:  # counted per user: only with a user of its own
            limits["RLIMIT_NPROC"] = MAX_PROCESSES
        return limits

    def run(self, slot, request, extra, time_allowed):
        """Run the runner on `request` in a fresh sandbox; give it `extra` (the instructor's
        cases) once its cells have run; return what it sent (`Finished`)."""
        command = [sys.executable, "-m", "course.grade.runner"]
        scratch = None
        process = self._warm(slot)
        if process is None and self.weaker_reason:
            scratch = tempfile.mkdtemp(prefix="course-grade-")
            os.chmod(scratch, 0o777)
            environment = {**self.environment, "HOME": scratch, "MPLCONFIGDIR": scratch}
            if not self.mirror_dir:
                environment["HF_HOME"] = scratch
            process = subprocess.Popen([*self._user(slot), *command], cwd=scratch, env=environment,
                                       stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                       stderr=subprocess.PIPE, start_new_session=True)
        elif process is None:
            process = subprocess.Popen(self._bwrap_command(slot, command), stdin=subprocess.PIPE,
                                       stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                       start_new_session=True)
        cells_done = threading.Event()
        request = {**request, "limits": {**self.limits(), "RLIMIT_CPU": int(time_allowed)}}
        threading.Thread(target=_feed, args=(process.stdin, request, cells_done, extra),
                         daemon=True).start()
        try:
            return _read(process, time.monotonic() + START_LIMIT + time_allowed, cells_done)
        finally:
            self._end(process, slot)
            if scratch:
                shutil.rmtree(scratch, ignore_errors=True)

    def _zygote(self, slot):
        """The slot's zygote (started at its first notebook), or None: without bubblewrap, as
        another user than root, or where it cannot make a sandbox."""
        if slot not in self.zygotes:
            self.zygotes[slot] = None
            if self.root and not self.weaker_reason:
                command = self._bwrap_command(slot, [sys.executable, "-m", "course.grade.zygote"],
                                              zygote=True)
                try:
                    self.zygotes[slot] = Zygote.started(command, self._message(slot), START_LIMIT)
                except ZygoteFailed as failure:
                    self.cold_reason = str(failure)
        return self.zygotes[slot]

    def _warm(self, slot):
        """A warm sandbox from the slot's zygote, or None (then notebooks start afresh: also
        after a zygote has died)."""
        zygote = self._zygote(slot)
        if zygote:
            try:
                return zygote.start(self._message(slot))
            except OSError as error:
                zygote.close()
                self.zygotes[slot] = None
                self.cold_reason = f"a zygote stopped ({error})"
        return None

    def _message(self, slot):
        """What a zygote needs to make the sandbox of one of the slot's notebooks."""
        return {"user": user_id(slot), "hub": self.hub, "keep": self._kept(),
                "scratch": HUB_SCRATCH if self.hub else SCRATCH}

    def _kept(self):
        """The read-only folders under /tmp, which a warm sandbox's fresh /tmp holds again."""
        return [str(path) for path in _read_only_paths(self.mirror_dir)
                if path.is_relative_to("/tmp")]

    def _end(self, process, slot):
        """Kill the sandbox and everything in it."""
        if not self.weaker_reason:
            process.kill()  # its process namespace's first process dies with it, and so does all
        else:
            _kill_group(process.pid)
            if self._user(slot):
                _kill_user(user_id(slot))
        process.wait()
        for stream in (process.stdin, process.stdout, process.stderr):
            try:
                stream.close()
            except OSError:
                pass


def _read_only_paths(mirror_dir):
    """Python, the packages, the course package and the mirror: all the sandbox reads."""
    import course

    paths = {Path(sys.base_prefix).resolve(), Path(sys.prefix), Path(sys.prefix).resolve(),
             Path(course.__file__).resolve().parent}
    if mirror_dir:
        paths.add(Path(mirror_dir).resolve())
    paths = {path for path in paths if not path.is_relative_to("/usr")}
    return sorted(path for path in paths
                  if not any(path != other and path.is_relative_to(other) for other in paths))


def user_id(slot, grader=None):
    """The unprivileged user of the sandboxes of `slot` (of the grader with process id `grader`,
    by default this one)."""
    return UID_BASE + 100 * ((grader or os.getpid()) % 10_000) + slot


def _feed(stdin, request, cells_done, extra):
    """Write the request, then, once the cells have run, the instructor's cases."""
    try:
        stdin.write((json.dumps(request) + "\n").encode())
        stdin.flush()
        cells_done.wait()
        stdin.write((json.dumps(extra) + "\n").encode())
        stdin.close()
    except (OSError, ValueError):  # the sandbox is gone
        pass


def _read(process, deadline, cells_done):
    """The runner's events, until it says "done", ends, falls silent, overruns or floods."""
    events, stderr = _Events(cells_done), bytearray()
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        selector.register(process.stderr, selectors.EVENT_READ)
        while events.ending is None:
            now = time.monotonic()
            wait = min(deadline - now, events.heard + SILENCE - now)
            if wait <= 0:
                events.ending = "overran" if now >= deadline else "silent"
                break
            for key, _ in selector.select(wait):
                chunk = os.read(key.fileobj.fileno(), 1 << 16)
                if key.fileobj is process.stdout:
                    events.feed(chunk)
                elif chunk:
                    stderr = (stderr + chunk)[-4000:]
                else:
                    selector.unregister(key.fileobj)
    return Finished(events.events, events.ending, stderr.decode(errors="replace"),
                    events.heard_any)


class _Events:
    """Events parsed from the runner's stdout, chunk by chunk, within `MAX_LINE` and
    `MAX_EVENTS`; `ending` says why reading stopped."""

    def __init__(self, cells_done):
        self.cells_done = cells_done
        self.events, self.buffer, self.total = [], bytearray(), 0
        self.heard, self.heard_any = time.monotonic(), False
        self.ending = None

    def feed(self, chunk):
        if not chunk:
            self.ending = "ended"
            return
        self.total += len(chunk)
        self.buffer += chunk
        *lines, rest = bytes(self.buffer).split(b"\n")
        self.buffer = bytearray(rest)
        if self.total > MAX_EVENTS or len(self.buffer) > MAX_LINE:
            self.ending = "flooded"
            return
        for line in lines:
            event = _event(line)
            if event is None:
                continue
            self.heard, self.heard_any = time.monotonic(), True
            if event["event"] == "cells-done":
                self.cells_done.set()
            if event["event"] == "done":
                self.ending = "done"
                return
            if event["event"] != "alive":
                self.events.append(event)


def _event(line):
    try:
        event = json.loads(line)
    except (ValueError, RecursionError):
        return None
    if isinstance(event, dict) and isinstance(event.get("event"), str):
        return event
    return None


def _kill_group(pid):
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _kill_user(uid, rounds=5):
    """Kill every process of `uid` (a user of the sandbox's own): those that left its group too."""
    for _ in range(rounds):
        found = False
        for status in Path("/proc").glob("[0-9]*/status"):
            try:
                uids = next(line for line in status.read_text().splitlines()
                            if line.startswith("Uid:")).split()[1:]
            except (OSError, StopIteration):
                continue
            if str(uid) in uids:
                found = True
                try:
                    os.kill(int(status.parent.name), signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
        if not found:
            return
        time.sleep(0.1)

