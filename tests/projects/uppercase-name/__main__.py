import pulumi
import pulumi_aws as aws

env = pulumi.get_stack()
aws.s3.Bucket("assets", bucket=f"Assets-{env}")
aws.rds.SubnetGroup("db", name="Reporting-Subnets", subnet_ids=["subnet-1", "subnet-2"])
