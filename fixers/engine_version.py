"""RM003: an RDS engine version AWS no longer offers ("Cannot find version 15.3 for aurora-postgresql").

AWS retires minor versions; a minor of the same major keeps the author's intent (same features,
same parameter group family). The nearest offered one replaces the old version wherever the project
pins it: Python string literals and stack config values.

Before:
    aws.rds.Cluster("orders", engine="aurora-postgresql", engine_version="15.3")
After:
    aws.rds.Cluster("orders", engine="aurora-postgresql", engine_version="15.8")

Safety: safe. The major stays; with no offered version of it, the fix is a Skip.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import libcst as cst
import yaml

from agent.core.aws_facts import major_of, nearest_among, nearest_version
from agent.core.cst import rewrite_all, string_value, with_string_value
from agent.core.errors import DeployError, ErrorKind
from agent.core.fixes import Edit, Fix, FixContext, Fixer, FixResult, Match, Safety, Skip, edit_file


def nearest_offered_by_aws(engine: str, version: str, region: str) -> str | None:
    """Ask RDS in the stack's region which versions it offers now (the real engine's lookup)."""
    import boto3

    pages = boto3.client("rds", region_name=region).get_paginator("describe_db_engine_versions").paginate(Engine=engine)
    offered = [item["EngineVersion"] for page in pages for item in page["DBEngineVersions"]]
    return nearest_among(engine, version, offered)


# engine name -> how to find the nearest offered version (engine, version, region): the bundled
# catalog on the local engine, RDS itself when the run deploys to a real cloud.
VERSION_LOOKUPS: dict[str, Callable[[str, str, str], str | None]] = {
    "local": nearest_version,
    "pulumi": nearest_offered_by_aws,
}


def lookup_for(engine: str) -> Callable[[str, str, str], str | None]:
    return VERSION_LOOKUPS.get(engine, nearest_version)


class _ReplaceLiteral(cst.CSTTransformer):
    def __init__(self, old: str, new: str) -> None:
        self.old, self.new = old, new

    def leave_SimpleString(self, original: cst.SimpleString, updated: cst.SimpleString) -> cst.SimpleString:
        return with_string_value(updated, self.new) if string_value(updated) == self.old else updated


def replace_in_stack_configs(ctx: FixContext, old: str, new: str) -> list[Edit]:
    """Config values equal to `old` in every Pulumi.<stack>.yaml, edited line by line to keep comments."""
    value = re.compile(rf"^(\s*[^\s#][^#]*?:\s+)(['\"]?){re.escape(old)}\2(\s*(?:#.*)?)$")
    # 15.10 unquoted would read back as the float 15.1: quote a new value YAML would not keep a string
    bare_quote = "" if str(yaml.safe_load(new)) == new else '"'

    def replaced(found: re.Match[str]) -> str:
        quote = found[2] or bare_quote
        return f"{found[1]}{quote}{new}{quote}{found[3]}"

    edits = []
    for path in sorted(ctx.project.root.glob("Pulumi.*.yaml")):
        lines = [value.sub(replaced, line) for line in path.read_text().split("\n")]
        edit = edit_file(ctx.project, path.name, "\n".join(lines))
        if edit is not None:
            edits.append(edit)
    return edits


@dataclass(frozen=True)
class RetiredVersion:
    engine: str  # aurora-postgresql
    version: str  # 15.3


class EngineVersionFixer(Fixer[RetiredVersion]):
    id = "RM003"
    name = "aws.engine-version"
    title = "Replace a retired RDS engine version with the nearest offered one"
    kinds = frozenset({ErrorKind.ENGINE_VERSION})
    safety = Safety.SAFE

    def match(self, error: DeployError, ctx: FixContext) -> Match[RetiredVersion] | None:
        if error.kind not in self.kinds or not {"version", "engine"} <= error.details.keys():
            return None
        return Match(error, RetiredVersion(error.details["engine"], error.details["version"]))

    def fix(self, match: Match[RetiredVersion], ctx: FixContext) -> FixResult:
        engine, version = match.found.engine, match.found.version
        new = lookup_for(ctx.engine)(engine, version, ctx.region)
        if new is None:
            major = major_of(engine, version)
            return Skip(f"no {engine} {major} version is offered in {ctx.region}; changing the major is a human's call")
        if new == version:
            return Skip(f"{engine} {version} is offered in {ctx.region}; nothing to replace")
        edits = rewrite_all(ctx.project, lambda: _ReplaceLiteral(version, new))
        edits += replace_in_stack_configs(ctx, version, new)
        if not edits:
            return Skip(f"engine version {version} is not pinned in the project's sources or stack config")
        return Fix(
            edits=tuple(edits),
            change=f"engine version {version} -> {new} ({engine})",
            why=f"AWS no longer offers {engine} {version} in {ctx.region}; {new} is the nearest offered "
            f"version of the same major, so features and parameter group family stay the same.",
            safety=Safety.SAFE,
            file=match.error.file or edits[0].path,
            line=match.error.line,
        )
