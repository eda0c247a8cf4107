import pulumi_aws as aws

bucket = aws.iam.Bucket("data", bucket="my-data", force_destroy=True)
