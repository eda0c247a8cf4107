import pulumi_aws as aws

web = aws.ec2.SecurityGroup("web", ingress=[{"protocol": "tcp", "from_port": 80, "to_port": 80, "cidr": "0.0.0.0/0"}])
