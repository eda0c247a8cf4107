import pulumi_aws as aws

nat_ip = aws.ec2.Eip("nat", vpc=True)
