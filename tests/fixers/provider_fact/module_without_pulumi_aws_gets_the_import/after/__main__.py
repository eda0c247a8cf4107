import pulumi
import pulumi_aws
from pulumi_aws import sqs

queue = sqs.Queue("jobs")
pulumi.export("account", pulumi_aws.get_caller_identity().account_id)
