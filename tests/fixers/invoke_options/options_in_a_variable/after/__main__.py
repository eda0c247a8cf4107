import pulumi
from pulumi import ResourceOptions
import pulumi_aws as aws


def network(region: str, opts: ResourceOptions):
    vpc = aws.ec2.Vpc(f"vpc-{region}", cidr_block="10.0.0.0/16", opts=opts)
    zones = aws.get_availability_zones(state="available", opts=pulumi.InvokeOptions(parent=opts.parent, provider=opts.provider))
    region = aws.get_region(opts=pulumi.InvokeOptions(parent=opts.parent, provider=opts.provider))
    return vpc, zones, region


network("us-west-2", ResourceOptions(provider=aws.Provider("west", region="us-west-2")))
