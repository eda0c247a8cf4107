"""A queue and a topic in each region."""
import pulumi
import pulumi_aws as aws

from components.queues import queue_in
from components.topics import topic_in

for region in ["us-east-1", "us-west-2"]:
    queue_in(region)
    topic_in(region)
    aws.s3.Bucket(f"logs-{region}", opts=pulumi.ResourceOptions(provider=aws.Provider(f"aws-{region}", region=region)))
