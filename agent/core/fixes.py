"""The contract between the loop and the fixers: declared metadata, a cheap match, and a fix
returned as a value (edits, a reason, a safety), never applied by the fixer itself."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from enum import Enum
from typing import ClassVar, Generic, TypeVar

from agent.core.errors import DeployError, ErrorKind
from agent.core.project import Project


class Safety(str, Enum):
    SAFE = "safe"  # keeps the author's intent (a rename, a value AWS accepts for the same thing)
    UNSAFE = "unsafe"  # valid, but drops or guesses something: a human should look


@dataclass(frozen=True)
class FixContext:
    project: Project
    stack: str  # the user's stack name: its config lives in Pulumi.<stack>.yaml
    region: str
    engine: str = "local"
    task: str = ""  # the task statement (PROMPT.md) the project was written for, "" when there is none
    account_id: str | None = None  # the AWS account the target engine deploys to, when it knows it


Found = TypeVar("Found")


@dataclass(frozen=True)
class Match(Generic[Found]):
    """A fixer's claim on an error, with what `match` found for `fix`, typed by the fixer."""

    error: DeployError
    found: Found = None


@dataclass(frozen=True)
class Edit:
    """A whole-file change: the loop refuses it if the file no longer reads `before`."""

    path: str
    before: str | None  # None: the file is new
    after: str | None  # None: the file is removed (the other half of a rename)

    def diff(self) -> str:
        before = (self.before or "").splitlines(keepends=True)
        after = (self.after or "").splitlines(keepends=True)
        old = f"a/{self.path}" if self.before is not None else "/dev/null"
        new = f"b/{self.path}" if self.after is not None else "/dev/null"
        return "".join(difflib.unified_diff(before, after, old, new))


@dataclass(frozen=True)
class Fix:
    edits: tuple[Edit, ...]
    change: str  # one line: what was changed
    why: str  # one or two sentences: why this is the right change
    safety: Safety
    file: str | None = None
    line: int | None = None
    # Kinds of error this fix may also have settled elsewhere in the run (a stack registered twice
    # reports every resource under it): the loop leaves the attempt's other errors of these kinds
    # to the next run instead of offering each to the fixers.
    settles: frozenset[ErrorKind] = frozenset()
    # Arguments the fix removes with no counterpart (no new name, no resource carrying the value):
    # the author's value is lost, so such a fix is unsafe whatever its fixer declares.
    dropped: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.dropped and self.safety is not Safety.UNSAFE:
            object.__setattr__(self, "safety", Safety.UNSAFE)


@dataclass(frozen=True)
class Skip:
    """The fixer matched but cannot fix this occurrence; the reason is reported."""

    reason: str


FixResult = Fix | Skip


class Fixer(Generic[Found]):
    """Base of every fixer module's class. Subclasses declare all metadata below.

    `match` is cheap and read-only: it says whether the error is this fixer's and what it found;
    `fix` computes the edits. Fixers claiming the same error are offered it in the registry's
    order, which `runs_before` declares: a specific fixer goes before the general one that
    would otherwise take (and perhaps drop) what it knows how to keep."""

    id: ClassVar[str]  # stable code, e.g. "RM001"
    name: ClassVar[str]  # dotted name, e.g. "python.unknown-argument"
    title: ClassVar[str]
    kinds: ClassVar[frozenset[ErrorKind]]  # cheap pre-filter
    safety: ClassVar[Safety]  # the usual safety; a Fix may declare its own
    runs_before: ClassVar[frozenset[str]] = frozenset()  # codes offered an error only after this one
    docs: ClassVar[str] = ""  # a documentation link for the rule the fix follows, when there is one

    def match(self, error: DeployError, ctx: FixContext) -> Match[Found] | None:
        raise NotImplementedError

    def fix(self, match: Match[Found], ctx: FixContext) -> FixResult:
        raise NotImplementedError


def remove_file(project: Project, path: str) -> Edit:
    return Edit(path, (project.root / path).read_text(), None)


def edit_file(project: Project, path: str, after: str) -> Edit | None:
    """An Edit turning `path` into `after`, or None when nothing would change."""
    target = project.root / path
    before = target.read_text() if target.exists() else None
    return None if before == after else Edit(path, before, after)
