import pulumi_aws as aws

from ..shared.labels import labels


def make_queue(name):
    return aws.sqs.Queue(name, tags=labels())
