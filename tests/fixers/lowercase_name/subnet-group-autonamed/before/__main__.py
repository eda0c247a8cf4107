import pulumi
import pulumi_aws as aws

stage = pulumi.get_stack()  # "Prod" on the production stack
# the group has no name=: pulumi-aws derives it from the logical name
subnets = aws.rds.SubnetGroup(
    f"db-subnets-{stage}",
    subnet_ids=["subnet-1", "subnet-2"],
)
