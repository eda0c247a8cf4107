import pulumi
import pulumi_aws as aws

east = aws.Provider("east", region="us-east-1")
vpc = aws.ec2.get_vpc(default=True, opts=pulumi.ResourceOptions(provider=east))
zones = aws.get_availability_zones(
    state="available",
    opts=pulumi.ResourceOptions(provider=east, depends_on=[east]),
)
