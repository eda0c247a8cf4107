import pulumi
import pulumi_aws as aws

config = pulumi.Config()
partner_account_id = config.require("account_id")  # the partner account granted access: the project's own setting
owner_account_id = pulumi.Config("aws").get("account_id")  # an optional read: unset, it gives None

bucket = aws.s3.Bucket("shared")
pulumi.export("partner", partner_account_id)
pulumi.export("owner", owner_account_id)
