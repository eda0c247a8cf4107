import pulumi_aws as aws

logs_bucket = aws.s3.Bucket("logs")
data_bucket = aws.s3.Bucket("data")

# versioning for the log archive only
aws.s3.BucketVersioningV2(
    "logs-bucket-versioning",
    versioning_configuration={"status": "Enabled"},
)
