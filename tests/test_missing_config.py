"""RM009: how the stack YAML is edited and which keys get a default."""

import yaml

from fixers.missing_config import _default_for, _with_config


def test_new_key_goes_into_the_config_block_keeping_comments():
    text = "# mine\nconfig:\n    aws:region: us-east-1  # here\nsecretsprovider: passphrase\n"
    new = _with_config(text, "p:env", "dev")
    assert new == "# mine\nconfig:\n    aws:region: us-east-1  # here\n    p:env: dev\nsecretsprovider: passphrase\n"


def test_flow_style_config_falls_back_to_a_valid_dump():
    new = _with_config("config: {}\n", "p:env", "dev")
    assert yaml.safe_load(new) == {"config": {"p:env": "dev"}}
    assert new.count("config:") == 1


def test_defaults_secrets_and_unknown_keys():
    assert _default_for("environmentSuffix", "eu-west-1")[0] == "dev"
    assert _default_for("Stage", "eu-west-1")[0] == "dev"
    assert _default_for("region", "eu-west-1")[0] == "eu-west-1"
    assert _default_for("githubToken", "eu-west-1")[0] is None
    assert _default_for("environmentSuffixPassword", "eu-west-1")[0] is None
    assert _default_for("domainName", "eu-west-1")[0] is None
