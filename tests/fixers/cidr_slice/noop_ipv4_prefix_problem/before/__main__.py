import pulumi_aws as aws

from lib.network import subnets

vpc = aws.ec2.Vpc("main", cidr_block="10.2.0.0/16")
subnets(vpc, "10.2.0.0/16", ["us-east-1a", "us-east-1b"])
