"""Corpus benchmark: the local engine's fidelity and the fixers' reach on real candidate responses.

    python benchmarks/corpus.py [--corpus ../shared/corpus] [--workers 2] [--cases N]

Per case (a folder with MODEL_RESPONSE.md, IDEAL_RESPONSE.md, MODEL_FAILURES.md) it:
  1. checks the human-fixed answer (IDEAL_RESPONSE.md, which deployed on AWS) with no fixes;
  2. remediates the candidate answer (MODEL_RESPONSE.md) and checks the fixed copy.
Then it prints: false alarms, caught AWS-side errors, seconds per check, clean share,
resource retention, mean attempts and seconds per case. Nothing is written to the corpus.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import re
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from agent.core.errors import ErrorKind  # noqa: E402
from agent.core.project import ProjectError  # noqa: E402
from agent.intake.materialize import materialize  # noqa: E402
from agent.loop import Status  # noqa: E402
from agent.run import RunOptions, check, remediate  # noqa: E402

# AWS-side failure families a QA engineer records in MODEL_FAILURES.md (the error text they quote),
# and the text by which an error the local engine raises belongs to the same family.
RECORDED_FAMILIES = {
    "engine version": (
        r"Cannot find version|InvalidParameterCombination",
        r"Cannot find (?:upgrade path|version)|InvalidParameterCombination",
    ),
    "reserved username": (r"reserved word", r"reserved word"),
    "lowercase name": (r"only lowercase|must contain only lowercase|InvalidBucketName", r"only lowercase|InvalidBucketName"),
    "invalid parameter value": (r"InvalidParameterValue", r"InvalidParameterValue"),
    # the deploy's error text, not a test run's ("Integration tests failed with ResourceNotFoundException")
    "not found": (r"(?:operation error|api error|Error:)[^\n]*ResourceNotFoundException", r"ResourceNotFoundException|NotFound"),
    "already exists": (r"AlreadyExists|already exists", r"AlreadyExists|already exists"),
}


# Names the program looks up in its own code: "'EcsStack' object has no attribute 'x'" and
# "cannot import name 'X' from 'lib.compute' (...)".
OWN_ATTRIBUTE = re.compile(r"'(?P<owner>\w+)' object has no attribute '(?P<name>\w+)'")
OWN_IMPORT = re.compile(r"cannot import name '(?P<name>\w+)' from '(?P<owner>[\w.]+)'")
OWN_CALL = re.compile(r"(?P<owner>\w+)\.__init__\(\) got an unexpected keyword argument '(?P<name>\w+)'")

# The pipeline the corpus comes from names its stacks TapStack<suffix> ("TapStackdev"); names a
# program derives from the stack name carry that case, as they did when the cases were deployed.
STACK = "TapStackdev"
# The pipeline's environment: ENVIRONMENT_SUFFIX for the suffix, and PYTHONPATH at the project root
# (`export PYTHONPATH=$(pwd)`, the set-up its QA engineers record in MODEL_FAILURES.md), so that
# `main: lib/` programs importing `lib.x` run as they did when deployed.
PIPELINE_ENV = {"PYTHONPATH": ".", "ENVIRONMENT_SUFFIX": "dev"}


def types_of(resources: list[dict]) -> set[str]:
    return {r["type"] for r in resources if r["type"].startswith("aws:")}


def defined_names(project: Path) -> set[str]:
    """Classes, functions and module-level names the answer's own Python files define."""
    names: set[str] = set()
    for path in project.rglob("*.py"):
        try:
            tree = ast.parse(path.read_text())
        except (SyntaxError, UnicodeDecodeError):
            continue
        for node in ast.walk(tree):
            if isinstance(node, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
                names.add(node.name)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
    return names


def own_module(project: Path, module: str) -> bool:
    """Whether the answer holds `module` (a package folder or a .py file), at its root or in a
    folder it puts on the path (`lib/infrastructure/s3.py` for `infrastructure.s3`)."""
    rel = module.replace(".", "/")
    return any((base / rel).is_dir() or (base / f"{rel}.py").is_file() for base in [project, *project.rglob("*")] if base.is_dir())


def incomplete_answer(case: Path, errors: list) -> str | None:
    """Why the answer as written cannot run at all, its own code failing before Pulumi or the cloud
    are involved (it is not the engine's doing), or None."""
    if not errors:
        return None
    first = errors[0]
    if first.kind is ErrorKind.SYNTAX:
        return "the answer's code is cut off or malformed"
    project = materialize(case, Path(tempfile.mkdtemp(prefix="remediate-bench-")) / "p", "IDEAL_RESPONSE.md").root
    module = first.details.get("module", "")
    if first.kind is ErrorKind.MODULE_NOT_FOUND and "." in module and own_module(project, module.split(".")[0]):
        if not own_module(project, module):
            return f"the answer imports {module}, which it does not contain"
    if first.kind is ErrorKind.MISSING_FILE and not (project / first.details["path"]).exists():
        return f"the answer reads {first.details['path']}, which it does not contain"
    names = defined_names(project)
    attribute, imported = OWN_ATTRIBUTE.search(first.message), OWN_IMPORT.search(first.message)
    if attribute and attribute["owner"] in names and attribute["name"] not in names:
        return f"the answer uses {attribute['owner']}.{attribute['name']}, which its own code never defines"
    call = OWN_CALL.search(first.message)
    if call and call["owner"] in names:
        return f"the answer passes {call['name']}= to its own {call['owner']}, which does not take it"
    if imported and own_module(project, imported["owner"]) and imported["name"] not in names:
        return f"the answer imports {imported['name']} from its own {imported['owner']}, which does not define it"
    return None


def run_case(case: Path) -> dict:
    os.environ["REMEDIATE_WORKSPACES"] = tempfile.mkdtemp(prefix="remediate-bench-")
    result: dict = {"case": case.name}
    options = RunOptions(stack=STACK, environment=PIPELINE_ENV, response="IDEAL_RESPONSE.md")
    started = time.monotonic()
    try:
        checked = check(case, options)
        ideal = checked.result
        result["ideal"] = {
            "supplied_secrets": checked.supplied_secrets,
            "ok": ideal.ok,
            "seconds": time.monotonic() - started,
            "types": sorted(types_of(ideal.resources)),
            "errors": [f"[{e.kind.value}] {e.one_line}" for e in ideal.errors],
            "kinds": [e.kind.value for e in ideal.errors],
            "incomplete": incomplete_answer(case, ideal.errors),
        }
    except ProjectError as exc:
        result["ideal"] = {"unusable": str(exc)}
    out = Path(os.environ["REMEDIATE_WORKSPACES"]) / "out"
    started = time.monotonic()
    try:
        report = remediate(case, RunOptions(stack=STACK, environment=PIPELINE_ENV, out=out))
        seconds = time.monotonic() - started  # the re-check of the fixed copy below is the benchmark's, not the user's
        fixed_types: list[str] = []
        if report.outcome.status is not Status.FAILED:
            fixed = check(out / "project", RunOptions(stack=STACK, environment=PIPELINE_ENV)).result
            fixed_types = sorted(types_of(fixed.resources))
        events = [json.loads(line) for line in (out / "fixlog.jsonl").read_text().splitlines()]
        result["model"] = {
            "status": report.summary["status"],
            "attempts": report.summary["attempts"],
            "seconds": seconds,
            "fixes": [f["fixer"] for f in report.summary["fixes"]],
            "types": fixed_types,
            "kinds_seen": sorted({e["error"]["kind"] for e in events if e["event"] == "error_found"}),
            "messages_seen": sorted({e["error"]["message"] for e in events if e["event"] == "error_found"}),
            "remaining": report.summary["remaining_error"],
        }
    except ProjectError as exc:
        result["model"] = {"unusable": str(exc)}
    failures = (case / "MODEL_FAILURES.md").read_text(errors="replace") if (case / "MODEL_FAILURES.md").is_file() else ""
    result["recorded"] = [name for name, (recorded, _) in RECORDED_FAMILIES.items() if re.search(recorded, failures)]
    return result


def run_case_safely(case: Path) -> dict:
    """run_case; a crash of remediate itself is recorded for that case and the others go on."""
    try:
        return run_case(case)
    except Exception as exc:  # noqa: BLE001 - a benchmark reports a crash, it does not die of it
        crash = {"crashed": f"{type(exc).__name__}: {exc}"}
        return {"case": case.name, "ideal": crash, "model": crash, "recorded": []}


def pct(part: int, whole: int) -> str:
    return f"{part}/{whole} = {100 * part / whole:.0f}%" if whole else "n/a"


def report(results: list[dict]) -> None:
    ideal_runs = [r for r in results if "ok" in r["ideal"]]
    for r in results:
        if "crashed" in r["ideal"]:
            print(f"CRASH {r['case']}: {r['ideal']['crashed']}")
    retired = [r for r in ideal_runs if not r["ideal"]["ok"] and set(r["ideal"]["kinds"]) == {ErrorKind.ENGINE_VERSION.value}]
    incomplete = [r for r in ideal_runs if r not in retired and r["ideal"].get("incomplete")]
    judged = [r for r in ideal_runs if r not in retired and r not in incomplete]
    clean = [r for r in judged if r["ideal"]["ok"]]
    print("== Fidelity (issue 3) ==")
    print(f"human fixes materialized and run: {len(ideal_runs)} of {len(results)} cases")
    print(f"false alarms: clean {pct(len(clean), len(judged))} (target >= 95%)")
    print(
        f"  counted apart: retired since (engine version AWS no longer offers) {len(retired)}; answer does not run as written (its own code incomplete) {len(incomplete)}"
    )
    for r in incomplete:
        print(f"  incomplete {r['case']}: {r['ideal']['incomplete']}")
    with_secrets = [r for r in clean if r["ideal"].get("supplied_secrets")]
    if with_secrets:
        print(
            "  clean with a generated test value for a required secret, as the QA engineer set one: "
            + ", ".join(f"{r['case']} ({', '.join(r['ideal']['supplied_secrets'])})" for r in with_secrets)
        )
    for r in judged:
        if not r["ideal"]["ok"]:
            print(f"  alarm {r['case']}: {r['ideal']['errors'][0][:160]}")
    recorded = [(r, family) for r in results if "status" in r["model"] for family in r["recorded"]]
    caught = [(r, f) for r, f in recorded if any(re.search(RECORDED_FAMILIES[f][1], m) for m in r["model"]["messages_seen"])]
    print(f"caught recorded AWS-side failures: {pct(len(caught), len(recorded))} (target >= 80%)")
    for r, family in recorded:
        if (r, family) not in caught:
            print(f"  missed {r['case']}: {family}")
    seconds = sorted(r["ideal"]["seconds"] for r in ideal_runs)
    if seconds:
        p95 = seconds[min(len(seconds) - 1, int(round(0.95 * (len(seconds) - 1))))]
        print(f"seconds per check: median {statistics.median(seconds):.2f}, p95 {p95:.2f}")

    print("\n== Remediation of candidate responses (issue 4) ==")
    model_runs = [r for r in results if "status" in r["model"]]
    eligible = [r for r in model_runs if r in clean]
    ends_clean = [r for r in eligible if r["model"]["status"] in ("clean", "fixed")]
    print(f"end clean, of cases whose human fix runs clean: {pct(len(ends_clean), len(eligible))} (target >= 90%)")
    print(f"end clean, of all candidate runs: {pct(sum(r['model']['status'] in ('clean', 'fixed') for r in model_runs), len(model_runs))}")
    retention = [
        len(set(r["model"]["types"]) & set(r["ideal"]["types"])) / len(r["ideal"]["types"]) for r in ends_clean if r["ideal"]["types"]
    ]
    if retention:
        print(f"resource retention (types vs human fix), median over clean cases: {statistics.median(retention):.2f} (target >= 0.95)")
    if model_runs:
        print(f"mean attempts: {statistics.mean(r['model']['attempts'] for r in model_runs):.2f} (target <= 2.5)")
        print(
            f"seconds per case (remediate): median {statistics.median(r['model']['seconds'] for r in model_runs):.1f}, max {max(r['model']['seconds'] for r in model_runs):.1f} (target <= 10)"
        )
    print("remaining errors of failed candidates:")
    for r in model_runs:
        if r["model"]["status"] == "failed" and r["model"]["remaining"]:
            print(f"  {r['case']}: [{r['model']['remaining']['kind']}] {r['model']['remaining']['message'][:140]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--cases", type=int, help="only the first N cases")
    parser.add_argument("--only", help="only these cases, comma-separated (e.g. Pr599,Pr4901)")
    parser.add_argument("--json", type=Path, help="also write the per-case results here")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        sys.exit(f"corpus not found: {args.corpus} (benchmarks read ../shared/corpus)")
    cases = sorted(p for p in args.corpus.iterdir() if (p / "MODEL_RESPONSE.md").is_file())[: args.cases]
    if args.only:
        cases = [case for case in cases if case.name in args.only.split(",")]
    started = time.monotonic()
    with ProcessPoolExecutor(args.workers) as pool:
        results = list(pool.map(run_case_safely, cases))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    report(results)
    print(f"\n{len(cases)} cases in {time.monotonic() - started:.0f}s with {args.workers} workers")


if __name__ == "__main__":
    main()
