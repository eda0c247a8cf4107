import pulumi_aws as aws

cni = aws.eks.Addon("vpc-cni", cluster_name="apps", addon_name="vpc-cni", resolve_conflicts="OVERWRITE")
dns = aws.eks.Addon("coredns", cluster_name="apps", addon_name="coredns", resolve_conflicts="PRESERVE")
