"""RM005: an RDS identifier, DB subnet/parameter group name or S3 bucket name with capitals.

AWS stores these names lowercased anyway (RDS) or refuses capitals (S3), so lowercasing the value
at its source names the resource the author meant. An unnamed resource whose physical name
pulumi-aws derives from its logical name, case kept (rds.SubnetGroup), gets its logical name
lowercased instead. The rules are the ones the local engine enforces: config/rules/naming_rules.json.

An f-string whose refused value (quoted in the error) has its capitals only in the typed text gets
that text lowercased, the name meant exactly; otherwise the whole value is lowercased.

Before:
    aws.rds.Cluster("orders", cluster_identifier="Orders-DB")
    aws.rds.SubnetGroup("db-subnets", name=PREFIX + "-Db")
After:
    aws.rds.Cluster("orders", cluster_identifier="orders-db")
    aws.rds.SubnetGroup("db-subnets", name=(PREFIX + "-Db").lower())

Safety: safe. The name is the author's, in the case AWS keeps; a name still invalid in lowercase is left to a human.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from agent.core.aws_facts import naming_rules
from agent.core.cst import dotted_name, keyword, parse, string_value, with_string_value
from agent.core.errors import DeployError, ErrorKind
from agent.core.fixes import Fix, FixContext, Fixer, FixResult, Match, Safety, Skip, edit_file

# Expressions `.lower()` can follow without parentheses.
ATOMS = (cst.Name, cst.Attribute, cst.Call, cst.Subscript, cst.SimpleString, cst.FormattedString)


@dataclass(frozen=True)
class Site:
    """One resource call setting the name property."""

    path: str
    start: tuple[int, int]  # line, column of the call
    end_line: int
    resource_name: str | None
    value: cst.BaseExpression
    index: int  # which argument of the call holds the value


@dataclass(frozen=True)
class NamingRule:
    """The rule a name broke, and the resource types it is about."""

    types: frozenset[str]  # type tokens: aws:rds/cluster:Cluster
    prop: str  # the keyword naming the resource: cluster_identifier
    pattern: str  # a valid name matches it
    autonamed: bool  # unnamed, the resource is named after its logical name, case kept


def rules_for(error: DeployError) -> dict[str, dict[str, Any]]:
    """The naming rules (by type token) the error is about: its resource type's, else those whose text it quotes."""
    rules = naming_rules()
    if error.resource_type in rules:
        return {error.resource_type: rules[error.resource_type]}
    quoted = error.details.get("rule")
    return {token: rule for token, rule in rules.items() if rule["message"].format(property=rule["property"]) == quoted}


def constructs(call: cst.Call, type_token: str) -> bool:
    """Whether the call builds that type: aws.rds.Cluster or an imported Cluster, not aws.ecs.Cluster."""
    name = dotted_name(call.func)
    if name is None:
        return False
    module, cls = type_token.split(":")[1].split("/")[0], type_token.split(":")[2]
    parts = name.split(".")
    return parts[-1] == cls and (len(parts) == 1 or parts[-2] == module)


def lowered(value: cst.BaseExpression, pattern: str, rendered: str | None = None) -> cst.BaseExpression | Skip | None:
    """The lowercased expression; None when it is lowercase already, Skip when lowercase is not enough.
    `rendered`: the value AWS refused, when the error names it."""
    text = string_value(value)
    if text is not None:
        if text == text.lower():
            return None
        if not re.match(pattern, text.lower()):
            return Skip(f"{text!r} stays invalid when lowercased; renaming it is a human's call")
        first = value if isinstance(value, cst.SimpleString) else value.left
        while isinstance(first, cst.ConcatenatedString):
            first = first.left
        return with_string_value(first, text.lower()).with_changes(lpar=value.lpar, rpar=value.rpar)
    if isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute) and value.func.attr.value == "lower":
        return None
    if isinstance(value, cst.FormattedString) and _typed_capitals_only(value, rendered):
        if not any(_has_capitals(part) for part in value.parts):
            return None  # lowercased since the error was raised
        return value.with_changes(
            parts=[part.with_changes(value=part.value.lower()) if _has_capitals(part) else part for part in value.parts]
        )
    if not isinstance(value, ATOMS) and not value.lpar:
        value = value.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
    return cst.Call(func=cst.Attribute(value=value, attr=cst.Name("lower")))


def _refused_value(error: DeployError) -> str | None:
    """The name AWS refused, when the error quotes it: `creating S3 Bucket (Shop-Logs-ci): ...`."""
    found = re.search(r"creating [\w ]+ \(([^)]+)\)", error.message)
    return found.group(1) if found else None


def _has_capitals(part: cst.BaseFormattedStringContent) -> bool:
    return isinstance(part, cst.FormattedStringText) and part.value != part.value.lower()


