import json
from pathlib import Path

import pytest

from agent.core.classify import classify_text, to_deploy_error
from agent.core.config import load_data
from agent.core.errors import ErrorKind
from agent.core.fixes import Fix, FixContext, Skip
from fixers.missing_import import TABLE, MissingImport, known_imports

CASES = Path(__file__).parent / "fixers" / "missing_import"


def test_classify_name_error():
    assert classify_text("NameError: name 'json' is not defined") == (ErrorKind.UNDEFINED_NAME, {"name": "json"})
    kind, details = classify_text("NameError: name 'jsn' is not defined. Did you mean: 'json'?")
    assert (kind, details) == (ErrorKind.UNDEFINED_NAME, {"name": "jsn"})
    assert (
        classify_text("UnboundLocalError: cannot access local variable 'x' where it is not associated with a value")[0] is ErrorKind.PROGRAM
    )


def test_table_entries_bind_their_name_and_import():
    imports = known_imports()
    assert set(imports) == set(load_data(TABLE)["imports"])
    assert [c.statement for c in imports["datetime"]] == ["from datetime import datetime", "import datetime"]
    for candidates in imports.values():
        for candidate in candidates:
            candidate.target()  # every listed import works in this environment


def _run(case: str, copy_project):
    spec = json.loads((CASES / case / "error.json").read_text())
    spec.pop("safety", None)  # the fixture's expectation, not part of the error
    project = copy_project(CASES / case / "before")
    ctx = FixContext(project=project, stack="ci", region="us-east-1")
    fixer = MissingImport()
    match = fixer.match(to_deploy_error(**spec), ctx)
    return None if match is None else fixer.fix(match, ctx)


@pytest.mark.parametrize(
    "case, reason",
    [
        ("noop_already_imported", "binds 'json' (an import or an assignment)"),
        ("noop_variable_named_like_module", "'import string' does not provide what __main__.py uses (string)"),
        ("noop_file_unknown", "names no file of the project"),
        ("noop_attributes_fit_no_import", "(datetime.now, datetime.timedelta)"),
    ],
)
def test_skip_reasons(case, reason, copy_project):
    result = _run(case, copy_project)
    assert isinstance(result, Skip) and reason in result.reason, result


def test_unknown_name_is_not_matched(copy_project):
    assert _run("noop_unknown_name", copy_project) is None


def test_fix_reports_the_import(copy_project):
    result = _run("aws_alias_after_future_import", copy_project)
    assert isinstance(result, Fix)
    assert result.change == "added 'import pulumi_aws as aws' to __main__.py"
    assert (result.file, result.line) == ("__main__.py", 8)


def test_misconfigured_table_entry_is_refused():
    from fixers.missing_import import _parse_import

    with pytest.raises(ValueError, match="binds 'json', not 'js'"):
        _parse_import("js", "import json")
    with pytest.raises(ValueError, match="not one plain import"):
        _parse_import("os", "import os, sys")
