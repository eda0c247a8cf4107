import pulumi
import pulumi_aws as aws

config = pulumi.Config()
vpc = aws.ec2.get_vpc(vpc_id=config.require("vpcId"))
pulumi.export("cidr", vpc.cidr_block)
