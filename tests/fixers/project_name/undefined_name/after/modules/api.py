import pulumi
import pulumi_aws as aws
from config import aws_region as AWS_REGION, api_name as API_NAME, tags


def create_api():
    api = aws.apigateway.RestApi(API_NAME, tags=tags)
    endpoint = pulumi.Output.concat("https://", api.id, ".execute-api.", AWS_REGION, ".amazonaws.com/")
    return api, endpoint
