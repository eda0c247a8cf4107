import pulumi
from pulumi_aws import sns
from shared_providers import aws_provider


def topic_in(region):
    provider = aws_provider(f"aws-{region}", region=region)
    return sns.Topic(f"alerts-{region}", opts=pulumi.ResourceOptions(provider=provider))
