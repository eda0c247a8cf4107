import pulumi_aws as aws

api = aws.apigateway.RestApi("api")

method = aws.apigateway.Method(
    f"method-get-{api.root_resource_id}",
    rest_api=api.id,
    resource_id=api.root_resource_id,
    http_method="GET",
    authorization="NONE",
)
