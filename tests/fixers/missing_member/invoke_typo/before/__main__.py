import pulumi
import pulumi_aws as aws

region = aws.get_resgion()  # where the stack deploys
pulumi.export("endpoint", f"https://execute-api.{region.name}.amazonaws.com")
