"""How the benchmarks judge a project: an independent re-check, never the tool's own status, and
what a fixed copy kept of the project it came from (resource types, keyword arguments).

Shared by benchmarks/corpus.py and benchmarks/mutations.py.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import libcst as cst

from agent.core import aws_facts, sdk, sdk_history
from agent.core.classify import to_deploy_error
from agent.core.cst import parse
from agent.core.errors import DeployError
from agent.core.project import ProjectError
from agent.run import Checked, RunOptions, check
from benchmarks.sdk_history import argument_renames, class_renames

# The pipeline the corpus comes from names its stacks TapStack<suffix> ("TapStackdev"); names a
# program derives from the stack name carry that case, as they did when the cases were deployed.
STACK = "TapStackdev"
# The pipeline's environment: ENVIRONMENT_SUFFIX for the suffix, and PYTHONPATH at the project root
# (`export PYTHONPATH=$(pwd)`, the set-up its QA engineers record in MODEL_FAILURES.md), so that
# `main: lib/` programs importing `lib.x` run as they did when deployed.
PIPELINE_ENV = {"PYTHONPATH": ".", "ENVIRONMENT_SUFFIX": "dev"}
# Statuses by which the tool claims success ("fixed" with or without `review`).
SUCCESS = {"clean", "fixed"}


def pipeline_options(**overrides) -> RunOptions:
    return RunOptions(stack=STACK, environment=PIPELINE_ENV, **overrides)


def fresh_workspaces() -> Path:
    """A scratch REMEDIATE_WORKSPACES for this process, so parallel workers never share run dirs."""
    path = Path(tempfile.mkdtemp(prefix="remediate-bench-"))
    os.environ["REMEDIATE_WORKSPACES"] = str(path)
    return path


def deployed_tree(case: Path) -> Path:
    """The case's deployed/ project. A tree without its own Pulumi.yaml runs with the case's,
    from a scratch copy (the corpus is never written)."""
    tree = case / "deployed"
    if (tree / "Pulumi.yaml").is_file() or not (case / "Pulumi.yaml").is_file():
        return tree
    copy = Path(tempfile.mkdtemp(prefix="remediate-bench-tree-")) / "deployed"
    shutil.copytree(tree, copy)
    shutil.copy2(case / "Pulumi.yaml", copy / "Pulumi.yaml")
    return copy


def registered(resources: Iterable[dict]) -> list[dict]:
    """The resources a program registered itself: not the stack root, not default providers."""
    return [r for r in resources if r["type"] != "pulumi:pulumi:Stack" and not r["type"].startswith("pulumi:providers:")]


def provider_types(resources: Iterable[dict]) -> list[str]:
    """Type tokens of provider resources (aws:, random:, tls:...), one per resource: a multiset."""
    return sorted(r["type"] for r in resources if sdk.is_provider_package("pulumi_" + r["type"].split(":")[0]))


def recheck(project: Path) -> dict:
    """One `remediate check` of `project` in the pipeline's environment. `clean` means it ran
    clean AND registered at least one resource: a program that builds nothing is not a success."""
    try:
        return judged(check(project, pipeline_options()))
    except ProjectError as exc:
        return {"ok": False, "clean": False, "resources": 0, "types": [], "errors": [f"unusable: {exc}"], "found": []}


def judged(checked: Checked) -> dict:
    """What the benchmarks keep of a check (see recheck)."""
    result = checked.result
    own = registered(result.resources)
    return {
        "ok": result.ok,
        "clean": result.ok and bool(own),
        "resources": len(own),
        "types": provider_types(own),
        "lines": sorted({(r["file"], r["line"]) for r in own if r.get("file") and r.get("line")}),
        "errors": [f"[{e.kind.value}] {e.one_line}" for e in result.errors],
        "found": [error_facts(e) for e in result.errors],
        "supplied_secrets": checked.supplied_secrets,
    }


def error_facts(error: DeployError) -> dict:
    """What the benchmark keeps of an error: kind, first line, and the retired value it names, if any."""
    return {"kind": error.kind.value, "message": error.one_line, "retired": retired_value(error)}


# details key of a refused value -> the aws_facts kinds it may be ("Cannot find version" serves RDS and ElastiCache)
RETIRED_DETAILS = {
    "version": (aws_facts.ENGINE_VERSION, aws_facts.CACHE_ENGINE_VERSION),
    "runtime": (aws_facts.RUNTIME,),
    "instance_class": (aws_facts.INSTANCE_CLASS,),
    "node_type": (aws_facts.NODE_TYPE,),
}


def retired_value(error: DeployError) -> str | None:
    """ "engine_version postgres 15.3" when the error refuses a value that maintained data
    (aws_facts.retired) says AWS has retired since; None for any other error."""
    engine = error.details.get("engine")
    for key, kinds in RETIRED_DETAILS.items():
        value = error.details.get(key)
        if not isinstance(value, str):
            continue
        for kind in kinds:
            if aws_facts.retired(kind, value, engine=engine):
                return " ".join(part for part in (kind, engine, value) if part)
    return None


def type_retention(fixed: list[str], truth: list[str]) -> float | None:
    """Share of the ground truth's resource types (as a multiset) the fixed copy registers too."""
    if not truth:
        return None
    kept = Counter(fixed) & Counter(truth)
    return sum(kept.values()) / len(truth)


