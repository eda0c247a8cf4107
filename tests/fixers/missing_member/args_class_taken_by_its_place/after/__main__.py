import pulumi_aws as aws

results = aws.dynamodb.Table(
    "results",
    hash_key="image_id",
    attributes=[
        aws.dynamodb.TableAttributeArgs(name="image_id", type="S"),
        aws.dynamodb.TableAttributeArgs(name="status", type="S"),
    ],
    global_secondary_indexes=[
        aws.dynamodb.TableGlobalSecondaryIndexArgs(name="by-status", hash_key="status", projection_type="ALL"),
    ],
    billing_mode="PAY_PER_REQUEST",
)
