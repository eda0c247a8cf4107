import pulumi_aws as aws


def build_storage(env):
    return aws.s3.Bucket(f"data-{env}")
