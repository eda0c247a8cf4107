import pulumi_aws as aws

from buckets import archive

logs = aws.s3.Bucket("logs")
again = aws.s3.Bucket("logs")
