from pulumi import ComponentResource, Output
from pulumi_aws import sns


class Alerts(ComponentResource):
    def __init__(self, name: str, opts=None):
        super().__init__("shop:index:Alerts", name, None, opts)
        self.topic = sns.Topic(f"{name}-topic")
        self.rule = sns.TopicSubscription(
            f"{name}-sub",
            topic=self.topic.arn,
            protocol="lambda",
            endpoint=Output.concat(self.topic.arn, ":handler"),
        )


Alerts("alerts")
