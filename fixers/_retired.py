"""What the fixers of retired values share: replacing a pinned value with the one that AWS still
takes, wherever the project pins it (Python string literals and stack config values), and one
fixer shape for each kind of value agent.core.aws_facts knows to be retired."""

from __future__ import annotations

import re

import libcst as cst
import yaml

from agent.core.aws_facts import replacement
from agent.core.cst import rewrite_all, string_value, with_string_value
from agent.core.errors import DeployError, ErrorKind
from agent.core.fixes import Edit, Fix, FixContext, Fixer, FixResult, Match, Safety, Skip, edit_file


class ReplaceLiteral(cst.CSTTransformer):
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


def replace_everywhere(ctx: FixContext, old: str, new: str) -> list[Edit]:
    return rewrite_all(ctx.project, lambda: ReplaceLiteral(old, new)) + replace_in_stack_configs(ctx, old, new)


class RetiredValueFixer(Fixer[tuple[str, str | None]]):
    """Replaces the value a RETIRED_VALUE error names under `detail` (an aws_facts kind) with the
    nearest one the same data offers. Subclasses set `detail` and `noun` besides the metadata."""

    kinds = frozenset({ErrorKind.RETIRED_VALUE})
    safety = Safety.SAFE
    detail = ""  # the error's detail naming the value, also the aws_facts kind
    noun = ""  # how the change describes the value: "Lambda runtime"

    def match(self, error: DeployError, ctx: FixContext) -> Match[tuple[str, str | None]] | None:
        if error.kind not in self.kinds or not error.details.get(self.detail):
            return None
        return Match(error, (error.details[self.detail], error.details.get("engine")))

    def fix(self, match: Match[tuple[str, str | None]], ctx: FixContext) -> FixResult:
        old, engine = match.found
        new = replacement(self.detail, old, engine=engine, region=ctx.region)
        if new is None or new == old:
            return Skip(f"no {self.noun} near {old} is offered in {ctx.region}; choosing another is a human's call")
        edits = replace_everywhere(ctx, old, new)
        if not edits:
            return Skip(f"{self.noun} {old} is not pinned in the project's sources or stack config")
        return Fix(
            edits=tuple(edits),
            change=f"{self.noun} {old} -> {new}",
            why=f"AWS no longer takes {self.noun} {old} for new resources; {new} is the nearest one it offers "
            f"(cfn-lint's data, {ctx.region}).",
            safety=self.safety,
            file=match.error.file or edits[0].path,
            line=match.error.line,
        )
