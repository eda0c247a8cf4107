import pulumi_aws as aws

logs = aws.s3.Bucket("logs")
# pulumi-aws 6 took a list of logging blocks; 7 takes one
site = aws.s3.Bucket(
    "site",
    logging={"target_bucket": logs.id, "target_prefix": "site/"},
)
