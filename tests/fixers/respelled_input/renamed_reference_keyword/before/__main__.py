import pulumi_aws as aws

api = aws.apigateway.RestApi("orders")

# inputs named as in the REST API's CloudFormation docs
aws.apigateway.RequestValidator(
    "body",
    validate_request_body=True,
    rest_api_id=api.id,
)
aws.apigateway.RequestValidator("params", rest_api_id=api.id, validate_request_parameters=True)
