"""Pulumi entry point (scaffolded by remediate, as the TAP pipeline lays it out): calls TapStack from lib.tap_stack."""
import os

import pulumi

from lib.tap_stack import TapStack, TapStackArgs


environment_suffix = os.environ.get("ENVIRONMENT_SUFFIX") or pulumi.Config().get("environmentSuffix") or "dev"

stack = TapStack("pulumi-infra", TapStackArgs(environment_suffix=environment_suffix, tags={"Environment": environment_suffix}))
