"""Setup an answer documents for itself: the `pulumi config set KEY VALUE` lines in its text, and
the stack settings files it shows (`Pulumi.dev.yaml`).

A QA engineer follows the answer's own deployment steps before the first deploy; a materialized
project carries those values as Pulumi.yaml config defaults, so they reach the program on every
engine and travel with the fixed project. A placeholder (`<your-suffix>`, `$VAR`) is filled the
way a QA engineer fills it: with the key's safe conventional value (config/config_defaults.json:
an environment suffix gets "dev"), or else left out. When steps for several environments set one
key, the first one wins. Of several stack files, the development stack's is the one a QA engineer
deploys a test stack with; its keys in the answer's own project namespace (which need not be the
project's name here) become the project's keys, provider keys (`aws:region`) stay as they are.
"""

from __future__ import annotations

import re
import shlex
from typing import Any

import yaml

from agent.core import sdk
from agent.core.config_defaults import default_for
from agent.core.fixes import Safety

COMMAND = ("pulumi", "config", "set")
FLAGS_WITH_VALUE = {"-s", "--stack", "--cwd", "-C", "--config-file", "--type"}


def _config_set(line: str) -> tuple[str, str] | None:
    """(key, value) of one `pulumi config set` shell line; None when it is not one or sets no plain value."""
    try:
        words = shlex.split(line.strip().lstrip("$> "), comments=True)
    except ValueError:
        return None
    if tuple(words[:3]) != COMMAND:
        return None
    operands, rest = [], iter(words[3:])
    for word in rest:
        if word == "--path":
            return None  # a nested value: not a plain key
        if word in FLAGS_WITH_VALUE:
            next(rest, None)
        elif not word.startswith("-"):
            operands.append(word)
    if len(operands) != 2:
        return None
    key, value = operands
    if _is_placeholder(value):
        value, _, safety = default_for(key.split(":")[-1], region="")
        if value is None or safety is not Safety.SAFE or not value:
            return None
    return key, value


def _is_placeholder(value: str) -> bool:
    return (value.startswith("<") and value.endswith(">")) or value.startswith("$") or value in {"...", "VALUE"}


def documented_config(text: str) -> dict[str, str]:
    """Every key the text sets with `pulumi config set`, with its first documented value."""
    found: dict[str, str] = {}
    for line in text.splitlines():
        pair = _config_set(line)
        if pair and pair[0] not in found:
            found[pair[0]] = pair[1]
    return found


STACK_FILE = re.compile(r"Pulumi\.(?P<stack>[\w.-]+)\.ya?ml")
TEST_STACKS = ("dev", "development", "test", "ci", "qa")


def _plain_value(value: Any) -> str | None:
    """A config value as Pulumi stores it, None for a secret (`secure:`) or a structured value."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, int, float)):
        return str(value)
    return None


def stack_file_config(files: dict[str, str]) -> tuple[str | None, dict[str, str]]:
    """(file, plain values) of the stack settings file the answer gives, the development stack's
    first; (None, {}) when it gives none."""
    stacks = {match["stack"]: path for path in files if (match := STACK_FILE.fullmatch(path))}
    chosen = next((stacks[name] for name in TEST_STACKS if name in stacks), next(iter(stacks.values()), None))
    try:
        data = yaml.safe_load(files[chosen]) if chosen else None
    except yaml.YAMLError:
        data = None
    config = data.get("config") if isinstance(data, dict) else None
    if not isinstance(config, dict):
        return None, {}
    values = {}
    for key, value in config.items():
        namespace, _, name = str(key).rpartition(":")
        plain = _plain_value(value)
        if plain is not None and name:
            own = not namespace or not (namespace == "pulumi" or sdk.is_provider_package(f"pulumi_{namespace}"))
            values[name if own else str(key)] = plain
    return chosen, values


def with_config_defaults(settings_text: str, values: dict[str, str]) -> str:
    """Pulumi.yaml text with `values` added to its `config:` block, keys it already has left alone.
    Keys of another namespace (aws:region) take `value:`, the project's own keys `default:`."""
    settings: dict[str, Any] = yaml.safe_load(settings_text) or {}
    config = dict(settings.get("config") or {})
    own_namespace = f"{settings.get('name')}:"
    added: dict[str, dict[str, str]] = {}
    for key, value in values.items():
        key = key.removeprefix(own_namespace)
        if key not in config and key not in added:
            added[key] = {"value": value} if ":" in key else {"default": value}
    if not added:
        return settings_text
    return yaml.safe_dump({**settings, "config": {**config, **added}}, sort_keys=False)
