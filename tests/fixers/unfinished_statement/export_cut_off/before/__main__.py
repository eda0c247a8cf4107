import pulumi
import pulumi_aws as aws

bucket = aws.s3.Bucket("data")
pulumi.export("bucket", bucket.id)
pulumi.export("name_
