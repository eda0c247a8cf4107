"""Corpus benchmark: the local engine's fidelity and the fixers' reach, judged on what deployed.

    python benchmarks/corpus.py [--corpus ../shared/corpus] [--workers 2] [--only Pr1,Pr2] [--mutations]

Per case (a folder with MODEL_RESPONSE.md, MODEL_FAILURES.md and deployed/, the project exactly as
it deployed on AWS) it:
  1. checks the deployed/ tree with no fixes, in the pipeline's environment;
  2. remediates the candidate answer (MODEL_RESPONSE.md) and re-checks the fixed copy independently.
Then it prints the issue-14 fidelity figures (false alarms with retired-since apart, caught errors,
seconds per check) and the issue-13 remediation figures (clean share by re-check, runs reported
clean with no resources, type and argument retention), each beside its target. --mutations adds
the mutation benchmark (benchmarks/mutations.py). Nothing is written to the corpus.
"""

from __future__ import annotations

import argparse
import ast
import collections
import json
import re
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from agent.core.errors import ErrorKind  # noqa: E402
from agent.core.project import ProjectError  # noqa: E402
from agent.run import check, remediate  # noqa: E402
from benchmarks import mutations  # noqa: E402
from benchmarks.judge import (  # noqa: E402
    SUCCESS,
    argument_retention,
    deployed_tree,
    fresh_workspaces,
    judged,
    older_sdk,
    pipeline_options,
    recheck,
    type_retention,
)

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


def incomplete_answer(project: Path, errors: list) -> str | None:
    """Why the tree as kept cannot run at all, its own code failing before Pulumi or the cloud are
    involved (a file the pipeline left out of deployed/, say; not the engine's doing), or None."""
    if not errors:
        return None
    first = errors[0]
    if first.kind is ErrorKind.SYNTAX:
        return "the answer's code is cut off or malformed"
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


def run_deployed(case: Path) -> dict:
    """The deployed/ tree checked with no fixes."""
    tree = deployed_tree(case)
    started = time.monotonic()
    try:
        checked = check(tree, pipeline_options())
    except ProjectError as exc:
        return {"unusable": str(exc)}
    return {
        **judged(checked),
        "seconds": time.monotonic() - started,
        "incomplete": incomplete_answer(tree, checked.result.errors),
    }


def run_candidate(case: Path, truth_types: list[str]) -> dict:
    """The candidate remediated, then its fixed copy re-checked: the tool's status is recorded,
    never taken as the verdict."""
    out = fresh_workspaces() / "out"
    started = time.monotonic()
    try:
        report = remediate(case, pipeline_options(out=out))
    except ProjectError as exc:
        return {"unusable": str(exc)}
    seconds = time.monotonic() - started  # the re-check below is the benchmark's, not the user's
    summary = report.summary
    again = recheck(out / "project") if (out / "project").is_dir() else {"clean": False, "resources": 0, "types": [], "errors": []}
    events = [json.loads(line) for line in (out / "fixlog.jsonl").read_text().splitlines()] if (out / "fixlog.jsonl").is_file() else []
    found = [e["error"] for e in events if e["event"] == "error_found"]
    clean = again["clean"]
    return {
        "status": summary["status"],
        "review": bool(summary.get("review")),
        "attempts": summary.get("attempts", 0),
        "seconds": seconds,
        "fixes": [f["fixer"] for f in summary.get("fixes", [])],
        "recheck_clean": clean,
        "recheck_resources": again["resources"],
        "recheck_error": (again["errors"] or [None])[0],
        "types": again["types"],
        "type_retention": type_retention(again["types"], truth_types) if clean else None,
        "argument_retention": argument_retention(out / "input-project", out / "project", summary.get("fixes", []))
        if clean and (out / "input-project").is_dir()
        else None,
        "kinds_seen": sorted({e["kind"] for e in found}),
        "messages_seen": sorted({e["message"] for e in found}),
        "remaining": summary.get("remaining_error"),
    }


def run_case(case: Path, with_candidate: bool = True) -> dict:
    fresh_workspaces()
    result: dict = {"case": case.name, "deployed": run_deployed(case)}
    if with_candidate:
        result["model"] = run_candidate(case, result["deployed"].get("types", []))
    failures = (case / "MODEL_FAILURES.md").read_text(errors="replace") if (case / "MODEL_FAILURES.md").is_file() else ""
    result["recorded"] = [name for name, (recorded, _) in RECORDED_FAMILIES.items() if re.search(recorded, failures)]
    return result


def run_case_safely(job: tuple[Path, bool]) -> dict:
    """run_case; a crash of remediate itself is recorded for that case and the others go on."""
    case, with_candidate = job
    try:
        return run_case(case, with_candidate)
    except Exception as exc:  # noqa: BLE001 - a benchmark reports a crash, it does not die of it
        crash = {"crashed": f"{type(exc).__name__}: {exc}"}
        return {"case": case.name, "deployed": crash, "model": crash, "recorded": []}


