from alarms import error_alarm

error_alarm("ingest")
