"""One provider per name, however many places ask for it (added by remediate, RM027).

A provider's name is its identity in the stack: constructing the same name twice registers its URN
twice. Every construction in the program goes through here and gets the first one made.
"""
import pulumi_aws

_made = {}


def aws_provider(name, **kwargs):
    """The aws.Provider called `name`, made on the first request."""
    if name not in _made:
        _made[name] = pulumi_aws.Provider(name, **kwargs)
    return _made[name]
