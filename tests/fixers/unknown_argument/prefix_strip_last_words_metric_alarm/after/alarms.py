import pulumi_aws as aws


def error_alarm(function_name):
    return aws.cloudwatch.MetricAlarm(
        f"{function_name}-errors",
        name=f"{function_name}-errors",
        comparison_operator="GreaterThanThreshold",
        evaluation_periods=1,
        metric_name="Errors",
        namespace="AWS/Lambda",
        period=300,
        statistic="Sum",
        threshold=0,
        dimensions={"FunctionName": function_name},
    )
