import pulumi_aws as aws

api = aws.apigateway.RestApi("api")


def method(resource_id, verb):
    return aws.apigateway.Method(
        f"method-{verb.lower()}-{resource_id}",
        rest_api=api.id,
        resource_id=resource_id,
        http_method=verb,
        authorization="NONE",
    )


method(api.root_resource_id, "GET")
method(api.root_resource_id, "GET")
