"""The remediation loop: run, classify, fix, retry — bounded, cycle-proof, always cleaning up."""

from __future__ import annotations

import hashlib
import traceback
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, replace
from enum import Enum

from tenacity import RetryCallState, Retrying, retry_if_result, stop_after_attempt, wait_exponential

from agent.core import run_defaults, run_errors
from agent.core.errors import DeployError, ErrorKind
from agent.core.fixes import Fix, FixContext, Fixer, Match, Safety, Skip
from agent.core.project import Project
from agent.core.project_modules import entry_file
from agent.core.workspaces import run_leaves_no_files
from agent.engines.base import Engine, Leak, RunResult, StackLeaked, StackRef
from agent.fixlog import FixLog
from agent.patching import PatchRefused, apply_edits
from agent.stack_secrets import run_with_test_secrets


@dataclass(frozen=True)
class AppliedFix:
    fixer: Fixer
    error: DeployError
    fix: Fix
    attempt: int


class Status(str, Enum):
    """How a run ended; the values are summary.json's `status`."""

    CLEAN = "clean"  # deployed with no fix
    FIXED = "fixed"  # deployed after fixes
    FAILED = "failed"
    NO_CODE = "no_code"  # the candidate response holds no Pulumi program: nothing ran

    @property
    def ends_clean(self) -> bool:
        return self in (Status.CLEAN, Status.FIXED)


@dataclass(frozen=True)
class Outcome:
    """What a run ended with, built once when it ends."""

    status: Status
    attempts: int
    reason: str
    stack: str
    fixes: tuple[AppliedFix, ...] = ()
    remaining_error: DeployError | None = None
    last_result: RunResult | None = None
    supplied_secrets: tuple[str, ...] = ()  # required secrets this run gave test values
    declined: tuple[tuple[str, str], ...] = ()  # (fixer id, why) for the remaining error
    withheld: tuple[AppliedFix, ...] = ()  # unsafe fixes found but not applied (--safe-only)
    leak: Leak | None = None  # what teardown could not remove (summary.json's stack_leaked)

    @property
    def needs_review(self) -> bool:
        """Whether an applied fix was unsafe: it dropped or guessed something a human should check."""
        return any(applied.fix.safety is Safety.UNSAFE for applied in self.fixes)


@dataclass(frozen=True)
class Backoff:
    """Transient errors (throttling, eventual consistency) are retried without a patch."""

    tries: int = run_defaults.TRANSIENT_TRIES
    first_wait_s: float = run_defaults.TRANSIENT_FIRST_WAIT_S
    max_wait_s: float = run_defaults.TRANSIENT_MAX_WAIT_S


def _is_transient(result: RunResult) -> bool:
    return not result.ok and bool(result.errors) and all(e.kind is ErrorKind.TRANSIENT for e in result.errors)


def _unique(errors: Sequence[DeployError]) -> list[DeployError]:
    seen, unique = set(), []
    for error in errors:
        if error.fingerprint() not in seen:
            seen.add(error.fingerprint())
            unique.append(error)
    return unique


