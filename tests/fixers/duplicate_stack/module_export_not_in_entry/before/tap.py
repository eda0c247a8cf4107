import pulumi

from lib.tap_stack import TapStack, TapStackArgs

env = pulumi.Config().get("env") or "dev"
stack = TapStack(f"TapStack-{env}", TapStackArgs(environment_suffix=env))
pulumi.export("bucket_name", stack.bucket_name)
