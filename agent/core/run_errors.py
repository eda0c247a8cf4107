"""The errors a run of the program would raise, built as values by the checks that foresee them.

A static check knows the class, the keyword or the config key it found, so it builds the error
from them instead of writing Python's text and parsing it back. Each constructor words the
message exactly as the run raises it (reports show it, and the fingerprint hashes it) and gives
the details the classify table would read from that text, so a fixer cannot tell a foreseen
error from one a run raised (tests/test_run_errors.py holds the two to one shape).
"""

from __future__ import annotations

from typing import Any

from agent.core.errors import DeployError, ErrorKind


def _error(kind: ErrorKind, message: str, details: dict[str, Any], *, file: str | None, line: int | None, phase: str) -> DeployError:
    return DeployError(kind=kind, message=message, raw=message, file=file, line=line, phase=phase, details=details)


def unknown_argument(function: str, argument: str, *, cls: str | None = None, **where: Any) -> DeployError:
    """A keyword `function` does not take: a method of `cls` (`Eip._internal_init`,
    `BucketArgs.__init__`), or an invoke (`get_subnets`) when there is no class."""
    callee = f"{cls}.{function}" if cls else function
    message = f"TypeError: {callee}() got an unexpected keyword argument '{argument}'"
    named = {"cls": cls} if cls else {"function": function}
    return _error(ErrorKind.UNKNOWN_ARGUMENT, message, {**named, "argument": argument}, **where)


def unknown_attribute(cls: str, attribute: str, suggestion: str | None = None, **where: Any) -> DeployError:
    """An attribute read on an instance of `cls` that has none such, with Python's "Did you mean"."""
    message = f"AttributeError: '{cls}' object has no attribute '{attribute}'"
    details = {"cls": cls, "attribute": attribute}
    if suggestion:
        message += f". Did you mean: '{suggestion}'?"
        details["suggestion"] = suggestion
    return _error(ErrorKind.UNKNOWN_ATTRIBUTE, message, details, **where)


def input_shape(declared: str, argument: str, cls: str, **where: Any) -> DeployError:
    """A list given to input `argument` of `cls`, which takes one `declared` value. Pulumi's own
    text names neither the input nor the class; the message adds them."""
    message = (
        f"AssertionError: Unexpected type. Expected 'list' got '<class '{declared}'>' "
        f"(input '{argument}' of {cls} takes one value, given a list)"
    )
    return _error(ErrorKind.INPUT_SHAPE, message, {"declared": declared, "argument": argument, "cls": cls}, **where)


def undefined_name(name: str, **where: Any) -> DeployError:
    return _error(ErrorKind.UNDEFINED_NAME, f"NameError: name '{name}' is not defined", {"name": name}, **where)


def import_name(name: str, module: str, source: str, **where: Any) -> DeployError:
    """`from module import name` where `module` (a project file at `source`) binds no `name`."""
    message = f"ImportError: cannot import name '{name}' from '{module}' ({source})"
    return _error(ErrorKind.IMPORT_NAME, message, {"name": name, "module": module}, **where)


def missing_config(key: str, **where: Any) -> DeployError:
    """A `config.require` of `key` ("project:name") that nothing sets."""
    message = f"pulumi.config.ConfigMissingError: Missing required configuration variable '{key}'"
    return _error(ErrorKind.MISSING_CONFIG, message, {"key": key}, **where)


NO_RESOURCES = "the program registered no resource: a deploy would create nothing"


def no_resources(entry: str | None, phase: str) -> DeployError:
    """A run that ended without an error but registered no resource (the stack and providers aside):
    the program defines its stack and never builds it, so a clean status would be a false one.
    `entry` is the file Pulumi ran."""
    return _error(ErrorKind.NO_RESOURCES, NO_RESOURCES, {}, file=entry, line=None, phase=phase)


def registers_resources(resources: list[dict[str, Any]]) -> bool:
    """Whether a run's resources hold one beyond the stack and its providers."""
    return any(not str(r.get("type", "")).startswith(("pulumi:providers:", "pulumi:pulumi:Stack")) for r in resources)


def package_unavailable(message: str, requirement: str, phase: str = "preview") -> DeployError:
    """A Pulumi package the program imports (`pulumi-awsx>=2,<3`) that could not be installed: the
    run stops here, as `pulumi install` would, with the package named in the message."""
    return _error(ErrorKind.PACKAGE_UNAVAILABLE, message, {"requirement": requirement}, file=None, line=None, phase=phase)
