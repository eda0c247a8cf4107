"""Access logs named after the bucket they belong to."""
import pulumi
import pulumi_aws as aws

project = "shop"
retention = 14

bucket = aws.s3.BucketV2("assets")

# the log group follows the bucket
logs = aws.cloudwatch.LogGroup(
    f"{project}-logs",
    name=pulumi.Output.concat("/", project, "/", bucket.id, "-logs-", str(retention)),
    retention_in_days=retention,
    tags={"Bucket": pulumi.Output.concat(bucket.bucket), "Project": f"{project}"},
)
