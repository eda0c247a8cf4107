from pulumi_aws.ec2 import get_subnets


def subnet_ids(vpc_id):
    return get_subnets(filters=[{"name": "vpc-id", "values": [vpc_id]}], tags={"Tier": "public"}).ids
