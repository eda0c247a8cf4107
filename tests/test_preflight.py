"""Static preflight: every SDK mismatch found in one pass, worded as Python raises it, fixable by RM001/RM002."""

import textwrap

import pytest

from agent.checks.preflight import static_errors
from agent.core.errors import ErrorKind
from agent.core.fixes import FixContext, Skip
from agent.core.project import Project
from agent.patching import apply_edits
from fixers import registry

HEADER = "import pulumi\nimport pulumi_aws as aws\n"


def make_project(tmp_path, files: dict[str, str]) -> Project:
    (tmp_path / "Pulumi.yaml").write_text("name: demo\nruntime: python\n")
    for rel, text in files.items():
        target = tmp_path / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text))
    return Project.open(tmp_path)


def found(project):
    for rel in project.python_files():
        compile(project.read(rel), rel, "exec")  # a fixture that does not parse would prove nothing
    return [(e.file, e.line, e.message) for e in static_errors(project)]


BROKEN_MAIN = (
    HEADER
    + """\
cache = aws.elasticache.ServerlessCache(
    "cache",
    engine="valkey",
    serverless_cache_name="app-cache",
    cache_usage_limits=aws.elasticache.ServerlessCacheCacheUsageLimitsArgs(
        ecpu_per_second=[aws.elasticache.ServerlessCacheCacheUsageLimitsEcpuPerSecondArgs(maximum=5000)],
    ),
)
pulumi.export("endpoint", cache.endpoint)
pulumi.export("arn", cache.arn)
"""
)

BROKEN_COMPONENT = (
    HEADER
    + """\
class Network(pulumi.ComponentResource):
    def __init__(self, name):
        super().__init__("demo:Network", name)
        self.ip = aws.ec2.Eip(name, vpc=True, opts=pulumi.ResourceOptions(parent=self))
        self.register_outputs({"ip": self.ip.public_ipp})
"""
)


def test_each_family_found_with_file_line_and_message(tmp_path):
    project = make_project(tmp_path, {"__main__.py": BROKEN_MAIN, "infra/network.py": BROKEN_COMPONENT})
    errors = static_errors(project)
    assert [(e.file, e.line, e.message) for e in errors] == [
        ("__main__.py", 3, "TypeError: ServerlessCache._internal_init() got an unexpected keyword argument 'serverless_cache_name'"),
        (
            "__main__.py",
            7,
            "TypeError: ServerlessCacheCacheUsageLimitsArgs.__init__() got an unexpected keyword argument 'ecpu_per_second'",
        ),
        ("__main__.py", 11, "AttributeError: 'ServerlessCache' object has no attribute 'endpoint'. Did you mean: 'endpoints'?"),
        ("infra/network.py", 6, "TypeError: Eip._internal_init() got an unexpected keyword argument 'vpc'"),
        ("infra/network.py", 7, "AttributeError: 'Eip' object has no attribute 'public_ipp'. Did you mean: 'public_ip'?"),
    ]
    assert [e.kind for e in errors] == [ErrorKind.UNKNOWN_ARGUMENT] * 2 + [ErrorKind.UNKNOWN_ATTRIBUTE] + [
        ErrorKind.UNKNOWN_ARGUMENT,
        ErrorKind.UNKNOWN_ATTRIBUTE,
    ]
    assert {e.phase for e in errors} == {"preflight"}
    assert errors[0].details == {"cls": "ServerlessCache", "argument": "serverless_cache_name"}
    assert errors[2].details == {"cls": "ServerlessCache", "attribute": "endpoint", "suggestion": "endpoints"}


def test_messages_are_what_python_raises():
    import pulumi_aws as aws

    with pytest.raises(TypeError) as raised:
        aws.elasticache.ServerlessCacheCacheUsageLimitsArgs(ecpu_per_second=[])
    assert f"TypeError: {raised.value}" == (
        "TypeError: ServerlessCacheCacheUsageLimitsArgs.__init__() got an unexpected keyword argument 'ecpu_per_second'"
    )
    with pytest.raises(TypeError) as raised:
        aws.elasticache.ServerlessCache("c", serverless_cache_name="x")
    assert str(raised.value) == "ServerlessCache._internal_init() got an unexpected keyword argument 'serverless_cache_name'"


def test_same_message_reported_once_per_file_at_first_line(tmp_path):
    project = make_project(
        tmp_path,
        {
            "__main__.py": HEADER + 'a = aws.ec2.Eip("a", vpc=True)\nb = aws.ec2.Eip("b", vpc=True)\n',
            "more.py": HEADER + 'c = aws.ec2.Eip("c", vpc=True)\n',
        },
    )
    message = "TypeError: Eip._internal_init() got an unexpected keyword argument 'vpc'"
    assert found(project) == [("__main__.py", 3, message), ("more.py", 3, message)]


