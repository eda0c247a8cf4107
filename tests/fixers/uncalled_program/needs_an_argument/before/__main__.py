import pulumi_aws as aws


def build(region):
    aws.s3.Bucket(f"logs-{region}")
