import pulumi
import pulumi_aws as aws

east = aws.Provider("east", region="us-east-1")
zones = aws.get_availability_zones(state="available", opts=pulumi.InvokeOptions(provider=east))
