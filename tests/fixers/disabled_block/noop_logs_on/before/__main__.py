import pulumi_aws as aws

alb = aws.lb.LoadBalancer("web", access_logs=aws.lb.LoadBalancerAccessLogsArgs(enabled=True, prefix="web"))
