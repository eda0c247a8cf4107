"""Command-line arguments that `remediate`, `check` and `batch` share, and their checks."""

from __future__ import annotations

import argparse
import re
from functools import lru_cache

STACK_NAME = re.compile(r"[A-Za-z0-9_.-]{1,100}")  # Pulumi's stack-name characters


class HelpFormat(argparse.RawDescriptionHelpFormatter):
    """--help shows each option's default (when it has one) and keeps the command list's lines."""

    def _get_help_string(self, action: argparse.Action) -> str:
        text = action.help or ""
        if action.default in (None, False, [], argparse.SUPPRESS) or "default" in text:
            return text
        return f"{text} (default: %(default)s)".lstrip()


class UsageError(ValueError):
    """Bad command-line input: reported as one line, exit 2."""


def key_value(flag: str):
    """An argparse type for KEY=VALUE, its error naming the flag."""

    def parse(text: str) -> tuple[str, str]:
        key, sep, value = text.partition("=")
        if not sep or not key:
            raise argparse.ArgumentTypeError(f"{flag} expects KEY=VALUE, got {text!r}")
        return key, value

    return parse


def add_program_settings(parser: argparse.ArgumentParser) -> None:
    """--config and --env: what the program is given, as a pipeline would give it."""
    parser.add_argument(
        "--config", type=key_value("--config"), action="append", default=[], metavar="KEY=VALUE", help="a stack config value (repeatable)"
    )
    parser.add_argument(
        "--env",
        type=key_value("--env"),
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="an environment variable the program runs with (relative PYTHONPATH entries start at the project root)",
    )


def add_limits(parser: argparse.ArgumentParser) -> None:
    """--memory-limit and --cpu-limit: a program's limits per phase on the local engine (defaults in
    config/limits.json)."""
    parser.add_argument("--memory-limit", type=int, metavar="MIB", help="address space a program may use (default 2048)")
    parser.add_argument("--cpu-limit", type=int, metavar="SECONDS", help="CPU time a program may use per phase (default 600)")


def given_limits(args: argparse.Namespace) -> dict[str, int]:
    """The limits the command line sets; the rest come from config/limits.json."""
    given = {"memory_mib": args.memory_limit, "cpu_s": args.cpu_limit}
    return {name: value for name, value in given.items() if value is not None}


def check_stack_name(name: str) -> None:
    """The stack name becomes a folder name: only Pulumi's characters, so it cannot climb out."""
    if not STACK_NAME.fullmatch(name) or ".." in name:
        raise UsageError(f"--stack {name!r}: a stack name is letters, digits, '-', '_' and '.' (no '/', no '..')")


@lru_cache(maxsize=1)
def known_regions() -> frozenset[str]:
    """The AWS regions of every partition in the endpoint data botocore ships."""
    from botocore.loaders import create_loader

    loader = create_loader()
    names = set()
    for data in (loader.load_data("endpoints"), loader.load_data("partitions")):
        names |= {region for partition in data["partitions"] for region in partition["regions"]}
    return frozenset(name for name in names if not name.endswith("-global"))  # endpoint aliases, not regions


def check_region(region: str | None) -> None:
    if region is not None and region not in known_regions():
        raise UsageError(f"--region {region}: not an AWS region botocore knows (for example us-east-1, eu-west-2)")
