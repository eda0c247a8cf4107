import pulumi
import pulumi_aws as aws

HANDLER = """
def main(event, context):
    return {"received": len(event.get("Records", []))}
"""


def ingest_function(name, role):
    return aws.lambda_.Function(
        f"{name}-function",
        runtime="python3.12",
        handler="index.main",
        role=role.arn,
        code=pulumi.AssetArchive({"index.py": pulumi.StringAsset(HANDLER)}),
    )
