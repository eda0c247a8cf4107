import pulumi
from pulumi_aws import Provider, sns


def topic_in(region):
    provider = Provider(f"aws-{region}", region=region)
    return sns.Topic(f"alerts-{region}", opts=pulumi.ResourceOptions(provider=provider))
