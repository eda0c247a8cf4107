import pulumi_aws as aws

with open("lib/AWS_REGION") as handle:
    region = handle.read().strip()

aws.s3.Bucket("logs", tags={"region": region})
