import pulumi_aws as aws
from pulumi_aws import s3

artifacts = aws.s3.Bucket(
    "artifacts",
    tags={"Team": "build"},
)
artifacts_public_access_block = aws.s3.BucketPublicAccessBlock(
    "artifacts-public-access-block",
    bucket=artifacts.id,
    block_public_acls=True,
    restrict_public_buckets=True,
)
reports = s3.Bucket("reports")
reports_public_access_block = s3.BucketPublicAccessBlock("reports-public-access-block", bucket=reports.id, block_public_policy=True, ignore_public_acls=True)
