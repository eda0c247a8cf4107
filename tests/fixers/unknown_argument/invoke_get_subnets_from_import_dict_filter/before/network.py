from pulumi_aws.ec2 import get_subnets


def subnet_ids(vpc_id):
    return get_subnets(vpc_id=vpc_id, tags={"Tier": "public"}).ids
