import pulumi_aws as aws


def make_bucket(name):
    return aws.s3.Bucket(name)
