import pulumi_aws as aws

web = aws.ec2.SecurityGroup(
    "web", ingress=[aws.ec2.SecurityGroupIngressArgs(protocol="tcp", from_port="http", to_port="http")]
)
