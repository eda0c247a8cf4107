import pulumi_aws as aws

logs = aws.s3.Bucket("logs", force_destroy=True)
logs_name = logs.bucket
