import pulumi
import pulumi_aws as aws


def queue_in(region):
    return aws.sqs.Queue(f"jobs-{region}", opts=pulumi.ResourceOptions(provider=get_region_provider(region)))


def get_region_provider(region):
    """Get the AWS provider for a specific region."""
    return aws.Provider(f"aws-{region}", region=region)
