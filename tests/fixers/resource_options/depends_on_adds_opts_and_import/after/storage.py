import pulumi
import pulumi_aws as aws


def archive(parent):
    return aws.s3.Bucket(
        "archive",
        tags={"team": "data"},
        opts=pulumi.ResourceOptions(parent=parent),
    )
