import pulumi
from pulumi_aws import lambda_, apigateway, iam

api = apigateway.RestApi("api")
role = iam.Role("fn-role", assume_role_policy="{}")
permission = lambda_.Permission("invoke", action="lambda:InvokeFunction", function="fn", principal="apigateway.amazonaws.com")
