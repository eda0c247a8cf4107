import pulumi
import pulumi_aws as aws


class Api(pulumi.ComponentResource):
    def __init__(self, name: str):
        super().__init__("demo:Api", name)
        self.api = aws.apigateway.RestApi(name, opts=pulumi.ResourceOptions(parent=self))
        self.deployment = aws.apigateway.Deployment(name, rest_api=self.api.id, opts=pulumi.ResourceOptions(parent=self))
        self._create_stage(name)
        self.register_outputs({"url": self.deployment.invoke_url})

    def _create_stage(self, name: str):
        self.stage = aws.apigateway.Stage(name, rest_api=self.api.id, deployment=self.deployment.id, stage_name="v1")


Api("orders")