def test_clean_project_gives_nothing(tmp_path):
    project = make_project(
        tmp_path,
        {
            "__main__.py": HEADER
            + textwrap.dedent(
                """\
            from pulumi_aws.ec2 import Eip
            ip = Eip("ip", domain="vpc", tags={"a": "b"}, opts=pulumi.ResourceOptions(protect=False))
            bucket = aws.s3.Bucket(resource_name="b", bucket="demo")
            pulumi.export("ip", ip.public_ip)
            pulumi.export("id", ip.id)
            pulumi.export("urn", bucket.urn)
            same = aws.s3.Bucket.get("same", bucket.id)
            ami = aws.ec2.get_ami(most_recent=True, owners=["amazon"])
            ip.custom = "mine"
            print(ip.custom, ip.get_provider("aws::"), ip._name)
            provider = aws.Provider("east", region="us-east-1", default_tags={"tags": {"team": "a"}})
            print(provider.default_tags, provider.package, provider.region)
            """
            ),
        },
    )
    assert found(project) == []


@pytest.mark.parametrize(
    "source",
    [
        # bound twice in the file
        'c = aws.rds.Cluster("r")\nprint(c.endpoint)\nc = aws.elasticache.ServerlessCache("c")\n',
        # a parameter of the same name elsewhere
        'c = aws.elasticache.ServerlessCache("c")\ndef show(c):\n    return c.endpoint\n',
        # conditional binding
        'if x:\n    c = aws.elasticache.ServerlessCache("c")\nelse:\n    c = make()\nprint(c.endpoint)\n',
        # not from a constructor call
        "c = make_cache()\nprint(c.endpoint)\n",
        # bound by unpacking
        'c, d = aws.elasticache.ServerlessCache("c"), 1\nprint(c.endpoint)\n',
        # bound by a loop
        'for c in [aws.elasticache.ServerlessCache("c")]:\n    print(c.endpoint)\n',
        # attributes set by name
        'c = aws.elasticache.ServerlessCache("c")\nsetattr(c, "endpoint", 1)\nprint(c.endpoint)\n',
        # self.x read in a class that did not assign it
        'class A:\n    def __init__(self):\n        self.c = aws.elasticache.ServerlessCache("c")\n'
        "class B(A):\n    def show(self):\n        return self.c.endpoint\n",
        # self.x assigned in two places
        'class A:\n    def __init__(self):\n        self.c = aws.elasticache.ServerlessCache("c")\n'
        "    def reset(self):\n        self.c = other()\n        return self.c.endpoint\n",
        # keywords hidden in a splat, an args object, or a non-pulumi_aws class
        'more = {"args": make_args()}\naws.elasticache.ServerlessCache("c", serverless_cache_name="x", **more)\n',
        'aws.elasticache.ServerlessCache("c", args, serverless_cache_name="x")\n',
        'aws.elasticache.ServerlessCache("c", args=a, serverless_cache_name="x")\n',
        "import mylib\nmylib.ServerlessCache('c', serverless_cache_name='x')\n",
    ],
)
def test_uncertain_cases_give_nothing(tmp_path, source):
    assert found(make_project(tmp_path, {"__main__.py": HEADER + source})) == []


def test_unparsable_and_non_aws_files_are_skipped_not_fatal(tmp_path):
    project = make_project(
        tmp_path,
        {
            "__main__.py": "def broken(:\n",
            "util.py": "class X:\n    pass\nX().nothing\n",
            "zone.py": HEADER + 'ip = aws.ec2.Eip("ip", vpc=True)\n',
        },
    )
    assert [(e.file, e.line) for e in static_errors(project)] == [("zone.py", 3)]


def _fix_all(project, errors):
    ctx = FixContext(project=project, stack="dev", region="us-east-1")
    applied = []
    for error in errors:
        for fixer in registry():
            if error.kind not in fixer.kinds:
                continue
            match = fixer.match(error, ctx)
            if match is None:
                continue
            result = fixer.fix(match, ctx)
            if isinstance(result, Skip):  # as in the loop, the next fixer in order is offered the error
                continue
            apply_edits(project, result.edits)
            applied.append(fixer.id)
            break
    return applied


def test_fixers_clear_every_preflight_error_in_one_round(tmp_path):
    project = make_project(tmp_path, {"__main__.py": BROKEN_MAIN, "infra/network.py": BROKEN_COMPONENT})
    errors = static_errors(project)
    assert _fix_all(project, errors) == ["RM001", "RM001", "RM002", "RM001", "RM002"]
    assert static_errors(project) == []
    main = project.read("__main__.py")
    assert 'name="app-cache"' in main and "ecpu_per_seconds=" in main and "cache.endpoints" in main
    network = project.read("infra/network.py")
    assert 'domain="vpc"' in network and "self.ip.public_ip}" in network


def _big_project(tmp_path) -> Project:
    blocks = []
    for i in range(30):
        blocks.append(
            f"""\
cache{i} = aws.elasticache.ServerlessCache(
    "cache{i}",
    engine="valkey",
    serverless_cache_name="cache-{i}",
    tags={{"n": "{i}"}},
)
ip{i} = aws.ec2.Eip("ip{i}", domain="vpc")
bucket{i} = aws.s3.Bucket("bucket{i}", bucket=f"demo-{{pulumi.get_stack()}}-{i}")
pulumi.export("ip{i}", ip{i}.public_ip)
pulumi.export("cache{i}", cache{i}.endpoint)
"""
        )
    text = HEADER + "".join(blocks)
    assert len(text.splitlines()) >= 300
    return make_project(tmp_path, {"__main__.py": text})


