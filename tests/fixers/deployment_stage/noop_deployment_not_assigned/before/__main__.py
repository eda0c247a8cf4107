import pulumi_aws as aws

api = aws.apigateway.RestApi("api")
aws.apigateway.Deployment("d", rest_api=api.id, stage_name="prod")
