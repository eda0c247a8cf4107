"""The local engine tells its runner which provider services to import before it forks a phase."""

import subprocess
import sys
from pathlib import Path

from agent.core.project import Project
from agent.engines.local.engine import services_named

ROOT = Path(__file__).resolve().parent.parent


def test_services_are_read_from_every_import_style_and_files_that_do_not_parse_are_skipped(tmp_path):
    (tmp_path / "Pulumi.yaml").write_text("name: p\nruntime: python\n")
    (tmp_path / "__main__.py").write_text(
        "import pulumi_aws as aws\nimport pulumi_aws.ec2 as network\nfrom pulumi_aws import iam\n\naws.s3.Bucket('b')\n"
    )
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "db.py").write_text("from pulumi_aws.rds import Cluster\nimport pulumi\nother = pulumi.Config()\n")
    (tmp_path / "lib" / "broken.py").write_text("import pulumi_aws as aws\naws.dynamodb.Table(\n")
    (tmp_path / "lib" / "local.py").write_text("from .pulumi_aws import lambda_\nimport boto3\nboto3.sqs = None\n")
    assert services_named(Project.open(tmp_path)) == {"s3", "ec2", "iam", "rds"}


def test_importing_services_loads_their_lazy_modules_and_only_loaded_services_count_as_used():
    # pulumi_aws registers every service as a lazy module; introspection (__file__) does not load one
    code = (
        "import pulumi_aws\nfrom agent.engines.local.runner import import_services, used_services\n"
        "before = used_services()\nimport_services(['sqs', 'no_such_service'])\nprint(before, used_services())\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert done.stdout.strip() == "[] ['sqs']"
