"""The nightly job: documents, CI formats, history, dashboard and resilience around `remediate batch`."""
