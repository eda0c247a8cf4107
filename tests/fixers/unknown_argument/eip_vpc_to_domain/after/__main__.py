import pulumi_aws as aws

import network  # noqa: F401

bastion_ip = aws.ec2.Eip("bastion", domain="vpc", tags={"Name": "bastion"})
