"""RM006 beyond the fixture cases: where the read sits in a larger expression, and blocks it must not touch."""

from agent.core.classify import to_deploy_error
from agent.core.fixes import Fix, FixContext, Skip
from agent.core.project import Project
from fixers.region_file import RegionFile

ERROR = "FileNotFoundError: [Errno 2] No such file or directory: 'lib/AWS_REGION'"


def run(tmp_path, source, line):
    (tmp_path / "Pulumi.yaml").write_text("name: p\nruntime: python\n")
    (tmp_path / "__main__.py").write_text(source)
    ctx = FixContext(Project.open(tmp_path), stack="ci", region="eu-west-1")
    fixer = RegionFile()
    return fixer.fix(fixer.match(to_deploy_error(ERROR, file="__main__.py", line=line), ctx), ctx)


def test_read_inside_a_larger_expression_is_parenthesized(tmp_path):
    result = run(tmp_path, 'import pulumi\nregion = "x-" + open("lib/AWS_REGION").read().strip()\n', 2)
    assert isinstance(result, Fix)
    assert result.edits[0].after.splitlines()[1] == ('region = "x-" + (pulumi.Config("aws").get("region") or "eu-west-1")')


def test_with_block_doing_more_than_one_assignment_is_skipped(tmp_path):
    source = 'with open("lib/AWS_REGION") as f:\n    region = f.read()\n    print(region)\n'
    assert isinstance(run(tmp_path, source, 1), Skip)


def test_line_without_a_file_read_is_skipped(tmp_path):
    assert isinstance(run(tmp_path, 'import pulumi\nregion = "us-east-1"\n', 2), Skip)
