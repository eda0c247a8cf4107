import pulumi_aws as aws

queue = aws.sqs.Queue("jobs")
aws.sqs.QueuePolicy("jobs-policy", queue_url=queue.url)