def _typed_capitals_only(value: cst.FormattedString, rendered: str | None) -> bool:
    """Whether the refused value is this f-string's, with all its capitals in the typed text (the
    interpolated values lowercase), so lowercasing that text gives the name meant. False when the
    error does not quote the value: then the whole value is lowercased."""
    if rendered is None:
        return False
    shape = "".join(re.escape(part.value) if isinstance(part, cst.FormattedStringText) else "(.*)" for part in value.parts)
    found = re.fullmatch(shape, rendered, re.IGNORECASE)
    return found is not None and all(group == group.lower() for group in found.groups())


class _Sites(cst.CSTVisitor):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, path: str, types: frozenset[str], prop: str, autonamed: bool) -> None:
        self.path, self.types, self.prop, self.autonamed = path, types, prop, autonamed
        self.found: list[Site] = []

    def visit_Call(self, node: cst.Call) -> None:
        if not any(constructs(node, token) for token in self.types):
            return
        name_arg = keyword(node, "resource_name") or next((a for a in node.args if a.keyword is None), None)
        # Unnamed, an autonamed resource takes its physical name from the logical one, case kept.
        arg = keyword(node, self.prop) or (name_arg if self.autonamed else None)
        if arg is None:
            return
        pos = self.get_metadata(PositionProvider, node)
        name = string_value(name_arg.value) if name_arg else None
        index = [id(a) for a in node.args].index(id(arg))
        self.found.append(Site(self.path, (pos.start.line, pos.start.column), pos.end.line, name, arg.value, index))


class _Lower(cst.CSTTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, changes: dict[tuple[int, int], tuple[int, cst.BaseExpression]]) -> None:
        self.changes = changes

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.Call:
        pos = self.get_metadata(PositionProvider, original).start
        change = self.changes.get((pos.line, pos.column))
        if change is None:
            return updated
        index, new = change
        args = [a.with_changes(value=new) if i == index else a for i, a in enumerate(updated.args)]
        return updated.with_changes(args=args)


def find_sites(ctx: FixContext, error: DeployError, types: frozenset[str], prop: str, autonamed: bool) -> list[Site]:
    """The calls the error points at: the innermost at error.file:line, else the ones named like the resource."""
    paths = [error.file] if error.file in set(ctx.project.python_files()) else list(ctx.project.python_files())
    sites: list[Site] = []
    for path in paths:
        module = parse(ctx.project.read(path))
        if module is not None:
            visitor = _Sites(path, types, prop, autonamed)
            MetadataWrapper(module).visit(visitor)
            sites += visitor.found
    at_line = [s for s in sites if error.line and s.start[0] <= error.line <= s.end_line]
    if at_line:
        return [max(at_line, key=lambda s: s.start)]
    named = [s for s in sites if error.resource_name and s.resource_name == error.resource_name]
    return named or sites


class LowercaseNameFixer(Fixer[NamingRule]):
    id = "RM005"
    name = "aws.lowercase-name"
    title = "Lowercase an RDS identifier, DB group name or S3 bucket name at its source"
    kinds = frozenset({ErrorKind.INVALID_NAME})
    safety = Safety.SAFE

    def match(self, error: DeployError, ctx: FixContext) -> Match[NamingRule] | None:
        if error.kind not in self.kinds:
            return None
        rules = rules_for(error)
        if not rules:
            return None
        rule = next(iter(rules.values()))
        return Match(error, NamingRule(frozenset(rules), rule["property"], rule["pattern"], rule.get("autoname") == "as-is"))

    def fix(self, match: Match[NamingRule], ctx: FixContext) -> FixResult:
        rule = match.found
        prop, autonamed = rule.prop, rule.autonamed
        changes: dict[str, dict[tuple[int, int], tuple[int, cst.BaseExpression]]] = {}
        for site in find_sites(ctx, match.error, rule.types, prop, autonamed):
            new = lowered(site.value, rule.pattern, _refused_value(match.error))
            if isinstance(new, Skip):
                return new
            if new is not None:
                changes.setdefault(site.path, {})[site.start] = (site.index, new)
        edits = []
        for path, by_start in changes.items():
            module = MetadataWrapper(parse(ctx.project.read(path)))
            edit = edit_file(ctx.project, path, module.visit(_Lower(by_start)).code)
            if edit is not None:
                edits.append(edit)
        types = ", ".join(sorted(rule.types))
        if not edits:
            return Skip(f"no {prop}= value (or, unnamed, logical name) left to lowercase for {types}")
        first_path = edits[0].path
        return Fix(
            edits=tuple(edits),
            change=f"lowercased {prop}= of {types}" + (" (or the logical name it is derived from)" if autonamed else ""),
            why=f"AWS accepts only lowercase {prop} values for {types}; lowercasing keeps the name the "
            f"author chose (RDS stores its identifiers lowercased anyway).",
            safety=Safety.SAFE,
            file=first_path,
            line=min(changes[first_path])[0],
        )
