import pulumi
import pulumi_aws as aws

config = pulumi.Config()
if not config.get("teamName"):
    raise ValueError("Required configuration 'teamName' is missing")
aws.s3.Bucket(f"{config.get('teamName')}-artifacts")
