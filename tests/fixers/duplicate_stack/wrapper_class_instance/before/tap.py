import pulumi
from lib.tap_stack import TapStack

stack = TapStack()
