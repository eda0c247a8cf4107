"""The nightly job's batch options (--db, --resume, --case-timeout), and what a batch leaves beside
OUT/summary.json: the CI formats, the dashboard and a night in the history database."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from agent.arguments import UsageError
from agent.nightly.batch_out import case_summary
from agent.nightly.isolation import run_isolated
from agent.out_dir import is_previous_output


@dataclass(frozen=True)
class Nightly:
    db: Path | None = None  # None: the workspaces folder's history.db
    resume: bool = False
    case_timeout_s: float | None = None
    pool: str = "warm"  # "warm": fork servers with the imports done (warm_pool.py); "cold": a fresh interpreter per case
    scheduler: str | None = None  # a Dask distributed scheduler's address: the cases run on its cluster


def add_nightly_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", type=Path, help="record the batch in this history database (default: WORKSPACES/history.db)")
    parser.add_argument(
        "--resume", action="store_true", help="continue an interrupted batch: keep cases with a complete output, rerun the rest"
    )
    parser.add_argument("--case-timeout", type=float, metavar="SECONDS", help="stop a case running longer (it ends failed, kind timeout)")
    parser.add_argument(
        "--pool",
        choices=["warm", "cold"],
        default="warm",
        help="warm: workers that import everything once and fork a fresh child per case; cold: a new interpreter per case",
    )
    parser.add_argument("--scheduler", metavar="tcp://HOST:8786", help="run the cases on this Dask distributed cluster instead")


def nightly_options(args: argparse.Namespace) -> Nightly:
    if args.case_timeout is not None and args.case_timeout <= 0:
        raise UsageError(f"--case-timeout {args.case_timeout:g}: must be a positive number of seconds")
    return Nightly(db=args.db, resume=args.resume, case_timeout_s=args.case_timeout, pool=args.pool, scheduler=args.scheduler)


@contextmanager
def case_runner(nightly: Nightly, workers: int) -> Iterator[Callable[[Callable[[], dict[str, Any]], float | None], Any]]:
    """How each case's work runs in a process of its own: on a Dask cluster, in a warm pool's forked
    child, or in a fresh interpreter."""
    if nightly.scheduler:
        from agent.nightly.cluster import cluster_runner

        with cluster_runner(nightly.scheduler) as run:
            yield run
        return
    if nightly.pool == "cold" or workers < 1:
        yield run_isolated
        return
    from agent.nightly.warm_pool import WarmPool

    with WarmPool(workers) as pool:
        yield pool.run_isolated


def completed(out: Path, case: str) -> dict[str, Any] | None:
    """The case's summary when its output is whole: summary.json parses and report.md, written
    after it, is there. A half-written case gives None and runs again."""
    data = case_summary(out, case)
    return data if {"status", "attempts"} <= data.keys() and (out / case / "report.md").is_file() else None


def resumable(out: Path) -> bool:
    """An OUT an interrupted batch left: it holds a case output (OUT/summary.json comes only at the end)."""
    return out.is_dir() and any(is_previous_output(sub) for sub in out.iterdir() if sub.is_dir())


def publish(out: Path, data: dict[str, Any], nightly: Nightly) -> None:
    """Everything a batch writes after OUT/summary.json."""
    from agent.nightly.ci_formats import write_ci_formats
    from agent.nightly.dashboard import write_dashboard
    from agent.nightly.history import default_db, record_batch

    db = nightly.db or default_db()
    record_batch(db, data, out)
    write_ci_formats(out, data)
    write_dashboard(out, data, db)
