import pulumi
import pulumi_aws as aws


def named(kind):
    return f"shop-{kind}"


api = aws.apigateway.RestApi(named("api"))
deployment = aws.apigateway.Deployment(
    named("deployment"),
    rest_api=api.id
)
deployment_stage = aws.apigateway.Stage(
    named("deployment") + "-stage",
    rest_api=api.id,
    deployment=deployment.id,
    stage_name="v1"
)
pulumi.export("url", deployment_stage.invoke_url)
