"""The learner's kernel, forked from the runner rather than started as a new program.

In a warm sandbox (course.grade.zygote) the runner has PyTorch and Transformers imported
already; a kernel forked from it has them too, and starts in a fraction of a second. The runner
forks `ForkedKernel` first thing, before it starts any thread; `ForkedKernelManager` hands it
to nbclient as the kernel's process.
"""

import ctypes
import json
import os
import signal
import sys

from jupyter_client.manager import AsyncKernelManager

PR_SET_DUMPABLE = 4


class ForkedKernel:
    """The kernel's process, forked from the runner as it starts (before any thread), so that it
    has the modules the runner has imported (all the kernel's, in a warm sandbox:
    course.grade.zygote). It waits until `launch` says how to start; it then leads a session of
    its own, and its stdin and stdout are /dev/null. Seen as a `subprocess.Popen` by Jupyter."""

    stdin = stdout = stderr = None

    def __init__(self):
        read, self._launch = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:
            _kernel_process(read)
        os.close(read)
        self.returncode = None

    def launch(self, command, env, cwd):
        with os.fdopen(self._launch, "w") as pipe:
            json.dump({"argv": command[command.index("ipykernel_launcher") + 1:], "env": env,
                       "cwd": str(cwd)}, pipe)

    def poll(self):
        if self.returncode is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self):
        if self.returncode is None:
            self.returncode = os.waitstatus_to_exitcode(os.waitpid(self.pid, 0)[1])
        return self.returncode

    def send_signal(self, signum):
        if self.returncode is None:
            os.kill(self.pid, signum)

    def kill(self):
        """Kill the kernel and its process group (at the end: a polite shutdown waits seconds)."""
        try:
            os.killpg(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    def terminate(self):
        self.send_signal(signal.SIGTERM)


def _kernel_process(launch):
    """The forked kernel: wait for `ForkedKernel.launch`, then run ipykernel as
    `python -m ipykernel_launcher` would."""
    try:
        devnull = os.open(os.devnull, os.O_RDWR)
        os.dup2(devnull, 0)  # not the runner's stdin: the instructor's cases come that way
        os.dup2(devnull, 1)
        os.closerange(3, launch)
        os.closerange(launch + 1, os.sysconf("SC_OPEN_MAX"))
        os.setsid()
        with os.fdopen(launch) as pipe:
            start = json.loads(pipe.read() or "null")
        if start:
            ctypes.CDLL(None).prctl(PR_SET_DUMPABLE, 1, 0, 0, 0)  # the runner's watch reads /proc
            os.environ.clear()
            os.environ.update(start["env"])
            os.chdir(start["cwd"])
            sys.argv = [sys.executable, *start["argv"]]
            from ipykernel.kernelapp import IPKernelApp

            IPKernelApp.launch_instance(argv=start["argv"])
    finally:
        os._exit(0)


class ForkedKernelManager(AsyncKernelManager):
    """Starts its kernel by launching a `ForkedKernel`, over IPC sockets (a sandbox's network
    namespace may have no loopback)."""

    def __init__(self, kernel, **options):
        super().__init__(transport="ipc", **options)
        self.kernel = kernel

    async def _async_launch_kernel(self, kernel_cmd, **options):
        self.kernel.launch(kernel_cmd, options.get("env", dict(os.environ)),
                           options.get("cwd", os.getcwd()))
        self.provisioner.process = self.kernel
        self.provisioner.pid = self.provisioner.pgid = self.kernel.pid
        self._reconcile_connection_info(self.provisioner.connection_info)
