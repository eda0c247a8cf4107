"""Two public and two private subnets in the VPC."""
import pulumi_aws as aws


def subnets(vpc, vpc_cidr: str, zones: list[str]):
    public, private = [], []
    for i, zone in enumerate(zones):
        public.append(
            aws.ec2.Subnet(
                f"public-{i}",
                vpc_id=vpc.id,
                availability_zone=zone,
                # one /24 per zone
                cidr_block=f"{vpc_cidr[:-4]}{i}.0/24",
            )
        )
        private.append(aws.ec2.Subnet(f"private-{i}", vpc_id=vpc.id, availability_zone=zone, cidr_block=f'{vpc_cidr[:-4]}{i + 10}.0/24'))
    return public, private
