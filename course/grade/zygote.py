"""A warm start for sandboxes: one process per job slot that has imported what notebooks need, and
forks a fresh sandbox from itself for each notebook.

    python -m course.grade.zygote     # started by course.grade.sandbox, in bubblewrap, as root

Starting Python, PyTorch and Transformers costs a notebook about 6 processor-seconds, more than
most of its cells. Where the grader runs as root, each job slot therefore starts this program
once, in a bubblewrap sandbox of its own (course.grade.sandbox). It imports `PRELOAD`, then, for
each notebook, forks a process that enters new mount, process, network, IPC and host-name
namespaces; the first process of the new process namespace mounts its own /proc and a fresh
scratch /tmp and /dev/shm, and forks the runner, which becomes the slot's unprivileged user, with
no capabilities and no way to gain any, before it reads the notebook (course.grade.runner). The
notebook so gets what a sandbox of its own gives, without paying for the imports again.

The grader speaks on a Unix socket (this program's stdin): each message is a JSON object (the
notebook's user, the scratch sizes, the read-only folders under /tmp to keep) with four file
descriptors: the runner's stdin, stdout and stderr, and a control socket. When the grader shuts
its end of the control socket, everything of that notebook is killed; the control socket closes
once all of it is gone.
"""

import ctypes
import importlib
import json
import os
import signal
import socket
import sys
from pathlib import Path

PRELOAD = ("torch", "transformers", "transformers.models.distilbert.modeling_distilbert",
           "transformers.models.bert.modeling_bert", "tokenizers", "ipykernel.kernelapp",
           "ipykernel.ipkernel", "course.grading", "course.quiz", "course.grade.runner")
TRANSFORMERS_NAMES = ("AutoTokenizer", "AutoModel", "AutoModelForSequenceClassification",
                      "AutoConfig", "BertConfig", "BertModel", "BertTokenizer",
                      "DistilBertTokenizer")  # the notebooks' imports
CLONE_NEWNS, CLONE_NEWCGROUP, CLONE_NEWUTS = 0x00020000, 0x02000000, 0x04000000
CLONE_NEWIPC, CLONE_NEWPID, CLONE_NEWNET = 0x08000000, 0x20000000, 0x40000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8
MS_REMOUNT, MS_BIND, MS_MOVE, MS_REC, MS_PRIVATE = 32, 4096, 8192, 16384, 1 << 18
PR_SET_PDEATHSIG, PR_SET_NO_NEW_PRIVS = 1, 38
STAGING = "/scratch"  # an empty folder of the slot's sandbox, where /tmp is put together

_libc = ctypes.CDLL(None, use_errno=True)


def _call(name, *arguments):
    if getattr(_libc, name)(*arguments) != 0:
        error = ctypes.get_errno()
        raise OSError(error, f"{name}{arguments!r}: {os.strerror(error)}")


def _mount(source, target, kind, flags, data=None):
    _call("mount", source and source.encode(), target.encode(), kind and kind.encode(), flags,
          data and data.encode())


def preload():
    for name in PRELOAD:
        importlib.import_module(name)
    transformers = importlib.import_module("transformers")
    for name in TRANSFORMERS_NAMES:
        getattr(transformers, name)


def main():
    preload()
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # each notebook's first process is reaped at once
    grader = socket.socket(fileno=0)
    os.write(1, b"ready\n")
    while True:
        message, fds, _, _ = socket.recv_fds(grader, 1 << 16, 4)
        if not message:
            return
        if os.fork() == 0:
            grader.close()
            _notebook(json.loads(message), *fds)
        for fd in fds:
            os.close(fd)


def _notebook(message, stdin, stdout, stderr, control):
    """In new namespaces, fork the notebook's first process; kill it (and with it the whole
    process namespace) when the grader shuts the control socket."""
    try:
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        flags = CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWIPC | CLONE_NEWUTS | CLONE_NEWCGROUP
        _call("unshare", flags | (0 if message["hub"] else CLONE_NEWNET))
        _mount(None, "/", None, MS_REC | MS_PRIVATE)
        first = os.fork()
        if first == 0:
            os.close(control)
            _first_process(message, stdin, stdout, stderr)
        for fd in (stdin, stdout, stderr):
            os.close(fd)
        os.read(control, 1)  # until the grader shuts its end, or is gone
        os.kill(first, signal.SIGKILL)
        os.waitpid(first, 0)  # the namespace's other processes are gone before its first
    except BaseException as error:  # noqa: BLE001 - said on the notebook's stderr
        os.write(stderr, f"the sandbox could not be made: {error}\n".encode())
    finally:
        os._exit(0)


def _first_process(message, stdin, stdout, stderr):
    """Process 1 of the notebook's namespace: make its file system, fork the runner, reap
    orphans; when the runner ends, so does the namespace."""
    try:
        _call("prctl", PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        _mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
        _scratch(message)
        socket.sethostname("sandbox")
        runner = os.fork()
        if runner == 0:
            _runner(message, stdin, stdout, stderr)
        for fd in (stdin, stdout, stderr):
            os.close(fd)
        while True:
            pid, status = os.wait()
            if pid == runner:
                os._exit(0)
    except BaseException as error:  # noqa: BLE001
        os.write(stderr, f"the sandbox could not be made: {error}\n".encode())
    finally:
        os._exit(1)


def _scratch(message):
    """A fresh /tmp (holding again the read-only folders that were under it) and /dev/shm."""
    _mount("tmpfs", STAGING, "tmpfs", MS_NOSUID | MS_NODEV, f"size={message['scratch']},mode=1777")
    for folder in message["keep"]:
        inside = STAGING + folder[len("/tmp"):]
        Path(inside).mkdir(parents=True, exist_ok=True)
        _mount(folder, inside, None, MS_BIND | MS_REC)
        _mount(None, inside, None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV)
    for name in ("home", "work"):
        Path(STAGING, name).mkdir(mode=0o777)
        os.chmod(Path(STAGING, name), 0o777)
    _mount(STAGING, "/tmp", None, MS_MOVE)
    _mount("tmpfs", "/dev/shm", "tmpfs", MS_NOSUID | MS_NODEV,
           f"size={message['scratch'] // 4},mode=1777")


def _runner(message, stdin, stdout, stderr):
    """The runner, as the notebook's unprivileged user, with nothing open but its pipes."""
    try:
        for fd, standard in ((stdin, 0), (stdout, 1), (stderr, 2)):
            os.dup2(fd, standard)
        os.closerange(3, os.sysconf("SC_OPEN_MAX"))
        user = message["user"]
        os.setgroups([])
        os.setresgid(user, user, user)
        os.setresuid(user, user, user)  # and so loses every capability
        _call("prctl", PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)
        os.chdir("/tmp/work")
        if message.get("probe"):
            os.write(1, b'{"event": "done"}\n')
        else:
            from course.grade import runner

            runner.main()
    except BaseException as error:  # noqa: BLE001
        print(f"the runner failed: {error}", file=sys.stderr)
    finally:
        os._exit(0)


if __name__ == "__main__":
    main()