def test_repeated_errors_in_a_large_file_are_reported_once(tmp_path):
    errors = static_errors(_big_project(tmp_path))
    assert [e.line for e in errors] == [3, 12]  # 30 caches, same two messages: reported once, at the first


def test_invoke_keywords_are_checked_and_their_options_accepted(tmp_path):
    project = make_project(
        tmp_path,
        {
            "__main__.py": HEADER
            + """\
from pulumi_aws.ec2 import get_vpc

vpc = get_vpc(default=True, opts=pulumi.InvokeOptions())
subnets = aws.ec2.get_subnets(vpc_id=vpc.id)
zones = aws.get_availability_zones_output(state="available", exclude_names=[])
"""
        },
    )
    assert found(project) == [("__main__.py", 6, "TypeError: get_subnets() got an unexpected keyword argument 'vpc_id'")]


UNIMPORTED = """\
import pulumi
from pulumi_aws import iam


def policy(document):
    return json.dumps(document)  # json was imported only in another file


role = iam.Role("fn", assume_role_policy=policy({"Version": "2012-10-17"}))
permission = lambda_.Permission("invoke", action="lambda:InvokeFunction", function="fn", principal="s3.amazonaws.com")
pulumi.export("name", undefined_elsewhere)
"""


def test_well_known_names_used_unimported_are_found_and_fixed_in_one_round(tmp_path):
    project = make_project(tmp_path, {"__main__.py": UNIMPORTED})
    assert found(project) == [
        ("__main__.py", 6, "NameError: name 'json' is not defined"),
        ("__main__.py", 10, "NameError: name 'lambda_' is not defined"),
    ]  # `undefined_elsewhere` has no known import: left for the run to report
    assert {e.kind for e in static_errors(project)} == {ErrorKind.UNDEFINED_NAME}
    assert _fix_all(project, static_errors(project)) == ["RM016", "RM016"]
    assert static_errors(project) == []


LIST_FOR_SCALAR = (
    HEADER
    + """\
api = aws.apigateway.RestApi(
    "api",
    endpoint_configuration=aws.apigateway.RestApiEndpointConfigurationArgs(types=["REGIONAL"]),
)
private = aws.apigateway.RestApi("private", endpoint_configuration={"types": ["PRIVATE"]})
group = aws.ec2.SecurityGroup("web", ingress=[{"protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_blocks": ["0.0.0.0/0"]}])
vpc = aws.ec2.Vpc("vpc", cidr_block="10.0.0.0/16", tags=[{"Key": "Name", "Value": "main"}])
"""
)


def test_lists_given_to_single_valued_inputs_are_found_and_fixed_before_the_first_run(tmp_path):
    project = make_project(tmp_path, {"__main__.py": LIST_FOR_SCALAR})
    errors = static_errors(project)
    assert [(e.kind, e.line, e.details.get("cls"), e.details.get("argument")) for e in errors] == [
        (ErrorKind.INPUT_SHAPE, 5, "RestApiEndpointConfigurationArgs", "types"),
    ]  # the dict's list is the same message, reported once; cidr_blocks is a list input; tags a mapping,
    # where a one-item list of {"Key", "Value"} is no slip of one value
    assert _fix_all(project, errors) == ["RM030"]
    assert static_errors(project) == []
    main = project.read("__main__.py")
    assert 'types="REGIONAL"' in main and '{"types": "PRIVATE"}' in main and 'cidr_blocks": ["0.0.0.0/0"]' in main
    assert 'tags=[{"Key": "Name", "Value": "main"}]' in main


def test_names_asked_of_project_modules_are_found_and_fixed_before_the_first_run(tmp_path):
    project = make_project(
        tmp_path,
        {
            "config.py": "aws_region = 'us-east-1'\ntags = {'team': 'a'}\n",
            "settings/__init__.py": "from .base import STAGE\n",
            "settings/base.py": "STAGE = 'dev'\n",
            "__main__.py": HEADER
            + "from config import AWS_REGION, tags\nfrom settings import STAGE\nimport api\n\naws.Provider('p', region=AWS_REGION)\n",
            "api.py": HEADER + "from config import tags\n\npulumi.export('region', AWS_REGION)\n",
        },
    )
    errors = static_errors(project)
    assert [(e.kind, e.file, e.line, e.message.split(" (")[0]) for e in errors] == [
        (ErrorKind.IMPORT_NAME, "__main__.py", 3, "ImportError: cannot import name 'AWS_REGION' from 'config'"),
        (ErrorKind.UNDEFINED_NAME, "api.py", 5, "NameError: name 'AWS_REGION' is not defined"),
    ]  # STAGE comes from settings' re-export; aws_region is config's own, which no file lacks
    assert _fix_all(project, errors) == ["RM031", "RM031"]
    assert static_errors(project) == []
    assert "from config import aws_region as AWS_REGION, tags" in project.read("api.py")