def pct(part: int, whole: int) -> str:
    return f"{part}/{whole} = {100 * part / whole:.0f}%" if whole else "n/a"


def named_by_every_error(run: dict, fact) -> list[str]:
    """What `fact(error)` names for each error of a failing tree, when it names something for every one; else []."""
    values = [fact(found) for found in run.get("found", [])]
    return values if values and all(values) else []


def retired_values(run: dict) -> list[str]:
    """The retired values a failing tree's errors name (aws_facts.retired, recorded by the judge)."""
    return named_by_every_error(run, lambda found: found["retired"])


def older_sdk_changes(run: dict) -> list[str]:
    """The SDK changes a failing tree's errors name: arguments an earlier major had."""
    return named_by_every_error(run, lambda found: older_sdk(found["message"]))


def miss_reason(model: dict) -> str:
    """Why the engine did not raise a recorded failure while remediating the candidate."""
    if "status" not in model:
        return "the candidate was not run: " + model.get("unusable", model.get("crashed", "?"))
    if not model["kinds_seen"]:
        return "the local engine raised no error on the candidate"
    remaining = model.get("remaining") or {}
    if model["status"] not in SUCCESS and remaining:
        return f"the run stopped at [{remaining.get('kind')}] {str(remaining.get('message', ''))[:100]}"
    return f"the engine raised only {', '.join(model['kinds_seen'])}"


def report_fidelity(results: list[dict]) -> list[dict]:
    """Issue 14's figures; returns the cases whose deployed tree runs clean."""
    runs = [r for r in results if "ok" in r["deployed"]]
    for r in results:
        if "crashed" in r["deployed"] or "unusable" in r["deployed"]:
            print(f"NOT RUN {r['case']}: {r['deployed'].get('crashed') or r['deployed'].get('unusable')}")
    retired = [r for r in runs if not r["deployed"]["clean"] and retired_values(r["deployed"])]
    older = [r for r in runs if not r["deployed"]["clean"] and r not in retired and older_sdk_changes(r["deployed"])]
    incomplete = [r for r in runs if r not in retired + older and r["deployed"].get("incomplete")]
    judged_runs = [r for r in runs if r not in retired + older + incomplete]
    clean = [r for r in judged_runs if r["deployed"]["clean"]]
    print("== Fidelity on deployed/ (issue 14) ==")
    print(f"deployed trees run: {len(runs)} of {len(results)} cases")
    print(f"runnable deployed trees clean: {pct(len(clean), len(judged_runs))} (target >= 97%)")
    by_value: dict[str, list[str]] = {}
    for r in retired:
        for value in dict.fromkeys(retired_values(r["deployed"])):
            by_value.setdefault(value, []).append(r["case"])
    print(
        f"  counted apart: retired since (aws_facts.retired) {len(retired)}; written for an older SDK major "
        f"(config/sdk_history.json) {len(older)}; not runnable as kept {len(incomplete)}"
    )
    for value, cases in sorted(by_value.items()):
        print(f"  retired {value}: {', '.join(cases)}")
    by_change: dict[str, list[str]] = {}
    for r in older:
        for change in dict.fromkeys(older_sdk_changes(r["deployed"])):
            by_change.setdefault(change, []).append(r["case"])
    for change, cases in sorted(by_change.items()):
        print(f"  older SDK: {change}: {', '.join(cases)}")
    if older:
        print(f"  with the older-SDK trees counted as alarms: {pct(len(clean), len(judged_runs) + len(older))}")
    for r in incomplete:
        print(f"  not runnable {r['case']}: {r['deployed']['incomplete']}")
    for r in judged_runs:
        if not r["deployed"]["clean"]:
            print(f"  alarm {r['case']}: {(r['deployed']['errors'] or ['no resources registered'])[0][:160]}")
    recorded = [(r, family) for r in results for family in r["recorded"] if "model" in r]
    codeless = [(r, family) for r, family in recorded if r["model"].get("status") == "no_code"]
    recorded = [pair for pair in recorded if pair not in codeless]  # no program to run: nothing to catch
    caught = [(r, f) for r, f in recorded if any(re.search(RECORDED_FAMILIES[f][1], m) for m in r["model"].get("messages_seen", []))]
    print(f"caught recorded AWS/provider-side failures: {pct(len(caught), len(recorded))} (target >= 80%)")
    if codeless:
        print(f"  counted apart: candidates with no code to run {len(codeless)} ({', '.join(r['case'] for r, _ in codeless)})")
    for r, family in recorded:
        if (r, family) not in caught:
            print(f"  missed {r['case']} {family}: {miss_reason(r['model'])}")
    seconds = sorted(r["deployed"]["seconds"] for r in runs)
    if seconds:
        p95 = seconds[min(len(seconds) - 1, int(round(0.95 * (len(seconds) - 1))))]
        print(f"seconds per check: median {statistics.median(seconds):.2f}, p95 {p95:.2f}")
    return clean


