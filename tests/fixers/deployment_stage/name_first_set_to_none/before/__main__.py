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
            stage_name="v1",
            stage_description="first",
            opts=pulumi.ResourceOptions(parent=self, depends_on=[self.api]),
        )  # trailing
        self.plan = aws.apigateway.UsagePlan(
            f"{name}-plan",
            api_stages=[{"api_id": self.api.id, "stage": self.deployment.stage_name}],
        )
        pulumi.export("url", self.deployment.invoke_url)
