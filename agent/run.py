"""One remediation run: copy the project, run the loop on an ephemeral stack, write the outputs."""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from agent.checks.preflight import static_errors
from agent.checks.required_config import unset_required_config
from agent.core import redaction, run_defaults
from agent.core.config import load_data
from agent.core.config_defaults import is_secret_key
from agent.core.fixes import FixContext
from agent.core.project import Project, ProjectError
from agent.core.workspaces import copy_project, new_work_dir, workspaces_dir
from agent.engines.base import Engine, Leak, RunResult, StackLeaked, StackRef
from agent.fixlog import FixLog
from agent.intake.guards import case_text
from agent.intake.materialize import NoProgram, is_candidate_folder, materialize
from agent.intake.task import read_task
from agent.loop import Outcome, Remediation, Status
from agent.nightly.documents import write_documents
from agent.out_dir import check_out, claimed, clear_previous_output
from agent.report import project_diff, render_report, summary
from agent.stack_secrets import run_with_test_secrets
from fixers import registry


@dataclass
class RunOptions:
    stack: str = run_defaults.STACK
    engine: str = "local"
    region: str | None = None
    config: dict[str, str] = field(default_factory=dict)
    environment: dict[str, str] = field(default_factory=dict)  # --env: variables the program runs with
    max_attempts: int = run_defaults.MAX_ATTEMPTS
    out: Path | None = None
    write: bool = False
    preview_only: bool = False
    timeout_s: float = run_defaults.OPERATION_TIMEOUT_S
    target: str = "aws"  # "aws" or "localstack": provider settings from config/targets/<target>.json
    response: str = "MODEL_RESPONSE.md"  # which answer to materialize when PATH is a candidate folder
    limits: dict[str, int | None] = field(default_factory=dict)  # overrides of config/limits.json (local engine)
    force: bool = False  # --force: write into an --out that holds other files
    safe_only: bool = False  # --safe-only: apply safe fixes only; unsafe ones are reported as available


@dataclass
class RunReport:
    outcome: Outcome
    summary: dict
    out: Path


def resolve_region(project: Project, options: RunOptions) -> str:
    configured = {**project.project_config(), **project.stack_config(options.stack)}.get("aws:region")
    return (
        options.region
        or (configured if isinstance(configured, str) else None)
        or os.environ.get("AWS_REGION")
        or os.environ.get("AWS_DEFAULT_REGION")
        or run_defaults.REGION
    )


def make_engine(
    name: str, timeout_s: float = run_defaults.OPERATION_TIMEOUT_S, limits: dict[str, int | None] | None = None, target: str = "aws"
) -> tuple[Engine, str]:
    """The engine for --engine NAME, and why it was chosen; EngineUnavailable when it cannot run here."""
    from agent.engines.selection import select_engine

    chosen, reason = select_engine(name)
    if chosen == "pulumi":
        from agent.engines.pulumi_engine import PulumiEngine

        return PulumiEngine(timeout_s=timeout_s, workspaces=workspaces_dir(), target=target), reason
    from agent.engines.local.engine import LocalEngine
    from agent.engines.local.sandbox import Limits

    return LocalEngine(timeout_s=min(timeout_s, run_defaults.LOCAL_TIMEOUT_S), limits=Limits.configured(**(limits or {}))), reason


def stack_config(options: RunOptions) -> dict[str, str]:
    """--config values over the target's provider settings (LocalStack endpoints, for one)."""
    if options.target == "aws":
        return dict(options.config)
    return {**load_data(f"targets/{options.target}.json")["config"], **options.config}


def default_out(name: str) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    return workspaces_dir() / "runs" / f"{stamp}-{name}"


def open_source(path: Path, options: RunOptions, input_dir: Path) -> tuple[Project, tuple[str, ...]]:
    """PATH as a project, and notes on how it was set up: a candidate-response folder is
    materialized into input_dir (PATH is never changed)."""
    if not is_candidate_folder(path):
        return python_project(Project.open(path)), ()
    if options.write:
        raise ProjectError(f"{path}: --write is not supported for candidate-response folders; the fixed project is in the output directory")
    shutil.rmtree(input_dir, ignore_errors=True)
    made = materialize(path, input_dir, options.response)
    return python_project(Project.open(made.root)), made.notes


def python_project(project: Project) -> Project:
    """Only Python programs can run here; another runtime is bad input, not a failed fix."""
    if project.runtime != "python":
        raise ProjectError(f"{project.root}: not a Python project (runtime: {project.runtime})")
    return project


