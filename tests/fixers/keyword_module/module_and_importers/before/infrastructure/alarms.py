import pulumi_aws as aws

from .lambda import describe


def error_alarm(function):
    return aws.cloudwatch.MetricAlarm("errors", alarm_description=describe(function))
