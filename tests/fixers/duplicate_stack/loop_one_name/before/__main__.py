import pulumi_aws as aws

for region in ["us-east-1", "us-west-2"]:
    aws.sqs.Queue("jobs", tags={"region": region})
