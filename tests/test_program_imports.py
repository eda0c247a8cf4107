"""The program imports its own modules, never remediate's: a checkout's config/ or fixers/ is no
package of the program's, so a module it lacks is reported missing, as on a real deploy."""

import pytest

from agent.core.errors import ErrorKind
from agent.core.project import Project
from agent.engines.base import StackRef
from agent.engines.local.engine import LocalEngine


@pytest.mark.parametrize("module", ["config", "fixers"])
def test_a_module_the_program_lacks_is_missing_even_where_remediate_has_one(tmp_path, module):
    root = tmp_path / "shop"
    root.mkdir()
    (root / "Pulumi.yaml").write_text("name: shop\nruntime: python\n")
    (root / "__main__.py").write_text(f"import pulumi\nfrom {module} import settings\n")
    engine, stack = LocalEngine(), StackRef.ephemeral("ci", "us-east-1")
    try:
        result = engine.run(Project.open(root), stack, preview_only=True)
    finally:
        engine.remove_stack(Project.open(root), stack)
    [error] = result.errors
    assert error.kind is ErrorKind.MODULE_NOT_FOUND and f"No module named '{module}'" in error.message


def test_the_programs_own_config_package_is_the_one_it_imports(tmp_path):
    root = tmp_path / "shop"
    (root / "config").mkdir(parents=True)
    (root / "Pulumi.yaml").write_text("name: shop\nruntime: python\n")
    (root / "config/__init__.py").write_text("BUCKET = 'shop-logs'\n")
    (root / "__main__.py").write_text("import pulumi_aws as aws\nfrom config import BUCKET\n\naws.s3.Bucket(BUCKET)\n")
    engine, stack = LocalEngine(), StackRef.ephemeral("ci", "us-east-1")
    try:
        result = engine.run(Project.open(root), stack, preview_only=True)
    finally:
        engine.remove_stack(Project.open(root), stack)
    assert result.ok, result.errors
    assert [r["name"] for r in result.resources] == ["shop-logs"]
