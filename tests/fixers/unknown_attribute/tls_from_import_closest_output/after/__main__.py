import pulumi
from pulumi_tls import PrivateKey

key = PrivateKey("deploy-key", algorithm="ED25519")
pulumi.export("public_key", key.public_key_openssh)
