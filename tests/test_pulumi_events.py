"""Pulumi event-log streams (tests/events/*.jsonl) become the DeployErrors the fixers expect."""

import json
from pathlib import Path

import pytest
from pulumi.automation.events import EngineEvent

from agent.core.errors import ErrorKind, parse_urn
from agent.engines.events import (
    error_from_stderr,
    errors_from_events,
    locate_traceback,
    read_event_log,
    resources_from_events,
    unwrap_provider_message,
)

EVENTS = Path(__file__).parent / "events"
ROOT = Path("/work/runs/app-4f2a1c/project")  # the working copy the fixture tracebacks ran in
CLUSTER = "aws:rds/cluster:Cluster"


def errors_of(name, phase="preview"):
    return errors_from_events(read_event_log(EVENTS / f"{name}.jsonl"), ROOT, phase)


CASES = [
    # name, kind, message, resource type, resource name, file, line
    (
        "unknown_argument",
        ErrorKind.UNKNOWN_ARGUMENT,
        "TypeError: ServerlessCache._internal_init() got an unexpected keyword argument 'serverless_cache_name'",
        None,
        None,
        "cache.py",
        12,
    ),
    (
        "unknown_attribute",
        ErrorKind.UNKNOWN_ATTRIBUTE,
        "AttributeError: 'Bucket' object has no attribute 'arn_name'. Did you mean: 'arn'?",
        None,
        None,
        "__main__.py",
        9,
    ),
    (
        "engine_version",
        ErrorKind.ENGINE_VERSION,
        "creating RDS Cluster (orders-db): operation error RDS: CreateDBCluster, https response error StatusCode: 400, "
        "RequestID: 5c1e7a52-3f7e-4b8e-9d0a-1f6a1c2b3d4e, api error InvalidParameterCombination: "
        "Cannot find version 15.3 for aurora-postgresql",
        CLUSTER,
        "db",
        None,
        None,
    ),
    (
        "reserved_username",
        ErrorKind.RESERVED_USERNAME,
        "creating RDS Cluster (orders-db): operation error RDS: CreateDBCluster, https response error StatusCode: 400, "
        "RequestID: 0b9a8c7d-6e5f-4a3b-2c1d-0e9f8a7b6c5d, api error InvalidParameterValue: "
        "MasterUsername admin cannot be used as it is a reserved word used by the engine",
        CLUSTER,
        "db",
        None,
        None,
    ),
    (
        "invalid_name",
        ErrorKind.INVALID_NAME,
        "only lowercase alphanumeric characters and hyphens allowed in \"cluster_identifier\". Examine values at 'db.clusterIdentifier'.",
        CLUSTER,
        "db",
        None,
        None,
    ),
    (
        "missing_file",
        ErrorKind.MISSING_FILE,
        "FileNotFoundError: [Errno 2] No such file or directory: 'regions/us-east-1.json'",
        None,
        None,
        "lib/regions.py",
        8,
    ),
    (
        "duplicate_urn",
        ErrorKind.DUPLICATE_URN,
        "Duplicate resource URN 'urn:pulumi:app-4f2a1c::app::aws:s3/bucket:Bucket::logs'; try giving it a unique name",
        "aws:s3/bucket:Bucket",
        "logs",
        None,
        None,
    ),
    (
        "module_not_found",
        ErrorKind.MODULE_NOT_FOUND,
        "ModuleNotFoundError: No module named 'pulumi_random'",
        None,
        None,
        "__main__.py",
        2,
    ),
    (
        "missing_config",
        ErrorKind.MISSING_CONFIG,
        "Missing required configuration variable 'app:dbPassword'\n    please set a value using the command "
        "`pulumi config set --secret app:dbPassword <value>`",
        None,
        None,
        None,
        None,
    ),
]


@pytest.mark.parametrize("name,kind,message,rtype,rname,file,line", CASES, ids=[case[0] for case in CASES])
def test_failure_family(name, kind, message, rtype, rname, file, line):
    errors = errors_of(name, phase="up")
    assert len(errors) == 1, [e.message for e in errors]  # summaries and repeats dropped
    error = errors[0]
    assert error.kind == kind
    assert error.message == message
    assert (error.resource_type, error.resource_name) == (rtype, rname)
    assert (error.file, error.line) == (file, line)
    assert error.phase == "up"


def test_details_come_from_the_shared_classifier():
    assert errors_of("engine_version")[0].details == {"version": "15.3", "engine": "aurora-postgresql"}
    assert errors_of("unknown_argument")[0].details == {"cls": "ServerlessCache", "argument": "serverless_cache_name"}
    assert errors_of("missing_config")[0].details == {"key": "app:dbPassword"}


def test_raw_keeps_the_whole_traceback():
    error = errors_of("unknown_argument")[0]
    assert "Traceback (most recent call last):" in error.raw
    assert "serverless_cache.py" in error.raw


def test_traceback_outside_the_project_has_no_location():
    message, file, line = locate_traceback(
        'Traceback (most recent call last):\n  File "/usr/lib/python3.11/runpy.py", line 291, in run_path\n'
        "    return _run_module_code(code)\nRuntimeError: boom\n",
        ROOT,
    )
    assert (message, file, line) == ("RuntimeError: boom", None, None)


