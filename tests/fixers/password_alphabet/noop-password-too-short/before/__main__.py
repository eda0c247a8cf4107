import pulumi_aws as aws

from lib.secrets import Secrets

secrets = Secrets()
db = aws.rds.Instance(
    "orders",
    engine="postgres",
    instance_class="db.t3.micro",
    allocated_storage=20,
    username="orders",
    password=secrets.db_password.result,
    skip_final_snapshot=True,
)
