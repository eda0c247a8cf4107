"""RM023: public access settings passed to an S3 bucket, which has no such inputs.

`block_public_acls=`, `block_public_policy=`, `ignore_public_acls=` and `restrict_public_buckets=`
(flat, or nested in one `public_access_block=`) belong to an `aws.s3.BucketPublicAccessBlock`.
Dropping them (RM001's fallback) would deploy the bucket without the protection its author asked
for, so they move into a block placed right after the bucket, unless one already points at it.

Before:
    bucket = aws.s3.Bucket("uploads", block_public_acls=True)
After:
    bucket = aws.s3.Bucket("uploads")
    bucket_public_access_block = aws.s3.BucketPublicAccessBlock("uploads-public-access-block", bucket=bucket.id, block_public_acls=True)

Safety: safe. The block applies the same settings to the same bucket.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

from agent.core import sdk
from agent.core.cst import dotted_name, keyword, keyword_arg, string_value
from agent.core.errors import DeployError, ErrorKind
from agent.core.fixes import Fix, FixContext, Fixer, Match, Safety, Skip
from fixers._companion import AfterOwner, assigned_name, class_name, companion_line, moved_argument, rewritten_files

SETTINGS = ("block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets")
NESTED = "public_access_block"  # the same settings as one argument: `public_access_block=...Args(...)` or a dict
BUCKETS = ("s3.Bucket", "s3.BucketV2")


def _settings(call: cst.Call) -> dict[str, cst.BaseExpression]:
    """The public access settings a bucket call passes, flat or nested in `public_access_block=`."""
    found = {a.keyword.value: a.value for a in call.args if a.keyword and a.keyword.value in SETTINGS}
    nested = keyword(call, NESTED)
    if nested is not None and isinstance(nested.value, cst.Call):
        found.update(_settings(nested.value))
    elif nested is not None and isinstance(nested.value, cst.Dict):
        for element in nested.value.elements:
            key = string_value(element.key) if isinstance(element, cst.DictElement) else None
            if key in SETTINGS:
                found[key] = element.value
    return found


@dataclass
class _Collect(cst.CSTVisitor):
    """Buckets assigned to a name that pass a public access setting, and the buckets a block already covers."""

    aliases: dict[str, str] = field(default_factory=dict)
    buckets: dict[str, dict[str, cst.BaseExpression]] = field(default_factory=dict)  # target -> settings
    blocked: set[str] = field(default_factory=set)

    def visit_Module(self, node: cst.Module) -> None:
        self.aliases = sdk.import_aliases(node)

    def visit_Assign(self, node: cst.Assign) -> None:
        call, target = node.value, assigned_name(node)
        if not isinstance(call, cst.Call) or target is None:
            return
        name = class_name(call, self.aliases)
        if name in BUCKETS and "." in (dotted_name(call.func) or ""):  # the block is spelled beside it
            settings = _settings(call)
            if settings:
                self.buckets[target] = settings

    def visit_Call(self, node: cst.Call) -> None:
        bucket = keyword(node, "bucket")
        if bucket is not None and class_name(node, self.aliases) == "s3.BucketPublicAccessBlock":
            self.blocked.add((dotted_name(bucket.value) or "").removesuffix(".id").removesuffix(".bucket"))


class _Move(AfterOwner[dict[str, cst.BaseExpression]]):
    def __init__(self, collected: _Collect):
        super().__init__(collected.buckets)
        self.blocked = collected.blocked

    def removed(self, found: dict[str, cst.BaseExpression]) -> set[str]:
        return {*SETTINGS, NESTED}

    def companion(self, line: cst.SimpleStatementLine, call: cst.Call, target: str, found: dict[str, cst.BaseExpression]):
        if target in self.blocked:
            return None
        args = [keyword_arg("bucket", cst.parse_expression(f"{target}.id")), *(keyword_arg(name, value) for name, value in found.items())]
        return companion_line(line, call, f"{target}_public_access_block", "BucketPublicAccessBlock", "-public-access-block", args)


class PublicAccessBlock(Fixer):
    id = "RM023"
    name = "s3.public-access-block"
    title = "Move public access settings passed to an S3 bucket into a BucketPublicAccessBlock"
    kinds = frozenset({ErrorKind.UNKNOWN_ARGUMENT})
    safety = Safety.SAFE
    docs = "https://www.pulumi.com/registry/packages/aws/api-docs/s3/bucketpublicaccessblock/"
    runs_before = frozenset({"RM001"})  # RM001 would drop the settings the companion resource keeps

    def match(self, error: DeployError, ctx: FixContext) -> Match | None:
        return moved_argument(error, ctx, (*SETTINGS, NESTED), BUCKETS)

    def fix(self, match: Match, ctx: FixContext) -> Fix | Skip:
        edits, added, covered = [], [], []
        for path, edit, collected in rewritten_files(ctx.project, (*SETTINGS, NESTED), _Collect, lambda c: c.buckets, _Move):
            edits.append(edit)
            added += [f"{path}: {t}_public_access_block" for t in collected.buckets if t not in collected.blocked]
            covered += [f"{path}: {t}" for t in collected.buckets if t in collected.blocked]
        if not edits:
            return Skip("no s3.Bucket assigned to a name passes public access settings")
        parts = [f"new BucketPublicAccessBlock resource(s) {', '.join(added)}"] if added else []
        if covered:
            parts.append(f"settings dropped from {', '.join(covered)}, which a BucketPublicAccessBlock already covers")
        return Fix(
            edits=tuple(edits),
            change="s3.Bucket public access settings: " + "; ".join(parts),
            why="An S3 bucket has no public access inputs: aws.s3.BucketPublicAccessBlock carries them, so the bucket "
            "keeps the protection its author asked for "
            "(https://www.pulumi.com/registry/packages/aws/api-docs/s3/bucketpublicaccessblock/).",
            safety=Safety.SAFE,
            file=match.error.file,
            line=match.error.line,
        )
