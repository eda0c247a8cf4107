import pulumi
import pulumi_aws as aws

aws.rds.Instance("app", identifier=f"App-{pulumi.get_stack()}".lower(), engine="postgres")
