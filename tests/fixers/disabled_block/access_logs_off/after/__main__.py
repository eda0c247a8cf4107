import pulumi_aws as aws

alb = aws.lb.LoadBalancer(
    "web",
    load_balancer_type="application",
    subnets=["subnet-1", "subnet-2"],
    enable_deletion_protection=False,
    tags={"Name": "web"},
)
