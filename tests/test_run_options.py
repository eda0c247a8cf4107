"""Options that shape the run: --target and --config, and the defaults every entry point shares."""

from agent.batch import _parser as batch_parser
from agent.cli import _options, _run_parser
from agent.core import run_defaults
from agent.run import RunOptions, make_engine, stack_config


def test_aws_target_uses_only_the_given_config():
    assert stack_config(RunOptions(config={"proj:x": "1"})) == {"proj:x": "1"}


def test_localstack_target_points_the_provider_at_localhost_and_config_wins():
    config = stack_config(RunOptions(target="localstack", config={"aws:accessKey": "mine"}))
    assert config["aws:s3UsePathStyle"] == "true"
    assert config["aws:skipCredentialsValidation"] == "true"
    assert "http://localhost:4566" in config["aws:endpoints"]
    assert config["aws:accessKey"] == "mine"


def test_a_command_line_without_flags_asks_for_the_default_run():
    assert _options(_run_parser().parse_args(["project"])) == RunOptions()


def test_batch_cases_run_with_the_default_stack_and_attempts():
    args = batch_parser().parse_args(["cases", "--out", "out"])
    assert (args.stack, args.max_attempts) == (RunOptions().stack, RunOptions().max_attempts)


def test_the_local_engine_caps_the_operation_timeout():
    engine, _ = make_engine("local", timeout_s=run_defaults.OPERATION_TIMEOUT_S)
    assert engine.timeout_s == run_defaults.LOCAL_TIMEOUT_S < run_defaults.OPERATION_TIMEOUT_S
