import pulumi_aws as aws

rules = [aws.ec2.SecurityGroupIngressArgs(protocol="tcp", from_port=80, to_port=80, cidr_blocks=["0.0.0.0/0"])]
web = aws.ec2.SecurityGroup("web", ingress=rules, tags={"Name": "web"})
