"""Entry point: runs lib.program as the program, with the project root on sys.path."""
import runpy

runpy.run_module("lib.program", run_name="__main__")
