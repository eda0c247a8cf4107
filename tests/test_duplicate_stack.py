"""RM007 refuses what is not an identical repeat, and says where a naming bug is."""

import json
from pathlib import Path

from agent.core.classify import to_deploy_error
from agent.core.fixes import Fix, FixContext, Skip
from fixers.duplicate_stack import DuplicateStack

CASES = Path(__file__).parent / "fixers" / "duplicate_stack"


def _fix(project):
    spec = json.loads((CASES / "module_level_function_call" / "error.json").read_text())
    spec.pop("safety")  # the fixture's expectation, not part of the error
    fixer = DuplicateStack()
    ctx = FixContext(project=project, stack="ci", region="us-east-1")
    return fixer.fix(fixer.match(to_deploy_error(**spec), ctx), ctx)


def test_a_module_level_call_with_other_arguments_stays(copy_project):
    project = copy_project(CASES / "module_level_function_call" / "before")
    source = project.read("lib/network.py").replace('suffix = pulumi.Config().get("environmentSuffix") or "dev"', 'suffix = "prod"')
    project.write("lib/network.py", source)
    result = _fix(project)
    assert isinstance(result, Skip) and "identical" in result.reason


def test_the_stack_config_decides_what_a_config_read_gives(copy_project):
    project = copy_project(CASES / "module_level_function_call" / "before")
    project.write("lib/network.py", project.read("lib/network.py").replace("create_network(suffix)\n", 'create_network("dev")\n'))
    assert isinstance(_fix(project), Fix)  # no environmentSuffix set: the entry point's call is create_network("dev")
    project.set_stack_config("ci", "environmentSuffix", "prod")
    assert isinstance(_fix(project), Skip)  # the entry point makes main-vpc-prod, the module main-vpc-dev


def test_two_resources_with_one_name_are_named_in_the_reason(copy_project):
    project = copy_project(CASES / "two_resources_one_name" / "before")
    spec = json.loads((CASES / "two_resources_one_name" / "error.json").read_text())
    fixer = DuplicateStack()
    ctx = FixContext(project=project, stack="ci", region="us-east-1")
    result = fixer.fix(fixer.match(to_deploy_error(**spec), ctx), ctx)
    assert isinstance(result, Skip)
    assert "lib/storage.py:5" in result.reason and "lib/storage.py:6" in result.reason


def test_a_variable_bound_twice_at_module_level_is_not_taken_for_its_first_value(copy_project):
    project = copy_project(CASES / "module_level_function_call" / "before")
    source = project.read("lib/network.py").replace(
        "create_network(suffix)\n", 'if pulumi.get_stack() == "prod":\n    suffix = "prod"\ncreate_network(suffix)\n'
    )
    project.write("lib/network.py", source)
    assert isinstance(_fix(project), Skip)
