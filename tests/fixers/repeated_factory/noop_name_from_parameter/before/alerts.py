from functools import cache, partial  # noqa: F401

import pulumi_aws as aws

ENV = "dev"


@partial(lambda f: f)
def noop():
    return None


def alert_topic(display):
    return aws.sns.Topic(f"alerts-{display}", display_name=display)
