"""Rewrite the misuses of Outputs agent/core/output_uses.py finds, one kind of use at a time.

The same check the preflight ran finds them again in every file of the project, so a fix
changes exactly what was reported; a run's error without a line (a lifted attribute failing in
pulumi's callback) is repaired the same way.
"""

from __future__ import annotations

from collections.abc import Callable

import libcst as cst

from agent.core.cst import parse
from agent.core.fixes import Edit, FixContext, edit_file
from agent.core.output_uses import OutputUse, output_uses
from agent.core.output_values import Knowledge
from fixers import _pulumi

# (the use, the node as rewritten so far, the module's knowledge, how `pulumi.Output` is spelt) -> the
# new node, or None to leave it
Rewrite = Callable[[OutputUse, cst.CSTNode, Knowledge, str], cst.CSTNode | None]


class _Rewrite(cst.CSTTransformer):
    def __init__(self, uses: dict[int, OutputUse], rewrite: Rewrite, knowledge: Knowledge, output: str) -> None:
        self.uses, self.rewrite, self.knowledge, self.output = uses, rewrite, knowledge, output
        self.changed: list[OutputUse] = []
        self.declined: list[OutputUse] = []

    def on_leave(self, original_node: cst.CSTNode, updated_node: cst.CSTNode):
        use = self.uses.get(id(original_node))
        if use is None:
            return super().on_leave(original_node, updated_node)
        new = self.rewrite(use, updated_node, self.knowledge, self.output)
        (self.declined if new is None else self.changed).append(use)
        return updated_node if new is None else new


def code(node: cst.CSTNode) -> str:
    return cst.Module([]).code_for_node(node)


def repair_uses(ctx: FixContext, kinds: set[str], rewrite: Rewrite, writes_output: bool = True) -> tuple[list[Edit], list[str], list[str]]:
    """Edits rewriting every use of the given kinds in the project, with what each changed and declined;
    `writes_output`: the rewrite spells `pulumi.Output`, so the file must import pulumi."""
    edits, changed, declined = [], [], []
    for path in ctx.project.python_files():
        module = parse(ctx.project.read(path))
        if module is None:
            continue
        knowledge = Knowledge(module)
        uses = {id(use.node): use for use in output_uses(module, knowledge) if use.use in kinds}
        if not uses:
            continue
        names = _pulumi.imported_names(module)
        output, needs_import = _pulumi.spelling(names, "Output")
        transformer = _Rewrite(uses, rewrite, knowledge, output)
        after = module.visit(transformer)
        changed += [f"{path}: {code(use.node)}" for use in transformer.changed]
        declined += [f"{path}: {code(use.node)}" for use in transformer.declined]
        if transformer.changed:
            edit = edit_file(ctx.project, path, (_pulumi.with_import(after) if needs_import and writes_output else after).code)
            if edit is not None:
                edits.append(edit)
    return edits, changed, declined
