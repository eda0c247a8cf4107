"""Command line: `remediate PATH ...`, `remediate check|batch|gc|fixers ...`."""

from __future__ import annotations

import argparse
import json
import signal
import sys
from collections.abc import Sequence
from importlib.metadata import version
from pathlib import Path

from agent import catalog
from agent.arguments import HelpFormat, UsageError, add_limits, add_program_settings, check_region, check_stack_name, given_limits
from agent.batch import batch_command
from agent.core import run_defaults
from agent.core.project import ProjectError
from agent.core.workspaces import collect_work_dirs, workspaces_dir
from agent.engines.cli_check import EngineUnavailable
from agent.intake.materialize import NoProgram
from agent.nightly.history import history_command
from agent.run import RunOptions, check, remediate
from agent.status_line import StatusLine

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP (what `timeout`, CI cancellation and `kill` send), raised like Ctrl-C so that
    every `finally` runs: the runner is killed and reaped and the ephemeral stack removed."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def _raise_terminated(signum: int, frame) -> None:
    raise Terminated(signum)


def _stack_fate(stop: BaseException) -> str:
    """What became of the ephemeral stack: a second signal during teardown leaves it for `gc`."""
    left = getattr(stop, "stack_left", None) or getattr(stop.__context__, "stack_left", None)
    if left:
        return f"teardown was interrupted: stack {left} is left recorded; run `remediate gc` to destroy it"
    return "the ephemeral stack was removed"


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", type=Path, help="a Pulumi project directory (holding Pulumi.yaml)")
    parser.add_argument("--stack", default=run_defaults.STACK, help="stack name; an ephemeral stack <name>-<suffix> is used")
    parser.add_argument(
        "--engine", choices=["local", "pulumi", "auto"], default="local", help="auto: pulumi when its CLI and AWS credentials are present"
    )
    parser.add_argument("--region", help=f"AWS region (default: stack config aws:region, AWS_REGION, {run_defaults.REGION})")
    add_program_settings(parser)
    add_limits(parser)
    parser.add_argument("--preview-only", action="store_true", help="run preview only, no up")
    parser.add_argument(
        "--timeout",
        type=float,
        default=run_defaults.OPERATION_TIMEOUT_S,
        metavar="SECONDS",
        help=f"limit per operation, cancelled cleanly (default %(default)g; the local engine stops a phase at {run_defaults.LOCAL_TIMEOUT_S:g})",
    )
    parser.add_argument("--target", choices=["aws", "localstack"], default="aws", help="localstack: provider endpoints on localhost:4566")


def _run_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="remediate",
        description="Deploy a Pulumi project, fix what fails, report.",
        epilog=_commands_help(),
        formatter_class=HelpFormat,
    )
    parser.add_argument("--version", action="version", version=f"remediate {version('remediate')}")
    _common(parser)
    parser.add_argument("--max-attempts", type=int, default=run_defaults.MAX_ATTEMPTS, help="deploy attempts before giving up")
    parser.add_argument(
        "--out",
        type=Path,
        help=f"output directory: empty, new or a previous run's output (default {workspaces_dir() / 'runs'}/<timestamp>-<project>)",
    )
    parser.add_argument(
        "--force", action="store_true", help="write into an --out that holds other files (never the input or a folder holding it)"
    )
    parser.add_argument("--write", action="store_true", help="write the fixes back into PATH when the run ends fixed")
    parser.add_argument("--safe-only", action="store_true", help="apply safe fixes only; unsafe ones are reported as available")
    parser.add_argument("--json", action="store_true", help="print summary.json to stdout")
    return parser


def _check_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="remediate check", description="One preview and up, no fixes.", formatter_class=HelpFormat)
    _common(parser)
    return parser


def _options(args: argparse.Namespace) -> RunOptions:
    check_stack_name(args.stack)
    check_region(args.region)
    return RunOptions(
        stack=args.stack,
        engine=args.engine,
        region=args.region,
        config=dict(args.config),
        environment=dict(args.env),
        max_attempts=getattr(args, "max_attempts", run_defaults.MAX_ATTEMPTS),
        out=getattr(args, "out", None),
        write=getattr(args, "write", False),
        preview_only=args.preview_only,
        timeout_s=args.timeout,
        target=args.target,
        limits=given_limits(args),
        force=getattr(args, "force", False),
        safe_only=getattr(args, "safe_only", False),
    )


def _progress(line: str) -> None:
    print(f"remediate: {line}", file=sys.stderr, flush=True)


def run_command(argv: Sequence[str]) -> int:
    args = _run_parser().parse_args(argv)
    if args.max_attempts < 1:
        raise UsageError("--max-attempts must be at least 1")
    with StatusLine() as status:
        report = remediate(args.path, _options(args), progress=status)
    if args.json:
        print(json.dumps(report.summary, indent=2))
    outcome = report.outcome
    _progress(f"{outcome.status.value} after {outcome.attempts} attempt(s); report: {report.out / 'report.md'}")
    if outcome.leak is not None:
        _progress(f"LEFT BEHIND: {outcome.leak.reason} (listed in the report)")
        return EXIT_FAILED
    return EXIT_OK if outcome.status.ends_clean else EXIT_FAILED


