"""Sandbox benchmark: what the local engine's contained child costs, side by side with it off.

    python benchmarks/sandbox.py [--repeats 3] [PROJECT ...]
    python benchmarks/sandbox.py --corpus ../shared/corpus [--cases 20] [--repeats 1]

Each project (default: examples/cache-and-db and tests/projects/*) is remediated with the
command line, once with the sandbox and once with REMEDIATE_SANDBOX=off, alternating, --repeats
times; it prints the median seconds of each and the difference. Nothing is written to the projects.
With --corpus, the projects are the development corpus's candidate responses (every k-th case, so
the sample spans the corpus), run in the pipeline's environment as the corpus benchmark runs them.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


PIPELINE = ["--stack", "TapStackdev", "--env", "ENVIRONMENT_SUFFIX=dev", "--env", "PYTHONPATH=."]


def timed_run(project: Path, contained: bool, scratch: Path, extra: list[str]) -> float:
    env = {**os.environ, "REMEDIATE_WORKSPACES": str(scratch / "workspaces")}
    if not contained:
        env["REMEDIATE_SANDBOX"] = "off"
    out = scratch / f"out-{time.time_ns()}"
    started = time.monotonic()
    subprocess.run(
        [sys.executable, "-m", "agent.cli", str(project), "--out", str(out), *extra], cwd=ROOT, env=env, capture_output=True, check=False
    )
    return time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("projects", nargs="*", type=Path)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--corpus", type=Path, help="a corpus folder: time its candidate responses instead")
    parser.add_argument("--cases", type=int, default=20, help="with --corpus: how many cases, spread over the corpus")
    args = parser.parse_args()
    extra = PIPELINE if args.corpus else []
    if args.corpus:
        cases = sorted(p for p in args.corpus.iterdir() if (p / "MODEL_RESPONSE.md").is_file())
        projects = cases[:: max(1, len(cases) // args.cases)][: args.cases]
    else:
        projects = args.projects or [ROOT / "examples/cache-and-db", *sorted(p for p in (ROOT / "tests/projects").iterdir() if p.is_dir())]
    totals = {True: 0.0, False: 0.0}
    print(f"{'project':<22} {'on s':>7} {'off s':>7} {'cost':>7}")
    with tempfile.TemporaryDirectory() as scratch:
        for project in projects:
            times: dict[bool, list[float]] = {True: [], False: []}
            for repeat in range(args.repeats):
                for contained in (True, False) if repeat % 2 == 0 else (False, True):
                    times[contained].append(timed_run(project, contained, Path(scratch), extra))
            on, off = statistics.median(times[True]), statistics.median(times[False])
            totals[True] += on
            totals[False] += off
            print(f"{project.name:<22} {on:7.2f} {off:7.2f} {100 * (on - off) / off:+6.1f}%")
    on, off = totals[True], totals[False]
    print(f"{'total':<22} {on:7.2f} {off:7.2f} {100 * (on - off) / off:+6.1f}%")


if __name__ == "__main__":
    main()
