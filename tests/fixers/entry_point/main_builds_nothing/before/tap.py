import pulumi

from lib.tap_stack import TapStack, TapStackArgs

TapStack("TapStack", TapStackArgs(environment_suffix=pulumi.get_stack()))
