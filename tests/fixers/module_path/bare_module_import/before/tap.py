import pulumi
import tap_stack as stacks
from tap_stack import TapStack, TapStackArgs  # the component

stack = TapStack("TapStack-dev", TapStackArgs(environment_suffix="dev"))
pulumi.export("bucket", stack.bucket)
print(stacks.__name__)
