"""RM009: how the stack YAML is edited and which keys get a default."""

import yaml

from agent.core.config_defaults import default_for
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
    from agent.core.fixes import Safety

    assert default_for("dbUsername", "eu-west-1")[::2] == ("dbadmin", Safety.SAFE)
    assert default_for("master_username", "eu-west-1")[::2] == ("dbadmin", Safety.SAFE)
    assert default_for("vpcCidr", "eu-west-1")[::2] == ("10.0.0.0/16", Safety.SAFE)
    assert default_for("notificationEmail", "eu-west-1")[::2] == ("placeholder@example.com", Safety.UNSAFE)
    assert default_for("team_name", "eu-west-1")[::2] == ("placeholder", Safety.UNSAFE)
    assert default_for("ownerEmail", "eu-west-1")[0] == "placeholder@example.com"  # an address, not a name
    assert default_for("allowed_cidr", "eu-west-1")[::2] == ("10.0.0.0/8", Safety.UNSAFE)  # private: admits no one from the internet
    assert default_for("public_subnet_cidr", "eu-west-1")[0] is None  # a subnet's range must fit its VPC's
    assert default_for("dbUserPassword", "eu-west-1")[0] is None  # a secret, though it names a DB user


def test_program_check_of_a_config_key_is_a_missing_config_error():
    from agent.core.classify import classify_text
    from agent.core.errors import ErrorKind

    assert classify_text("ValueError: Required configuration 'team_name' is missing") == (
        ErrorKind.MISSING_CONFIG,
        {"key": "team_name"},
    )


def test_a_multi_region_pair_gets_the_stacks_region_and_another():
    from agent.core.fixes import Safety

    assert default_for("source_region", "eu-west-1")[::2] == ("eu-west-1", Safety.SAFE)
    assert default_for("targetRegion", "eu-west-1")[::2] == ("us-east-1", Safety.UNSAFE)
    assert default_for("dr_region", "us-east-1")[0] == "us-west-2"  # never the stack's own region


TASK = """## Required Inputs

Replace these when running:
- TeamName - team prefix like Nova
- Environment - prod, stg, or dev
- AWS_REGIONS - comma-separated list of at least 3 regions like us-east-1,us-west-2,eu-west-1
- `alarm_email`: where alerts go, e.g. ops@example.org.
- db_password - the master password, for example Secret123

Deploy across regions like the ones above.
"""


def test_the_task_statement_gives_examples_for_settings_named_as_settings():
    from agent.core.task_statement import stated_example

    assert stated_example(TASK, "aws:regions").value == "us-east-1,us-west-2,eu-west-1"
    assert stated_example(TASK, "teamName").value == "Nova"
    assert stated_example(TASK, "alarmEmail").value == "ops@example.org"
    assert stated_example(TASK, "regions") is None  # "regions" there is prose, not a setting's name
    assert stated_example(TASK, "environment") is None  # named, but no example or default given
    assert stated_example("", "teamName") is None


def _missing(key, tmp_path, task):
    from agent.core.classify import to_deploy_error
    from agent.core.fixes import FixContext
    from agent.core.project import Project
    from fixers.missing_config import MissingConfig

    (tmp_path / "Pulumi.yaml").write_text("name: TapStack\nruntime: python\n")
    project = Project.open(tmp_path)
    error = to_deploy_error(f"pulumi.config.ConfigMissingError: Missing required configuration variable '{key}'")
    ctx = FixContext(project=project, stack="ci", region="us-east-1", task=task)
    fixer = MissingConfig()
    return fixer.fix(fixer.match(error, ctx), ctx)


def test_a_required_setting_takes_the_tasks_example_over_a_placeholder_and_is_unsafe(tmp_path):
    from agent.core.fixes import Fix, Safety

    fix = _missing("TapStack:aws:regions", tmp_path, TASK)
    assert isinstance(fix, Fix) and fix.safety is Safety.UNSAFE
    assert yaml.safe_load(fix.edits[0].after)["config"]["TapStack:aws:regions"] == "us-east-1,us-west-2,eu-west-1"
    assert "AWS_REGIONS - comma-separated" in fix.why
    team = _missing("TapStack:teamName", tmp_path, TASK)
    assert yaml.safe_load(team.edits[0].after)["config"]["TapStack:teamName"] == "Nova"


def test_a_secret_is_never_taken_from_the_task_and_safe_defaults_win(tmp_path):
    from agent.core.fixes import Skip

    assert isinstance(_missing("TapStack:dbPassword", tmp_path, TASK), Skip)
    env = _missing("TapStack:environment", tmp_path, "- ENVIRONMENT - like prod\n")
    assert yaml.safe_load(env.edits[0].after)["config"]["TapStack:environment"] == "dev"


def test_an_example_config_section_gives_assigned_values_but_not_placeholders():
    from agent.core.task_statement import stated_example

    example = """## Example Config
- teamName = "TeamName"
- aws:regions = "AWS_REGIONS" - comma-separated
- allowed_ssh_cidr = "203.0.113.0/32" - must be set
- db_backup_retention_days = 7
- `notification_email`: email for SNS alerts
- `owner`: "platform-team"
- vpc_cidr = <your-cidr>
"""
    assert stated_example(example, "allowed_ssh_cidr").value == "203.0.113.0/32"
    assert stated_example(example, "dbBackupRetentionDays").value == "7"
    assert stated_example(example, "owner").value == "platform-team"  # in backticks: a setting's name
    assert stated_example(example, "teamName") is None and stated_example(example, "aws:regions") is None
    assert stated_example(example, "notification_email") is None and stated_example(example, "vpc_cidr") is None


def test_keys_spelled_with_hyphens_or_dots_match_the_same_rules():
    assert default_for("secondary-region", "us-east-1")[0] == "us-west-2"
    assert default_for("notification.email", "us-east-1")[0] == "placeholder@example.com"


def test_the_account_id_is_the_engines_own_or_left_to_a_human():
    from agent.core.fixes import Safety

    assert default_for("account_id", "us-east-1", "123456789012")[::2] == ("123456789012", Safety.SAFE)
    assert default_for("awsAccountId", "us-east-1", "000000000000")[0] == "000000000000"
    value, why, _ = default_for("account_id", "us-east-1", None)
    assert value is None and "does not know" in why
