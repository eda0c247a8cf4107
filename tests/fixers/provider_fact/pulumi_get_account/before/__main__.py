import pulumi
import pulumi_aws as aws

api = aws.apigateway.RestApi("api")
# Let API Gateway call the function from any stage and method of this API
source_arn = pulumi.Output.concat(
    "arn:aws:execute-api:us-east-1:", pulumi.get_account(), ":", api.id, "/*/*/*"
)
pulumi.export("source_arn", source_arn)
