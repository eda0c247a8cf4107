import pulumi_aws as aws

zone = aws.route53.Zone("zone", name="payments-dev.example.com")
