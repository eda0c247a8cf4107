"""Batch throughput: the warm pool (fork servers) against the cold path (a new interpreter per case).

    python benchmarks/throughput.py [--corpus ../shared/corpus] [--cases 6 | --only Pr1,Pr2] [--workers 2]

Runs the same cases as two batches in one go, cold then warm, each into its own OUT in a temporary
folder, with the pipeline's settings (--stack TapStackdev --env ENVIRONMENT_SUFFIX=dev --env
PYTHONPATH=.), and prints for each the median and p95 seconds per case and the batch wall time,
side by side with the cold/warm ratio, and whether both paths gave every case the same outcome.
The warm wall time includes the workers' start (their imports), paid once per batch.
Nothing is written to the corpus.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rich.console import Console  # noqa: E402

from agent.batch import run_batch  # noqa: E402
from agent.nightly.history import p95  # noqa: E402
from agent.nightly.options import Nightly  # noqa: E402
from agent.run import RunOptions  # noqa: E402


def pick(corpus: Path, count: int, only: str | None) -> Path:
    """A folder of links to the chosen cases (a batch takes every case folder under a DIR)."""
    names = only.split(",") if only else sorted(p.name for p in corpus.iterdir() if (p / "MODEL_RESPONSE.md").is_file())[:count]
    chosen = Path(tempfile.mkdtemp(prefix="throughput-cases-"))
    for name in names:
        (chosen / name).symlink_to((corpus / name).resolve(), target_is_directory=True)
    return chosen


def measure(cases: Path, pool: str, workers: int, db: Path) -> dict[str, float]:
    out = Path(tempfile.mkdtemp(prefix=f"throughput-{pool}-"))
    options = RunOptions(stack="TapStackdev", environment={"ENVIRONMENT_SUFFIX": "dev", "PYTHONPATH": "."}, force=True)
    started = time.monotonic()
    data = run_batch([cases], out, options, workers=workers, console=Console(stderr=True, quiet=True), nightly=Nightly(db=db, pool=pool))
    wall = time.monotonic() - started
    durations = [entry["duration_s"] for entry in data["cases"]]
    outcomes = {entry["case"]: (entry["status"], entry["attempts"], tuple(entry["fixes"])) for entry in data["cases"]}
    return {"median": statistics.median(durations), "p95": p95(durations), "wall": wall, "cases": len(durations), "outcomes": outcomes}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--cases", type=int, default=6, help="the first N cases (default 6)")
    parser.add_argument("--only", help="comma-separated case names instead")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    cases = pick(args.corpus, args.cases, args.only)
    db = Path(tempfile.mkdtemp(prefix="throughput-db-")) / "history.db"
    cold = measure(cases, "cold", args.workers, db)
    warm = measure(cases, "warm", args.workers, db)
    print(f"{int(cold['cases'])} cases, {args.workers} workers")
    print(f"{'':<22} {'cold':>8} {'warm':>8} {'cold/warm':>10}")
    for key, label in (("median", "median s per case"), ("p95", "p95 s per case"), ("wall", "batch wall time s")):
        print(f"{label:<22} {cold[key]:>8.2f} {warm[key]:>8.2f} {cold[key] / warm[key]:>9.2f}x")
    differ = sorted(case for case in cold["outcomes"] if cold["outcomes"][case] != warm["outcomes"].get(case))
    print("same outcomes (status, attempts, fixes) on both paths" if not differ else f"outcomes differ: {', '.join(differ)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
