"""Warm sandboxes, as the grader sees them: a job slot's zygote, and each notebook's sandbox.

The zygote (course.grade.zygote) runs in a bubblewrap sandbox of its own, started by
course.grade.sandbox; it forks a sandbox for each notebook, whose runner speaks through the
pipes that `Zygote.start` passes to it, and which is killed through its control socket.
"""

import json
import os
import select
import socket
import subprocess
import tempfile
from dataclasses import dataclass

END_LIMIT = 30  # seconds for a warm sandbox's processes to be gone once killed


class ZygoteFailed(Exception):
    """A zygote could not start, or could not make a sandbox: why."""


class Zygote:
    """A job slot's zygote (course.grade.zygote) in a bubblewrap sandbox of its own: it forks a
    warm sandbox for each notebook."""

    def __init__(self, command):
        self.socket, inside = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self.errors = tempfile.TemporaryFile()
        self.process = subprocess.Popen(command, stdin=inside, stdout=subprocess.PIPE,
                                        stderr=self.errors, start_new_session=True)
        inside.close()

    @classmethod
    def started(cls, command, message, start_limit):
        """A zygote that has imported everything and made one sandbox (for `message`, with no
        runner in it); else ZygoteFailed."""
        zygote = cls(command)
        ready, _, _ = select.select([zygote.process.stdout], [], [], start_limit)
        if ready and zygote.process.stdout.readline() == b"ready\n":
            process = zygote.start({**message, "probe": True})
            said, _, _ = select.select([process.stdout], [], [], start_limit)
            done = said and process.stdout.readline() == b'{"event": "done"}\n'
            process.kill()
            process.wait()
            failure = process.stderr.read().decode(errors="replace")
            for stream in (process.stdin, process.stdout, process.stderr):
                stream.close()
            if done:
                return zygote
        else:
            zygote.errors.seek(0)
            failure = zygote.errors.read().decode(errors="replace")
        zygote.close()
        raise ZygoteFailed((failure.strip().splitlines() or ["it did not start"])[-1])

    def start(self, message):
        """A new sandbox, with the runner in it (a `Warm` process)."""
        stdin_read, stdin_write = os.pipe()
        stdout_read, stdout_write = os.pipe()
        stderr_read, stderr_write = os.pipe()
        control, control_inside = socket.socketpair()
        try:
            socket.send_fds(self.socket, [json.dumps(message).encode()],
                            [stdin_read, stdout_write, stderr_write, control_inside.fileno()])
        finally:
            for fd in (stdin_read, stdout_write, stderr_write):
                os.close(fd)
            control_inside.close()
        return Warm(os.fdopen(stdin_write, "wb"), os.fdopen(stdout_read, "rb"),
                    os.fdopen(stderr_read, "rb"), control)

    def close(self):
        """Kill the zygote's sandbox, and wait until the zygote is gone (its socket closes)."""
        self.process.kill()
        self.process.wait()
        select.select([self.socket], [], [], END_LIMIT)
        self.socket.close()
        self.process.stdout.close()
        self.errors.close()


@dataclass
class Warm:
    """A notebook's warm sandbox, as the grader sees it: the runner's pipes and a control socket."""

    stdin: object
    stdout: object
    stderr: object
    control: socket.socket

    def kill(self):
        """Have the zygote kill everything in the sandbox."""
        try:
            self.control.shutdown(socket.SHUT_WR)
        except OSError:
            pass

    def wait(self):
        """Until everything in the sandbox is gone (the zygote then closes the control socket)."""
        self.control.settimeout(END_LIMIT)
        try:
            while self.control.recv(1):
                pass
        except OSError:
            pass
        self.control.close()
