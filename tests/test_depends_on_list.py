"""RM017 beyond the fixture cases: what counts as evidence that an element holds a list."""

from pathlib import Path

import pytest

from agent.core.classify import to_deploy_error
from agent.core.fixes import Fix, FixContext, Skip
from agent.core.project import Project
from fixers.depends_on_list import DependsOnShape

LIST_VALUE = "TypeError: 'depends_on' was passed a value [<pulumi_aws.s3.bucket.Bucket object at 0x7f00>] that was not a Resource."


def _run(tmp_path: Path, source: str, line: int, message: str = LIST_VALUE):
    (tmp_path / "Pulumi.yaml").write_text("name: t\nruntime: python\n")
    (tmp_path / "__main__.py").write_text(source)
    ctx = FixContext(project=Project.open(tmp_path), stack="ci", region="us-east-1")
    error = to_deploy_error(message, file="__main__.py", line=line)
    fixer = DependsOnShape()
    match = fixer.match(error, ctx)
    return None if match is None else fixer.fix(match, ctx)


def test_a_refused_value_that_is_no_list_is_not_claimed(tmp_path):
    message = "TypeError: 'depends_on' was passed a value my-bucket that was not a Resource."
    assert _run(tmp_path, "import pulumi\npulumi.ResourceOptions(depends_on=['my-bucket'])\n", 2, message) is None


@pytest.mark.parametrize(
    "source, line, after",
    [
        # a module-level name bound to a list() call, used in a function
        (
            "import pulumi\nbuckets = list(make())\ndef f(a):\n    return pulumi.ResourceOptions(depends_on=[a, buckets])\n",
            4,
            "depends_on=[a, *buckets]",
        ),
        # a module function whose every return is a list; a starred literal is flattened inside
        (
            "import pulumi\ndef deps():\n    if x:\n        return [a]\n    return [b, c]\n"
            "pulumi.ResourceOptions(depends_on=[deps(), *[d, [e]]])\n",
            6,
            "depends_on=[*deps(), *[d, e]]",
        ),
        # an empty nested list leaves no dangling comma
        ("import pulumi\npulumi.ResourceOptions(depends_on=[a, []])\n", 2, "depends_on=[a]"),
    ],
)
def test_fixed(tmp_path, source, line, after):
    result = _run(tmp_path, source, line)
    assert isinstance(result, Fix), result
    assert after in result.edits[0].after


@pytest.mark.parametrize(
    "source, line",
    [
        # a local rebinding shadows the module-level list
        ("import pulumi\nsubs = [a]\ndef f():\n    subs = make()\n    pulumi.ResourceOptions(depends_on=[subs])\n", 5),
        # one of two assignments is not a list
        ("import pulumi\nsubs = [a]\nif x:\n    subs = make()\npulumi.ResourceOptions(depends_on=[subs])\n", 5),
        # an attribute of another object: its class is not this file's evidence
        ("import pulumi\nclass A:\n    def __init__(self, net):\n        pulumi.ResourceOptions(depends_on=[net.subnets])\n", 4),
        # a function that may return something else
        ("import pulumi\ndef deps():\n    if x:\n        return [a]\n    return a\npulumi.ResourceOptions(depends_on=[deps()])\n", 6),
        # already flat and unpacked: the second application
        ("import pulumi\nsubs = [a]\npulumi.ResourceOptions(depends_on=[b, *subs])\n", 3),
    ],
)
def test_skipped_without_evidence(tmp_path, source, line):
    result = _run(tmp_path, source, line)
    assert isinstance(result, Skip), result
    assert "not unpacking on a guess" in result.reason
