"""RM021: the program reads the account id from an `aws:` config key the provider does not define.

`pulumi.Config("aws").require("account_id")` fails on every fresh stack: the AWS provider has no
such setting, and a value typed into stack config goes stale when the stack moves account. The
provider's own data source returns it for the account the stack deploys to, so the read becomes
`aws.get_caller_identity().account_id` (table: config/provider_facts.json).
"""

from __future__ import annotations

from typing import Optional

import libcst as cst

from agent import sdk
from agent.config import load_data
from agent.cst import dotted_name, parsed_or_skip, string_value
from agent.errors import DeployError, ErrorKind
from agent.fixes import Fix, FixContext, Fixer, Match, Safety, Skip, edit_file
from fixers._pulumi import with_import

FACTS_FILE = "provider_facts.json"
READS = {"require", "get", "require_secret", "get_secret"}


def _fact(key: str) -> Optional[dict]:
    return next((fact for fact in load_data(FACTS_FILE)["facts"] if key in fact["keys"]), None)


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
    def __init__(self, key: str, expression: str, names: set[str]):
        self.key, self.expression, self.names = key, expression, names
        self.replaced = 0

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        func = updated_node.func
        if not (isinstance(func, cst.Attribute) and func.attr.value in READS and _is_aws_config(func.value, self.names)):
            return updated_node
        if not updated_node.args or string_value(updated_node.args[0].value) != self.key:
            return updated_node
        self.replaced += 1
        return cst.parse_expression(self.expression)


class ProviderFact(Fixer):
    id = "RM021"
    name = "aws.provider-fact"
    title = "Read the account id from the provider, not from an aws: config key it does not define"
    kinds = frozenset({ErrorKind.MISSING_CONFIG})
    safety = Safety.SAFE

    def match(self, error: DeployError, ctx: FixContext) -> Optional[Match]:
        namespace, _, key = (error.details.get("key") or "").rpartition(":")
        fact = _fact(key) if namespace == "aws" else None
        return None if fact is None else Match(error, {"key": key, "fact": fact}, confidence=2.0)

    def fix(self, match: Match, ctx: FixContext) -> Fix | Skip:
        key, fact = match.data["key"], match.data["fact"]
        edits, replaced = [], 0
        for path in ctx.project.python_files():
            if key not in ctx.project.read(path):
                continue
            module = parsed_or_skip(ctx.project, path)
            if isinstance(module, Skip):
                continue
            aws = next((local for local, full in sdk.import_aliases(module).items() if full == sdk.PACKAGE), None)
            names = _AwsConfigNames()
            module.visit(names)
            replace = _Replace(key, f"{aws or sdk.PACKAGE}.{fact['expression']}", names.names)
            after = module.visit(replace)
            if aws is None and replace.replaced:
                after = with_import(after, sdk.PACKAGE)
            edit = edit_file(ctx.project, path, after.code)
            if edit is not None:
                edits.append(edit)
                replaced += replace.replaced
        if not edits:
            return Skip(f"no read of aws:{key} from pulumi.Config(\"aws\") in the project")
        return Fix(
            edits=tuple(edits),
            change=f"aws:{key} config read -> aws.{fact['expression']} ({replaced} read{'s' if replaced != 1 else ''})",
            why=f"The AWS provider defines no '{key}' setting, so a fresh stack never has it; the provider's data source "
            f"returns the value for the account the stack deploys to (source: {fact['source']}).",
            safety=Safety.SAFE,
            file=match.error.file,
            line=match.error.line,
        )
