import pulumi_aws as aws

# shared labels live next to the program
from ..utils.labels import labels
from . import naming  # a sibling: left alone


def make_queue(name):
    return aws.sqs.Queue(naming.full(name), tags=labels())
