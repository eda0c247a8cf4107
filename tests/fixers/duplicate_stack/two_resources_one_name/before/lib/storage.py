import pulumi_aws as aws


def create_storage():
    raw = aws.s3.Bucket("app-data", force_destroy=True)
    curated = aws.s3.Bucket("app-data", tags={"tier": "curated"})
    return raw, curated


create_storage()
