"""A warm pool for `remediate batch`: each worker imports the driver (libcst, the fixers), pulumi,
the pulumi_aws modules programs use most and moto once, then forks a fresh child per case (a fork
server), so a case starts from a clean copy of a loaded interpreter instead of importing it all.

A child is the same as a case process of agent/nightly/isolation.py in every way that matters: it
runs the whole case (the local engine's own runner and its contained program children included)
and is stopped the same way past --case-timeout (SIGTERM so its cleanup runs, then SIGKILL). Only
its start is cheaper. A worker that dies is replaced; its case reports how it ended.
"""

from __future__ import annotations

import os
import pickle
import queue
import signal
import time
from collections.abc import Callable
from dataclasses import astuple
from multiprocessing import get_context
from typing import Any

from agent.nightly.isolation import STOP_GRACE_S, CaseStopped, Stopped, died, read_all, timed_out

SERVICES_SOURCE = "config/rules/moto_resources.json"  # the resource types the local engine creates in moto


def common_services() -> list[str]:
    """The pulumi_aws service modules of the types the local engine emulates in moto (aws:<svc>/...)."""
    from agent.core.config import load_data

    services = {token.split(":")[1].split("/")[0] for token in load_data("rules/moto_resources.json")["types"]}
    return sorted({"lambda_" if name == "lambda" else name for name in services})


def preload() -> None:
    """What every case would import: the driver and fixers, pulumi, the common pulumi_aws modules, moto."""
    import moto  # noqa: F401
    import pulumi  # noqa: F401

    import agent.run  # noqa: F401
    from agent.core import run_defaults, sdk_index
    from agent.engines.local.moto_cloud import warm as warm_cloud
    from agent.engines.local.runner import import_services
    from agent.engines.local.runner_process import allow_forked_runner
    from fixers import registry

    registry()
    warm_cloud(run_defaults.REGION)  # moto's backends and botocore's models, loaded before any fork
    allow_forked_runner()  # each case's local engine forks its runner from this loaded state
    import_services(common_services())
    sdk_index.named("")  # the index of every provider name, which fixers read to resolve a missing one


def _stop(signum: int, frame) -> None:
    raise CaseStopped(signal.Signals(signum).name)


def _run_child(work: Callable[[], dict[str, Any]], write_fd: int) -> None:
    """In the forked child: run the case and write its pickled result; never returns."""
    try:
        signal.signal(signal.SIGTERM, _stop)
        data = pickle.dumps(work())
        with os.fdopen(write_fd, "wb") as pipe:
            pipe.write(data)
    except BaseException:  # noqa: BLE001 - stopped or crashed: the parent reports a case without a result
        pass
    finally:
        os._exit(0)


def _end_child(pid: int) -> int:
    """Stop a case child (SIGTERM, SIGKILL after the grace period) and reap it; its wait status."""
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    deadline = time.monotonic() + STOP_GRACE_S
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status
        time.sleep(0.05)
    os.kill(pid, signal.SIGKILL)
    return os.waitpid(pid, 0)[1]


def _serve(conn, warm: Callable[[], None]) -> None:
    """A worker: warm up, then one forked child per job received; answers (result or Stopped fields)."""
    warm()
    conn.send(("ready", os.getpid()))
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        if job is None:
            return
        work, timeout_s = job
        started = time.monotonic()
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read_fd)
            conn.close()
            _run_child(work, write_fd)
        os.close(write_fd)
        data, closed = read_all(read_fd, None if timeout_s is None else started + timeout_s)
        os.close(read_fd)
        status = _end_child(pid) if not closed else os.waitpid(pid, 0)[1]
        duration = time.monotonic() - started
        if not closed:
            conn.send(("stopped", *astuple(timed_out(timeout_s, duration))))
        elif data:
            conn.send(("result", pickle.loads(data)))
        else:
            conn.send(("stopped", *astuple(died(os.waitstatus_to_exitcode(status), duration))))


class WarmPool:
    """`workers` fork servers; run_isolated(work, timeout_s) takes an idle one (thread-safe).
    `warm` is what each worker loads before its first fork (module-level, so a worker can be sent it)."""

    def __init__(self, workers: int, warm: Callable[[], None] = preload):
        self._warm = warm
        self._context = get_context("spawn")
        self._idle: queue.Queue = queue.Queue()
        self._all: list = []
        for _ in range(workers):
            self._idle.put(self._start())

    def _start(self):
        parent, child = self._context.Pipe()
        process = self._context.Process(target=_serve, args=(child, self._warm), name="remediate-warm-worker")
        process.start()
        child.close()
        self._all.append((process, parent))
        return process, parent

    def run_isolated(self, work: Callable[[], dict[str, Any]], timeout_s: float | None = None) -> dict[str, Any] | Stopped:
        started = time.monotonic()
        process, conn = self._idle.get()
        try:
            conn.send((work, timeout_s))
            answer = conn.recv()
            while answer[0] == "ready":  # sent once, when its imports are done
                answer = conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            process.join(1)
            self._all.remove((process, conn))
            self._idle.put(self._start())
            return Stopped(f"the warm worker died (exit code {process.exitcode})", False, time.monotonic() - started)
        self._idle.put((process, conn))
        return answer[1] if answer[0] == "result" else Stopped(*answer[1:])

    def close(self) -> None:
        for _, conn in self._all:
            try:
                conn.send(None)
            except (OSError, BrokenPipeError):
                pass
        for process, conn in self._all:
            process.join(STOP_GRACE_S)
            if process.is_alive():
                process.kill()
                process.join()
            conn.close()
        self._all.clear()

    def __enter__(self) -> WarmPool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
