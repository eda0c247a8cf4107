import pulumi
import pulumi_aws as aws


def make_queue(name, waits_for):
    return aws.sqs.Queue(name, opts=pulumi.ResourceOptions(depends_on=[waits_for]))


make_queue("jobs", [aws.s3.Bucket("inbox")])
