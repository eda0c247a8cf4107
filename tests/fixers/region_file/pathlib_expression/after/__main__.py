from pathlib import Path

import pulumi as p
import pulumi_aws as aws

region = p.Config("aws").get("region") or "us-east-1"  # written by CI
bucket = aws.s3.Bucket("logs", opts=p.ResourceOptions(provider=aws.Provider("aws", region=region)))
p.export("region", region)
