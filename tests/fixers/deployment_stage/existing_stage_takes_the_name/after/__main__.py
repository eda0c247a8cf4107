import pulumi_aws as aws
from pulumi_aws import apigateway

api = aws.apigateway.RestApi("api")
deployment = apigateway.Deployment("d", rest_api=api.id)
stage = apigateway.Stage("s", rest_api=api.id, deployment=deployment.id, stage_name="prod")
unused = aws.apigateway.Deployment("unused", rest_api=api.id)
