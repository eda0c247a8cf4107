from pulumi import Config
import pulumi_aws

bucket = pulumi_aws.s3.BucketV2("logs", bucket=f"logs-{pulumi_aws.get_caller_identity().account_id}")
