import pulumi
import pulumi_aws as aws

email = pulumi.Config().require("notification_email")
alerts = aws.sns.Topic("alerts")
aws.sns.TopicSubscription("on-call", topic=alerts.arn, protocol="email", endpoint=email)
