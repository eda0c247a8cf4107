import pulumi_aws as aws


def create_bucket(name):
    return aws.s3.Bucket(name)
