"""The floor every other part stands on, and the only part of agent/ a fixer may import.

Errors and their classification, the fixer contract, the project model, config and data loading,
libcst helpers, SDK introspection and the AWS facts that fixers and the local engine share.
Nothing here imports the driver, the engines, the checks, the intake or the fixers.
"""
