"""The setup an answer documents for itself becomes config defaults of the materialized project."""

import yaml

from agent.intake.instructions import documented_config, with_config_defaults
from agent.intake.materialize import materialize

STEPS = """\
## Deploy

```bash
pulumi stack init dev
pulumi config set aws:region us-east-1
pulumi config set environmentSuffix <your-suffix>
pulumi config set owner <your-team>
$ pulumi config set --secret dbPassword 'S3cure pass!'   # pick your own
pulumi config set -s prod instanceType t3.large
pulumi config set --path 'tags.owner' team
pulumi config set instanceType t3.micro
pulumi config set TapStack:team payments
```
"""


def test_documented_values_are_read_placeholders_filled_only_with_safe_defaults():
    assert documented_config(STEPS) == {
        "aws:region": "us-east-1",
        "environmentSuffix": "dev",  # the conventional suffix; the owner placeholder has no safe value
        "dbPassword": "S3cure pass!",
        "instanceType": "t3.large",  # the first documented value wins
        "TapStack:team": "payments",
    }


def test_defaults_join_pulumi_yaml_config_without_overriding_it():
    settings = "name: TapStack\nruntime: python\nconfig:\n  instanceType: m5.large\n"
    merged = yaml.safe_load(with_config_defaults(settings, documented_config(STEPS)))
    assert merged["config"] == {
        "instanceType": "m5.large",
        "aws:region": {"value": "us-east-1"},
        "environmentSuffix": {"default": "dev"},
        "dbPassword": {"default": "S3cure pass!"},
        "team": {"default": "payments"},  # the project's own namespace is implied
    }


def test_text_without_config_steps_leaves_pulumi_yaml_as_written():
    settings = "name: x  # keep this comment\nruntime: python\n"
    assert with_config_defaults(settings, documented_config("pulumi up --yes")) == settings


def test_materialized_project_carries_the_documented_config(tmp_path):
    case = tmp_path / "case"
    case.mkdir()
    (case / "MODEL_RESPONSE.md").write_text(
        "## File: __main__.py\n\n```python\nimport pulumi\n\npulumi.export('x', pulumi.Config().require('team'))\n```\n\n"
        "```bash\npulumi config set team payments\n```\n"
    )
    root = materialize(case, tmp_path / "out").root
    settings = yaml.safe_load((root / "Pulumi.yaml").read_text())
    assert settings["config"] == {"team": {"default": "payments"}}


def test_the_dev_stack_file_of_the_answer_gives_its_config(tmp_path):
    case = tmp_path / "case"
    case.mkdir()
    (case / "MODEL_RESPONSE.md").write_text(
        "## File: __main__.py\n\n```python\nimport pulumi\n\npulumi.export('n', pulumi.Config().require_int('asgMinSize'))\n```\n\n"
        '## File: Pulumi.prod.yaml\n\n```yaml\nconfig:\n  their-project:asgMinSize: "3"\n```\n\n'
        '## File: Pulumi.dev.yaml\n\n```yaml\nconfig:\n  their-project:asgMinSize: "1"\n  their-project:multiAz: false\n'
        "  their-project:dbPassword:\n    secure: AAABAx\n  aws:region: eu-west-1\n```\n\n"
        "```bash\npulumi config set multiAz true\n```\n"
    )
    made = materialize(case, tmp_path / "out")
    settings = yaml.safe_load((made.root / "Pulumi.yaml").read_text())
    assert settings["config"] == {
        "asgMinSize": {"default": "1"},  # the answer's namespace is not this project's name: taken as its own keys
        "multiAz": {"default": "true"},  # an explicit step wins over the stack file
        "aws:region": {"value": "eu-west-1"},  # a provider key keeps its namespace; the secret is left to the run
    }
    assert "config asgMinSize = '1' from the answer's Pulumi.dev.yaml" in made.notes
    assert "config multiAz = 'true' from the answer's own `pulumi config set` steps" in made.notes
