"""Entry point: one TapStack per environment."""

import pulumi

from lib.tap_stack import TapStack, TapStackArgs

config = pulumi.Config()
environment_suffix = config.require("environmentSuffix")

stack = TapStack(f"TapStack-{environment_suffix}", TapStackArgs(environment_suffix=environment_suffix))

pulumi.export("cache_endpoint", stack.cache_endpoint)
pulumi.export("db_endpoint", stack.db_endpoint)
