"""RM021: the program reads the account id from an `aws:` config key the provider does not define.

`pulumi.Config("aws").require("account_id")` fails on every fresh stack: the AWS provider has no
such setting, and a value typed into stack config goes stale when the stack moves account. The
provider's data source returns it for the account the stack deploys to (config/provider_facts.json).
A call of a function pulumi never had for it (`pulumi.get_account()`) becomes the same expression.

Before:
    account_id = pulumi.Config("aws").require("account_id")
After:
    account_id = aws.get_caller_identity().account_id

Safety: safe. The provider computes the value the key was meant to hold, for the account deployed to.
"""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from agent.core import sdk
from agent.core.config import load_data
from agent.core.cst import dotted_name, parsed_or_skip, string_value
from agent.core.errors import DeployError, ErrorKind
from agent.core.fixes import Fix, FixContext, Fixer, Match, Safety, Skip, edit_file
from fixers._pulumi import with_import

FACTS_FILE = "provider_facts.json"
READS = {"require", "get", "require_secret", "get_secret"}


def _fact(key: str, field: str = "keys") -> dict | None:
    return next((fact for fact in load_data(FACTS_FILE)["facts"] if key in fact.get(field, ())), None)


def _is_aws_config(node: cst.BaseExpression, names: set[str]) -> bool:
    """`pulumi.Config("aws")` (however `Config` is spelled), or a name bound to one."""
    if isinstance(node, cst.Name) and node.value in names:
        return True
    return (
        isinstance(node, cst.Call)
        and (dotted_name(node.func) or "").split(".")[-1] == "Config"
        and len(node.args) == 1
        and string_value(node.args[0].value) == "aws"
    )


class _AwsConfigNames(cst.CSTVisitor):
    def __init__(self) -> None:
        self.names: set[str] = set()

    def visit_Assign(self, node: cst.Assign) -> None:
        if _is_aws_config(node.value, set()):
            self.names.update(t.target.value for t in node.targets if isinstance(t.target, cst.Name))


class _Replace(cst.CSTTransformer):
    """Each read of `aws:<key>` from the AWS config, or each call of `pulumi.<key>()` when `call` -> the expression."""

    def __init__(self, key: str, expression: str, names: set[str], aliases: dict[str, str], call: bool):
        self.key, self.expression, self.names, self.aliases, self.call = key, expression, names, aliases, call
        self.replaced = 0

    def _is_read(self, node: cst.Call) -> bool:
        if self.call:
            return sdk.full_path(node.func, self.aliases) == f"pulumi.{self.key}"
        func = node.func
        if not (isinstance(func, cst.Attribute) and func.attr.value in READS and _is_aws_config(func.value, self.names)):
            return False
        return bool(node.args) and string_value(node.args[0].value) == self.key

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        if not self._is_read(updated_node):
            return updated_node
        self.replaced += 1
        return cst.parse_expression(self.expression)


@dataclass(frozen=True)
class ComputedFact:
    key: str  # the aws: config key read, or the pulumi function called
    call: bool  # a `pulumi.<key>()` call rather than a config read
    expression: str  # what pulumi_aws computes it with: "get_caller_identity().account_id"
    source: str  # where that is documented


class ProviderFact(Fixer[ComputedFact]):
    id = "RM021"
    name = "aws.provider-fact"
    title = "Read the account id from the provider, not from an aws: config key it does not define"
    kinds = frozenset({ErrorKind.MISSING_CONFIG, ErrorKind.MISSING_SDK_MEMBER})
    safety = Safety.SAFE
    runs_before = frozenset({"RM009", "RM010"})  # a fact the provider computes is no config value to set, nor a member to rename

    def match(self, error: DeployError, ctx: FixContext) -> Match[ComputedFact] | None:
        call = error.kind is ErrorKind.MISSING_SDK_MEMBER
        if call:
            key = error.details.get("member", "")
            fact = _fact(key, "calls") if error.details.get("module") == "pulumi" else None
        else:
            namespace, _, key = (error.details.get("key") or "").rpartition(":")
            fact = _fact(key) if namespace == "aws" else None
        return None if fact is None else Match(error, ComputedFact(key, call, fact["expression"], fact["source"]))

    def fix(self, match: Match[ComputedFact], ctx: FixContext) -> Fix | Skip:
        key, call, expression = match.found.key, match.found.call, match.found.expression
        what = f"pulumi.{key}()" if call else f"aws:{key} config read"
        edits, replaced = [], 0
        for path in ctx.project.python_files():
            if key not in ctx.project.read(path):
                continue
            module = parsed_or_skip(ctx.project, path)
            if isinstance(module, Skip):
                continue
            aliases = sdk.imported_names(module)
            aws = next((local for local, full in aliases.items() if full == sdk.PACKAGE), None)
            names = _AwsConfigNames()
            module.visit(names)
            replace = _Replace(key, f"{aws or sdk.PACKAGE}.{expression}", names.names, aliases, call)
            after = module.visit(replace)
            if aws is None and replace.replaced:
                after = with_import(after, sdk.PACKAGE)
            edit = edit_file(ctx.project, path, after.code)
            if edit is not None:
                edits.append(edit)
                replaced += replace.replaced
        if not edits:
            return Skip(f"no {what} in the project" if call else f'no read of aws:{key} from pulumi.Config("aws") in the project')
        reason = (
            f"pulumi has no {key}() function" if call else f"The AWS provider defines no '{key}' setting, so a fresh stack never has it"
        )
        return Fix(
            edits=tuple(edits),
            change=f"{what} -> aws.{expression} ({replaced} use{'s' if replaced != 1 else ''})",
            why=f"{reason}; the provider's data source "
            f"returns the value for the account the stack deploys to (source: {match.found.source}).",
            safety=Safety.SAFE,
            file=match.error.file,
            line=match.error.line,
        )
