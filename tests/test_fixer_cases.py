"""Every fixer case under tests/fixers/<module>/<case>/ as a specification.

A case holds error.json (the failure as an engine reports it) and before/ (a project).
With after/, the fixer must turn before/ into exactly after/ with the safety error.json names
("safety": "safe" or "unsafe"), and a second application must change nothing. Without after/,
the fixer must leave the project alone. Every fixer has at least one case of each.
"""

import json
from pathlib import Path

import pytest

from agent.core.classify import to_deploy_error
from agent.core.fixes import Fix, FixContext
from agent.patching import apply_edits
from fixers import registry

CASES = Path(__file__).parent / "fixers"


def _cases():
    for case in sorted(CASES.glob("*/*")):
        if (case / "error.json").is_file():
            yield pytest.param(case, id=f"{case.parent.name}/{case.name}")


def _fixer(module_name):
    for fixer in registry():
        if type(fixer).__module__ == f"fixers.{module_name}":
            return fixer
    raise LookupError(f"no fixer in fixers/{module_name}.py")


def _tree(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): p.read_text() for p in sorted(root.rglob("*")) if p.is_file() and "__pycache__" not in p.parts}


def _apply_once(fixer, error, ctx):
    match = fixer.match(error, ctx)
    if match is None:
        return None
    result = fixer.fix(match, ctx)
    if isinstance(result, Fix) and result.edits:
        apply_edits(ctx.project, result.edits)
        return result
    return None


@pytest.mark.parametrize("case", list(_cases()))
def test_fixer_case(case, copy_project):
    fixer = _fixer(case.parent.name)
    spec = json.loads((case / "error.json").read_text())
    region = spec.pop("region", "us-east-1")
    account_id = spec.pop("account_id", None)  # the engine's account, when the case runs on one that knows it
    expected_safety = spec.pop("safety", None)
    error = to_deploy_error(**spec)
    assert error.kind in fixer.kinds, f"{error.kind} is not handled by {fixer.id}"
    project = copy_project(case / "before")
    ctx = FixContext(project=project, stack="ci", region=region, account_id=account_id)

    applied = _apply_once(fixer, error, ctx)
    if not (case / "after").is_dir():
        assert applied is None, "a no-op case must be left alone"
        assert _tree(project.root) == _tree(case / "before")
        return
    assert applied is not None, "the fixer did not fix the case"
    assert expected_safety is not None, "a fixing case names the safety it expects in error.json"
    assert applied.safety.value == expected_safety
    assert _tree(project.root) == _tree(case / "after")
    assert _apply_once(fixer, error, ctx) is None, "a second application changed something"
    assert _tree(project.root) == _tree(case / "after")


@pytest.mark.parametrize("fixer", registry(), ids=lambda fixer: fixer.id)
def test_every_fixer_has_a_fixing_and_a_leave_alone_case(fixer):
    module = type(fixer).__module__.rsplit(".", 1)[-1]
    cases = [case for case in (CASES / module).glob("*") if (case / "error.json").is_file()]
    assert any((case / "after").is_dir() for case in cases), f"tests/fixers/{module}/ has no case the fixer fixes"
    assert any(not (case / "after").is_dir() for case in cases), f"tests/fixers/{module}/ has no case the fixer leaves alone"
