"""The loop against an engine that replays scripted results: convergence, cycles, limits, reverts."""

import json
from typing import ClassVar

import pytest

from agent.core.classify import to_deploy_error
from agent.core.errors import ErrorKind
from agent.core.fixes import Fix, FixContext, Fixer, Match, Safety, edit_file
from agent.core.project import Project
from agent.engines.base import RunResult, StackRef
from agent.fixlog import FixLog
from agent.loop import Backoff, Remediation, Status

BROKEN = "TypeError: Thing._internal_init() got an unexpected keyword argument 'colour'"


class ScriptedEngine:
    """Replays a list of results, one per run; records warm-up and stack removal."""

    name = "scripted"

    def __init__(self, results):
        self.results = list(results)
        self.runs = 0
        self.removed = []
        self.warmed = False

    def run(self, project, stack, preview_only=False):
        self.runs += 1
        return self.results.pop(0) if len(self.results) > 1 else self.results[0]

    def remove_stack(self, project, stack):
        self.removed.append(stack.name)

    def warm_up(self, project=None):
        self.warmed = True


class AppendLine(Fixer):
    """Appends a counter line to main.py: every application changes the file."""

    id: ClassVar[str] = "TEST1"
    name: ClassVar[str] = "test.append-line"
    title: ClassVar[str] = "Append a line"
    kinds: ClassVar[frozenset] = frozenset({ErrorKind.UNKNOWN_ARGUMENT})
    safety: ClassVar[Safety] = Safety.SAFE

    def __init__(self, text="x = 1\n"):
        self.text = text

    def match(self, error, ctx):
        return Match(error)

    def fix(self, match, ctx):
        edit = edit_file(ctx.project, "main.py", ctx.project.read("main.py") + self.text)
        return Fix((edit,), "appended a line", "test", Safety.SAFE, "main.py", 1)


def failing(message=BROKEN):
    return RunResult(ok=False, phase="preview", errors=[to_deploy_error(message, file="main.py", line=1)])


CLEAN = RunResult(ok=True, phase="up", resources=[{"urn": "u", "type": "t", "name": "n"}])


@pytest.fixture
def project(tmp_path):
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "Pulumi.yaml").write_text("name: p\nruntime: python\n")
    (tmp_path / "p" / "main.py").write_text("import pulumi\n")
    return Project.open(tmp_path / "p")


def run_loop(project, engine, fixers, tmp_path, **kwargs):
    log_path = tmp_path / "fixlog.jsonl"
    loop = Remediation(engine, fixers, FixLog(log_path), backoff=Backoff(tries=3, first_wait_s=0, max_wait_s=0), **kwargs)
    stack = StackRef.ephemeral("ci", "us-east-1")
    outcome = loop.run(project, stack, FixContext(project, "ci", "us-east-1"))
    events = [json.loads(line) for line in log_path.read_text().splitlines()]
    return outcome, events, stack


def test_clean_project_needs_one_attempt(project, tmp_path):
    engine = ScriptedEngine([CLEAN])
    outcome, events, stack = run_loop(project, engine, [AppendLine()], tmp_path)
    assert (outcome.status, outcome.attempts, outcome.fixes) == (Status.CLEAN, 1, ())
    assert engine.removed == [stack.name]
    assert [e["event"] for e in events] == ["attempt_started", "final", "stack_removed"]


def test_converges_after_a_fix(project, tmp_path):
    engine = ScriptedEngine([failing(), CLEAN])
    outcome, events, _ = run_loop(project, engine, [AppendLine()], tmp_path)
    assert (outcome.status, outcome.attempts) == (Status.FIXED, 2)
    assert project.read("main.py").endswith("x = 1\n")
    assert "fix_applied" in [e["event"] for e in events]


def test_no_fixer_matches_reports_the_error_verbatim(project, tmp_path):
    engine = ScriptedEngine([failing("RuntimeError: something odd")])
    outcome, _, stack = run_loop(project, engine, [AppendLine()], tmp_path)
    assert outcome.status is Status.FAILED
    assert outcome.remaining_error.message == "RuntimeError: something odd"
    assert outcome.reason == "no fixer matched the error"
    assert engine.removed == [stack.name]


def test_a_fix_that_leaves_its_error_is_not_applied_again(project, tmp_path):
    engine = ScriptedEngine([failing()])
    outcome, events, _ = run_loop(project, engine, [AppendLine()], tmp_path)
    assert outcome.status is Status.FAILED
    assert len(outcome.fixes) == 1
    assert "left the error in place" in outcome.reason
    assert "fixer_ineffective" in [e["event"] for e in events]


