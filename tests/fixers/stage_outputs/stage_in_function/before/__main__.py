import pulumi
import pulumi_aws as aws


def create_api():
    api = aws.apigateway.RestApi("orders")
    deployment = aws.apigateway.Deployment("orders", rest_api=api.id)
    stage = aws.apigateway.Stage("prod", rest_api=api.id, deployment=deployment.id, stage_name="prod")
    pulumi.export("url", deployment.invoke_url)  # the public endpoint
    return api, deployment.execution_arn


create_api()
