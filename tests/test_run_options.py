"""Options that shape the ephemeral stack: --target and --config."""

from agent.run import RunOptions, stack_config


def test_aws_target_uses_only_the_given_config():
    assert stack_config(RunOptions(config={"proj:x": "1"})) == {"proj:x": "1"}


def test_localstack_target_points_the_provider_at_localhost_and_config_wins():
    config = stack_config(RunOptions(target="localstack", config={"aws:accessKey": "mine"}))
    assert config["aws:s3UsePathStyle"] == "true"
    assert config["aws:skipCredentialsValidation"] == "true"
    assert "http://localhost:4566" in config["aws:endpoints"]
    assert config["aws:accessKey"] == "mine"
