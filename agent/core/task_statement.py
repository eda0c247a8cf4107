"""What the task statement (PROMPT.md beside the code) gives as a setting's value.

Prompts of generated projects list the inputs a deploy needs ("AWS_REGIONS - comma-separated
list of at least 3 regions like us-east-1,us-west-2,eu-west-1"), and a QA engineer reads them
before a first deploy. A config key the program requires is looked up there by its name, case,
separators and namespace aside (`aws:regions` is AWS_REGIONS, `team_name` is TeamName), among
words written as setting names (capitals, underscores, camelCase or `code`), never prose; the
value the line gives as an example or default is taken.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SETTING_NAME = re.compile(r"`(?P<code>[\w:.-]+)`|(?P<word>\b[A-Za-z][\w:.-]*\b)")
EXAMPLE = re.compile(
    r"\b(?:like|e\.g\.,?|such as|for example,?|example:|defaults? to|defaults? is|default:)\s*[`'\"]?(?P<value>[^\s`'\"]+)",
    re.IGNORECASE,
)
# `allowed_ssh_cidr = "203.0.113.0/32"` or `retention_days = 7`, right after the name; `key: "value"` only quoted
ASSIGNED = re.compile(r"""[`'"]?\s*(?:=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s,;`]+))|:\s*"(?P<colon>[^"]*)")""")


@dataclass(frozen=True)
class Stated:
    value: str
    line: str  # the task statement's line, for the report


def _normal(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _looks_like_a_setting(match: re.Match) -> bool:
    """`code`, ALL_CAPS, snake_case or camelCase: how a prompt writes a setting's name, unlike prose."""
    if match["code"]:
        return True
    word = match["word"]
    return "_" in word or word.isupper() or bool(re.search(r"[a-z][A-Z]", word))


def stated_example(task: str, key: str) -> Stated | None:
    """The value the task statement gives for `key` (namespace included, e.g. `aws:regions`), if any."""
    wanted = _normal(key)
    for line in task.splitlines():
        for name in SETTING_NAME.finditer(line):
            if _looks_like_a_setting(name) and _normal(name["code"] or name["word"]) == wanted:
                value = _value_after(line, name.end())
                if value and not _placeholder(value, line):
                    return Stated(value, line.strip())
    return None


def _value_after(line: str, at: int) -> str | None:
    assigned = ASSIGNED.match(line, at)
    if assigned:
        return next(v for v in assigned.group("dq", "sq", "bare", "colon") if v is not None)
    example = EXAMPLE.search(line, at)
    return example["value"].rstrip(".,;:)") if example else None


def _placeholder(value: str, line: str) -> bool:
    """A value that stands for one ("AWS_REGIONS", "<your-cidr>", "TeamName" for teamName): no value at all."""
    names = {_normal(m["code"] or m["word"]) for m in SETTING_NAME.finditer(line) if _looks_like_a_setting(m)}
    return not value or "<" in value or bool(re.fullmatch(r"[A-Z][A-Z0-9_]+", value)) or _normal(value) in names
