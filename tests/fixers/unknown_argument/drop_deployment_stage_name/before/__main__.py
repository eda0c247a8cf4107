import pulumi_aws as aws

api = aws.apigateway.RestApi("api")
deployment = aws.apigateway.Deployment(
    "deployment",
    rest_api=api.id,
    stage_name="prod",
)
