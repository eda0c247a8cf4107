"""Candidate responses in, Pulumi projects out: the answer's code, its documented setup, its task."""
