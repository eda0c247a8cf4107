"""`remediate batch --scheduler tcp://HOST:8786`: the cases on an existing Dask distributed
cluster. Each case is one task; the task runs the case in a process of its own on the worker
(agent/nightly/isolation.py, the cold path), so a case can no more take a worker down than it can
take a local batch down, and gives the same entry it gives locally. The workers need this package
installed and the case folders and OUT at the same paths (a shared file system)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from agent.arguments import UsageError
from agent.nightly.isolation import Stopped, run_isolated

CONNECT_TIMEOUT_S = 30


@contextmanager
def cluster_runner(address: str) -> Iterator[Callable[[Callable[[], dict[str, Any]], float | None], dict[str, Any] | Stopped]]:
    try:
        from distributed import Client
    except ImportError as exc:
        raise UsageError("--scheduler needs Dask distributed: pip install 'remediate[cluster]'") from exc
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT_S)
    except OSError as exc:
        raise UsageError(f"--scheduler {address}: no Dask scheduler answered ({exc})") from exc

    def run(work: Callable[[], dict[str, Any]], timeout_s: float | None = None) -> dict[str, Any] | Stopped:
        return client.submit(run_isolated, work, timeout_s, pure=False).result()

    try:
        yield run
    finally:
        client.close()
