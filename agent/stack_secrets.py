"""Test values for secrets the program requires and nobody has set yet.

A QA engineer sets a candidate's secrets before deploying it (`pulumi config set --secret
dbPassword ...`): the code is right to require them, so nothing in the source needs a fix. A run
does the same on its ephemeral stack only: it generates a value, never writes it into the project,
and the report asks the user to set their own.
"""

from __future__ import annotations

import secrets
import string
from dataclasses import replace

from agent.core import redaction
from agent.core.config_defaults import is_secret_key
from agent.core.errors import ErrorKind
from agent.core.project import Project
from agent.engines.base import Engine, RunResult, StackRef

# Letters and digits only, 32 long: within every password rule the corpus meets (RDS master
# passwords take 8-41 printable characters without / @ " or space; ElastiCache AUTH 16-128).
ALPHABET = string.ascii_letters + string.digits
LENGTH = 32
MAX_ROUNDS = 5  # a program reads its secrets one by one: each missing one costs a run


def generated_secret() -> str:
    """A random value with an upper-case letter, a lower-case letter and a digit, as password policies ask."""
    while True:
        value = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
        if any(c.isupper() for c in value) and any(c.islower() for c in value) and any(c.isdigit() for c in value):
            return redaction.remember(value)


def missing_secrets(result: RunResult, project: Project, stack: StackRef) -> list[str]:
    """Qualified keys of secret-like config the run failed for and the stack does not supply yet."""
    keys = []
    for error in result.errors:
        key = error.details.get("key") if error.kind is ErrorKind.MISSING_CONFIG else None
        if key and is_secret_key(key.split(":")[-1]):
            qualified = project.qualify(key)
            if qualified not in stack.secrets and qualified not in keys:
                keys.append(qualified)
    return keys


def run_with_test_secrets(engine: Engine, project: Project, stack: StackRef, preview_only: bool) -> tuple[RunResult, StackRef]:
    """engine.run, again with a generated value for each required secret the stack lacks.
    Returns the stack that ran, so later attempts reuse the same values."""
    result = engine.run(project, stack, preview_only)
    for _ in range(MAX_ROUNDS):
        keys = missing_secrets(result, project, stack)
        if not keys:
            break
        stack = replace(stack, secrets={**stack.secrets, **{key: generated_secret() for key in keys}})
        result = engine.run(project, stack, preview_only)
    return result, stack
