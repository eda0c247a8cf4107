import pulumi
import pulumi_aws as aws

pulumi.export("bucket", aws.s3.Bucket("logs", block_public_acls=True).id)
