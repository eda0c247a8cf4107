import pulumi_aws as aws


class Site:
    @property
    def url(self):
        return "https://example.net"


site = Site()
site.url = "https://shop.example.net"
aws.s3.Bucket("site")
