"""Entry point."""
import pulumi

from lib.tap_stack import TapStack

config = pulumi.Config()
