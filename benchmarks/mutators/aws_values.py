"""Values AWS refuses although the SDK takes them, drawn from the same facts the engine enforces.

reserved_username:      a master user name the engine reserves (agent.core.aws_facts), preferring one
                        whose documented substitute is the name it replaces.
retired_engine_version: an engine version just below the oldest one offered for its major, which
                        aws_facts.retired calls retired.
uppercase_bucket_name:  the literal text of an S3 bucket's `bucket=` name in upper case.
"""

from __future__ import annotations

import re

import libcst as cst

from agent.core import aws_facts
from benchmarks.mutators._base import Files, Mutation, Sites, keyword_value, literal, python_files, string_literal

USERNAME_KEYWORDS = ("master_username", "username")
BUCKET_CLASSES = ("pulumi_aws.s3.Bucket", "pulumi_aws.s3.BucketV2")


# An Aurora cluster member runs its cluster's version: CreateDBInstance's EngineVersion is "Amazon
# Aurora: Not applicable. The version number of the database engine to be used by the DB instance is
# managed by the DB cluster." (RDS API reference); a retired value there breaks nothing.
VERSION_FROM_CLUSTER = ("pulumi_aws.rds.ClusterInstance",)


def _engine_calls(files: Files, family: str):
    """(sites, call, engine) for each call passing a literal engine= the facts cover."""
    for path, module in python_files(files):
        sites = Sites(family, path, module)
        for call in sites.nodes(cst.Call):
            engine = literal(keyword_value(call, "engine"))
            if isinstance(engine, str) and (sites.class_path(call) or "").startswith("pulumi_aws.rds."):
                yield sites, call, engine


def reserved_username(files: Files) -> list[Mutation]:
    found = []
    for sites, call, engine in _engine_calls(files, "reserved_username"):
        reserved = sorted(
            aws_facts.reserved_usernames(engine), key=lambda name: (not name.isidentifier(), name)
        )  # "rdsadmin" before "mysql.sys"
        for arg in call.args:
            name = literal(arg.value)
            if arg.keyword is None or arg.keyword.value not in USERNAME_KEYWORDS or not isinstance(name, str) or not reserved:
                continue
            if aws_facts.is_reserved_username(engine, name):
                continue
            undone = [r for r in reserved if aws_facts.username_substitute(r) == name]
            found.append(sites.replaced(arg.value, string_literal((undone or reserved)[0])))
    return found


def _older(version: str) -> str | None:
    """The version with its last number one lower, its width kept (3.05.2 -> 3.05.1); None below 0."""
    numbers = list(re.finditer(r"\d+", version))
    last = numbers[-1]
    lower = int(last.group()) - 1
    if lower < 0:
        return None
    return version[: last.start()] + str(lower).zfill(len(last.group())) + version[last.end() :]


def retired_below(engine: str, version: str, region: str = "us-east-1") -> str | None:
    """A version of `version`'s major below the oldest offered one, which the facts call retired."""
    major = aws_facts.major_of(engine, version)
    same = [v for v in aws_facts.offered_versions(engine, region) if aws_facts.major_of(engine, v) == major]
    candidate = _older(same[0]) if same else None
    while candidate is not None and not aws_facts.retired(aws_facts.ENGINE_VERSION, candidate, engine=engine):
        candidate = _older(candidate)
    return candidate


def retired_engine_version(files: Files) -> list[Mutation]:
    found = []
    for sites, call, engine in _engine_calls(files, "retired_engine_version"):
        if sites.class_path(call) in VERSION_FROM_CLUSTER:
            continue
        node = keyword_value(call, "engine_version")
        version = literal(node)
        old = retired_below(engine, version) if isinstance(version, str) else None
        if old is not None:
            found.append(sites.replaced(node, string_literal(old)))
    return found


def _upper(node: cst.BaseExpression) -> cst.BaseExpression | None:
    if isinstance(node, cst.SimpleString) and node.evaluated_value != node.evaluated_value.upper():
        return string_literal(node.evaluated_value.upper())
    if isinstance(node, cst.FormattedString):
        parts = [p.with_changes(value=p.value.upper()) if isinstance(p, cst.FormattedStringText) else p for p in node.parts]
        changed = node.with_changes(parts=parts)
        return changed if not changed.deep_equals(node) else None
    return None


def uppercase_bucket_name(files: Files) -> list[Mutation]:
    found = []
    for path, module in python_files(files):
        sites = Sites("uppercase_bucket_name", path, module)
        for call in sites.nodes(cst.Call):
            node = keyword_value(call, "bucket") if sites.class_path(call) in BUCKET_CLASSES else None
            upper = _upper(node) if node is not None else None
            if upper is not None:
                found.append(sites.replaced(node, upper))
    return found
