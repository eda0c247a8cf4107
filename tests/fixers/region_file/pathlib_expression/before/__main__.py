from pathlib import Path

import pulumi as p
import pulumi_aws as aws

region = Path("lib/AWS_REGION").read_text().strip()  # written by CI
bucket = aws.s3.Bucket("logs", opts=p.ResourceOptions(provider=aws.Provider("aws", region=region)))
p.export("region", region)
