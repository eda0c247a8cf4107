"""How the local engine starts its runner: a new interpreter (`python -m agent.engines.local.runner`),
or, in a process that already imported what the runner needs (a warm pool's case child), a fork
of this process that becomes the runner, which saves the runner's imports on every case.

A forked runner is what a spawned one is to the engine: its own session (the engine kills its
process group), the engine's environment for it, the temporary folder as its working folder, its
stdin and stdout the job and answer pipes, stderr to /dev/null. It also dies with the process that
forked it, as nothing else would end it when that process is killed. Each phase child it forks is
contained exactly as a spawned runner's is (runner.serve, sandbox.contain).
"""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import tempfile
import time

from agent.engines.local.confinement import libc
from agent.engines.local.sandbox import PR_SET_PDEATHSIG, _prctl

_fork_allowed = False


def allow_forked_runner() -> None:
    """Called by a process that imported the runner's modules (pulumi, pulumi_aws, moto) on purpose."""
    global _fork_allowed
    _fork_allowed = True


def start_runner(env: dict[str, str]) -> subprocess.Popen | ForkedRunner:
    if _fork_allowed:
        return ForkedRunner(env)
    return subprocess.Popen(
        [sys.executable, "-m", "agent.engines.local.runner"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
        cwd=tempfile.gettempdir(),
        start_new_session=True,
    )


M_ARENA_MAX = -8  # glibc's mallopt option that MALLOC_ARENA_MAX sets at a process's start


def _as_at_start(env: dict[str, str]) -> None:
    """What a new interpreter would take from `env` at its start and a fork keeps from its parent:
    whether to write bytecode, and glibc's malloc arena cap (each arena reserves address space,
    which the memory limit counts)."""
    sys.dont_write_bytecode = bool(env.get("PYTHONDONTWRITEBYTECODE"))
    if env.get("MALLOC_ARENA_MAX", "").isdigit():
        libc().mallopt(M_ARENA_MAX, int(env["MALLOC_ARENA_MAX"]))


class ForkedRunner:
    """The part of subprocess.Popen the engine uses (pid, stdin, stdout, poll, wait), for a forked runner."""

    def __init__(self, env: dict[str, str]):
        jobs_read, jobs_write = os.pipe()
        answers_read, answers_write = os.pipe()
        parent = os.getpid()
        self.pid = os.fork()
        if self.pid == 0:
            try:
                os.setsid()
                _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
                if os.getppid() != parent:  # the parent died before the line above took effect
                    os._exit(1)
                devnull = os.open(os.devnull, os.O_WRONLY)
                for fd, target in ((jobs_read, 0), (answers_write, 1), (devnull, 2)):
                    os.dup2(fd, target)
                for fd in (jobs_read, jobs_write, answers_read, answers_write, devnull):
                    os.close(fd)
                sys.stdin = io.TextIOWrapper(io.FileIO(0, "r", closefd=False))
                sys.stdout = io.TextIOWrapper(io.FileIO(1, "w", closefd=False), write_through=True)
                os.chdir(tempfile.gettempdir())
                os.environ.clear()
                os.environ.update(env)
                _as_at_start(env)
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
                signal.signal(signal.SIGINT, signal.SIG_DFL)
                from agent.engines.local.runner import serve

                serve()
            finally:
                os._exit(0)
        os.close(jobs_read)
        os.close(answers_write)
        self.stdin = os.fdopen(jobs_write, "w")
        self.stdout = os.fdopen(answers_read, "r")
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            done, status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                self._ended(status)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        if timeout is None and self.returncode is None:
            self._ended(os.waitpid(self.pid, 0)[1])
        deadline = time.monotonic() + (timeout or 0)
        while self.poll() is None:
            if time.monotonic() > deadline:
                raise subprocess.TimeoutExpired("forked runner", timeout)
            time.sleep(0.01)
        return self.returncode

    def _ended(self, status: int) -> None:
        self.returncode = os.waitstatus_to_exitcode(status)
        for pipe in (self.stdin, self.stdout):
            try:
                pipe.close()
            except OSError:
                pass
