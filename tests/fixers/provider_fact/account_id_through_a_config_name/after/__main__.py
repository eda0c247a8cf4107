import pulumi
import pulumi_aws as aws

aws_config = pulumi.Config("aws")
region = aws_config.require("region")
account_id = aws.get_caller_identity().account_id  # the deploying account

queue_arn = pulumi.Output.concat("arn:aws:sqs:", region, ":", account_id, ":jobs")
pulumi.export("queue_arn", queue_arn)
