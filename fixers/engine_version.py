"""RM003: an RDS or ElastiCache engine version AWS no longer offers ("Cannot find version 15.3 for aurora-postgresql").

AWS retires minor versions; a minor of the same major keeps the author's intent (same features,
same parameter group family). The nearest offered one replaces the old version wherever the project
pins it: Python string literals and stack config values. Which versions are offered is cfn-lint's
data (agent.core.aws_facts); an ElastiCache engine (redis, valkey, memcached) is judged by its own list.

Before:
    aws.rds.Cluster("orders", engine="aurora-postgresql", engine_version="15.3")
After:
    aws.rds.Cluster("orders", engine="aurora-postgresql", engine_version="15.8")

Safety: safe. The major stays; with no offered version of it, the fix is a Skip.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from agent.core.aws_facts import major_of, nearest_among, nearest_cache_version, nearest_version, offered_cache_versions
from agent.core.errors import DeployError, ErrorKind
from agent.core.fixes import Fix, FixContext, Fixer, FixResult, Match, Safety, Skip
from fixers._retired import replace_everywhere


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
        if offered_cache_versions(engine):  # ElastiCache (redis, valkey, memcached) answers in the same words
            new = nearest_cache_version(engine, version)
        else:
            new = lookup_for(ctx.engine)(engine, version, ctx.region)
        if new is None:
            major = major_of(engine, version)
            return Skip(f"no {engine} {major} version is offered in {ctx.region}; changing the major is a human's call")
        if new == version:
            return Skip(f"{engine} {version} is offered in {ctx.region}; nothing to replace")
        edits = replace_everywhere(ctx, version, new)
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