def remember_secrets(options: RunOptions) -> None:
    """Mask the run's own secrets in what it writes: secret-named --config and --env values and the
    user's passphrase. Other --env values stay readable: they name things (ENVIRONMENT_SUFFIX=dev)."""
    given = {**options.config, **options.environment}
    for key, value in given.items():
        if is_secret_key(key.split(":")[-1]):
            redaction.remember(value)
    redaction.remember(os.environ.get("PULUMI_CONFIG_PASSPHRASE", ""))


def remediate(path: Path, options: RunOptions, progress: Callable[[str], None] = lambda line: None) -> RunReport:
    started = time.monotonic()
    remember_secrets(options)
    out = Path(options.out) if options.out else default_out(Path(path).resolve().name)
    if not is_candidate_folder(path):
        python_project(Project.open(path))  # the input's own problem is the one to report first
    engine, engine_reason = make_engine(options.engine, options.timeout_s, options.limits, options.target)  # a missing CLI stops here
    check_out(out, [path], options.force)  # before the claim: a refused run leaves nothing behind
    with claimed(out):
        clear_previous_output(out)
        return _remediate_into(out, path, options, progress, started, (engine, engine_reason))


def _remediate_into(
    out: Path, path: Path, options: RunOptions, progress: Callable[[str], None], started: float, chosen: tuple[Engine, str]
) -> RunReport:
    engine, engine_reason = chosen
    try:
        source, setup = open_source(path, options, out / "input-project")
    except NoProgram as nothing:
        return _no_code(nothing, options, out, Path(path), time.monotonic() - started)
    region = resolve_region(source, options)
    work_dir, log = new_work_dir(source.root.name), None
    try:
        original = copy_project(source.root, work_dir / "original")
        work = Project.open(copy_project(source.root, work_dir / "project"))
        out.mkdir(parents=True, exist_ok=True)
        log = FixLog(out / "fixlog.jsonl")
        outcome, cloud_attempts = _converge(engine, work, options, region, log, progress, read_task(Path(path)))
        data = summary(outcome, engine=engine.name, stack=outcome.stack, duration_s=time.monotonic() - started)
        if engine.name != "local":
            data["cloud_attempts"] = cloud_attempts
        if options.engine == "auto":
            data["engine_reason"] = engine_reason
        log.event("run_ended", engine=engine.name, engine_reason=engine_reason, cloud_attempts=cloud_attempts)
        copy_project(work.root, out / "project")
        (out / "fix.diff").write_text(project_diff(original, work.root))
        data = redaction.redact(data)
        (out / "summary.json").write_text(json.dumps(data, indent=2) + "\n")
        report = render_report(outcome, data, project=source.name, engine_reason=engine_reason, setup=setup)
        (out / "report.md").write_text(redaction.redact_text(report))
        if is_candidate_folder(path):
            write_documents(
                out,
                outcome,
                response=case_text(Path(path), options.response)[0],
                original=original,
                fixed=work.root,
                project=source.name,
                engine=engine.name,
                redact=redaction.redact_text,
            )
        if options.write and outcome.status is Status.FIXED:
            removed = {edit.path for applied in outcome.fixes for edit in applied.fix.edits if edit.after is None}
            write_back(original, work.root, source.root, removed)
            log.event("written_back", path=str(source.root))
        return RunReport(outcome, data, out)
    finally:
        if log:
            log.close()
        shutil.rmtree(work_dir, ignore_errors=True)


def _no_code(nothing: NoProgram, options: RunOptions, out: Path, path: Path, duration_s: float) -> RunReport:
    """A response with no program to run: its own outcome, with the usual outputs and nothing deployed."""
    outcome = Outcome(status=Status.NO_CODE, attempts=0, reason=str(nothing), stack=options.stack)
    data = summary(outcome, engine=options.engine, stack=options.stack, duration_s=duration_s)
    data["reason"] = outcome.reason
    out.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(out / "input-project", ignore_errors=True)
    log = FixLog(out / "fixlog.jsonl")
    log.event("no_code", reason=outcome.reason)
    log.close()
    (out / "fix.diff").write_text("")
    (out / "summary.json").write_text(json.dumps(data, indent=2) + "\n")
    (out / "report.md").write_text(render_report(outcome, data, project=path.resolve().name))
    return RunReport(outcome, data, out)


