import pulumi
from pulumi_aws import sqs

queue = sqs.Queue("jobs")
pulumi.export("account", pulumi.Config("aws").require("account_id"))
