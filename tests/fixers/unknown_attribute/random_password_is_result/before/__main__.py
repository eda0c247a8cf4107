import pulumi
import pulumi_aws as aws
import pulumi_random as random

password = random.RandomPassword("db-password", length=24, special=False)

db = aws.rds.Instance(
    "db",
    engine="postgres",
    instance_class="db.t3.micro",
    allocated_storage=20,
    username="app",
    password=password.random_password,  # the generated password
)
pulumi.export("password", pulumi.Output.secret(password.random_password))
