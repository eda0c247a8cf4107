import pulumi
import pulumi_aws as aws


def payment_api(region):
    api = aws.apigatewayv2.Api(f"payments-{region}", protocol_type="HTTP")
    stage = aws.apigatewayv2.Stage(f"prod-{region}", api_id=api.id, name="prod", auto_deploy=True)
    stage.api_id_output = api.id
    return stage


pulumi.export("url", payment_api("us-east-1").invoke_url)
