import pulumi
import pulumi_aws as aws

config = pulumi.Config()

aws.rds.Instance(
    "app",
    engine="postgres",
    instance_class="db.t4g.micro",
    allocated_storage=20,
    username=config.require("dbUser"),
    password=config.require_secret("dbPassword"),
    tags={"owner": "admin"},
)
