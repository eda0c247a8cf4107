from lib.tap_stack import TapStack

TapStack("tap")
