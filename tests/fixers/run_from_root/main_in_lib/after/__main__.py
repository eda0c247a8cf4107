"""Entry point: runs lib.tap_stack as the program, with the project root on sys.path."""
import runpy

runpy.run_module("lib.tap_stack", run_name="__main__")
