"""Engines run a project's preview and up on an ephemeral stack and report DeployErrors."""
