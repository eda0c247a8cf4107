import pulumi

from modules.storage import build_storage

pulumi.export("bucket", build_storage("dev").id)
