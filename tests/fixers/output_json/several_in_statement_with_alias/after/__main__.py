from json import dumps

import pulumi
import pulumi_aws as aws

bucket = aws.s3.Bucket("data")
pulumi.export("docs", [pulumi.Output.json_dumps({"arn": bucket.arn}), pulumi.Output.json_dumps([bucket.id]), bucket.arn.apply(lambda a: dumps({"a": a}))])