def check_command(argv: Sequence[str]) -> int:
    """One preview and up of PATH, no fixes: print the errors."""
    args = _check_parser().parse_args(argv)
    try:
        checked = check(args.path, _options(args))
    except NoProgram as nothing:
        print(f"no_code: {nothing}")
        return EXIT_FAILED
    result = checked.result
    for key in checked.supplied_secrets:
        print(f"note: {key} is a required secret that no one set; this check used a generated test value")
    if checked.leak is not None:
        print(f"LEFT BEHIND: {checked.leak.reason}", file=sys.stderr)
        for item in checked.leak.resources + checked.leak.pending:
            print(f"  {item['type']} {item['urn']}", file=sys.stderr)
        return EXIT_FAILED
    if result.ok:
        print(f"clean: {result.phase} succeeded on the {checked.engine} engine ({len(result.resources)} resources)")
        return EXIT_OK
    for error in result.errors:
        where = f"{error.file}:{error.line}: " if error.file else ""
        print(f"{where}[{error.kind.value}] {error.message}")
    return EXIT_FAILED


def gc_command(argv: Sequence[str]) -> int:
    """Remove what killed runs left behind: stacks, runners and work folders."""
    parser = argparse.ArgumentParser(
        prog="remediate gc",
        description="Remove what killed runs left behind: ephemeral stacks, orphaned runner processes, work folders.",
        formatter_class=HelpFormat,
    )
    parser.add_argument(
        "--max-age",
        type=float,
        default=run_defaults.STALE_STACK_AGE_S,
        help="local stack state (and a work folder that names no owner) untouched this many seconds is stale",
    )
    parser.add_argument(
        "--all-hosts",
        action="store_true",
        help="also remove pulumi stacks another host's runs recorded (their runs cannot be checked from here)",
    )
    args = parser.parse_args(argv)
    from agent.engines.local.engine import collect_local_garbage
    from agent.engines.local.orphans import collect_orphaned_runners
    from agent.engines.pulumi_gc import collect_garbage

    runners = collect_orphaned_runners(workspaces_dir())  # first: a runner may still write into its folders
    folders = collect_work_dirs(args.max_age)
    local_stacks = collect_local_garbage(args.max_age)
    cloud = collect_garbage(workspaces_dir(), all_hosts=args.all_hosts)
    stacks = [*local_stacks.removed, *(f"removed stack {name}" for name in cloud.removed)]
    for line in [*runners.removed, *folders.removed, *stacks, *(f"left {why}" for why in cloud.skipped)]:
        print(line)
    failed = runners.failed + folders.failed + local_stacks.failed + [f"could not remove {why}" for why in cloud.failed]
    for line in failed:
        print(line, file=sys.stderr)
    print(f"{len(stacks)} leftover stack(s), {len(runners.removed)} orphaned runner(s), {len(folders.removed)} work folder(s) removed")
    return EXIT_FAILED if failed else EXIT_OK


def fixers_command(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="remediate fixers", description="List every fixer: code, name, safety, error kinds, title.")
    parser.add_argument("--json", action="store_true", help="print a JSON list of {id, name, safety, kinds, title}")
    args = parser.parse_args(argv)
    listed = catalog.entries()
    sys.stdout.write(catalog.as_json(listed) if args.json else catalog.as_text(listed))
    return EXIT_OK


COMMANDS = {"check": check_command, "batch": batch_command, "gc": gc_command, "fixers": fixers_command, "history": history_command}


def _commands_help() -> str:
    """The subcommands for top-level --help, each with the first line of its docstring."""
    lines = ["commands (remediate COMMAND --help for each):"]
    for name, command in COMMANDS.items():
        summary = (command.__doc__ or "").strip().splitlines()
        lines.append(f"  remediate {name:<8} {summary[0] if summary else ''}")
    lines += ["", f"working copies and stack state live in {workspaces_dir()} (REMEDIATE_WORKSPACES overrides)"]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    command = COMMANDS.get(argv[0]) if argv else None
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _raise_terminated)
    try:
        return command(argv[1:]) if command else run_command(argv)
    except (ProjectError, UsageError, EngineUnavailable) as exc:
        print(f"remediate: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt as stop:  # Ctrl-C, or SIGTERM/SIGHUP as Terminated
        how = f"terminated by {stop}" if isinstance(stop, Terminated) else "interrupted"
        print(f"remediate: {how}; {_stack_fate(stop)}", file=sys.stderr)
        return 128 + stop.signum if isinstance(stop, Terminated) else 130


if __name__ == "__main__":
    sys.exit(main())
