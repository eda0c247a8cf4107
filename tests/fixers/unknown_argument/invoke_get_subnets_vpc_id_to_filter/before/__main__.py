import pulumi_aws as aws

default_vpc = aws.ec2.get_vpc(default=True)
subnets = aws.ec2.get_subnets(vpc_id=default_vpc.id)
private = aws.ec2.get_subnets_output(
    vpc_id=default_vpc.id,
    filters=[{"name": "tag:Tier", "values": ["private"]}],
)

group = aws.autoscaling.Group("web", vpc_zone_identifiers=subnets.ids, max_size=2, min_size=1)