class Remediation:
    def __init__(
        self,
        engine: Engine,
        fixers: Sequence[Fixer],
        log: FixLog,
        *,
        max_attempts: int = run_defaults.MAX_ATTEMPTS,
        preview_only: bool = False,
        backoff: Backoff = Backoff(),
        progress: Callable[[str], None] = lambda line: None,
        preflight: Callable[[Project], list[DeployError]] | None = None,
        safe_only: bool = False,
    ):
        self.engine, self.fixers, self.log = engine, fixers, log
        self.safe_only = safe_only  # unsafe fixes are reported as available, not applied (ruff's default)
        self._withheld: list[AppliedFix] = []
        self.preflight = preflight
        self.max_attempts, self.preview_only = max_attempts, preview_only
        self.backoff, self.progress = backoff, progress
        self._declined: dict[str, dict[str, str]] = {}  # error fingerprint -> fixer id -> why it did not fix it

    def run(self, project: Project, stack: StackRef, ctx: FixContext) -> Outcome:
        """The loop, then the stack's teardown, always; a teardown that leaves something behind is
        part of the outcome (and never replaces it, nor an interrupt on its way out)."""
        try:
            outcome = self._loop(project, stack, ctx)
        except BaseException:
            self._remove(project, stack)
            raise
        leak = self._remove(project, stack)
        return replace(outcome, leak=leak) if leak else outcome

    def _remove(self, project: Project, stack: StackRef) -> Leak | None:
        try:
            self.engine.remove_stack(project, stack)
        except StackLeaked as leaked:
            self.log.event("stack_leaked", **asdict(leaked.leak))
            self.progress(f"teardown: {leaked.leak.reason}")
            return leaked.leak
        self.log.event("stack_removed", stack=stack.name)
        return None

    # ------------------------------------------------------------------
    def _loop(self, project: Project, stack: StackRef, ctx: FixContext) -> Outcome:
        applied: list[AppliedFix] = []
        self._declined = {}  # this run's own: a Remediation may run more than once
        self._withheld = []
        seen_states: set[str] = set()
        fixed_by: dict[str, set[str]] = {}  # error fingerprint -> fixers that already tried it
        result: RunResult | None = None
        self.engine.warm_up(project)
        if self.preflight is not None:
            applied += self._preflight(project, ctx, fixed_by)
        for attempt in range(1, self.max_attempts + 1):
            self.log.event("attempt_started", attempt=attempt, stack=stack.name)
            self.progress(f"attempt {attempt}: {'preview' if self.preview_only else 'preview and up'} running")
            result, stack = self._attempt(project, stack, attempt)
            if result.ok and not run_errors.registers_resources(result.resources):
                result = replace(result, ok=False, errors=[run_errors.no_resources(entry_file(project), result.phase)])
            if result.ok:
                self.progress(f"attempt {attempt}: {result.phase} clean")
                status = Status.FIXED if applied else Status.CLEAN
                return self._final(stack, applied, result, status=status, attempts=attempt, reason="the project deploys")
            errors = _unique(result.errors)
            for error in errors:
                self.log.event("error_found", attempt=attempt, error=error.to_dict())
            state = self._state(project, errors)
            if state in seen_states:
                reason = "cycle: the same code and errors came back"
                return self._final(stack, applied, result, status=Status.FAILED, attempts=attempt, reason=reason, remaining=errors[0])
            seen_states.add(state)
            fixed_now, deferred, settled = [], [], set()
            for error in errors:
                if error.kind in settled:  # an applied fix may have settled it: the next run tells
                    deferred.append(error)
                    continue
                done = self._fix_one(error, ctx, fixed_by, attempt)
                if done is not None:
                    applied.append(done)
                    fixed_now.append(done)
                    settled |= done.fix.settles
            if deferred:
                self.log.event("errors_deferred", attempt=attempt, kind=deferred[0].kind.value, count=len(deferred))
            self.progress(
                f"attempt {attempt}: {result.phase} failed with {len(errors)} error(s); "
                + (", ".join(f"{a.fixer.id} {a.fix.change}" for a in fixed_now) or "no fixer matched")
            )
            if not fixed_now:
                reason = self._no_fix_reason(errors[0], fixed_by)
                return self._final(stack, applied, result, status=Status.FAILED, attempts=attempt, reason=reason, remaining=errors[0])
            if self.preflight is not None:  # a fix (a class moved to another module) may bring more into view
                applied += self._preflight(project, ctx, fixed_by, attempt)
            self.log.event("retry", attempt=attempt, fixes=len(fixed_now))
        remaining = result.errors[0] if result and result.errors else None
        reason = f"still failing after {self.max_attempts} attempts"
        return self._final(stack, applied, result, status=Status.FAILED, attempts=self.max_attempts, reason=reason, remaining=remaining)

    def _preflight(self, project: Project, ctx: FixContext, fixed_by: dict[str, set[str]], attempt: int = 0) -> list[AppliedFix]:
        """Fix what a static check finds before the first run (attempt 0), and again after each
        attempt's fixes, so errors that would each cost a run are fixed together."""
        applied = []
        for error in _unique(self.preflight(project)):
            self.log.event("error_found", attempt=attempt, error=error.to_dict())
            done = self._fix_one(error, ctx, fixed_by, attempt)
            if done is not None:
                applied.append(done)
        if applied:
            label = f"static check after attempt {attempt}" if attempt else "preflight"
            self.progress(f"{label}: {', '.join(f'{a.fixer.id} {a.fix.change}' for a in applied)}")
        return applied

    def _attempt(self, project: Project, stack: StackRef, attempt: int) -> tuple[RunResult, StackRef]:
        """One run, retried with backoff while it fails only transiently; returns the stack that ran
        (it may now carry test values for required secrets)."""

        def before_sleep(state: RetryCallState) -> None:
            result = state.outcome.result()[0]
            self.log.event("transient_retry", attempt=attempt, wait_s=round(state.upcoming_sleep, 2), error=result.errors[0].one_line)
            self.progress(f"attempt {attempt}: transient error, retrying in {state.upcoming_sleep:.1f}s")

        retrying = Retrying(
            retry=retry_if_result(lambda ran: _is_transient(ran[0])),
            stop=stop_after_attempt(self.backoff.tries),
            wait=wait_exponential(multiplier=self.backoff.first_wait_s, max=self.backoff.max_wait_s),
            before_sleep=before_sleep,
            retry_error_callback=lambda state: state.outcome.result(),
        )
        with run_leaves_no_files(project.root):
            result, ran = retrying(run_with_test_secrets, self.engine, project, stack, self.preview_only)
        for key in ran.secrets.keys() - stack.secrets.keys():
            self.log.event("test_secret_supplied", attempt=attempt, key=key)
            self.progress(f"attempt {attempt}: {key} is a required secret no one set; this run uses a generated test value")
        return result, ran

    def _fix_one(self, error: DeployError, ctx: FixContext, fixed_by: dict[str, set[str]], attempt: int) -> AppliedFix | None:
        tried = fixed_by.setdefault(error.fingerprint(), set())
        matches: list[tuple[Fixer, Match]] = []
        for fixer in self.fixers:
            if error.kind not in fixer.kinds:
                continue
            if fixer.id in tried:
                self.log.event("fixer_ineffective", attempt=attempt, fixer=fixer.id, error=error.one_line)
                continue
            match = self._guarded(fixer, "match", error, ctx, attempt)
            if isinstance(match, Skip):
                self._declined.setdefault(error.fingerprint(), {})[fixer.id] = match.reason
            elif match is not None:
                matches.append((fixer, match))
        for fixer, match in matches:  # in the registry's declared order
            result = self._guarded(fixer, "fix", match, ctx, attempt)
            if not isinstance(result, Fix):
                self.log.event("fix_skipped", attempt=attempt, fixer=fixer.id, reason=result.reason, error=error.one_line)
                self._declined.setdefault(error.fingerprint(), {})[fixer.id] = result.reason
                continue
            if self.safe_only and result.safety is Safety.UNSAFE:
                self._withhold(AppliedFix(fixer, error, result, attempt))
                continue
            try:
                apply_edits(ctx.project, result.edits)
            except PatchRefused as refused:
                self.log.event("fix_refused", attempt=attempt, fixer=fixer.id, reason=str(refused))
                self._declined.setdefault(error.fingerprint(), {})[fixer.id] = f"its patch was refused: {refused}"
                continue
            tried.add(fixer.id)
            self.log.event(
                "fix_applied",
                attempt=attempt,
                fixer=fixer.id,
                name=fixer.name,
                file=result.file or error.file,
                line=result.line or error.line,
                error=error.one_line,
                change=result.change,
                safety=result.safety.value,
                dropped=list(result.dropped),
                diff="".join(edit.diff() for edit in result.edits),
            )
            return AppliedFix(fixer, error, result, attempt)
        return None

    def _guarded(self, fixer: Fixer, step: str, found: DeployError | Match, ctx: FixContext, attempt: int) -> Match | Fix | Skip | None:
        """fixer.match or fixer.fix; a fixer that raises is a bug of ours, logged with its traceback
        and reported as that fixer declining, so the run still ends with its report."""
        try:
            return getattr(fixer, step)(found, ctx)
        except Exception as exc:  # any bug in one fixer must not end the run
            self.log.event("fixer_crashed", attempt=attempt, fixer=fixer.id, step=step, traceback=traceback.format_exc())
            return Skip(f"{fixer.id} crashed in {step}(): {type(exc).__name__}: {exc} (a bug in remediate; the fix log has the traceback)")

    def _withhold(self, found: AppliedFix) -> None:
        """An unsafe fix under --safe-only: logged and reported as available, the files untouched."""
        fixer, error, fix = found.fixer, found.error, found.fix
        self.log.event(
            "fix_withheld", attempt=found.attempt, fixer=fixer.id, change=fix.change, dropped=list(fix.dropped), error=error.one_line
        )
        self._declined.setdefault(error.fingerprint(), {})[fixer.id] = (
            f"an unsafe fix is available, not applied (--safe-only): {fix.change}"
        )
        if all((w.fixer.id, w.fix.change) != (fixer.id, fix.change) for w in self._withheld):
            self._withheld.append(found)

    def _no_fix_reason(self, error: DeployError, fixed_by: dict[str, set[str]]) -> str:
        tried = fixed_by.get(error.fingerprint())
        if tried:
            return f"the fix by {', '.join(sorted(tried))} left the error in place"
        if error.kind is ErrorKind.SYNTAX:
            return "the program has a syntax error (a truncated or malformed response) that no fixer can repair"
        declined = self._declined.get(error.fingerprint())
        if declined:
            return f"{', '.join(sorted(declined))} recognised the error but could not fix it (reasons in the report)"
        return "no fixer matched the error"

    @staticmethod
    def _state(project: Project, errors: Sequence[DeployError]) -> str:
        digest = hashlib.sha256()
        for path in sorted(p for p in project.root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            digest.update(path.relative_to(project.root).as_posix().encode())
            digest.update(path.read_bytes())
        for fingerprint in sorted(e.fingerprint() for e in errors):
            digest.update(fingerprint.encode())
        return digest.hexdigest()

    def _final(
        self,
        stack: StackRef,
        applied: list[AppliedFix],
        result: RunResult | None,
        *,
        status: Status,
        attempts: int,
        reason: str,
        remaining: DeployError | None = None,
    ) -> Outcome:
        """The run's outcome, logged; `stack` is the one that last ran (it may carry test secrets)."""
        declined = self._declined.get(remaining.fingerprint(), {}) if remaining is not None else {}
        self.log.event(
            "final", status=status.value, attempts=attempts, reason=reason, remaining_error=remaining.summary() if remaining else None
        )
        return Outcome(
            status=status,
            attempts=attempts,
            reason=reason,
            stack=stack.name,
            fixes=tuple(applied),
            remaining_error=remaining,
            last_result=result,
            supplied_secrets=tuple(sorted(stack.secrets)),
            declined=tuple(sorted(declined.items())),
            withheld=tuple(self._withheld),
        )