def test_frames_in_a_virtualenv_inside_the_project_are_not_the_users_code():
    text = (
        "Traceback (most recent call last):\n"
        f'  File "{ROOT}/__main__.py", line 3, in <module>\n    x = make()\n'
        f'  File "{ROOT}/.venv/lib/python3.11/site-packages/lib.py", line 7, in make\n    raise ValueError("no")\n'
        "ValueError: no\n"
    )
    assert locate_traceback(text, ROOT) == ("ValueError: no", "__main__.py", 3)


def test_prefixes_are_stripped_only_where_pulumi_adds_them():
    assert unwrap_provider_message("error: sdk-v2/provider2.go:95: creating X (a): error: bad: provider=aws@7.51.1") == [
        "creating X (a): error: bad"
    ]
    assert unwrap_provider_message("2 errors occurred:\n\t* first: x\n\t* second: y\n") == ["first: x", "second: y"]


def test_live_event_objects_and_log_lines_give_the_same_errors():
    lines = (EVENTS / "reserved_username.jsonl").read_text()
    live = [EngineEvent.from_json(json.loads(line)) for line in lines.splitlines()]
    assert errors_from_events(live, ROOT, "up") == errors_of("reserved_username", phase="up")


def test_info_err_diagnostics_are_not_errors():
    # the fixture carries a DeprecationWarning on stderr (severity info#err) before the traceback
    errors = errors_of("module_not_found")
    assert all("DeprecationWarning" not in e.message for e in errors)


def test_resources_leave_out_stack_and_providers():
    resources = resources_from_events(read_event_log(EVENTS / "preview_ok.jsonl"))
    assert [(r["type"], r["name"]) for r in resources] == [("aws:s3/bucket:Bucket", "logs"), (CLUSTER, "db")]
    assert errors_of("preview_ok") == []


def test_parse_urn_takes_the_type_after_parents():
    assert parse_urn("urn:pulumi:dev::app::my:index:Comp$aws:s3/bucket:Bucket::a::b") == ("aws:s3/bucket:Bucket", "a::b")
    assert parse_urn(None) == (None, None)


def test_stderr_without_events_gives_its_last_meaningful_line():
    stderr = (
        "error: could not load plugin for aws provider 'default_7_51_1': no resource plugin 'aws-v7.51.1' found\n\nerror: preview failed\n"
    )
    error = error_from_stderr(stderr, "preview")
    assert error.message == "could not load plugin for aws provider 'default_7_51_1': no resource plugin 'aws-v7.51.1' found"
    assert error.kind == ErrorKind.PROGRAM
    assert error.raw == stderr


def _event(**body):
    return EngineEvent.from_json(body)


def test_a_failed_step_claims_the_diagnostic_that_named_no_resource():
    """The engine reports a step's provider error, then the step's ResOpFailedEvent; when the
    diagnostic carries no URN, the failed step says which resource failed."""
    bucket = "urn:pulumi:dev::app::aws:s3/bucket:Bucket::logs"
    events = [
        _event(diagnosticEvent={"message": "creating S3 Bucket (logs-1): BucketAlreadyExists", "severity": "error", "color": "never"}),
        _event(
            resOpFailedEvent={
                "metadata": {"op": "create", "urn": bucket, "type": "aws:s3/bucket:Bucket", "provider": ""},
                "status": 0,
                "steps": 0,
            }
        ),
        _event(diagnosticEvent={"message": "update failed", "severity": "error", "color": "never"}),
    ]
    [error] = errors_from_events(events, ROOT, "up")
    assert (error.resource_type, error.resource_name) == ("aws:s3/bucket:Bucket", "logs")


def test_a_traceback_is_never_attributed_to_a_failed_step():
    traceback = "Traceback (most recent call last):\n  File \"/elsewhere/x.py\", line 1, in <module>\nNameError: name 'x' is not defined\n"
    step = {
        "metadata": {
            "op": "create",
            "urn": "urn:pulumi:dev::app::aws:s3/bucket:Bucket::logs",
            "type": "aws:s3/bucket:Bucket",
            "provider": "",
        }
    }
    events = [
        _event(diagnosticEvent={"message": traceback, "severity": "error", "color": "never"}),
        _event(resOpFailedEvent={**step, "status": 0, "steps": 0}),
    ]
    [error] = errors_from_events(events, ROOT, "up")
    assert error.resource_type is None


@pytest.mark.parametrize(
    "name,resources",
    [
        (
            "up-interrupted",
            [
                ("aws:s3/bucket:Bucket", "completed-bucket"),
                ("my:component:WebService", "interrupted-component"),
                ("aws:ec2/instance:Instance", "interrupted-instance"),
                ("aws:rds/instance:Instance", "interrupted-db"),
            ],
        ),
        ("up-3-excerpt", [("aws:iam/role:Role", "eks-role"), ("aws:ec2/securityGroup:SecurityGroup", "eks-sg")]),
    ],
)
def test_event_logs_from_pulumis_own_test_data_read_unchanged(name, resources):
    """tests/events/pulumi/SOURCES.md says where each comes from."""
    events = read_event_log(EVENTS / "pulumi" / f"{name}.jsonl")
    assert events[-1].cancel_event is not None or name == "up-3-excerpt"
    assert [(r["type"], r["name"]) for r in resources_from_events(events)] == resources
    assert errors_from_events(events, ROOT, "up") == []
