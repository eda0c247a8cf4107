import pulumi
import pulumi_aws as aws
from pulumi import ResourceOptions

keep = pulumi.Config().get_bool("prevent_destroy") or False

table = aws.dynamodb.Table(
    "orders",
    hash_key="id",
    attributes=[{"name": "id", "type": "S"}],
    opts=ResourceOptions(protect=keep),
)
logs = aws.s3.Bucket("logs", opts=pulumi.ResourceOptions(depends_on=[table], protect=True))
