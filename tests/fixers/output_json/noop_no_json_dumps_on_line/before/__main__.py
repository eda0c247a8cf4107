import json

import pulumi_aws as aws

bucket = aws.s3.Bucket("data")
policy = json.dumps({"Resource": bucket.arn})
