import pulumi_aws as aws

bucket = aws.s3.Bucket("data", bucket="my-data", force_destroy=True)
