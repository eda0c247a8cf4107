"""Static checks: what the source shows wrong before any run, as DeployErrors the fixers take."""
