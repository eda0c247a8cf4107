import pulumi_aws as aws


def build(name):
    gateway = aws.apigateway.RestApi(name)
    bucket = aws.s3.Bucket(f"{name}-assets")
    items = aws.apigateway.Resource(f"{name}-items", parent_id=gateway.root_resource_id, path_part="items")
    aws.apigateway.Method(
        f"{name}-get",
        resource_id=items.id,
        http_method="GET",
        authorization="NONE",
    )
    return bucket


build("shop")