# ---- arguments --------------------------------------------------------------
RENAMED_IN_CHANGE = re.compile(r"\b(?P<old>\w+)=\s*->\s*(?P<new>\w+)=")


class _ConstructorArguments(cst.CSTVisitor):
    """(class name, keyword) of each keyword argument passed to a provider resource constructor."""

    def __init__(self, aliases: dict[str, str]) -> None:
        self.aliases = aliases
        self.found: Counter[tuple[str, str]] = Counter()

    def visit_Call(self, node: cst.Call) -> None:
        path = sdk.full_path(node.func, self.aliases)
        if path is None or not is_resource_path(path):
            return
        name = path.rsplit(".", 1)[-1]
        for arg in node.args:
            if arg.keyword is not None and arg.keyword.value != "opts":
                self.found[(name, arg.keyword.value)] += 1


def is_resource_path(path: str) -> bool:
    """A provider class that is a resource, or that no longer resolves but is named like one (an
    old class name a candidate wrote): CamelCase, not an Args/Result/enum type."""
    name = path.rsplit(".", 1)[-1]
    if not name[:1].isupper() or name.endswith(("Args", "Result", "ArgsDict")):
        return False
    cls = sdk.resolve(path)
    if cls is None:
        return True
    import pulumi

    return issubclass(cls, pulumi.CustomResource)


def constructor_arguments(root: Path) -> Counter[tuple[str, str]]:
    found: Counter[tuple[str, str]] = Counter()
    for path in sorted(root.rglob("*.py")):
        module = parse(path.read_text(errors="replace"))
        if module is None:
            continue
        visitor = _ConstructorArguments(sdk.provider_aliases(module))
        module.visit(visitor)
        found += visitor.found
    return found


def renamed(key: tuple[str, str], fixes: list[dict]) -> tuple[str, str]:
    """The (class, keyword) a candidate's argument goes by after known renames: the SDK history
    (class and argument renames), and renames a fix's own `change` text names (`old= -> new=`)."""
    cls, keyword = key
    cls = class_renames().get(cls, cls)
    keyword = argument_renames().get((cls, keyword), keyword)
    for fix in fixes:
        for found in RENAMED_IN_CHANGE.finditer(fix.get("change", "")):
            if found["old"] == keyword:
                keyword = found["new"]
    return cls, keyword


def argument_retention(candidate: Path, fixed: Path, fixes: list[dict]) -> float | None:
    """Share of the candidate's own keyword arguments (in resource constructor calls) still present
    in the fixed copy, a renamed one counted as kept; None when the candidate passes none."""
    before = constructor_arguments(candidate)
    if not before:
        return None
    after = constructor_arguments(fixed)
    mapped: Counter[tuple[str, str]] = Counter()
    for key, count in before.items():
        mapped[renamed(key, fixes)] += count
    kept = mapped & after
    return sum(kept.values()) / sum(before.values())


def older_sdk(message: str) -> str | None:
    """ "pulumi-aws 7 dropped Deployment.stage_name" when an error refuses an argument that an earlier
    major of the SDK had (config/sdk_history.json, generated from the SDKs): code written for the SDK
    the pipeline deployed with, not a false alarm. None for any other error."""
    error = to_deploy_error(message)
    owner, argument = error.details.get("cls"), error.details.get("argument")
    if not owner or not argument:
        return None
    change = next(
        (c for c in sdk_history.changes() if (c.owner, c.kind, c.old) == (owner, "argument", argument) and c.since_major),
        None,
    )
    return f"{change.package.replace('_', '-')} {change.since_major} dropped {owner}.{argument}" if change else None
