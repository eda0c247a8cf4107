"""`remediate batch DIR [DIR ...] --out OUT`: one remediation per case folder, in parallel, one summary.

A case is a folder directly under a DIR that is a candidate-response folder or a Pulumi project.
Each case runs agent.run.remediate into OUT/<case>/ in its own process (agent/nightly/isolation.py:
a case that kills its interpreter or runs past --case-timeout cannot take other cases down),
--workers at a time. OUT/summary.json lists every case and counts statuses, remaining error kinds and fixers, and
names every folder that was not a case, with why, so the count of cases accounts for every folder.
agent/nightly/ then writes the CI formats, the dashboard and a night of history beside it.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import asdict
from functools import partial
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from agent.arguments import HelpFormat, add_limits, add_program_settings, check_region, check_stack_name, given_limits
from agent.core import run_defaults
from agent.core.project import ProjectError
from agent.intake.materialize import is_candidate_folder
from agent.nightly.isolation import Stopped, run_isolated
from agent.nightly.options import Nightly, add_nightly_arguments, case_runner, completed, nightly_options, publish, resumable
from agent.out_dir import check_out, claimed
from agent.run import RunOptions

NOT_A_CASE = "neither a candidate-response folder (MODEL_RESPONSE.md or IDEAL_RESPONSE.md) nor a Pulumi project (Pulumi.yaml)"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="remediate batch", description="Remediate every case folder under each DIR.", formatter_class=HelpFormat
    )
    parser.add_argument(
        "dirs", nargs="+", type=Path, metavar="DIR", help="a folder of case folders (candidate responses or Pulumi projects)"
    )
    parser.add_argument("--out", type=Path, required=True, help="output directory: OUT/<case>/ per case and OUT/summary.json")
    parser.add_argument(
        "--force", action="store_true", help="write into an OUT that holds other files (never a DIR or a folder holding one)"
    )
    parser.add_argument("--stack", default=run_defaults.STACK, help="stack name for every case")
    parser.add_argument("--engine", choices=["local", "pulumi", "auto"], default="local", help="the engine every case runs on")
    parser.add_argument("--workers", type=int, default=2, help="cases run at once")
    parser.add_argument("--region", help="AWS region for every case")
    parser.add_argument("--max-attempts", type=int, default=run_defaults.MAX_ATTEMPTS, help="deploy attempts per case")
    parser.add_argument("--response", default="MODEL_RESPONSE.md", help="the answer file to materialize in candidate folders")
    parser.add_argument("--safe-only", action="store_true", help="apply safe fixes only; unsafe ones are reported as available")
    add_program_settings(parser)
    add_limits(parser)
    add_nightly_arguments(parser)
    return parser


def find_cases(dirs: Sequence[Path]) -> tuple[dict[str, Path], list[dict[str, str]]]:
    """Case name -> folder, for the case folders directly under each DIR (names made unique), and
    every other folder there with why it is not a case."""
    cases: dict[str, Path] = {}
    skipped: list[dict[str, str]] = []
    for directory in dirs:
        if not directory.is_dir():
            raise ProjectError(f"{directory}: not a directory")
        folders = [p for p in sorted(directory.iterdir()) if p.is_dir()]
        found = [p for p in folders if is_candidate_folder(p) or (p / "Pulumi.yaml").is_file()]
        skipped += [{"folder": str(p), "why": NOT_A_CASE} for p in folders if p not in found]
        if not found:
            raise ProjectError(f"{directory}: no case folders in it (candidate-response folders or Pulumi projects)")
        for path in found:
            name, n = path.name, 1
            while name in cases:
                n += 1
                name = f"{path.name}-{n}"
            cases[name] = path
    return cases, skipped


def one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__


def run_case(case: str, path: Path, out: Path, options: dict[str, Any]) -> dict[str, Any]:
    """Remediate one case into `out` (in a worker process); never raises."""
    from agent.run import remediate

    started = time.monotonic()
    try:
        data = remediate(path, RunOptions(**options, out=out)).summary
    except Exception as exc:  # a crashed case is reported, the batch goes on
        return case_entry(case, None, time.monotonic() - started, error=one_line(exc))
    return case_entry(case, data, time.monotonic() - started)


def case_entry(case: str, data: dict[str, Any] | None, duration_s: float, error: str | None = None) -> dict[str, Any]:
    data = data or {}
    return {
        "case": case,
        "status": "error" if error else data.get("status"),
        "attempts": data.get("attempts", 0),
        "fixes": [fix["fixer"] for fix in data.get("fixes", [])],
        "duration_s": round(duration_s, 2),
        "remaining_error": data.get("remaining_error"),
        "supplied_secrets": data.get("supplied_secrets", []),
        "error": error,
        "review": data.get("review", False),
    }


def _isolated(
    case: str, path: Path, out: Path, options: dict[str, Any], timeout_s: float | None = None, run=run_isolated
) -> dict[str, Any]:
    """run_case in a fresh process of its own; a dying interpreter becomes an "error" case, one
    past --case-timeout a failed one of kind "timeout"."""
    started = time.monotonic()
    try:
        result = run(partial(run_case, case, path, out, options), timeout_s)
    except Exception as exc:  # the process could not start
        return case_entry(case, None, time.monotonic() - started, error=one_line(exc))
    if not isinstance(result, Stopped):
        return result
    if result.timed_out:
        return case_entry(case, {"status": "failed", "remaining_error": result.remaining_error()}, result.duration_s)
    return case_entry(case, None, result.duration_s, error=result.why)


def outcome(entry: dict[str, Any]) -> str:
    """The case's status, with "fixed" split: a fix that dropped or guessed something needs review."""
    return "fixed, needs review" if entry["status"] == "fixed" and entry["review"] else entry["status"]


