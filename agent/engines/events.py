"""Turn Pulumi engine events (live `on_event` objects or `--event-log` JSON lines) into DeployErrors.

Pulumi reports a failure as an error `DiagnosticEvent` (provider message or Python traceback),
usually followed by a `ResOpFailedEvent` for the failing step, then summary diagnostics
("update failed", "Program exited with non-zero exit code") that repeat nothing useful.
The text goes through `agent.core.classify.to_deploy_error`, the same table the local engine uses.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pulumi.automation.events import EngineEvent

from agent.core.classify import to_deploy_error
from agent.core.errors import DeployError, parse_urn
from agent.core.project import SKIPPED_DIRS

STACK_TYPE = "pulumi:pulumi:Stack"

# Diagnostics Pulumi adds after the real error; they restate that something failed.
SUMMARY = re.compile(
    r"^(?:error: )?(?:"
    r"(?:update|preview|destroy|refresh) failed"
    r"|an unhandled error occurred: Program exited with non-zero exit code: \d+"
    r"|Program exited with non-zero exit code: \d+"
    r"|one or more errors occurred"
    r")\.?$",
    re.IGNORECASE,
)
COLOR = re.compile(r"<\{%[^%]*%\}>|\x1b\[[0-9;]*m")
FAILED_RESOURCE = re.compile(r"^[\w.-]+:[\w./-]*:\w+ resource '[^']*' has a problem: ")
PROVIDER_PREFIX = re.compile(r"^(?:error: |sdk-v2/provider2\.go:\d+: |sdk\.helper_schema: )")
PROVIDER_SUFFIX = re.compile(r": provider=\w+@[\w.+-]+$")
ERRORS_OCCURRED = re.compile(r"^\d+ errors? occurred:\s*$")
PROGRAM_FAILED = "Program failed with an unhandled exception:"
FRAME = re.compile(r'^\s*File "(?P<path>[^"]+)", line (?P<line>\d+)')
STDERR_NOISE = re.compile(r"^(?:code: \d+|stdout:|stderr:|Resources:|Duration:|\s*\d+ errored)\s*$")


def parse_event_log(text: str) -> list[EngineEvent]:
    """Events of an `--event-log` file: one JSON object per line."""
    return [EngineEvent.from_json(json.loads(line)) for line in text.splitlines() if line.strip()]


def read_event_log(path: Path) -> list[EngineEvent]:
    return parse_event_log(Path(path).read_text())


def resources_from_events(events: Iterable[EngineEvent]) -> list[dict[str, Any]]:
    """The program's resources ({"urn", "type", "name"}), in step order, stack and providers left out."""
    seen: dict[str, dict[str, Any]] = {}
    for event in events:
        step = event.res_outputs_event or event.resource_pre_event
        if step is None or step.metadata.urn in seen:
            continue
        rtype, name = parse_urn(step.metadata.urn)
        if rtype and rtype != STACK_TYPE and not rtype.startswith("pulumi:providers:"):
            seen[step.metadata.urn] = {"urn": step.metadata.urn, "type": rtype, "name": name}
    return list(seen.values())


@dataclass
class _Failure:
    message: str
    urn: str | None
    position: int  # the event's index in the stream


def errors_from_events(events: Iterable[EngineEvent], project_root: Path, phase: str) -> list[DeployError]:
    """One DeployError per distinct failure among the error diagnostics, joined to their failed steps."""
    failures: list[_Failure] = []
    failed_steps: list[tuple[int, str]] = []  # (position, urn) of each ResOpFailedEvent
    for position, event in enumerate(events):
        diagnostic = event.diagnostic_event
        if diagnostic is not None and diagnostic.severity == "error":
            text = COLOR.sub("", diagnostic.message).strip()
            if text and not SUMMARY.match(text):
                failures.append(_Failure(text, diagnostic.urn or None, position))
        failed = event.res_op_failed_event
        if failed is not None and failed.metadata.urn:
            failed_steps.append((position, failed.metadata.urn))
    _attribute_to_failed_steps(failures, failed_steps)

    errors: list[DeployError] = []
    seen: set[tuple[str, str | None, str | None]] = set()
    for failure in failures:
        for error in _to_errors(failure, project_root, phase):
            key = (error.fingerprint(), error.resource_name, error.file)
            if key not in seen:
                seen.add(key)
                errors.append(error)
    return errors


