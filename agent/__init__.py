"""remediate: run a Pulumi project, classify its failures, patch the source, retry."""
