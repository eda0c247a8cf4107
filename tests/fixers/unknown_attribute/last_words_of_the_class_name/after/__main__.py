import pulumi
import pulumi_aws as aws

cpu = aws.cloudwatch.MetricAlarm(
    "cpu",
    comparison_operator="GreaterThanThreshold",
    evaluation_periods=2,
    metric_name="CPUUtilization",
    namespace="AWS/EC2",
    period=300,
    statistic="Average",
    threshold=80,
)
pulumi.export("alarm", cpu.name)
