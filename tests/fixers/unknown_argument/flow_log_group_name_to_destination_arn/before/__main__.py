import pulumi_aws as aws

vpc = aws.ec2.Vpc("main", cidr_block="10.0.0.0/16")
logs = aws.cloudwatch.LogGroup("flow-logs", retention_in_days=30)
role = aws.iam.Role("flow-logs", assume_role_policy="{}")
aws.ec2.FlowLog(
    "vpc-flow-log",
    vpc_id=vpc.id,
    traffic_type="ALL",
    iam_role_arn=role.arn,
    log_group_name=logs.name,  # CloudWatch Logs destination
)
