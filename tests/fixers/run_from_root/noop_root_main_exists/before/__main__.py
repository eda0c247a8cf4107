import runpy

# the older layout ran the stack from here
runpy.run_path("lib/old_program.py")
