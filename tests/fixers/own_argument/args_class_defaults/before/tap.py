from lib.tap_stack import TapStack, TapStackArgs

stack = TapStack(
    name="pulumi-infra",
)
