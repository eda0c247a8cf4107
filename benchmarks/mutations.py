"""Mutation benchmark: break projects that deployed, mechanically, and see remediate repair them.

    python benchmarks/mutations.py [--seed 0] [--per-family 30] [--families a,b] [--only Pr1,Pr2] [--workers 2]

The projects are the corpus's deployed/ trees that run clean (remediate reports them clean with no
fix, and an independent check registers at least one resource); that list is cached in
workspaces/mutation-baseline.json and recomputed for a tree that changed or with --refresh-baseline.
Each family (benchmarks/mutators/) breaks one site of a project; remediate runs on the variant with
the local engine in the pipeline's environment, and the fixed copy is judged by a fresh check.
Per family it prints the share repaired, the share repaired exactly and the wrong repairs
(definitions in benchmarks/README.md). Nothing is written to the corpus.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from agent.core.project import ProjectError  # noqa: E402
from agent.run import remediate  # noqa: E402
from benchmarks.judge import SUCCESS, deployed_tree, fresh_workspaces, pipeline_options, recheck  # noqa: E402
from benchmarks.mutators import FAMILIES, normalized, reached, read_files, unknown_families, variants  # noqa: E402

BASELINE = ROOT / "workspaces" / "mutation-baseline.json"
TARGETS = {"repaired": 0.95, "exact": 0.80}


def tree_hash(tree: Path) -> str:
    digest = hashlib.sha1()
    for path in sorted(p for p in tree.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(tree)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def baseline_case(case: Path) -> dict:
    """Whether the case's deployed/ tree runs clean: remediate finds nothing to fix, and a fresh
    check registers at least one resource."""
    scratch = fresh_workspaces()
    tree = deployed_tree(case)
    entry = {"case": case.name, "tree": tree_hash(tree)}
    try:
        summary = remediate(tree, pipeline_options(out=scratch / "out")).summary
    except ProjectError as exc:
        return {**entry, "clean": False, "why": f"unusable: {exc}"}
    except Exception as exc:  # noqa: BLE001 - a crash of remediate is reported, the benchmark goes on
        return {**entry, "clean": False, "why": f"crashed: {type(exc).__name__}: {exc}"}
    checked = recheck(tree)
    if summary["status"] != "clean" or summary["fixes"] or not checked["clean"]:
        why = (summary.get("remaining_error") or {}).get("message") or (checked["errors"] or ["no resources"])[0]
        return {**entry, "clean": False, "why": f"{summary['status']}: {why}"}
    return {**entry, "clean": True, "lines": checked["lines"]}


def _outdated(entry: dict) -> bool:
    """A clean entry from before the cache kept the lines that registered resources."""
    return entry["clean"] and "lines" not in entry


def clean_cases(cases: list[Path], workers: int, refresh: bool) -> list[Path]:
    """The cases whose deployed/ tree runs clean, from the cache where it is current."""
    cache = {} if refresh or not BASELINE.is_file() else json.loads(BASELINE.read_text())
    stale = [
        case for case in cases if cache.get(case.name, {}).get("tree") != tree_hash(deployed_tree(case)) or _outdated(cache[case.name])
    ]
    if stale:
        print(f"baseline: checking {len(stale)} deployed tree(s)", flush=True)
        with ProcessPoolExecutor(workers) as pool:
            for entry in pool.map(baseline_case, stale):
                cache[entry["case"]] = entry
        BASELINE.parent.mkdir(exist_ok=True)
        BASELINE.write_text(json.dumps(cache, indent=1, sort_keys=True))
    return [case for case in cases if cache[case.name]["clean"] and "lines" in cache[case.name]]


def same(path: str, a: str | None, b: str | None) -> bool:
    """Whether two versions of a file mean the same: Python normalized (benchmarks/mutators/_base.py),
    Pulumi.yaml as parsed YAML; a missing file equals only a missing file."""
    if a is None or b is None:
        return a is b
    if path.endswith(".py"):
        return normalized(a) == normalized(b)
    try:
        return yaml.safe_load(a) == yaml.safe_load(b)
    except yaml.YAMLError:
        return a == b


def read(path: Path) -> str | None:
    return path.read_text(errors="replace") if path.is_file() else None


def run_variant(job: dict) -> dict:
    scratch = fresh_workspaces()
    tree = deployed_tree(Path(job["case"]))
    work = scratch / "variant"
    shutil.copytree(tree, work)
    for rel, text in job["changes"].items():
        if text is None:
            (work / rel).unlink()
        else:
            (work / rel).write_text(text)
    site = job["mutation"]["file"]
    result = {"case": Path(job["case"]).name, **job["mutation"]}
    started = time.monotonic()
    try:
        summary = remediate(work, pipeline_options(out=scratch / "out")).summary
    except Exception as exc:  # noqa: BLE001 - a benchmark reports a crash, it does not die of it
        return {**result, "status": "crashed", "error": f"{type(exc).__name__}: {exc}", "repaired": False, "exact": False, "wrong": False}
    fixed = scratch / "out" / "project"
    checked = recheck(fixed)
    repaired_text = read(fixed / site)
    undetected = summary["status"] == "clean"  # nothing to fix found: the break went through as it was
    return {
        **result,
        "status": summary["status"],
        "seconds": time.monotonic() - started,
        "fixes": [f["fixer"] for f in summary["fixes"]],
        "remaining": summary["remaining_error"],
        "recheck": checked["errors"][:1],
        "repaired": checked["clean"],
        "exact": checked["clean"] and same(site, read(tree / site), repaired_text),
        "undetected": undetected,
        "wrong": summary["status"] in SUCCESS and (not checked["clean"] or undetected),
    }


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:3.0f}%" if whole else "  n/a"


def report(results: list[dict]) -> None:
    print("== Mutation benchmark (issue 13.8) ==")
    print(f"{'family':28} {'variants':>8} {'repaired':>9} {'exact':>6} {'wrong':>6} {'undetected':>10}")
    for family in FAMILIES:
        rows = [r for r in results if r["family"] == family]
        if rows:
            repaired, exact = sum(r["repaired"] for r in rows), sum(r["exact"] for r in rows)
            wrong, undetected = sum(r["wrong"] for r in rows), sum(r.get("undetected", False) for r in rows)
            print(f"{family:28} {len(rows):8} {pct(repaired, len(rows)):>9} {pct(exact, len(rows)):>6} {wrong:6} {undetected:10}")
    total = len(results)
    repaired, exact, wrong = (sum(r[key] for r in results) for key in ("repaired", "exact", "wrong"))
    print(f"{'all':28} {total:8} {pct(repaired, total):>9} {pct(exact, total):>6} {wrong:6}")
    print(
        f"targets: repaired {pct(repaired, total).strip()} (>= 95%), exact {pct(exact, total).strip()} (>= 80%), "
        f"wrong repairs reporting success {wrong} (target 0)"
    )
    for r in results:
        if r["wrong"] or r["status"] == "crashed":
            why = "mutation not detected" if r.get("undetected") else (r.get("recheck") or [r.get("error", "")])[0]
            print(f"  {'wrong' if r['wrong'] else 'crash'} {r['case']} {r['family']} {r['file']}:{r['line']} [{r['status']}] {why[:140]}")


def run(cases: list[Path], *, seed: int, per_family: int, families: list[str], workers: int, refresh: bool) -> list[dict]:
    projects = {str(case): read_files(deployed_tree(case)) for case in clean_cases(cases, workers, refresh)}
    baseline = json.loads(BASELINE.read_text())
    lines = {case: {(path, line) for path, line in baseline[Path(case).name]["lines"]} for case in projects}
    chosen = variants(projects, seed, per_family, families, keep=lambda case, m: reached(projects[case], m, lines[case]))
    jobs = [{"case": case, "mutation": mutation.record(), "changes": mutation.changes} for case, mutation in chosen]
    print(f"{len(jobs)} variants of {len(projects)} clean deployed trees (seed {seed})", flush=True)
    with ProcessPoolExecutor(workers) as pool:
        return list(pool.map(run_variant, jobs))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--seed", type=int, default=0, help="which sites are mutated (default 0)")
    parser.add_argument("--per-family", type=int, default=30, help="variants per family over all projects (default 30)")
    parser.add_argument("--families", help=f"only these families, comma-separated (of {', '.join(FAMILIES)})")
    parser.add_argument("--refresh-baseline", action="store_true", help="recheck which deployed trees run clean")


def chosen_families(value: str | None) -> list[str]:
    names = value.split(",") if value else list(FAMILIES)
    unknown = unknown_families(names)
    if unknown:
        sys.exit(f"unknown mutation family: {', '.join(unknown)} (known: {', '.join(FAMILIES)})")
    return names


def corpus_cases(corpus: Path, only: str | None) -> list[Path]:
    if not corpus.is_dir():
        sys.exit(f"corpus not found: {corpus} (benchmarks read ../shared/corpus)")
    cases = sorted(p for p in corpus.iterdir() if (p / "deployed").is_dir())
    if only:
        names = only.split(",")
        missing = sorted(set(names) - {case.name for case in cases})
        if missing:
            sys.exit(f"no such case with a deployed/ tree: {', '.join(missing)}")
        cases = [case for case in cases if case.name in names]
    return cases


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--only", help="only these cases, comma-separated")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", type=Path, help="also write the per-variant results here")
    add_arguments(parser)
    args = parser.parse_args()
    families = chosen_families(args.families)
    started = time.monotonic()
    results = run(
        corpus_cases(args.corpus, args.only),
        seed=args.seed,
        per_family=args.per_family,
        families=families,
        workers=args.workers,
        refresh=args.refresh_baseline,
    )
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    report(results)
    print(f"\n{len(results)} variants in {time.monotonic() - started:.0f}s with {args.workers} workers")


if __name__ == "__main__":
    main()
