import pulumi
import lib.tap_stack as stacks
from lib.tap_stack import TapStack, TapStackArgs  # the component

stack = TapStack("TapStack-dev", TapStackArgs(environment_suffix="dev"))
pulumi.export("bucket", stack.bucket)
print(stacks.__name__)
