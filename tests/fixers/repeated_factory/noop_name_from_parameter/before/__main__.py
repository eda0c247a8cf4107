import pulumi_aws as aws

import alerts

aws.cloudwatch.MetricAlarm("cpu", alarm_actions=[alerts.alert_topic("Alerts").arn], comparison_operator="GreaterThanThreshold", evaluation_periods=1)
aws.cloudwatch.MetricAlarm("disk", alarm_actions=[alerts.alert_topic("Alerts").arn], comparison_operator="GreaterThanThreshold", evaluation_periods=1)
