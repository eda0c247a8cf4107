import pulumi_aws as aws
from pulumi_aws import logs, s3

group = logs.LogGroup("app", retention_in_days=14)
bucket = s3.Bucket("archive")
