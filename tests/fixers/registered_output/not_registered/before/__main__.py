import pulumi
import pulumi_aws as aws


class KMSKey(pulumi.ComponentResource):
    def __init__(self, name, opts=None):
        super().__init__("custom:KMSKey", name, None, opts)
        self.key = aws.kms.Key(f"{name}-key", opts=pulumi.ResourceOptions(parent=self))
        alias = aws.kms.Alias(f"{name}-alias", target_key_id=self.key.key_id, opts=pulumi.ResourceOptions(parent=self))

        # what the stack shows
        self.register_outputs({
            "key": self.key,
            "key_id": self.key.key_id,
            "alias_name": alias.name,
        })


key = KMSKey("data")
aws.sns.Topic("alerts", kms_master_key_id=key.arn_of_key)
