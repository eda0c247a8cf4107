import json

import pulumi
import pulumi_aws as aws

bucket = aws.s3.Bucket("data")
pulumi.export("note", f"policy: {json.dumps({'Resource': bucket.arn})}")
