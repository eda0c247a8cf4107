import pulumi_aws as aws
from pulumi_aws import s3

artifacts = aws.s3.Bucket(
    "artifacts",
    public_access_block=aws.s3.BucketPublicAccessBlockArgs(
        block_public_acls=True,
        restrict_public_buckets=True,
    ),
    tags={"Team": "build"},
)
reports = s3.Bucket("reports", public_access_block={"block_public_policy": True, "ignore_public_acls": True})
