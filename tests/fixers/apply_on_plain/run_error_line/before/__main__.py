import pulumi
import pulumi_aws as aws

config = pulumi.Config()
env = config.get("env") or "dev"
bucket = aws.s3.Bucket("logs")
pulumi.export("upper", env.apply(lambda e: e.upper()))
pulumi.export("name", bucket.id.apply(lambda n: n.upper()))
