import pulumi_aws as aws

aws.rds.Instance(
    "legacy",
    identifier="legacy",
    engine="postgres",
    engine_version="9.6.24",
    instance_class="db.t3.micro",
    allocated_storage=20,
)
