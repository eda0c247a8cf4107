"""The shop's storage."""
import pulumi
import pulumi_aws as aws


def main():
    bucket = aws.s3.Bucket("logs")
    pulumi.export("bucket", bucket.id)
