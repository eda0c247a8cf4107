"""Rewrite every value agent/core/input_types.py finds of the wrong type, one family at a time.

The preflight reports one error per message and file, and a run reports none of these at all,
so each type fixer repairs every occurrence of its family in the project (as RM030 does), found
again by the same check the preflight ran: what it changes is exactly what was reported.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import libcst as cst

from agent.core.cst import rewrite_all
from agent.core.fixes import Edit, FixContext
from agent.core.input_types import Finding, Mismatch, type_findings
from agent.core.output_values import Knowledge

Select = Callable[[Finding], bool]
Replace = Callable[[Finding, cst.CSTNode, Knowledge], cst.CSTNode | None]  # None: declined


def target(finding: Finding) -> cst.CSTNode:
    return finding.value if isinstance(finding, Mismatch) else finding.element


def label(finding: Finding) -> str:
    return f"{finding.owner}.{finding.name if isinstance(finding, Mismatch) else finding.key}"


class _Repair(cst.CSTTransformer):
    def __init__(self, select: Select, replace: Replace) -> None:
        self.select, self.replace = select, replace
        self.knowledge: Knowledge | None = None
        self.found: dict[int, Finding] = {}
        self.changed: list[Finding] = []
        self.declined: list[Finding] = []

    def visit_Module(self, node: cst.Module) -> None:
        self.knowledge = Knowledge(node)

    def visit_Call(self, node: cst.Call) -> None:
        if self.knowledge is not None and self.knowledge.aliases:
            self.found.update((id(target(f)), f) for f in type_findings(node, self.knowledge) if self.select(f))

    def on_leave(self, original_node: cst.CSTNode, updated_node: cst.CSTNode):
        finding = self.found.get(id(original_node))
        if finding is None:
            return super().on_leave(original_node, updated_node)
        replaced = self.replace(finding, updated_node, self.knowledge)
        (self.declined if replaced is None else self.changed).append(finding)
        return updated_node if replaced is None else replaced


@dataclass
class Repaired:
    edits: list[Edit]
    changed: list[str] = field(default_factory=list)  # "Owner.input" of each value changed, sorted
    declined: list[str] = field(default_factory=list)  # and of each left as it was


def repair(ctx: FixContext, select: Select, replace: Replace) -> Repaired:
    """Every finding `select` takes, across the project's files, replaced by `replace`."""
    repairs: list[_Repair] = []

    def transformer() -> _Repair:
        repairs.append(_Repair(select, replace))
        return repairs[-1]

    edits = rewrite_all(ctx.project, transformer)
    return Repaired(
        edits,
        sorted({label(f) for r in repairs for f in r.changed}),
        sorted({label(f) for r in repairs for f in r.declined}),
    )
