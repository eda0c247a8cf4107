"""An API and a security group written for pulumi-aws 6, where these inputs were lists."""
import pulumi_aws as aws
from pulumi_aws import apigateway

api = aws.apigateway.RestApi(
    "orders-api",
    endpoint_configuration=aws.apigateway.RestApiEndpointConfigurationArgs(
        types="REGIONAL",  # one endpoint type per API
    ),
)

admin_api = apigateway.RestApi(
    "admin-api",
    endpoint_configuration={"types": "PRIVATE", "vpc_endpoint_ids": ["vpce-0123"]},
)

web = aws.ec2.SecurityGroup(
    "web",
    ingress=[{"protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_blocks": ["10.0.0.0/16"]}],
)
