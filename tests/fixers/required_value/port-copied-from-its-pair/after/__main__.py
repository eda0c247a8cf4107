import pulumi_aws as aws

aws.ec2.SecurityGroup(
    "web",
    ingress=[aws.ec2.SecurityGroupIngressArgs(protocol="tcp", to_port=443, cidr_blocks=["10.0.0.0/8"], from_port=443)],
)
