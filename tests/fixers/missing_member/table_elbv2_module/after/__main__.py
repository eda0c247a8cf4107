from pulumi_aws import ec2, lb as elbv2

alb = elbv2.LoadBalancer("web", load_balancer_type="application", subnets=["subnet-1", "subnet-2"])
targets = elbv2.TargetGroup("web", port=80, protocol="HTTP", vpc_id="vpc-1")