def report_remediation(results: list[dict], truth_clean: list[dict]) -> None:
    """Issue 13's figures, every verdict by the independent re-check."""
    runs = [r for r in results if "status" in r.get("model", {})]
    print("\n== Remediation of candidate responses, judged by re-check (issue 13) ==")
    statuses = collections.Counter(r["model"]["status"] for r in runs)
    reviewed = sum(r["model"]["review"] for r in runs if r["model"]["status"] == "fixed")
    print(f"tool statuses: {', '.join(f'{s} {n}' for s, n in sorted(statuses.items()))} (fixed, needs review: {reviewed})")
    for r in results:
        if "model" in r and "status" not in r["model"]:
            print(f"  not run {r['case']}: {r['model'].get('unusable') or r['model'].get('crashed')}")
    eligible = [r for r in results if r in truth_clean and "model" in r]  # a candidate not run does not end clean
    ends_clean = [r for r in eligible if r["model"].get("recheck_clean")]
    print(
        f"end clean (re-check clean, >= 1 resource), of candidates whose deployed/ runs clean: {pct(len(ends_clean), len(eligible))} (target >= 90%)"
    )
    print(f"end clean, of all candidate runs: {pct(sum(r['model']['recheck_clean'] for r in runs), len(runs))}")
    empty = [r for r in runs if r["model"]["status"] in SUCCESS and r["model"]["recheck_resources"] == 0]
    print(
        f"runs reported clean or fixed with no resources: {len(empty)} (target 0){': ' + ', '.join(r['case'] for r in empty) if empty else ''}"
    )
    disowned = [r for r in runs if r["model"]["status"] in SUCCESS and not r["model"]["recheck_clean"] and r not in empty]
    for r in disowned:
        print(f"  reported {r['model']['status']} but the re-check fails {r['case']}: {str(r['model']['recheck_error'])[:140]}")
    for key, label, target in (
        ("type_retention", "type retention (multiset, fixed vs deployed)", 0.95),
        ("argument_retention", "argument retention", 0.9),
    ):
        values = [r["model"][key] for r in ends_clean if r["model"][key] is not None]
        if values:
            print(
                f"{label}, median over {len(values)} clean cases: {statistics.median(values):.2f}, min {min(values):.2f} (target >= {target})"
            )
    if runs:
        print(f"mean attempts: {statistics.mean(r['model']['attempts'] for r in runs):.2f} (target <= 2.5)")
        seconds = [r["model"]["seconds"] for r in runs]
        print(f"seconds per case (remediate): median {statistics.median(seconds):.1f}, max {max(seconds):.1f} (target <= 10)")
    print("remaining errors of candidates that do not end clean:")
    for r in runs:
        if not r["model"]["recheck_clean"]:
            remaining = r["model"]["remaining"] or {}
            text = f"[{remaining.get('kind')}] {remaining.get('message', '')}" if remaining else f"re-check: {r['model']['recheck_error']}"
            print(f"  {r['case']} ({r['model']['status']}): {text[:140]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--cases", type=int, help="only the first N cases")
    parser.add_argument("--only", help="only these cases, comma-separated (e.g. Pr599,Pr4901)")
    parser.add_argument("--json", type=Path, help="also write the per-case results here")
    parser.add_argument("--fidelity-only", action="store_true", help="check the deployed/ trees only, no candidate runs")
    parser.add_argument("--mutations", action="store_true", help="also run the mutation benchmark on the same cases")
    mutations.add_arguments(parser)
    parser.add_argument("--report-from", type=Path, help="print the figures of a --json file written before, running nothing")
    args = parser.parse_args()
    if args.report_from:
        results = json.loads(args.report_from.read_text())
        truth_clean = report_fidelity(results)
        if any("model" in r for r in results):
            report_remediation(results, truth_clean)
        return
    families = mutations.chosen_families(args.families)
    cases = mutations.corpus_cases(args.corpus, args.only)[: args.cases]
    cases = [case for case in cases if (case / "MODEL_RESPONSE.md").is_file()]
    started = time.monotonic()
    with ProcessPoolExecutor(args.workers) as pool:
        results = list(pool.map(run_case_safely, [(case, not args.fidelity_only) for case in cases]))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    truth_clean = report_fidelity(results)
    if not args.fidelity_only:
        report_remediation(results, truth_clean)
    print(f"\n{len(cases)} cases in {time.monotonic() - started:.0f}s with {args.workers} workers")
    if args.mutations:
        started = time.monotonic()
        found = mutations.run(
            cases, seed=args.seed, per_family=args.per_family, families=families, workers=args.workers, refresh=args.refresh_baseline
        )
        print()
        mutations.report(found)
        print(f"\n{len(found)} variants in {time.monotonic() - started:.0f}s with {args.workers} workers")


if __name__ == "__main__":
    main()
