import pulumi_aws as aws

orders = aws.dynamodb.Table(
    "orders",
    hash_key="id",
    attributes=[
        aws.dynamodb.TableAttributeArgs(name="id", type="S"),
        aws.dynamodb.TableAttributeArgs(name="customer", type="S"),
    ],
    global_secondary_indexes=[
        aws.dynamodb.TableGlobalSecondaryIndexArgs(name="by-customer", hash_key="customer"),  # lookups by customer
    ],
    billing_mode="PAY_PER_REQUEST",
)
