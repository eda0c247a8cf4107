"""A CloudWatch dashboard for one alarm."""

import pulumi
from pulumi_aws import cloudwatch


def create(name: str) -> cloudwatch.Dashboard:
    alarm = cloudwatch.MetricAlarm(
        f"{name}-errors",
        comparison_operator="GreaterThanThreshold",
        evaluation_periods=1,
        metric_name="Errors",
        namespace="AWS/Lambda",
        period=60,
        statistic="Sum",
        threshold=1,
    )
    body = pulumi.Output.all(alarm.name).apply(lambda args: json.dumps({
        "widgets": [{"type": "alarm", "properties": {"alarms": [args[0]]}}],
    }))
    return cloudwatch.Dashboard(f"{name}-dashboard", dashboard_body=body)