def counts(entries: list[dict[str, Any]]) -> dict[str, dict[str, int]]:
    def ordered(counter: Counter) -> dict[str, int]:
        return dict(counter.most_common())

    return {
        "by_status": ordered(Counter(e["status"] for e in entries)),
        "by_outcome": ordered(Counter(outcome(e) for e in entries)),
        "by_error_kind": ordered(Counter(e["remaining_error"]["kind"] for e in entries if e["remaining_error"])),
        "by_fixer": ordered(Counter(fixer for e in entries for fixer in e["fixes"])),
    }


def run_batch(
    dirs: Sequence[Path], out: Path, options: RunOptions, workers: int = 2, console: Console | None = None, nightly: Nightly | None = None
) -> dict[str, Any]:
    nightly = nightly or Nightly()
    check_out(out, dirs, options.force or (nightly.resume and resumable(out)))  # before the claim: a refused batch leaves nothing
    with claimed(out):
        return _run_batch(dirs, out, options, workers, console, nightly)


def _run_batch(
    dirs: Sequence[Path], out: Path, options: RunOptions, workers: int, console: Console | None, nightly: Nightly
) -> dict[str, Any]:
    cases, skipped = find_cases(dirs)
    out.mkdir(parents=True, exist_ok=True)
    shared = {**{k: v for k, v in asdict(options).items() if k != "out"}, "force": True}  # OUT itself was checked above
    started = time.monotonic()
    entries: dict[str, dict[str, Any]] = {}
    if nightly.resume:  # a case whose output is whole keeps it
        done = {case: completed(out, case) for case in cases}
        entries = {case: case_entry(case, data, data.get("duration_s", 0.0)) for case, data in done.items() if data}
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with (
        case_runner(nightly, min(workers, len(cases) - len(entries))) as run,
        Progress(*columns, console=console or Console(stderr=True)) as progress,
        ThreadPoolExecutor(max_workers=workers) as threads,
    ):
        task = progress.add_task("remediate batch", total=len(cases), completed=len(entries))
        futures = {
            threads.submit(_isolated, case, path.resolve(), (out / case).resolve(), shared, nightly.case_timeout_s, run): case
            for case, path in cases.items()
            if case not in entries
        }
        try:
            for future in as_completed(futures):
                entry = future.result()
                entries[entry["case"]] = entry
                progress.update(task, advance=1, description=f"{entry['case']}: {entry['status']}")
        except KeyboardInterrupt:
            threads.shutdown(wait=False, cancel_futures=True)  # cases not started yet are dropped
            raise
    ordered = [entries[case] for case in cases]
    data = {"cases": ordered, "skipped": skipped, "counts": counts(ordered), "duration_s": round(time.monotonic() - started, 2)}
    (out / "summary.json").write_text(json.dumps(data, indent=2) + "\n")
    publish(out, data, nightly)
    return data


def batch_command(argv: Sequence[str]) -> int:
    """Remediate every case folder under each DIR in parallel, with one summary."""
    args = _parser().parse_args(argv)
    if args.workers < 1 or args.max_attempts < 1:
        raise ProjectError("--workers and --max-attempts must be at least 1")
    check_stack_name(args.stack)
    check_region(args.region)
    options = RunOptions(
        stack=args.stack,
        engine=args.engine,
        region=args.region,
        config=dict(args.config),
        environment=dict(args.env),
        max_attempts=args.max_attempts,
        response=args.response,
        limits=given_limits(args),
        force=args.force,
        safe_only=args.safe_only,
    )
    data = run_batch(args.dirs, args.out, options, workers=args.workers, nightly=nightly_options(args))
    statuses = ", ".join(f"{n} {status}" for status, n in data["counts"]["by_outcome"].items())
    console = Console(stderr=True)
    for entry in data["skipped"]:
        console.print(f"remediate: skipped {entry['folder']}: {entry['why']}", highlight=False, markup=False, soft_wrap=True)
    console.print(
        f"remediate: {len(data['cases'])} case(s), {len(data['skipped'])} folder(s) skipped: {statuses}; summary: {args.out / 'summary.json'}",
        highlight=False,
        markup=False,
        soft_wrap=True,
    )
    return 0
