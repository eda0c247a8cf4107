"""RM019: a service refuses the special characters a RandomPassword drew for it.

pulumi_random draws specials from `!@#$%&*()-_=+[]{}<>:?` unless told otherwise, and some services
refuse some of them: a Redis AUTH token takes only `!&#$^<>-`, an RDS master password no `@`.
The refusal is intermittent on AWS (it depends on the draw) and certain here. The RandomPassword
feeding that input draws from the characters the service accepts (config/password_alphabets.json).

Before:
    token = random.RandomPassword("token", length=32)
    aws.elasticache.ReplicationGroup("sessions", auth_token=token.result, ...)
After:
    token = random.RandomPassword("token", length=32, override_special="!&#$^<>-")

Safety: safe. Still a random password of the same length, one the service takes every time.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import libcst as cst

from agent.core import sdk
from agent.core.config import load_data
from agent.core.cst import keyword, keyword_arg, nodes_with_lines, parse, parsed_or_skip, string_value, with_keyword_added
from agent.core.errors import DeployError, ErrorKind
from agent.core.fixes import Fix, FixContext, Fixer, Match, Safety, Skip, edit_file

ALPHABETS_FILE = "password_alphabets.json"
RANDOM_PASSWORD = "pulumi_random.RandomPassword"


def _fed_receiver(module: cst.Module, line: int, inputs: tuple[str, ...]) -> str | None:
    """`self.token` when the innermost call at `line` passing one of `inputs` passes `self.token.result`."""
    calls = [(end - start, call) for call, start, end in nodes_with_lines(module, cst.Call) if start <= line <= end]
    for _, call in sorted(calls, key=lambda item: item[0]):
        arg = next((keyword(call, name) for name in inputs if keyword(call, name) is not None), None)
        if arg is not None:
            value = arg.value
            if isinstance(value, cst.Attribute) and value.attr.value == "result":
                return cst.Module([]).code_for_node(value.value)
            return None
    return None


class _PasswordCalls(cst.CSTVisitor):
    """RandomPassword calls assigned to a name or attribute called like the receiver's last part:
    `self.db_password = RandomPassword(...)` for `secrets.db_password`."""

    def __init__(self, receiver: str, aliases: dict[str, str]) -> None:
        self.receiver, self.aliases = receiver, aliases
        self.found: list[cst.Call] = []

    def visit_Assign(self, node: cst.Assign) -> None:
        value = node.value
        if len(node.targets) != 1 or not isinstance(value, cst.Call):
            return
        cls = sdk.class_of(value.func, self.aliases)
        target = cst.Module([]).code_for_node(node.targets[0].target)
        same_name = target.split(".")[-1] == self.receiver.split(".")[-1]
        if cls is not None and f"{cls.__module__.split('.')[0]}.{cls.__name__}" == RANDOM_PASSWORD and same_name:
            self.found.append(value)


class _WithSpecials(cst.CSTTransformer):
    def __init__(self, call: cst.Call, specials: str) -> None:
        self.call, self.specials = call, specials

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        if original_node is not self.call:
            return updated_node
        value = cst.SimpleString(json.dumps(self.specials))
        existing = keyword(updated_node, "override_special")
        if existing is not None:
            return updated_node.with_changes(args=[a.with_changes(value=value) if a is existing else a for a in updated_node.args])
        arg = keyword_arg("override_special", value)
        return updated_node.with_changes(args=with_keyword_added(updated_node.args, arg))


@dataclass(frozen=True)
class Refusal:
    """A service's refusal of a password's specials, from config/password_alphabets.json."""

    parameter: str  # the API parameter the refusal names: AuthToken, MasterUserPassword
    inputs: tuple[str, ...]  # the resource inputs that set it
    specials: str  # the special characters the service accepts
    source: str


def refusal_of(parameter: str) -> Refusal | None:
    for refusal in load_data(ALPHABETS_FILE)["refusals"]:
        if refusal["parameter"] == parameter:
            return Refusal(parameter, tuple(refusal["inputs"]), refusal["specials"], refusal["source"])
    return None


class PasswordAlphabet(Fixer[Refusal]):
    id = "RM019"
    name = "random.password-alphabet"
    title = "Draw a RandomPassword from the special characters the service accepts"
    kinds = frozenset({ErrorKind.CLOUD, ErrorKind.INVALID_VALUE})
    safety = Safety.SAFE

    def match(self, error: DeployError, ctx: FixContext) -> Match[Refusal] | None:
        if error.kind not in self.kinds or not (error.file and error.line):
            return None
        refusal = refusal_of(error.details.get("password_parameter", ""))
        return Match(error, refusal) if refusal else None

    def fix(self, match: Match[Refusal], ctx: FixContext) -> Fix | Skip:
        refusal, path, line = match.found, match.error.file, match.error.line
        module = parsed_or_skip(ctx.project, path)
        if isinstance(module, Skip):
            return module
        fed = "/".join(f"{name}=" for name in refusal.inputs)
        receiver = _fed_receiver(module, line, refusal.inputs)
        if receiver is None:
            return Skip(f"{fed} at {path}:{line} is not the .result of a RandomPassword")
        sites = []
        for other in ctx.project.python_files():
            tree = module if other == path else parse(ctx.project.read(other))
            if tree is not None:
                visitor = _PasswordCalls(receiver, sdk.provider_aliases(tree))
                tree.visit(visitor)
                sites += [(other, tree, call) for call in visitor.found]
        if len(sites) != 1:
            return Skip(f"{len(sites)} RandomPassword assignments to {receiver}; the one feeding {fed} is not certain")
        site_path, tree, call = sites[0]
        special = keyword(call, "special")
        if special is not None and isinstance(special.value, cst.Name) and special.value.value == "False":
            return Skip(f"{receiver} draws no specials; the refusal has another cause")
        current = keyword(call, "override_special")
        if current is not None and string_value(current.value) == refusal.specials:
            return Skip(f"{receiver} already draws from {refusal.specials!r}")
        edit = edit_file(ctx.project, site_path, tree.visit(_WithSpecials(call, refusal.specials)).code)
        if edit is None:
            return Skip(f"nothing to change in {site_path}")
        return Fix(
            edits=(edit,),
            change=f"{receiver}: override_special={refusal.specials!r} (the specials {fed} accepts)",
            why=f"AWS refuses some of pulumi_random's default special characters in {fed}; "
            f"drawing from the ones it accepts keeps a random password it takes every time ({refusal.source}).",
            safety=Safety.SAFE,
            file=site_path,
            line=line if site_path == path else None,
        )
