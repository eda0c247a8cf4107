"""RM018: a required input the code leaves out, filled with the value AWS documents as the usual one.

RM014 fills a required input only when the project makes its value evident. When it cannot, and
config/required_values.json names a documented usual value for that class and input
(`projection_type="ALL"` for a DynamoDB secondary index), or one of its rules does for an input of
that name on any class (a settings block's `enabled`, a rule's `from_port` copied from its
`to_port`), this fixer adds it.

Before:
    aws.dynamodb.TableGlobalSecondaryIndexArgs(name="by-customer", hash_key="customer")
After:
    aws.dynamodb.TableGlobalSecondaryIndexArgs(name="by-customer", hash_key="customer", projection_type="ALL")

Safety: unsafe. The value is a documented default, a guess at the author's intent: the report lists it for review.
"""

from __future__ import annotations

import libcst as cst

from agent.core import sdk
from agent.core.config import load_data
from agent.core.cst import KeywordAdded, keyword, keyword_arg, nodes_with_lines, parsed_or_skip
from agent.core.errors import DeployError, ErrorKind
from agent.core.fixes import Fix, FixContext, Fixer, Match, Safety, Skip, edit_file
from fixers._required import MissingInput

VALUES_FILE = "required_values.json"


def _by_rule(cls: type, name: str, call: cst.Call) -> dict | None:
    """The entry of the first rule of config/required_values.json for an input of this name (and SDK
    type, when the rule names one) on any class: a `value`, or the value the call gives `copy_of`."""
    for rule in load_data(VALUES_FILE).get("rules", []):
        if rule["input"] != name or (rule.get("type") and sdk.single_value_type(cls, name) != rule["type"]):
            continue
        if "value" in rule:
            return rule
        given = keyword(call, rule["copy_of"])
        if given is not None:
            return {**rule, "value": cst.Module([]).code_for_node(given.value)}
    return None


class RequiredValue(Fixer[MissingInput]):
    id = "RM018"
    name = "aws.required-usual-value"
    title = "Give a call the documented usual value of a required input it leaves out"
    kinds = frozenset({ErrorKind.MISSING_PROPERTY})
    safety = Safety.UNSAFE

    def match(self, error: DeployError, ctx: FixContext) -> Match[MissingInput] | None:
        if not (error.file and error.line and "property" in error.details):
            return None
        return Match(error, MissingInput(error.details["property"], error.details.get("cls")))

    def fix(self, match: Match[MissingInput], ctx: FixContext) -> Fix | Skip:
        name, path, line = match.found.name, match.error.file, match.error.line
        module = parsed_or_skip(ctx.project, path)
        if isinstance(module, Skip):
            return module
        aliases, values = sdk.import_aliases(module), load_data(VALUES_FILE)["values"]
        located = []
        for call, start, end in nodes_with_lines(module, cst.Call):
            cls = sdk.class_of(call.func, aliases) if start <= line <= end else None
            if cls is not None and keyword(call, name) is None and match.found.cls_name in (None, cls.__name__):
                located.append((end - start, call, cls))
        if not located:
            return Skip(f"no provider call lacking {name}= at {path}:{line}")
        _, call, cls = min(located, key=lambda item: item[0])  # the innermost call on the line
        entry = values.get(f"{sdk.public_name(cls)}.{name}") or _by_rule(cls, name, call)
        if entry is None:
            return Skip(f"{sdk.public_name(cls)} requires {name}= and no usual value is documented for it (config/{VALUES_FILE})")
        arg = keyword_arg(name, cst.parse_expression(entry["value"]))
        edit = edit_file(ctx.project, path, module.visit(KeywordAdded(call, arg)).code)
        if edit is None:
            return Skip(f"nothing to change at {path}:{line}")
        return Fix(
            edits=(edit,),
            change=f"{sdk.public_name(cls)}: {name}={entry['value']} added",
            why=f"{sdk.public_name(cls)} requires {name}=; {entry['why']}.",
            safety=Safety.UNSAFE,
            file=path,
            line=line,
        )
