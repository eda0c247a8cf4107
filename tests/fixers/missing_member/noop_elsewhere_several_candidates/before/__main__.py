import pulumi_aws as aws

vpc = aws.ec2.Vpc("vpc", cidr_block="10.0.0.0/16")
alb = aws.ec2.LoadBalancer("alb", load_balancer_type="application", internal=False, subnets=[])
