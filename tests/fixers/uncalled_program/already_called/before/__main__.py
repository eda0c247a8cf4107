import pulumi
import pulumi_aws as aws


def main(enabled):
    if enabled:
        aws.s3.Bucket("logs")


main(pulumi.Config().get_bool("enabled"))