def test_cycle_detected_when_code_and_errors_repeat(project, tmp_path):
    class Toggle(AppendLine):
        id: ClassVar[str] = "TEST2"

        def fix(self, match, ctx):
            text = ctx.project.read("main.py")
            after = text.replace("a = 1\n", "") if "a = 1\n" in text else text + "a = 1\n"
            return Fix((edit_file(ctx.project, "main.py", after),), "toggled", "test", Safety.SAFE)

    other = "TypeError: Thing._internal_init() got an unexpected keyword argument 'size'"
    engine = ScriptedEngine([failing(), failing(other), failing(), failing(other), CLEAN])
    fixers = [Toggle(), type("Toggle3", (Toggle,), {"id": "TEST3"})()]
    outcome, _, _ = run_loop(project, engine, fixers, tmp_path)
    assert outcome.status is Status.FAILED
    assert outcome.reason.startswith("cycle")


def test_stops_at_max_attempts(project, tmp_path):
    messages = [f"TypeError: Thing._internal_init() got an unexpected keyword argument 'a{i}'" for i in range(10)]
    engine = ScriptedEngine([failing(m) for m in messages])
    outcome, _, _ = run_loop(project, engine, [AppendLine()], tmp_path, max_attempts=3)
    assert (outcome.status, outcome.attempts, engine.runs) == (Status.FAILED, 3, 3)


def test_patch_that_breaks_syntax_is_reverted(project, tmp_path):
    engine = ScriptedEngine([failing()])
    outcome, events, _ = run_loop(project, engine, [AppendLine("def broken(:\n")], tmp_path)
    assert outcome.status is Status.FAILED
    assert project.read("main.py") == "import pulumi\n"
    assert "fix_refused" in [e["event"] for e in events]


def test_transient_errors_are_retried_without_a_patch(project, tmp_path):
    throttled = failing("creating API Gateway Deployment: BadRequestException: Invalid Integration identifier specified")
    engine = ScriptedEngine([throttled, throttled, CLEAN])
    outcome, events, _ = run_loop(project, engine, [AppendLine()], tmp_path)
    assert (outcome.status, outcome.attempts, engine.runs) == (Status.CLEAN, 1, 3)
    assert [e["event"] for e in events].count("transient_retry") == 2
    assert project.read("main.py") == "import pulumi\n"


def test_stack_removed_when_the_engine_raises(project, tmp_path):
    class Exploding(ScriptedEngine):
        def run(self, project, stack, preview_only=False):
            raise KeyboardInterrupt

    engine = Exploding([CLEAN])
    with pytest.raises(KeyboardInterrupt):
        run_loop(project, engine, [AppendLine()], tmp_path)
    assert len(engine.removed) == 1


def test_preflight_errors_are_fixed_before_the_first_run(project, tmp_path):
    engine = ScriptedEngine([CLEAN])
    found = lambda p: [to_deploy_error(BROKEN, file="main.py", line=1, phase="preflight")]  # noqa: E731
    outcome, events, _ = run_loop(project, engine, [AppendLine()], tmp_path, preflight=found)
    assert (outcome.status, outcome.attempts, engine.runs) == (Status.FIXED, 1, 1)
    assert outcome.fixes[0].attempt == 0
    assert [e["event"] for e in events][:2] == ["error_found", "fix_applied"]


def test_the_engine_warms_up_while_the_preflight_runs(project, tmp_path):
    engine = ScriptedEngine([CLEAN])
    warm_during_preflight = []
    run_loop(project, engine, [], tmp_path, preflight=lambda p: warm_during_preflight.append(engine.warmed) or [])
    assert warm_during_preflight[0] is True


def test_the_same_error_at_another_line_is_a_new_failure(project, tmp_path):
    at_line_1, at_line_9 = failing(), RunResult(ok=False, phase="preview", errors=[to_deploy_error(BROKEN, file="main.py", line=9)])
    engine = ScriptedEngine([at_line_1, at_line_9, CLEAN])
    outcome, _, _ = run_loop(project, engine, [AppendLine()], tmp_path)
    assert (outcome.status, len(outcome.fixes)) == (Status.FIXED, 2)


def test_static_check_runs_again_after_an_attempts_fixes(project, tmp_path):
    """A fix can bring a new static finding into view (a class moved to a module the check
    knows): it is fixed before the next run instead of costing one."""
    engine = ScriptedEngine([failing(), CLEAN])

    def found(p):  # the static check sees a problem only once the first fix wrote its line
        if "x = 1" in p.read("main.py"):
            return [to_deploy_error(BROKEN, file="main.py", line=7, phase="preflight")]
        return []

    outcome, events, _ = run_loop(project, engine, [AppendLine()], tmp_path, preflight=found)
    assert (outcome.status, engine.runs, len(outcome.fixes)) == (Status.FIXED, 2, 2)
    assert [f.attempt for f in outcome.fixes] == [1, 1]


class DedupeFirst(AppendLine):
    id: ClassVar[str] = "TEST2"
    kinds: ClassVar[frozenset] = frozenset({ErrorKind.DUPLICATE_URN})

    def __init__(self, settles=frozenset()):
        super().__init__()
        self.settles = settles

    def fix(self, match, ctx):
        edit = edit_file(ctx.project, "main.py", ctx.project.read("main.py") + self.text)
        return Fix((edit,), "appended a line", "test", Safety.SAFE, "main.py", 1, settles=self.settles)


