"""Class and output lookups for every installed provider package (pulumi_random, pulumi_tls), not only pulumi_aws."""

import json
import textwrap
from pathlib import Path

import libcst as cst
import pulumi_aws
import pulumi_random
import pulumi_tls

from agent.checks.preflight import static_errors
from agent.core import sdk
from agent.core.errors import ErrorKind
from agent.core.fixes import Fix, FixContext, Skip
from agent.core.project import Project
from agent.patching import apply_edits
from fixers.unknown_attribute import UnknownAttribute

IMPORTS = cst.parse_module(
    "import json\n"
    "import pulumi\n"
    "import pulumi_aws as aws\n"
    "import pulumi_random as random\n"
    "from pulumi_tls import PrivateKey\n"
    "import pulumi_not_installed\n"
)


def _class(expr):
    return sdk.class_of(cst.parse_expression(expr), sdk.provider_aliases(IMPORTS))


def _project(tmp_path, main: str) -> Project:
    (tmp_path / "Pulumi.yaml").write_text("name: demo\nruntime: python\n")
    (tmp_path / "__main__.py").write_text(textwrap.dedent(main))
    return Project.open(tmp_path)


def test_provider_packages_are_the_installed_pulumi_plugins():
    assert sdk.is_provider_package("pulumi_aws") and sdk.is_provider_package("pulumi_random")
    assert not sdk.is_provider_package("pulumi")  # the SDK itself, no provider
    assert not sdk.is_provider_package("pulumi_not_installed")
    assert not sdk.is_provider_package("json")


def test_provider_aliases_cover_every_provider_and_import_aliases_stay_aws():
    assert sdk.provider_aliases(IMPORTS) == {
        "aws": "pulumi_aws",
        "random": "pulumi_random",
        "PrivateKey": "pulumi_tls.PrivateKey",
    }
    assert sdk.import_aliases(IMPORTS) == {"aws": "pulumi_aws"}


def test_classes_of_other_providers_resolve():
    assert _class("random.RandomPassword") is pulumi_random.RandomPassword
    assert _class("PrivateKey") is pulumi_tls.PrivateKey
    assert _class("aws.ec2.Eip") is pulumi_aws.ec2.Eip
    assert _class("random.NoSuchThing") is None
    assert _class("json.JSONDecoder") is None
    assert sdk.resolve("pulumi_random.RandomPassword") is pulumi_random.RandomPassword


def test_version_and_public_name_of_another_provider():
    plugin = Path(pulumi_random.__file__).parent / "pulumi-plugin.json"
    assert sdk.version("pulumi_random") == json.loads(plugin.read_text())["version"]
    assert sdk.public_name(pulumi_random.RandomPassword) == "RandomPassword"
    assert "result" in sdk.output_properties(pulumi_random.RandomPassword)


def test_classes_named_any_provider_is_opt_in(tmp_path):
    project = _project(tmp_path, "import pulumi_random as random\np = random.RandomPassword('p', length=16)\n")
    assert sdk.classes_named(project, "RandomPassword") == set()
    assert sdk.classes_named(project, "RandomPassword", any_provider=True) == {pulumi_random.RandomPassword}


def test_rm002_skips_with_a_reason_when_no_output_is_close(tmp_path):
    project = _project(tmp_path, "import pulumi_random as random\np = random.RandomPassword('p', length=16)\nx = p.password\n")
    error = static_errors(project)[0]
    fixer = UnknownAttribute()
    match = fixer.match(error, FixContext(project=project, stack="dev", region="us-east-1"))
    result = fixer.fix(match, FixContext(project=project, stack="dev", region="us-east-1"))
    assert isinstance(result, Skip)
    assert "RandomPassword in pulumi_random" in result.reason and "'password'" in result.reason


def test_preflight_finds_reads_on_other_providers_and_rm002_fixes_them(tmp_path):
    project = _project(
        tmp_path,
        """\
        import pulumi
        import pulumi_random as random

        password = random.RandomPassword("p", length=16, not_a_keyword=True)
        pulumi.export("password", password.random_password)
        """,
    )
    errors = static_errors(project)
    assert [(e.kind, e.line, e.message) for e in errors] == [
        (ErrorKind.UNKNOWN_ATTRIBUTE, 5, "AttributeError: 'RandomPassword' object has no attribute 'random_password'")
    ]  # no TypeError for not_a_keyword: RM001 could not act on a pulumi_random class
    ctx = FixContext(project=project, stack="dev", region="us-east-1")
    fixer = UnknownAttribute()
    result = fixer.fix(fixer.match(errors[0], ctx), ctx)
    assert isinstance(result, Fix)
    apply_edits(project, result.edits)
    assert 'pulumi.export("password", password.result)' in project.read("__main__.py")
    assert "get_random_password" in result.why  # the documented entry, not a spelling guess
    assert static_errors(project) == []
