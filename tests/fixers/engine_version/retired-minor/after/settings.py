DB = {"version": '15.10', "family": "aurora-postgresql15", "label": "15.3.x"}
