"""What the program is given: --env variables, Pulumi.yaml config defaults, and a run started
inside the project folder."""

from pathlib import Path

import pytest

from agent.core.workspaces import copy_project
from agent.run import RunOptions, check

PROGRAM = """\
import os
import pulumi
import pulumi_aws as aws
from lib.names import bucket_name

config = pulumi.Config()
aws.s3.BucketV2("b", bucket=bucket_name(config.require("suffix") + config.require("size") + os.environ["TEAM"]))
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "proj"
    (root / "lib").mkdir(parents=True)
    (root / "Pulumi.yaml").write_text("name: settings\nruntime: python\nmain: lib/\nconfig:\n  suffix: abc\n  size:\n    default: small\n")
    (root / "lib" / "__init__.py").write_text("")
    (root / "lib" / "__main__.py").write_text(PROGRAM)
    (root / "lib" / "names.py").write_text("def bucket_name(text):\n    return 'bucket-' + text\n")
    return root


def test_without_pythonpath_the_project_package_is_not_importable_as_on_pulumi(project):
    result = check(project, RunOptions(preview_only=True, environment={"TEAM": "x"})).result
    assert not result.ok
    assert "No module named 'lib'" in result.errors[0].message


def test_env_gives_the_program_variables_and_a_pythonpath_relative_to_the_project(project):
    result = check(project, RunOptions(environment={"PYTHONPATH": ".", "TEAM": "x"})).result
    assert result.ok, [e.message for e in result.errors]


def test_pulumi_yaml_config_values_and_defaults_reach_the_program(project):
    result = check(project, RunOptions(preview_only=True, environment={"PYTHONPATH": "."})).result
    assert "KeyError: 'TEAM'" in result.errors[0].message  # got past both config.require calls


def test_copying_a_project_leaves_out_a_workspaces_folder_inside_it(project, monkeypatch):
    monkeypatch.setenv("REMEDIATE_WORKSPACES", str(project / "workspaces"))  # a user may point it anywhere
    (project / "workspaces" / "work").mkdir(parents=True)
    target = copy_project(project, project / "workspaces" / "work" / "copy")
    assert (target / "lib" / "names.py").is_file()
    assert not (target / "workspaces").exists()


def test_the_program_sees_the_stack_it_was_given_not_the_ephemeral_suffix(tmp_path):
    (tmp_path / "Pulumi.yaml").write_text("name: named\nruntime: python\n")
    (tmp_path / "__main__.py").write_text(
        "import pulumi\nimport pulumi_aws as aws\n\n"
        "assert pulumi.get_stack() == 'qa', pulumi.get_stack()\n"
        "aws.s3.BucketV2('b', bucket=f'logs-{pulumi.get_stack()}')\n"
    )
    result = check(tmp_path, RunOptions(stack="qa")).result
    assert result.ok, [e.message for e in result.errors]
