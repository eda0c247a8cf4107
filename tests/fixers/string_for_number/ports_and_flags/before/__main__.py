import pulumi_aws as aws

web = aws.ec2.SecurityGroup(
    "web",
    ingress=[
        aws.ec2.SecurityGroupIngressArgs(
            protocol="tcp", from_port="80", to_port="80", cidr_blocks=["0.0.0.0/0"]
        ),
        {"protocol": "tcp", "from_port": "443", "to_port": '443', "cidr_blocks": ["0.0.0.0/0"]},
    ],
)
logs = aws.s3.Bucket("logs", force_destroy="True")
