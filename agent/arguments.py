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
