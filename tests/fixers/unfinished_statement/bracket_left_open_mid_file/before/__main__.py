import pulumi_aws as aws

bucket = aws.s3.Bucket(
    "data",
    tags={"team": "web"},

logs = aws.s3.Bucket("logs")
