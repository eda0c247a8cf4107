"""Command-line arguments that `remediate`, `check` and `batch` share."""

from __future__ import annotations

import argparse


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
    parser.add_argument("--config", type=key_value("--config"), action="append", default=[], metavar="KEY=VALUE")
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
