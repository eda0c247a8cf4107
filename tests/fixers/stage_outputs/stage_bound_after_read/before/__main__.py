import pulumi
import pulumi_aws as aws

api = aws.apigateway.RestApi("orders")
deployment = aws.apigateway.Deployment("orders", rest_api=api.id)
pulumi.export("url", deployment.invoke_url)
stage = aws.apigateway.Stage("prod", rest_api=api.id, deployment=deployment.id, stage_name="prod")
