"""Work for the case-isolation tests, importable in a spawned child (kept free of heavy imports)."""

import os
import time
from pathlib import Path


def answer(value):
    return {"value": value}


def hang(marker: str):
    Path(marker).write_text("started")
    try:
        time.sleep(60)
    finally:  # SIGTERM raises in the case, so cleanup like this runs before the process ends
        Path(marker).write_text("cleaned up")


def die():
    os._exit(3)


STATE = {"runs": 0}


def count_runs():
    """Each run in a fresh child sees the state the worker had before any run."""
    STATE["runs"] += 1
    return {"runs": STATE["runs"], "pid": os.getpid()}


def nothing():
    """A warm pool's warm-up for tests: the fork server without the imports."""
