import pulumi_aws as aws

bucket = aws.s3.Bucket("data")
inventory = aws.s3.Inventory(
    "data-inventory",
    bucket=bucket.id,
    included_object_versions="Current",
    schedule=aws.s3.InventoryScheduleArgs(frequency="Daily"),  # daily report
    destination=aws.s3.InventoryDestinationArgs(
        bucket=aws.s3.InventoryDestinationBucketArgs(bucket_arn=bucket.arn, format="CSV"),
    ),
)
