import pulumi_aws as aws

api = aws.apigateway.RestApi(
    "orders-api",
    endpoint_configuration=aws.apigateway.RestApiEndpointConfigurationArgs(types=["EDGE", "REGIONAL"]),
)
