import pulumi_aws as aws


class Network:
    def __init__(self, name):
        self.vpc_id = aws.ec2.Vpc(name, cidr_block="10.0.0.0/16").id
