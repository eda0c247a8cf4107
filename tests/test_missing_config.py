"""RM009: how the stack YAML is edited and which keys get a default."""

import yaml

from agent.config_defaults import default_for
from fixers.missing_config import _with_config


def test_new_key_goes_into_the_config_block_keeping_comments():
    text = "# mine\nconfig:\n    aws:region: us-east-1  # here\nsecretsprovider: passphrase\n"
    new = _with_config(text, "p:env", "dev")
    assert new == "# mine\nconfig:\n    aws:region: us-east-1  # here\n    p:env: dev\nsecretsprovider: passphrase\n"


def test_flow_style_config_falls_back_to_a_valid_dump():
    new = _with_config("config: {}\n", "p:env", "dev")
    assert yaml.safe_load(new) == {"config": {"p:env": "dev"}}
    assert new.count("config:") == 1


def test_defaults_secrets_and_unknown_keys():
    assert default_for("environmentSuffix", "eu-west-1")[0] == "dev"
    assert default_for("Stage", "eu-west-1")[0] == "dev"
    assert default_for("region", "eu-west-1")[0] == "eu-west-1"
    assert default_for("githubToken", "eu-west-1")[0] is None
    assert default_for("environmentSuffixPassword", "eu-west-1")[0] is None
    assert default_for("domainName", "eu-west-1")[0] is None


def test_conventions_are_safe_and_placeholders_unsafe():
    from agent.fixes import Safety

    assert default_for("dbUsername", "eu-west-1")[::2] == ("dbadmin", Safety.SAFE)
    assert default_for("master_username", "eu-west-1")[::2] == ("dbadmin", Safety.SAFE)
    assert default_for("vpcCidr", "eu-west-1")[::2] == ("10.0.0.0/16", Safety.SAFE)
    assert default_for("notificationEmail", "eu-west-1")[::2] == ("placeholder@example.com", Safety.UNSAFE)
    assert default_for("team_name", "eu-west-1")[::2] == ("placeholder", Safety.UNSAFE)
    assert default_for("ownerEmail", "eu-west-1")[0] == "placeholder@example.com"  # an address, not a name
    assert default_for("allowed_cidr", "eu-west-1")[0] is None  # who may connect is not a convention
    assert default_for("dbUserPassword", "eu-west-1")[0] is None  # a secret, though it names a DB user


def test_program_check_of_a_config_key_is_a_missing_config_error():
    from agent.classify import classify_text
    from agent.errors import ErrorKind

    assert classify_text("ValueError: Required configuration 'team_name' is missing") == (
        ErrorKind.MISSING_CONFIG,
        {"key": "team_name"},
    )


def test_a_multi_region_pair_gets_the_stacks_region_and_another():
    from agent.fixes import Safety

    assert default_for("source_region", "eu-west-1")[::2] == ("eu-west-1", Safety.SAFE)
    assert default_for("targetRegion", "eu-west-1")[::2] == ("us-east-1", Safety.UNSAFE)
    assert default_for("dr_region", "us-east-1")[0] == "us-west-2"  # never the stack's own region
