import pulumi_aws as aws

default_vpc = aws.ec2.get_vpc(default=True)
subnets = aws.ec2.get_subnets(filters=[aws.ec2.GetSubnetsFilterArgs(name="vpc-id", values=[default_vpc.id])])
private = aws.ec2.get_subnets_output(
    filters=[{"name": "tag:Tier", "values": ["private"]}, aws.ec2.GetSubnetsFilterArgs(name="vpc-id", values=[default_vpc.id])],
)

group = aws.autoscaling.Group("web", vpc_zone_identifiers=subnets.ids, max_size=2, min_size=1)
