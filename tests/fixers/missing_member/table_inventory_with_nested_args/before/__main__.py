import pulumi_aws as aws

bucket = aws.s3.Bucket("data")
inventory = aws.s3.BucketInventory(
    "data-inventory",
    bucket=bucket.id,
    included_object_versions="Current",
    schedule=aws.s3.BucketInventoryScheduleArgs(frequency="Daily"),  # daily report
    destination=aws.s3.BucketInventoryDestinationArgs(
        bucket=aws.s3.BucketInventoryDestinationBucketArgs(bucket_arn=bucket.arn, format="CSV"),
    ),
)
