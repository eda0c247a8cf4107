import pulumi_aws as aws

fn = aws.lambda_.Function("api", role="arn:aws:iam::123456789012:role/x", runtime="python3.12", handler="h.h", code=None)

# keep five warm for the morning peak
aws.lambda_.ProvisionedConcurrencyConfig(
    "warm",
    function_name=fn.name,
    qualifier=fn.version,
    provisioned_concurrency_units=5,
)
