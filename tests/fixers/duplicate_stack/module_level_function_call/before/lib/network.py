"""The network of the platform."""
import pulumi
import pulumi_aws as aws


def create_network(suffix: str) -> None:
    vpc = aws.ec2.Vpc(f"main-vpc-{suffix}", cidr_block="10.0.0.0/16")
    aws.ec2.Subnet(f"main-subnet-{suffix}", vpc_id=vpc.id, cidr_block="10.0.1.0/24")
    pulumi.export("vpc_id", vpc.id)


# Deploy
suffix = pulumi.Config().get("environmentSuffix") or "dev"
create_network(suffix)
