import pulumi
import pulumi_aws as aws


class Api(pulumi.ComponentResource):
    def __init__(self, name, opts=None):
        super().__init__("x:Api", name, None, opts)
        self.deployment = None  # set below
        self.api = aws.apigateway.RestApi(f"{name}-api")
        # deploy it
        self.deployment = aws.apigateway.Deployment(
            f"{name}-deployment",
            rest_api=self.api.id,
            opts=pulumi.ResourceOptions(parent=self, depends_on=[self.api]),
        )  # trailing
        self.deployment_stage = aws.apigateway.Stage(
            f"{name}-deployment-stage",
            rest_api=self.api.id,
            deployment=self.deployment.id,
            stage_name="v1",
            description="first",
            opts=pulumi.ResourceOptions(parent=self),
        )
        self.plan = aws.apigateway.UsagePlan(
            f"{name}-plan",
            api_stages=[{"api_id": self.api.id, "stage": self.deployment_stage.stage_name}],
        )
        pulumi.export("url", self.deployment_stage.invoke_url)
