import pulumi_aws as aws

api = aws.apigateway.RestApi("orders")
aws.apigateway.RequestValidator("body", rest_api=api.id, validator_name="body", validate_request_body=True)
