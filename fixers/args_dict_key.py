"""RM048: a dict given for an Args class with a key the class does not take.

Today's SDK takes a plain dict wherever it takes an `...Args` class (`XArgsDict`), and nothing
checks its keys: `versioning_configuration={"Status": "Enabled"}` or `{"fromPort": 80}` (the
CloudFormation or Terraform spelling) is sent as written, and the setting never reaches AWS.
The Args class's inputs (agent/core/input_types.py) tell which input a key spells in another
case or style, and the key is renamed to it. A key that spells none is reported, not dropped.

Before:
    aws.s3.BucketVersioningV2("v", bucket=b.id, versioning_configuration={"Status": "Enabled"})
After:
    aws.s3.BucketVersioningV2("v", bucket=b.id, versioning_configuration={"status": "Enabled"})

Safety: safe. The key names the same input, in the spelling the SDK reads.
"""

from __future__ import annotations

import libcst as cst

from agent.core.cst import with_string_value
from agent.core.errors import DeployError, ErrorKind
from agent.core.fixes import Fix, FixContext, Fixer, Match, Safety, Skip
from agent.core.input_types import Finding, UnknownKey
from fixers._type_repair import repair


def _wanted(finding: Finding) -> bool:
    return isinstance(finding, UnknownKey)


def _renamed(finding: UnknownKey, node: cst.CSTNode, knowledge) -> cst.CSTNode | None:
    if finding.suggestion is None or not isinstance(node, cst.DictElement) or not isinstance(node.key, cst.SimpleString):
        return None
    return node.with_changes(key=with_string_value(node.key, finding.suggestion))


class ArgsDictKey(Fixer):
    id = "RM048"
    name = "python.args-dict-key"
    title = "Rename a dict key an Args class does not take to the input it spells"
    kinds = frozenset({ErrorKind.UNKNOWN_KEY})
    safety = Safety.SAFE

    def match(self, error: DeployError, ctx: FixContext) -> Match | None:
        return Match(error) if "key" in error.details else None

    def fix(self, match: Match, ctx: FixContext) -> Fix | Skip:
        done = repair(ctx, _wanted, _renamed)
        if not done.edits:
            if done.declined:
                return Skip(f"{', '.join(done.declined)}: no input of the class spells that key; which one is meant is the author's call")
            return Skip("no dict key an Args class does not take in the project")
        return Fix(
            edits=tuple(done.edits),
            change=f"dict key -> the input it spells for {', '.join(done.changed)}",
            why="A dict given for an Args class is sent as written, so a key in another spelling never reaches its input; "
            "the key is renamed to the input the class declares.",
            safety=Safety.SAFE,
            file=done.edits[0].path,
        )
