DB = {"version": '15.3', "family": "aurora-postgresql15", "label": "15.3.x"}
