import pulumi
import pulumi_aws as aws

config = pulumi.Config()
allowed = config.get("allowed_cidr")
if not allowed:
    raise pulumi.RunError("Required configuration 'allowed_cidr' is missing")
aws.ec2.SecurityGroup("ssh", ingress=[{"protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_blocks": [allowed]}])
