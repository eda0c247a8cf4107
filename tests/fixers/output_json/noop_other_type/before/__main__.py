import json

import pulumi_aws as aws

bucket = aws.s3.Bucket("data")
policy = aws.iam.Policy(
    "read",
    policy=json.dumps({"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": bucket.arn}]}, indent=2),
    description=json.dumps("static"),
)
