import pulumi_aws as aws

queue = aws.sqs.Queue(
    "jobs",
    visibility_timeout_seconds=60,
    tags={
        "team": "web",
        "owner": f"{aws.get_caller_identity().account_id
