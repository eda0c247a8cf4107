"""Editing a stack or project settings file by its lines, so its comments and order survive."""

from __future__ import annotations

from typing import Any

import yaml


def kept_or_dumped(edited: str, expected: Any) -> str:
    """The line-edited text when it still reads as `expected`, else `expected` dumped afresh: a line
    edit that a file's odd layout defeats never writes a file meaning something else."""
    try:
        if yaml.safe_load(edited) == expected:
            return edited
    except yaml.YAMLError:
        pass
    return yaml.safe_dump(expected, sort_keys=False)
