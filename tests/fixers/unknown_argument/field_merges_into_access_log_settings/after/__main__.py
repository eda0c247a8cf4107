import json

import pulumi_aws as aws

logs = aws.cloudwatch.LogGroup("api-logs")
stage = aws.apigateway.Stage(
    "prod",
    rest_api="api-123",
    deployment="dep-123",
    stage_name="prod",
    access_log_settings=aws.apigateway.StageAccessLogSettingsArgs(destination_arn=logs.arn, format=json.dumps({"requestId": "$context.requestId"})),
)
