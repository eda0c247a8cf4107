import pulumi_aws as aws

with open("lambda/handler.zip", "rb") as f:
    code = f.read()
aws.s3.BucketObject("code", bucket="artifacts", content=code.decode())