def _attribute_to_failed_steps(failures: list[_Failure], failed_steps: list[tuple[int, str]]) -> None:
    """A provider diagnostic that names no resource belongs to the failed step reported after it
    (the engine emits the step's error, then its ResOpFailedEvent), or to the one failed step no
    other diagnostic names. A program's traceback is the program's, never a step's."""
    named = {failure.urn for failure in failures if failure.urn}
    unclaimed = [(position, urn) for position, urn in failed_steps if urn not in named]
    for failure in failures:
        if failure.urn or "Traceback (most recent call last):" in failure.message or failure.message.startswith(PROGRAM_FAILED):
            continue
        after = [step for step in unclaimed if step[0] > failure.position]
        step = after[0] if after else (unclaimed[0] if len(unclaimed) == 1 else None)
        if step is not None:
            failure.urn = step[1]
            unclaimed.remove(step)


def _to_errors(failure: _Failure, root: Path, phase: str) -> list[DeployError]:
    rtype, name = parse_urn(failure.urn)
    if rtype == STACK_TYPE:
        rtype = name = None
    if "Traceback (most recent call last):" in failure.message:
        message, file, line = locate_traceback(failure.message, root)
        return [to_deploy_error(message, raw=failure.message, file=file, line=line, phase=phase)]
    if failure.message.startswith(PROGRAM_FAILED):
        message = failure.message[len(PROGRAM_FAILED) :].strip() or failure.message
        return [to_deploy_error(message, raw=failure.message, phase=phase)]
    errors = []
    for message in unwrap_provider_message(failure.message):
        error = to_deploy_error(message, raw=failure.message, resource_type=rtype, resource_name=name, phase=phase)
        if error.details.get("urn") and rtype is None:  # e.g. a duplicate URN reported on the stack
            dup_type, dup_name = parse_urn(error.details["urn"])
            error = to_deploy_error(message, raw=failure.message, resource_type=dup_type, resource_name=dup_name, phase=phase)
        errors.append(error)
    return errors


def unwrap_provider_message(message: str) -> list[str]:
    """The provider's own message(s), without the prefixes Pulumi and the bridge put in front."""
    lines = [line for line in message.strip().splitlines() if line.strip()]
    if lines and ERRORS_OCCURRED.match(_strip_prefixes(lines[0])):
        bullets = [line.strip()[1:].strip() for line in lines[1:] if line.strip().startswith("*")]
        if bullets:
            return [_strip_prefixes(bullet) for bullet in bullets]
    return [_strip_prefixes(message.strip())]


def _strip_prefixes(text: str) -> str:
    text = FAILED_RESOURCE.sub("", text.strip(), count=1)
    while True:
        stripped = PROVIDER_PREFIX.sub("", text, count=1).lstrip()
        if stripped == text:
            break
        text = stripped
    return PROVIDER_SUFFIX.sub("", text)


def locate_traceback(text: str, root: Path) -> tuple[str, str | None, int | None]:
    """(final exception line, file, line) of a Python traceback; file is the last frame inside `root`."""
    lines = text.splitlines()
    file: str | None = None
    line_no: int | None = None
    for line in lines:
        frame = FRAME.match(line)
        if frame:
            rel = _project_relative(frame["path"], root)
            if rel is not None:
                file, line_no = rel, int(frame["line"])
    exception = [line for line in lines if line.strip() and not line[0].isspace()]
    exception = [line for line in exception if not line.startswith(("Traceback", PROGRAM_FAILED, "During handling"))]
    message = exception[-1].strip() if exception else lines[-1].strip()
    return message, file, line_no


def _project_relative(path: str, root: Path) -> str | None:
    root = Path(root).resolve()
    candidate = Path(path) if Path(path).is_absolute() else root / path
    try:
        rel = candidate.resolve().relative_to(root)
    except ValueError:
        return None
    if SKIPPED_DIRS.intersection(rel.parts[:-1]) or "site-packages" in rel.parts:
        return None
    return rel.as_posix()


def error_from_stderr(stderr: str, phase: str) -> DeployError:
    """An error for a failed command that reported no structured error event."""
    lines = [COLOR.sub("", line).strip() for line in stderr.splitlines()]
    meaningful = [line for line in lines if line and not STDERR_NOISE.match(line) and not SUMMARY.match(line)]
    message = _strip_prefixes(meaningful[-1]) if meaningful else "pulumi failed without an error message"
    return to_deploy_error(message, raw=stderr, phase=phase)


def command_stderr(exc: Exception) -> str:
    """The stderr of an automation CommandError (it only keeps its CommandResult as text)."""
    text = str(exc)
    return text.split("\n stderr: ", 1)[1] if "\n stderr: " in text else text
