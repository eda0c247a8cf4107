import pulumi_aws as aws

MAJOR, MINOR = 15, 4

aws.rds.Instance(
    "app",
    identifier="app",
    engine="postgres",
    engine_version=f"{MAJOR}.{MINOR}",
    instance_class="db.t3.micro",
    allocated_storage=20,
)
