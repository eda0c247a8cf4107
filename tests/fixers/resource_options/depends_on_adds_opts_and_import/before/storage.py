import pulumi_aws as aws


def archive(parent):
    return aws.s3.Bucket(
        "archive",
        parent=parent,
        tags={"team": "data"},
    )
