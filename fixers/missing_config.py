"""RM009: the program requires a config value the stack does not set.

The value belongs in the stack's Pulumi.<stack>.yaml, not in the source. Keys with a well-known
default (environment suffix, region, DB user name, VPC CIDR; config/config_defaults.json) get it
there; so do placeholders (an e-mail at example.com, a team name). Where the task statement
(PROMPT.md) gives an example for the setting ("AWS_REGIONS - ... like us-east-1,us-west-2"), that
value is used instead of a placeholder or the lack of one. Secrets and other keys are left to a human.

Before:
    suffix = pulumi.Config().require("environmentSuffix")   # Pulumi.ci.yaml does not set it
After:
    proj:environmentSuffix: dev                              # added to Pulumi.ci.yaml's config:

Safety: safe for a well-known default, unsafe for a placeholder or the task statement's example,
which the report lists for review.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from agent.core.config_defaults import DEFAULTS_FILE, default_for, is_secret_key
from agent.core.errors import DeployError, ErrorKind
from agent.core.fixes import Fix, FixContext, Fixer, FixResult, Match, Safety, Skip, edit_file
from agent.core.task_statement import stated_example
from fixers._yaml_text import kept_or_dumped


def _with_config(text: str, key: str, value: str) -> str:
    """Stack YAML text with config[key] = value added at the end of the `config:` block."""
    data: dict[str, Any] = (yaml.safe_load(text) or {}) if text else {}
    expected = {**data, "config": {**(data.get("config") or {}), key: value}}
    entry = yaml.safe_dump({key: value}, default_flow_style=False)
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    start = next((i for i, line in enumerate(lines) if re.match(r"config\s*:", line)), None)
    if start is None:
        lines += ["config:\n", "  " + entry]
    elif re.fullmatch(r"config\s*:\s*(#.*)?\n?", lines[start]):
        block = [i for i in range(start + 1, len(lines)) if lines[i].strip()]
        block = block[: next((n for n, i in enumerate(block) if not lines[i][0].isspace()), len(block))]
        items = [lines[i] for i in block if not lines[i].lstrip().startswith("#")]
        indent = re.match(r"\s*", items[0]).group() if items else "  "
        lines.insert((block[-1] if block else start) + 1, indent + entry)
    return kept_or_dumped("".join(lines), expected)


def _program_key(ctx: FixContext, key: str) -> str:
    """The key as the program names it: `aws:regions` for `TapStack:aws:regions`, `teamName` for `TapStack:teamName`."""
    namespace = f"{ctx.project.name}:"
    return key[len(namespace) :] if key.startswith(namespace) else key


@dataclass(frozen=True)
class MissingKey:
    key: str  # qualified with its namespace: "proj:environmentSuffix"


class MissingConfig(Fixer[MissingKey]):
    id = "RM009"
    name = "pulumi.missing-config"
    title = "Set a required stack config value that has a known default"
    kinds = frozenset({ErrorKind.MISSING_CONFIG})
    safety = Safety.SAFE

    def match(self, error: DeployError, ctx: FixContext) -> Match[MissingKey] | None:
        key = error.details.get("key")
        if not key:
            return None
        return Match(error, MissingKey(ctx.project.qualify(key)))

    def fix(self, match: Match[MissingKey], ctx: FixContext) -> FixResult:
        key = match.found.key
        path = ctx.project.stack_config_path(ctx.stack).name
        if key in ctx.project.stack_config(ctx.stack):
            return Skip(f"{key} is already set in {path}; the program still cannot read it")
        value, source, safety = default_for(key.split(":")[-1], ctx.region, ctx.account_id)
        origin = f"from config/{DEFAULTS_FILE}"
        stated = stated_example(ctx.task, _program_key(ctx, key)) if safety is Safety.UNSAFE and not is_secret_key(key) else None
        if stated is not None:  # the task's own example beats a generic placeholder
            value, safety, origin = stated.value, Safety.UNSAFE, "from the task statement"
            source = f'the task statement (PROMPT.md) gives it: "{stated.line}"'
        if value is None:
            return Skip(f"{key}: {source}")
        before = (ctx.project.root / path).read_text() if (ctx.project.root / path).is_file() else ""
        edit = edit_file(ctx.project, path, _with_config(before, key, value))
        if edit is None:
            return Skip(f"{path} already sets {key}")
        kind = "placeholder" if safety is Safety.UNSAFE else "default"
        return Fix(
            edits=(edit,),
            change=f"{path}: set {key} = {value!r} ({kind} {origin})",
            why=f"The program requires {key} and stack {ctx.stack} does not set it; stack config is where it belongs. "
            f"{kind.capitalize()}: {source}",
            safety=safety,
            file=path,
        )
