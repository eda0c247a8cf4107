import pulumi_aws as aws

settings = {"vpc": True}
nat_ip = aws.ec2.Eip("nat", **settings)
