import pulumi
import pulumi_aws as aws

config = pulumi.Config()
username = config.require("dbUsername")
password = config.require_secret("dbPassword")
db = aws.rds.Instance("db", engine="postgres", instance_class="db.t3.micro", allocated_storage=20,
                      username=username, password=password)