def _preflight(options: RunOptions) -> Callable[[Project], list]:
    """The static checks before each local run: SDK mismatches, and required config nothing sets
    (the run's own config counts as set, and so does aws:region, which every run's stack carries)."""
    given = {*stack_config(options), "aws:region"}
    return lambda project: static_errors(project) + unset_required_config(project, options.stack, {project.qualify(key) for key in given})


def _converge(engine: Engine, work: Project, options: RunOptions, region: str, log: FixLog, progress, task: str) -> tuple[Outcome, int]:
    """The loop on the chosen engine; a cloud engine runs only after the local loop converged,
    so a real deploy is attempted only when every error the local engine knows is fixed."""
    engines: list[Engine] = [engine]
    if engine.name != "local":
        from agent.engines.local.engine import LocalEngine
        from agent.engines.local.sandbox import Limits

        engines.insert(0, LocalEngine(limits=Limits.configured(**options.limits)))
    outcomes: list[Outcome] = []
    cloud_attempts = 0
    for current in engines:
        stack = StackRef.ephemeral(options.stack, region, stack_config(options), options.environment)
        log.event("run_started", project=str(work.root), engine=current.name, stack=stack.name, region=region)
        ctx = FixContext(
            project=work, stack=options.stack, region=region, engine=current.name, task=task, account_id=engines[-1].account_id
        )
        loop = Remediation(
            current,
            registry(),
            log,
            max_attempts=options.max_attempts,
            preview_only=options.preview_only,
            progress=lambda line, name=current.name: progress(f"[{name}] {line}"),
            preflight=_preflight(options) if current.name == "local" else None,
            safe_only=options.safe_only,
        )
        outcome = loop.run(work, stack, ctx)
        outcomes.append(outcome)
        if current.name != "local":  # the engine's own count: transient retries and test-secret reruns are real runs too
            cloud_attempts += getattr(current, "runs", outcome.attempts)
        if outcome.status is Status.FAILED:
            break
    return _merged(outcomes), cloud_attempts


def _merged(outcomes: list[Outcome]) -> Outcome:
    """The last engine's outcome, counting every engine's fixes and attempts: a cloud run that
    deployed clean after the local loop fixed something ends fixed."""
    last = outcomes[-1]
    fixes = tuple(applied for outcome in outcomes for applied in outcome.fixes)
    status = Status.FIXED if last.status is Status.CLEAN and fixes else last.status
    withheld = tuple(found for outcome in outcomes for found in outcome.withheld)
    return replace(last, status=status, fixes=fixes, withheld=withheld, attempts=sum(outcome.attempts for outcome in outcomes))


def write_back(original: Path, fixed: Path, target: Path, removed: set[str]) -> None:
    """Copy into the user's project each file the fixes added or changed, and remove each file a fix
    removed (a renamed module's old name, whose text lives on under the new one); nothing else."""
    for rel in removed:
        if not (fixed / rel).exists():
            (target / rel).unlink(missing_ok=True)
    for path in fixed.rglob("*"):
        if not path.is_file():
            continue
        rel = path.relative_to(fixed)
        before = original / rel
        if not before.is_file() or before.read_bytes() != path.read_bytes():
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target / rel)


@dataclass(frozen=True)
class Checked:
    result: RunResult
    engine: str
    supplied_secrets: list[str]  # required secrets the run gave generated test values
    leak: Leak | None = None  # what the stack's teardown could not remove


def check(path: Path, options: RunOptions) -> Checked:
    """One preview and up with no fixes, on a copy; the stack is removed afterwards."""
    work_dir = new_work_dir("check")
    try:
        source, _ = open_source(path, options, work_dir / "input-project")
        engine, _ = make_engine(options.engine, options.timeout_s, options.limits, options.target)
        region = resolve_region(source, options)
        work = Project.open(copy_project(source.root, work_dir / "project"))
        stack = StackRef.ephemeral(options.stack, region, stack_config(options), options.environment)
        try:
            result, ran = run_with_test_secrets(engine, work, stack, options.preview_only)
        except BaseException:
            engine.remove_stack(work, stack)
            raise
        try:
            engine.remove_stack(work, stack)
        except StackLeaked as leaked:
            return Checked(result, engine.name, sorted(ran.secrets), leaked.leak)
        return Checked(result, engine.name, sorted(ran.secrets))
    finally:
        shutil.rmtree(work_dir, ignore_errors=True)
