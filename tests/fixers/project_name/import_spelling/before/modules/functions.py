import pulumi_aws as aws
from settings import REGION_NAME
from config import LAMBDA_MEMORY, LAMBDA_TIMEOUT as timeout


def create_function(tags):
    return aws.lambda_.Function(
        "items",
        runtime="python3.12",
        handler="index.handler",
        role="arn:aws:iam::123456789012:role/items",
        memory_size=LAMBDA_MEMORY,
        timeout=timeout,
        tags={**tags, "Region": REGION_NAME},
    )
