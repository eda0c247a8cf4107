from pulumi import ResourceOptions
import pulumi_aws as aws


def network(region: str, opts: ResourceOptions):
    vpc = aws.ec2.Vpc(f"vpc-{region}", cidr_block="10.0.0.0/16", opts=opts)
    zones = aws.get_availability_zones(state="available", opts=opts)
    region = aws.get_region(opts=opts)
    return vpc, zones, region


network("us-west-2", ResourceOptions(provider=aws.Provider("west", region="us-west-2")))
