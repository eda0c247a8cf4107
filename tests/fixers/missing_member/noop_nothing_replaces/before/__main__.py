import pulumi_aws as aws

bucket = aws.s3.Bucket("data")
widget = aws.s3.BucketMagicWidget("magic", bucket=bucket.id)
