"""The pulumi CLI's environment for a deploy target. For LocalStack it carries fake credentials and
AWS_ENDPOINT_URL*, and every other AWS_* variable of ours is blanked: the CLI inherits our
environment (the Automation API starts it with os.environ plus its own variables), so an explicit
`aws.Provider(...)` in the program, or a service missing from the endpoint list, would otherwise
reach the real account with the real credentials."""

from __future__ import annotations

import os

from agent.core.config import load_data


def target_environment(target: str, environ: dict[str, str] | None = None) -> dict[str, str]:
    """Variables to lay over the CLI's inherited environment; none for the real AWS target."""
    if target == "aws":
        return {}
    fake = load_data(f"targets/{target}.json").get("environment", {})
    inherited = os.environ if environ is None else environ
    blanked = {key: "" for key in inherited if key.startswith("AWS_")}
    return {**blanked, **fake}
