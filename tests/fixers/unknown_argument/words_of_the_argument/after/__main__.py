import pulumi_aws as aws

uploads = aws.s3.Bucket("uploads")
jobs = aws.sqs.Queue("jobs")
aws.s3.BucketNotification(
    "uploads-to-jobs",
    bucket=uploads.id,
    queues=[{"queue_arn": jobs.arn, "events": ["s3:ObjectCreated:*"]}],
)
