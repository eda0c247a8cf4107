import pulumi
import pulumi_aws as aws

aws_config = pulumi.Config("aws")
region = aws_config.require("region")
account_id = aws_config.require("account_id")  # the deploying account

queue_arn = pulumi.Output.concat("arn:aws:sqs:", region, ":", account_id, ":jobs")
pulumi.export("queue_arn", queue_arn)
