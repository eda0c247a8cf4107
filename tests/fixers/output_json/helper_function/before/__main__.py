import json

import pulumi_aws as aws


def read_policy(arn):
    statement = {"Effect": "Allow", "Action": "s3:GetObject", "Resource": arn}
    return json.dumps({"Version": "2012-10-17", "Statement": [statement]})


bucket = aws.s3.Bucket("data")
aws.iam.Policy("read", policy=read_policy(bucket.arn))
