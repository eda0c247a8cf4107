import pulumi_aws as aws


def get_subnets(vpc):
    return aws.ec2.get_subnets(filters=[{"name": "vpc-id", "values": [vpc]}])


subnets = get_subnets(vpc_id="vpc-0123456789abcdef0")