def duplicates(*names):
    errors = [
        to_deploy_error(f"Duplicate resource URN 'urn:pulumi:ci::p::aws:s3/bucket:Bucket::{n}'; try giving it a unique name") for n in names
    ]
    return RunResult(ok=False, phase="preview", errors=errors)


def test_errors_a_fix_may_have_settled_wait_for_the_next_run(project, tmp_path):
    fixer = DedupeFirst(settles=frozenset({ErrorKind.DUPLICATE_URN}))
    outcome, events, _ = run_loop(project, ScriptedEngine([duplicates("a", "b", "c"), CLEAN]), [fixer], tmp_path)
    assert outcome.status is Status.FIXED and len(outcome.fixes) == 1
    assert [e["count"] for e in events if e["event"] == "errors_deferred"] == [2]
    assert project.read("main.py").count("x = 1") == 1


def test_errors_of_independent_causes_are_all_fixed_in_one_attempt(project, tmp_path):
    outcome, events, _ = run_loop(project, ScriptedEngine([duplicates("a", "b"), CLEAN]), [DedupeFirst()], tmp_path)
    assert [f.attempt for f in outcome.fixes] == [1, 1]
    assert not [e for e in events if e["event"] == "errors_deferred"]


@pytest.mark.parametrize("resources", [[], [{"urn": "p", "type": "pulumi:providers:aws", "name": "default"}]])
def test_a_run_that_registers_no_resource_is_not_clean(project, tmp_path, resources):
    engine = ScriptedEngine([RunResult(ok=True, phase="up", resources=resources)])
    outcome, _, _ = run_loop(project, engine, [AppendLine()], tmp_path)
    assert outcome.status is Status.FAILED and outcome.remaining_error.kind is ErrorKind.NO_RESOURCES
    assert outcome.remaining_error == to_deploy_error(outcome.remaining_error.message, file="__main__.py", phase="up")


class DropColour(AppendLine):
    """A fix that drops an argument with no counterpart (unsafe), then a safe one for another error."""

    def fix(self, match, ctx):
        edit = edit_file(ctx.project, "main.py", ctx.project.read("main.py") + "# dropped colour\n")
        return Fix((edit,), "colour= dropped", "test", Safety.SAFE, "main.py", 1, dropped=("colour",))


def test_safe_only_reports_an_unsafe_fix_without_applying_it(project, tmp_path):
    engine = ScriptedEngine([failing(), CLEAN])
    outcome, events, _ = run_loop(project, engine, [DropColour()], tmp_path, safe_only=True)
    assert outcome.status is Status.FAILED and outcome.fixes == () and project.read("main.py") == "import pulumi\n"
    assert [(w.fixer.id, w.fix.change, w.fix.safety) for w in outcome.withheld] == [("TEST1", "colour= dropped", Safety.UNSAFE)]
    assert "not applied (--safe-only)" in dict(outcome.declined)["TEST1"]
    assert [e["dropped"] for e in events if e["event"] == "fix_withheld"] == [["colour"]]


def test_without_safe_only_the_drop_is_applied_and_needs_review(project, tmp_path):
    outcome, events, _ = run_loop(project, ScriptedEngine([failing(), CLEAN]), [DropColour()], tmp_path)
    assert outcome.status is Status.FIXED and outcome.needs_review and outcome.withheld == ()
    assert [e["dropped"] for e in events if e["event"] == "fix_applied"] == [["colour"]]


def test_a_fixer_that_crashes_is_reported_and_the_next_one_still_fixes(project, tmp_path):
    class Crashing(AppendLine):
        id: ClassVar[str] = "TEST0"

        def fix(self, match, ctx):
            raise AttributeError("'Name' object has no attribute 'args'")

    engine = ScriptedEngine([failing(), CLEAN])
    outcome, events, stack = run_loop(project, engine, [Crashing(), AppendLine()], tmp_path)
    assert (outcome.status, [f.fixer.id for f in outcome.fixes]) == (Status.FIXED, ["TEST1"])
    crashed = next(e for e in events if e["event"] == "fixer_crashed")
    assert crashed["fixer"] == "TEST0" and "AttributeError" in crashed["traceback"]
    assert engine.removed == [stack.name]


def test_a_run_whose_only_fixer_crashes_fails_with_the_crash_as_its_reason(project, tmp_path):
    class Crashing(AppendLine):
        def match(self, error, ctx):
            raise KeyError("details")

    outcome, _, stack = run_loop(project, ScriptedEngine([failing()]), [Crashing()], tmp_path)
    assert outcome.status is Status.FAILED and "TEST1 recognised the error" in outcome.reason
    assert [(code, why.split(":")[0]) for code, why in outcome.declined] == [("TEST1", "TEST1 crashed in match()")]
