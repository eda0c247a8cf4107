"""Old SDK names, as one list of renames, whichever data file holds them.

config/sdk_history.json (generated from the SDKs themselves: entries {module, class, kind, old,
new, ...}) when it exists; until then the hand-kept tables it replaces: sdk_renames.json (classes
and modules), argument_migrations.json (arguments) and output_renames.json (outputs). Switching
source is `history()`; the mutation benchmark and the argument-retention figure read only this.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from agent.core.config import config_path, load_data


@dataclass(frozen=True)
class Rename:
    """`old` became `new`. kind: "class" (a member of `module`; `new_module` when it moved),
    "module", "argument" or "output" (of `cls`, a class name). `value`/`new_value`: the rename
    applies only to that literal value, which changes with it."""

    kind: str
    module: str
    cls: str
    old: str
    new: str
    new_module: str = ""
    value: object = None
    new_value: object = None


@cache
def history() -> tuple[Rename, ...]:
    if config_path("sdk_history.json").is_file():
        return tuple(_from_history(load_data("sdk_history.json")))
    return tuple(_from_hand_tables())


def _from_history(data: dict | list) -> list[Rename]:
    entries = data if isinstance(data, list) else data.get("entries") or data.get("renames") or data.get("history") or []
    found = []
    for entry in entries:
        old, new, kind = entry.get("old"), entry.get("new"), entry.get("kind", "")
        if not (isinstance(old, str) and isinstance(new, str) and kind) or entry.get("field"):
            continue  # a removal with no replacement, or a field moved into a block: no plain rename back
        kind = "class" if kind in {"resource", "function", "args", "enum", "type"} else kind
        found.append(
            Rename(
                kind=kind,
                module=entry.get("module", ""),
                cls=entry.get("class") or "",
                old=old,
                new=new,
                new_module=entry.get("new_module") or entry.get("module", ""),
            )
        )
    return found


def _from_hand_tables() -> list[Rename]:
    found = []
    for entry in load_data("sdk_renames.json")["renames"]:
        member, to = entry["member"], entry["to"]
        if entry.get("arguments"):
            continue  # a move to another package whose arguments change too: not a plain rename
        kind = "class" if member[:1].isupper() or member.startswith("get_") else "module"
        found.append(Rename(kind=kind, module=entry["module"], cls="", old=member, new=to["member"], new_module=to["module"]))
    for entry in load_data("argument_migrations.json")["migrations"]:
        to = entry.get("to")
        if "class" not in entry or not isinstance(to, dict) or set(to) - {"argument", "value"}:
            continue  # an invoke, a removal, or a move into another input: not a rename
        found.append(
            Rename(
                kind="argument",
                module="pulumi_aws." + entry["class"].rsplit(".", 1)[0],
                cls=entry["class"].rsplit(".", 1)[-1],
                old=entry["argument"],
                new=to["argument"],
                value=entry.get("value"),
                new_value=to.get("value"),
            )
        )
    for entry in load_data("output_renames.json")["renames"]:
        if isinstance(entry.get("to"), str):
            found.append(Rename(kind="output", module=entry["package"], cls=entry["class"], old=entry["attribute"], new=entry["to"]))
    return found


def of_kind(kind: str) -> list[Rename]:
    return [rename for rename in history() if rename.kind == kind]


@cache
def class_renames() -> dict[str, str]:
    """Old class name -> its current name."""
    return {r.old: r.new for r in of_kind("class") if r.old[:1].isupper()}


@cache
def argument_renames() -> dict[tuple[str, str], str]:
    """(current class name, old keyword) -> current keyword."""
    return {(r.cls, r.old): r.new for r in of_kind("argument")}
