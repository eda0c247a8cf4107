"""scripts/sdk_history.py's evidence rules and scripts/sdk_inventory.py's reading, on small made-up
SDKs (nothing downloaded): what pairs an old name with a new one, and what does not."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

from sdk_history import diff  # noqa: E402
from sdk_inventory import inventory, type_words  # noqa: E402


def _resource(inputs: dict[str, str], deprecations: dict[str, str] | None = None, deprecated: str | None = None) -> dict:
    entry = {"kind": "resource", "inputs": inputs, "outputs": {}, "token": None, "aliases": []}
    if deprecations:
        entry["deprecations"] = deprecations
    if deprecated:
        entry["deprecated"] = deprecated
    return entry


def _argument_rows(old_inputs: dict, new_inputs: dict, deprecations: dict | None = None, extra: dict | None = None):
    old = {"p.m.Thing": _resource(old_inputs, deprecations)}
    new = {"p.m.Thing": _resource(new_inputs), **(extra or {})}
    differ = diff("p", 5, "5.0.0", old, new)
    return {r["old"]: r for r in differ.renames}, {r["old"]: r for r in differ.removals}


def test_types_read_alike_across_majors():
    spelled = {
        "pulumi.Input[_builtins.str]": "str",
        "pulumi.Input[Sequence[pulumi.Input[Union['XArgs', 'XArgsDict', 'outputs.X']]]]": "Sequence XArgs",
        "pulumi.Output[Optional['outputs.X']]": "X",
    }
    for annotation, words in spelled.items():
        assert type_words(ast.parse(annotation, mode="eval").body) == words


def test_a_deprecation_naming_one_successor_of_the_same_type_is_a_rename():
    renames, _ = _argument_rows({"old_desc": "str"}, {"description": "str"}, {"old_desc": "Use description instead"})
    assert renames["old_desc"]["new"] == "description"


def test_a_deprecation_naming_two_successors_or_a_value_is_no_rename():
    message = 'can\'t be set to "PRESERVE". Use resolve_on_create and/or resolve_on_update instead.'
    old = {"resolve": "str"}
    renames, removals = _argument_rows(
        old, {"resolve_on_create": "str", "resolve_on_update": "str", "preserve": "bool"}, {"resolve": message}
    )
    assert "resolve" not in renames and "resolve" in removals


def test_a_deprecation_naming_a_block_moves_the_value_into_its_field():
    block = {"kind": "args", "inputs": {"core_count": "int", "threads_per_core": "int"}}
    renames, _ = _argument_rows(
        {"cpu_core_count": "int"},
        {"cpu_options": "ThingCpuOptionsArgs"},
        {"cpu_core_count": "Use cpu_options instead"},
        {"p.m.ThingCpuOptionsArgs": block},
    )
    assert (renames["cpu_core_count"]["new"], renames["cpu_core_count"]["field"]) == ("cpu_options", "core_count")


def test_a_deprecation_naming_an_input_of_another_type_is_no_rename():
    renames, _ = _argument_rows({"vpc": "bool"}, {"domain": "str"}, {"vpc": "use 'domain' attribute instead"})
    assert "vpc" not in renames


def test_same_type_needs_a_specific_word_in_common():
    renames, _ = _argument_rows({"enable_classiclink": "bool"}, {"enable_usage_metrics": "bool"})
    assert "enable_classiclink" not in renames
    renames, _ = _argument_rows({"thing_name": "str"}, {"name": "str"})
    assert renames["thing_name"]["new"] == "name"


def test_a_singular_became_a_list_of_the_same_type():
    renames, _ = _argument_rows({"artifact_store": "ThingArtifactStoreArgs"}, {"artifact_stores": "Sequence ThingArtifactStoreArgs"})
    assert renames["artifact_store"]["new"] == "artifact_stores"


def test_an_inline_block_points_at_the_current_resource_not_its_deprecated_twin():
    extra = {
        "p.m.ThingLogging": _resource({"thing": "str"}, deprecated="ThingLogging has been deprecated in favor of ThingLoggingConfig"),
        "p.m.ThingLoggingConfig": _resource({"thing": "str"}),
    }
    _, removals = _argument_rows({"loggings": "Sequence ThingLoggingArgs"}, {}, None, extra)
    assert removals["loggings"]["replacement"] == {"module": "p.m", "class": "ThingLoggingConfig"}


def test_deprecated_inputs_name_the_resource_their_message_points_to():
    new = {
        "p.s3.Bucket": _resource({"acl": "str"}, {"acl": "acl is deprecated. Use the s3.BucketAcl resource instead."}),
        "p.s3.BucketAcl": _resource({"bucket": "str"}),
    }
    rows = diff("p", 0, "7.0.0", new, new).deprecated()
    assert [(r["class"], r["old"], r["status"], r["replacement"]["class"]) for r in rows] == [("Bucket", "acl", "deprecated", "BucketAcl")]


def test_a_hand_written_package_is_keyed_by_the_package_that_exports_each_name():
    files = {
        "pkg/__init__.py": "from .output import Output\nfrom . import runtime\n",
        "pkg/output.py": "class Output:\n    def json_dumps(self): ...\n",
        "pkg/runtime/__init__.py": "from .settings import Settings\n",
        "pkg/runtime/settings.py": "class Settings:\n    def __init__(self, project=None): ...\n",
        "pkg/runtime/resource.py": "def collapse_alias_to_urn(alias): ...\n",
    }
    found = inventory(iter(files.items()), generated=False)
    assert set(found) == {"pkg.Output", "pkg.runtime.Settings"}  # collapse_alias_to_urn is exported by no package
    assert "json_dumps" in found["pkg.Output"]["outputs"]


def test_a_resource_keeps_its_name_over_an_output_type_of_the_same_name():
    resource = "import pulumi\nclass BucketLogging(pulumi.CustomResource):\n    def _internal_init(__self__, resource_name, opts=None, bucket=None): ...\n"
    output_type = "import pulumi\n@pulumi.output_type\nclass BucketLogging(dict):\n    @property\n    def target_bucket(self): ...\n"
    files = {"pulumi_x/s3/bucket_logging.py": resource, "pulumi_x/s3/outputs.py": output_type}
    found = inventory(iter(files.items()), generated=True)
    assert found["pulumi_x.s3.BucketLogging"]["kind"] == "resource"
